package apply

// Fault tests: the emulator's knobs break requests in the ways Zoho can
// (429 storms, 5xx before or after processing, expired tokens, a
// concurrency limit, Ctrl-C), and each test proves that no data was lost,
// nothing was created twice, nothing was deleted that the plan did not
// delete, and that a rerun converges.

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/plan"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// faultManifests touch every kind and every write endpoint: two new roles
// (one under the other), a role update and a role delete; a contact-role
// rename and reorder (one bulk PUT), a new contact role and a deleted one;
// the Deals locking configuration; a module's profiles.
var faultManifests = manifestSet{dealsStep2, marketingModule, `apiVersion: crmsync/v1
kind: Role
name: Inside Sales
reporting_to: Sales department Head
description: Sells by phone
---
apiVersion: crmsync/v1
kind: Role
name: Phone Sales
reporting_to: Inside Sales
---
apiVersion: crmsync/v1
kind: Role
name: Manager
reporting_to: CEO
description: Runs support
---
apiVersion: crmsync/v1
kind: Role
name: Support Agent
absent: true
transfer_to: Manager
`, contactRoles + `---
apiVersion: crmsync/v1
kind: ContactRole
name: Partner
sequence_number: 10
---
apiVersion: crmsync/v1
kind: ContactRole
name: Other
absent: true
`}

// faultWrites is the number of write calls the fault manifests plan against
// the demo org.
const faultWrites = 9

// checkFaultTarget asserts the state the fault manifests ask for.
func checkFaultTarget(t testing.TB, s *emulator.Seed) {
	t.Helper()
	wantParents(t, s, map[string]string{"Inside Sales": "Sales department Head", "Phone Sales": "Inside Sales"})
	if findRole(s, "Support Agent") != nil || findCR(s, "Other") != nil || findCR(s, "Lead") != nil {
		t.Errorf("an object the manifests delete or rename is still there")
	}
	if got := crOf(t, s, "Partner").SequenceNumber; got != 10 {
		t.Errorf("Partner sequence %d", got)
	}
	if c := lockOf(t, s, "Deals"); c.LockType != "both" || ruleNames(c) != "Closed Lost,Closed Won" {
		t.Errorf("Deals: %+v", c)
	}
	if got := refNames(moduleOf(t, s, "Digital_Marketings").Profiles); got != "Administrator,Marketing,Standard" {
		t.Errorf("Digital_Marketings profiles = %s", got)
	}
}

// rerunUntilConverged plans and applies again, at most n times, until the
// plan is empty; each run must be safe. It then switches the faults off
// and proves convergence.
func (r *rig) rerunUntilConverged(n int) {
	r.t.Helper()
	m := faultManifests.parse(r.t)
	for i := 0; ; i++ {
		before := r.emu.Snapshot()
		p, err := r.tryPlan(context.Background(), m, plan.Options{})
		if err != nil {
			r.t.Fatalf("rerun %d: plan: %v", i+1, err)
		}
		if p.Summary.Empty() {
			break
		}
		if i == n {
			r.t.Fatalf("still %+v to do after %d reruns", p.Summary, n)
		}
		res := r.applyPlan(context.Background(), p)
		checkSafe(r.t, before, r.emu.Snapshot(), p)
		if r.t.Failed() {
			r.t.Fatalf("rerun %d:\n%s", i+1, describe(res))
		}
	}
	r.emu.SetFaultRates(0, 0, 0)
	r.emu.SetMaxConcurrent(0)
	r.emu.ClearFailures()
	r.converge(m, plan.Options{})
	checkFaultTarget(r.t, r.emu.Snapshot())
}

// faultRun makes the plan of the fault manifests, applies it, and checks
// that the apply was safe.
func (r *rig) faultRun() result {
	r.t.Helper()
	before := r.emu.Snapshot()
	p := r.plan(faultManifests.parse(r.t), plan.Options{})
	if n := len(p.Requests); n != faultWrites {
		r.t.Fatalf("the fault plan has %d requests, want %d", n, faultWrites)
	}
	res := r.applyPlan(context.Background(), p)
	checkSafe(r.t, before, r.emu.Snapshot(), p)
	return res
}

