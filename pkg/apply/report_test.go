package apply

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/plan"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// applySteps applies p and records the progress steps.
func (r *rig) applySteps(p *plan.Plan) (result, []Step) {
	r.t.Helper()
	var steps []Step
	start := len(r.emu.Requests())
	rep, err := Apply(context.Background(), r.client, p, Options{Observe: r.observeFunc(), Progress: func(s Step) { steps = append(steps, s) }})
	return result{Plan: p, Report: rep, Err: err, Log: r.emu.Requests()[start:]}, steps
}

// checkSteps asserts that progress never counts past its total, counts one
// by one, reports every change, and ends with done equal to the total.
func checkSteps(t *testing.T, p *plan.Plan, steps []Step) (notes int) {
	t.Helper()
	seen := map[string]bool{}
	done := 0
	for _, s := range steps {
		if s.Done > s.Total {
			t.Errorf("progress [%d/%d] counts past its total", s.Done, s.Total)
		}
		if s.Note != "" {
			notes++
			continue
		}
		done++
		if s.Done != done {
			t.Errorf("step %d reported as %d", done, s.Done)
		}
		seen[s.Outcome.Key.String()] = true
	}
	for _, c := range p.Changes {
		if !seen[c.Key.String()] {
			t.Errorf("%s: no progress reported", c.Key)
		}
	}
	if last := steps[len(steps)-1]; last.Done != last.Total {
		t.Errorf("progress ends at [%d/%d]", last.Done, last.Total)
	}
	return notes
}

// TestReportAfterRecovery: two lost responses, one of a write that had
// taken and one of a write that had not. Re-reading settles both; the
// apply is a success, verified, and its progress grew its total once, by
// the two re-planned changes and what waited behind them, instead of
// counting past it.
func TestReportAfterRecovery(t *testing.T) {
	r := newRig(t, emulator.Options{})
	r.emu.FailNext("POST", "/settings/roles", 500, "INTERNAL_ERROR", true)
	r.emu.FailNext("PUT", "/settings/record_locking_configurations", 500, "INTERNAL_ERROR", false)
	p := r.plan(faultManifests.parse(t), plan.Options{})
	res, steps := r.applySteps(p)
	requireOK(t, res)
	rep := res.Report
	if rep.Result != ResultApplied || !rep.Checked || rep.Summary.Failed+rep.Summary.Unknown+rep.Summary.Skipped != 0 {
		t.Errorf("report: result %s, checked %v, summary %+v", rep.Result, rep.Checked, rep.Summary)
	}
	if notes := checkSteps(t, p, steps); notes != 1 {
		t.Errorf("%d notes, want one: the total grows once, when the org is read again", notes)
	}
	last := steps[len(steps)-1]
	if last.Total <= len(p.Changes) {
		t.Errorf("total %d, want more than the %d changes: re-planned changes are reported again", last.Total, len(p.Changes))
	}
	recovered := 0
	for _, o := range rep.Outcomes {
		if o.Recovered {
			recovered++
		}
	}
	if recovered < 2 || recovered != last.Total-len(p.Changes) {
		t.Errorf("%d outcomes marked recovered, want the %d re-planned", recovered, last.Total-len(p.Changes))
	}
	if n := len(writes(res.Log)); n != faultWrites+1 {
		t.Errorf("%d writes, want %d: only the unprocessed PUT is sent again", n, faultWrites+1)
	}
	r.rerunUntilConverged(0)
}

