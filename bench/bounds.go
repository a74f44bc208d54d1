package bench

import (
	"slices"
	"time"

	"github.com/crmsync/crmsync/pkg/plan"
)

// Lower bounds of wall time, in rounds of one call latency. A round is
// one call's latency; with conc calls in flight a round holds up to conc
// calls. Processing time is left out, so a bound is never more than what
// an ideal client could reach.

// WriteRounds is the lower bound of an apply's writes: the writes can go
// no faster than conc at a time, nor faster than their longest chain of
// calls that must follow one another (the critical path): max(ceil(n /
// conc), chain). For the generated manifests the only chain an ideal
// client cannot avoid is new roles under new roles (a create needs its
// parent's ID): Ledger.RoleChain.
func WriteRounds(writes, chain, conc int) int {
	if writes == 0 {
		return 0
	}
	return max(ceilDiv(writes, conc), chain, 1)
}

// PlanChain is the critical path of a plan's request graph: the longest
// chain of requests each of which waits for the one before, through After
// (a dependency) or Wait (an order: deletes go after every other write).
func PlanChain(p *plan.Plan) int {
	depth := map[int]int{}
	var visit func(id int, seen map[int]bool) int
	byID := map[int]plan.Request{}
	for _, r := range p.Requests {
		byID[r.ID] = r
	}
	visit = func(id int, seen map[int]bool) int {
		if d, ok := depth[id]; ok {
			return d
		}
		if seen[id] { // a cycle: apply would skip it; count it once
			return 0
		}
		seen[id] = true
		d := 0
		for _, a := range append(slices.Clone(byID[id].After), byID[id].Wait...) {
			d = max(d, visit(a, seen))
		}
		depth[id] = d + 1
		return d + 1
	}
	longest := 0
	for _, r := range p.Requests {
		longest = max(longest, visit(r.ID, map[int]bool{}))
	}
	return longest
}

// Duration is rounds × latency.
func Duration(rounds int, latency time.Duration) time.Duration {
	return time.Duration(rounds) * latency
}