// statuses counts the logged answers by HTTP status.
func statuses(log []emulator.LoggedRequest) map[int]int {
	out := map[int]int{}
	for _, l := range log {
		out[l.Status]++
	}
	return out
}

func TestFaultFreeBaseline(t *testing.T) {
	r := newRig(t, emulator.Options{})
	res := r.faultRun()
	requireOK(t, res)
	checkBodies(t, res)
	if n := len(writes(res.Log)); n != faultWrites {
		t.Errorf("%d writes, want %d:\n%s", n, faultWrites, logText(writes(res.Log)))
	}
	r.rerunUntilConverged(0)
}

// TestFault429Storm: half of all API calls are answered 429 before they
// are processed; every call is retried until it goes through, so the
// apply succeeds at once and nothing is done twice.
func TestFault429Storm(t *testing.T) {
	r := newRig(t, emulator.Options{Rate429: 0.5, RandSeed: 7}, func(c *zoho.Config) {
		c.Retry.MaxAttempts = 40
	})
	res := r.faultRun()
	requireOK(t, res)
	checkBodies(t, res)
	if statuses(res.Log)[429] == 0 {
		t.Fatalf("no 429 was answered; the storm did not happen")
	}
	if n := len(writes(res.Log)) - statuses(writes(res.Log))[429]; n != faultWrites {
		t.Errorf("%d writes went through, want %d:\n%s", n, faultWrites, logText(writes(res.Log)))
	}
	r.rerunUntilConverged(0)
}

// TestFaultMaxConcurrent: the org allows fewer calls in flight than the
// client makes; the calls beyond the limit get 429 and are retried, and
// the client lowers its width (5, 2, 1) for the rest of the run.
func TestFaultMaxConcurrent(t *testing.T) {
	r := newRig(t, emulator.Options{MaxConcurrent: 1, Latency: 3 * time.Millisecond}, func(c *zoho.Config) {
		c.Concurrency = 5
		c.Retry.MaxAttempts = 60
	})
	res := r.faultRun()
	requireOK(t, res)
	checkBodies(t, res)
	if statuses(r.emu.Requests())[429] == 0 {
		t.Errorf("no 429 was answered; the limit was never reached")
	}
	if w := r.client.Concurrency(); w != 1 {
		t.Errorf("the client still makes %d calls at a time after 429s at an org limit of 1", w)
	}
	r.emu.ResetLog()
	r.rerunUntilConverged(0)
	if n := statuses(r.emu.Requests())[429]; n != 0 {
		t.Errorf("%d answers 429 after the width dropped, want none", n)
	}
}

// TestFault500BeforeProcessing: targeted 500s that the emulator answers
// without processing. A read is retried. A write's outcome is unknown to
// the client, so apply must not repeat it blindly: it reads again,
// re-plans, and sends what is still missing.
func TestFault500BeforeProcessing(t *testing.T) {
	r := newRig(t, emulator.Options{})
	r.emu.FailNext("POST", "/settings/roles", 500, "INTERNAL_ERROR", false)
	r.emu.FailNext("PUT", "/Contacts/roles", 500, "INTERNAL_ERROR", false)
	r.emu.FailNext("PUT", "/settings/record_locking_configurations", 500, "INTERNAL_ERROR", false)
	r.emu.AddFailure(emulator.Failure{Method: "GET", PathPrefix: "/settings/roles", Status: 500, Code: "INTERNAL_ERROR", Times: 2})
	res := r.faultRun()
	requireOK(t, res)
	// Each failed write is sent once more, from the re-plan; the plan's
	// other requests once.
	if n := len(writes(res.Log)); n != faultWrites+3 {
		t.Errorf("%d writes, want %d:\n%s", n, faultWrites+3, logText(writes(res.Log)))
	}
	if n := count(res.Log, "POST", "/settings/roles"); n != 3 {
		t.Errorf("%d role POSTs, want 3 (Inside Sales twice, Phone Sales once)", n)
	}
	reads := 0
	for _, l := range r.emu.Requests() {
		if l.Method == "GET" && l.Status == 500 {
			reads++
		}
	}
	if reads != 2 {
		t.Errorf("%d reads answered 500, want the 2 injected (then retried)", reads)
	}
	r.rerunUntilConverged(0)
}