// TestReportAfterFailure: Zoho refuses one write. The others are applied
// and checked, but the report does not claim verification: it says
// failed, counts the failure, and the rerun plan holds exactly the failed
// change.
func TestReportAfterFailure(t *testing.T) {
	r := newRig(t, emulator.Options{})
	r.emu.FailNext("PUT", "/settings/record_locking_configurations", 400, "INVALID_DATA", false)
	p := r.plan(faultManifests.parse(t), plan.Options{})
	res, steps := r.applySteps(p)
	rep := res.Report
	if res.Err != nil || rep.OK() || rep.Verified || !rep.Checked || rep.Result != ResultFailed {
		t.Fatalf("err %v; OK %v, verified %v, checked %v, result %s:\n%s", res.Err, rep.OK(), rep.Verified, rep.Checked, rep.Result, describe(res))
	}
	if rep.Summary.Failed != 1 || rep.Summary.Unknown != 0 || rep.Summary.Skipped != 0 || len(rep.Mismatches) != 0 {
		t.Errorf("summary %+v, mismatches %v: want the one failure and the rest applied", rep.Summary, rep.Mismatches)
	}
	if notes := checkSteps(t, p, steps); notes != 0 || steps[len(steps)-1].Total != len(p.Changes) {
		t.Errorf("%d notes, total %d: a plain failure re-reads nothing", notes, steps[len(steps)-1].Total)
	}
	if again := r.plan(faultManifests.parse(t), plan.Options{}); again.Summary != (plan.Summary{Update: 1}) || again.Changes[0].Key.Name != "Deals" {
		t.Errorf("rerun plan %+v, want exactly the failed Deals update", again.Summary)
	}
	r.rerunUntilConverged(1)
}

// TestPartlyAppliedChange: a change made of two requests (as a rename
// through a temporary name is), interrupted after the first. It is not
// reported done: it is still to do, says that it was partly applied, and
// progress reports it once.
func TestPartlyAppliedChange(t *testing.T) {
	r := newRig(t, emulator.Options{})
	p := r.plan(manifests(t, "apiVersion: crmsync/v1\nkind: Role\nname: Manager\nreporting_to: CEO\ndescription: Runs support\n"), plan.Options{})
	if len(p.Changes) != 1 || len(p.Requests) != 1 {
		t.Fatalf("plan: %d changes, %d requests; want one update", len(p.Changes), len(p.Requests))
	}
	second := p.Requests[0]
	second.ID, second.After = 2, []int{1}
	p.Requests = append(p.Requests, second)
	p.Changes[0].Requests = []int{1, 2}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	d := &interruptDoer{Doer: r.client, outer: ctx, cancel: cancel}
	var steps []Step
	rep, err := Apply(ctx, d, p, Options{Observe: r.observeFunc(), Progress: func(s Step) { steps = append(steps, s) }})
	if err != nil || rep.Result != ResultInterrupted {
		t.Fatalf("err %v, result %s", err, rep.Result)
	}
	o := rep.Outcomes[0]
	if o.Status != Skipped || !strings.Contains(o.Message, "partly applied") || rep.Summary.Skipped != 1 {
		t.Errorf("outcome %+v, summary %+v: want still to do, partly applied", o, rep.Summary)
	}
	if len(steps) != 1 || steps[0].Done != 1 || steps[0].Total != 1 || steps[0].Outcome.Status != Skipped {
		t.Errorf("steps %+v, want the change reported once, as still to do", steps)
	}
	r.converge(manifests(t, "apiVersion: crmsync/v1\nkind: Role\nname: Manager\nreporting_to: CEO\ndescription: Runs support\n"), plan.Options{})
}

// TestTokensExpireDuringApply: tokens that live one second, and an apply
// that takes longer. Every expiry costs one grant, within Zoho's budget;
// no write is refused for its token or sent twice, and the apply is
// verified.
func TestTokensExpireDuringApply(t *testing.T) {
	r := newRig(t, emulator.Options{TokenLifetime: 1, Latency: 150 * time.Millisecond}, func(c *zoho.Config) {
		c.Concurrency = 2
	})
	res := r.faultRun()
	requireOK(t, res)
	checkBodies(t, res)
	if n := len(writes(res.Log)) - statuses(writes(res.Log))[401]; n != faultWrites {
		t.Errorf("%d writes processed, want the plan's %d:\n%s", n, faultWrites, logText(writes(res.Log)))
	}
	t.Logf("%d token grants, %d answers INVALID_TOKEN", r.client.TokenCalls(), statuses(res.Log)[401])
	if n := r.client.TokenCalls(); n < 2 || n > 10 {
		t.Errorf("%d token grants, want at least one renewal and at most Zoho's 10", n)
	}
	r.emu.SetLatency(0)
	r.rerunUntilConverged(0)
}
