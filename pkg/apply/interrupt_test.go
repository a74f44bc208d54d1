package apply

// Ctrl-C during apply.

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/plan"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// interruptDoer is Ctrl-C at an exact point: it cancels the apply's context
// as soon as the first write has succeeded, before apply sees the result,
// and counts the calls started after that.
type interruptDoer struct {
	Doer
	outer  context.Context
	cancel context.CancelFunc
	once   sync.Once
	late   atomic.Int32
}

func (d *interruptDoer) Do(ctx context.Context, r zoho.Request) (*zoho.Response, error) {
	if d.outer.Err() != nil {
		d.late.Add(1)
	}
	resp, err := d.Doer.Do(ctx, r)
	if r.Method != "GET" && err == nil {
		d.once.Do(d.cancel)
	}
	return resp, err
}

// TestFaultInterrupt is Ctrl-C: the context is cancelled once the first
// write has completed, while others are in flight. Apply starts no new
// request, lets the running ones finish, reports Interrupted with each
// write that ran as done and every other change skipped, and a rerun
// finishes the job.
func TestFaultInterrupt(t *testing.T) {
	r := newRig(t, emulator.Options{Latency: 15 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	before := r.emu.Snapshot()
	p := r.plan(faultManifests.parse(t), plan.Options{})
	start := len(r.emu.Requests())
	d := &interruptDoer{Doer: r.client, outer: ctx, cancel: cancel}
	rep, err := Apply(ctx, d, p, Options{Observe: r.observeFunc()})
	res := result{Plan: p, Report: rep, Err: err, Log: r.emu.Requests()[start:]}
	checkSafe(t, before, r.emu.Snapshot(), p)
	if err != nil || !rep.Interrupted || rep.OK() || rep.Verified {
		t.Fatalf("err %v; report: interrupted %v, OK %v, verified %v:\n%s", err, rep.Interrupted, rep.OK(), rep.Verified, describe(res))
	}
	if n := d.late.Load(); n > 0 {
		t.Errorf("%d calls started after the interrupt", n)
	}
	counts := map[Status]int{}
	for _, o := range rep.Outcomes {
		counts[o.Status]++
		if o.Status != Skipped && o.Status != doneStatus(o.Action) {
			t.Errorf("%s: %s: %s", o.Key, o.Status, o.Message)
		}
	}
	if counts[Skipped] == 0 || counts[Skipped] == len(rep.Outcomes) {
		t.Errorf("outcomes %v: want some done and the rest skipped", counts)
	}
	// Each write the org processed is a plan request reported done.
	checkBodies(t, res)
	done := 0
	for _, w := range writes(res.Log) {
		if w.Status >= 300 {
			t.Errorf("write %s %s -> %d", w.Method, w.Path, w.Status)
		}
		done++
	}
	if reported := doneRequests(p, rep); reported != done {
		t.Errorf("the org processed %d writes, the report has %d requests done:\n%s", done, reported, describe(res))
	}
	r.rerunUntilConverged(1)
}

// doneRequests counts the plan's requests whose changes are all done.
func doneRequests(p *plan.Plan, rep *Report) int {
	status := map[string]Status{}
	for _, o := range rep.Outcomes {
		status[o.Key.String()] = o.Status
	}
	n := 0
	for _, rq := range p.Requests {
		ok := true
		for _, k := range rq.Changes {
			ok = ok && status[k.String()] != Skipped
		}
		if ok {
			n++
		}
	}
	return n
}