// TestFault500Storm: random 500s before processing on every call. Reads
// are retried; writes end unknown or failed and are recovered by re-reads,
// re-plans and reruns.
func TestFault500Storm(t *testing.T) {
	r := newRig(t, emulator.Options{Rate500: 0.25, RandSeed: 3}, func(c *zoho.Config) {
		c.Retry.MaxAttempts = 30
	})
	res := r.faultRun()
	for _, o := range res.Report.Outcomes {
		if o.Status == Unknown && !strings.Contains(o.Message, "outcome unknown") && !strings.Contains(o.Message, "no result") {
			t.Errorf("%s: unknown without saying why: %s", o.Key, o.Message)
		}
	}
	r.rerunUntilConverged(8)
}

// TestFaultAppliedThen500: writes that Zoho applies and then answers 500,
// as when the response is lost. Apply must not repeat them blindly: it
// reads again, re-plans, finds them applied and reports them done.
func TestFaultAppliedThen500(t *testing.T) {
	t.Run("creates_and_updates", func(t *testing.T) {
		r := newRig(t, emulator.Options{})
		r.emu.FailNext("POST", "/settings/roles", 500, "INTERNAL_ERROR", true)
		r.emu.FailNext("PUT", "/Contacts/roles", 500, "INTERNAL_ERROR", true)
		r.emu.FailNext("POST", "/Contacts/roles", 500, "INTERNAL_ERROR", true)
		r.emu.FailNext("PUT", "/settings/record_locking_configurations", 500, "INTERNAL_ERROR", true)
		r.emu.FailNext("PUT", "/settings/modules", 500, "INTERNAL_ERROR", true)
		res := r.faultRun()
		requireOK(t, res)
		checkBodies(t, res)
		if n := len(writes(res.Log)); n != faultWrites {
			t.Errorf("%d writes, want exactly the plan's %d (no write repeated):\n%s", n, faultWrites, logText(writes(res.Log)))
		}
		for _, name := range []string{"Inside Sales", "Phone Sales"} {
			if n := postsOf(res.Log, name); n != 1 {
				t.Errorf("role %q was POSTed %d times, want once", name, n)
			}
		}
		s := r.emu.Snapshot()
		for _, name := range []string{"Inside Sales", "Partner"} {
			o := outcomeOf(res, name)
			if o.Status != Created || !strings.Contains(o.Message, "confirmed") {
				t.Errorf("%s: %+v, want it created, confirmed by reading it again", name, o)
			}
			if o.ID == "" || (roleByID(s, o.ID) == nil && crByID(s, o.ID) == nil) {
				t.Errorf("%s: the report's ID %q is not the live object's", name, o.ID)
			}
		}
		r.rerunUntilConverged(0)
	})
	t.Run("deletes", func(t *testing.T) {
		r := newRig(t, emulator.Options{})
		r.emu.FailNext("DELETE", "/settings/roles", 500, "INTERNAL_ERROR", true)
		r.emu.FailNext("DELETE", "/Contacts/roles", 500, "INTERNAL_ERROR", true)
		res := r.faultRun()
		requireOK(t, res)
		checkBodies(t, res)
		if n := count(res.Log, "DELETE", "/"); n != 2 {
			t.Errorf("%d DELETEs, want 2 (none repeated)", n)
		}
		r.rerunUntilConverged(0)
	})
	// Recovery re-plans and runs once. A response lost again inside that
	// round stays unknown in the report; the next plan finds the write
	// applied and has nothing to send for it.
	t.Run("lost_again_in_recovery", func(t *testing.T) {
		r := newRig(t, emulator.Options{})
		// The first POST fails before processing, so recovery must send it
		// again; that second response is lost too, after it was applied.
		r.emu.FailNext("POST", "/settings/roles", 500, "INTERNAL_ERROR", false)
		r.emu.FailNext("POST", "/settings/roles", 500, "INTERNAL_ERROR", true)
		res := r.faultRun()
		if o := outcomeOf(res, "Inside Sales"); o.Status != Unknown {
			t.Errorf("Inside Sales: %+v, want unknown", o)
		}
		if n := postsOf(res.Log, "Inside Sales"); n != 2 {
			t.Errorf("Inside Sales was POSTed %d times, want twice (once unprocessed, once lost)", n)
		}
		if o := outcomeOf(res, "Other"); o.Status != Deleted {
			t.Errorf("Other: %+v, want deleted: an unrelated failure does not stop deletes", o)
		}
		if o := outcomeOf(res, "Phone Sales"); o.Status != Skipped {
			t.Errorf("Phone Sales: %+v, want skipped behind its parent", o)
		}
		// Only the child is left: its parent exists once.
		if p := r.plan(faultManifests.parse(t), plan.Options{}); p.Summary != (plan.Summary{Create: 1}) {
			t.Errorf("the rerun plan: %+v, want the one skipped create", p.Summary)
		}
		r.rerunUntilConverged(1)
	})
}

// postsOf counts the role or contact-role POSTs that create name.
func postsOf(log []emulator.LoggedRequest, name string) int {
	n := 0
	for _, w := range writes(log) {
		if w.Method == "POST" && strings.Contains(string(w.Body), `"name":"`+name+`"`) {
			n++
		}
	}
	return n
}

// TestFaultApplied500Storm: a random share of writes is applied and then
// answered 500.
func TestFaultApplied500Storm(t *testing.T) {
	r := newRig(t, emulator.Options{RateApplied500: 0.4, RandSeed: 5})
	r.faultRun()
	r.rerunUntilConverged(6)
}

func outcomeOf(res result, name string) Outcome {
	for _, o := range res.Report.Outcomes {
		if o.Key.Name == name {
			return o
		}
	}
	return Outcome{}
}

// TestFaultTokenExpiry: the emulator's clock jumps two hours once the
// first write has completed, so every access token expires mid-run. The
// client mints a new one on INVALID_TOKEN and repeats the rejected call,
// which Zoho did not process.
func TestFaultTokenExpiry(t *testing.T) {
	var skew atomic.Int64
	now := func() time.Time { return time.Now().Add(time.Duration(skew.Load())) }
	r := newRig(t, emulator.Options{Now: now, TokenLifetime: 3600, Latency: 2 * time.Millisecond})
	stop := watchWrites(r.emu, 1, func() { skew.Store(int64(2 * time.Hour)) })
	defer stop()
	res := r.faultRun()
	requireOK(t, res)
	checkBodies(t, res)
	var rejected, tokens int
	for _, l := range r.emu.Requests() {
		if l.Code == "INVALID_TOKEN" {
			rejected++
		}
		if l.Path == "/oauth/v2/token" {
			tokens++
		}
	}
	if rejected == 0 || tokens < 2 {
		t.Errorf("%d calls rejected with INVALID_TOKEN and %d token calls; the token did not expire mid-run", rejected, tokens)
	}
	r.rerunUntilConverged(0)
}

// watchWrites calls f once the emulator has answered n successful writes.
// stop ends the watch.
func watchWrites(s *emulator.Server, n int, f func()) (stop func()) {
	done := make(chan struct{})
	var once sync.Once
	go func() {
		tick := time.NewTicker(200 * time.Microsecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			ok := 0
			for _, w := range writes(s.Requests()) {
				if w.Status < 300 {
					ok++
				}
			}
			if ok >= n {
				f()
				return
			}
		}
	}()
	return func() { once.Do(func() { close(done) }) }
}
