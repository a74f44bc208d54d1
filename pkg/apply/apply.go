package apply

import (
	"context"
	"fmt"
	"sync"

	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

// Options configure an apply.
type Options struct {
	// Progress is called once per change as it reaches its outcome, again
	// for a change re-planned after a lost response, and when the number
	// of steps grows (see Step).
	Progress func(Step)
	// Observe reads the live state of a scope again, for replanning and
	// verification.
	Observe func(ctx context.Context, scope model.Scope) (*model.State, *model.Lookups, error)
}

// Apply executes p through d and verifies the result. The returned report
// is complete even when err is non-nil.
func Apply(ctx context.Context, d Doer, p *plan.Plan, opts Options) (*Report, error) {
	e := newExecutor(p, d, newProgress(opts.Progress, len(p.Changes)))
	rep := &Report{FormatVersion: FormatVersion}
	defer rep.finish()
	rep.Interrupted = e.execute(ctx)
	if !rep.Interrupted && opts.Observe != nil {
		interrupted, err := e.recoverUnknown(ctx, d, opts)
		rep.Interrupted = interrupted
		if err != nil {
			rep.Outcomes = e.sorted()
			return rep, err
		}
	}
	rep.Outcomes = e.sorted()
	if rep.Interrupted || opts.Observe == nil {
		return rep, nil
	}
	state, lookups, err := opts.Observe(ctx, p.Scope)
	if err != nil {
		return rep, fmt.Errorf("verify: %w", err)
	}
	var applied []plan.Change
	for _, c := range p.Changes {
		if o := e.outcomes[c.Key]; o != nil && o.Status == doneStatus(c.Action) {
			applied = append(applied, c)
		}
	}
	res, err := plan.Verify(applied, state, lookups)
	if err != nil {
		return rep, fmt.Errorf("verify: %w", err)
	}
	// Fields Zoho answered SUCCESS for but kept: each one with another
	// documented body form is resent once in it, and verified again.
	if pend := e.retryIgnored(ctx, res); len(pend) > 0 {
		if state, lookups, err = opts.Observe(ctx, p.Scope); err != nil {
			return rep, fmt.Errorf("verify after resending in the other body form: %w", err)
		}
		if res, err = plan.Verify(applied, state, lookups); err != nil {
			return rep, fmt.Errorf("verify after resending in the other body form: %w", err)
		}
		rep.FormRetries = settle(pend, res)
	}
	res, renamed := e.renamedFields(res, state)
	rep.Outcomes = e.sorted()
	rep.Mismatches = append(rep.Mismatches, renamed...)
	for _, r := range res {
		rep.Mismatches = append(rep.Mismatches, Mismatch{Key: r.Key, Path: r.Field.Path, Want: r.Field.New, Got: r.Field.Old})
	}
	rep.Checked = true
	return rep, nil
}

func newExecutor(p *plan.Plan, d Doer, prog *progress) *executor {
	return &executor{p: p, d: d, progress: prog, ids: map[model.Key]string{},
		state: map[int]reqState{}, outcomes: map[model.Key]*Outcome{}, uncertain: map[int]bool{},
		refForms: &sync.Map{}, sent: &sync.Map{}, reported: map[model.Key]bool{}}
}

// recoverUnknown reads the live state again and re-plans every change whose write had an unknown outcome,
// together with the changes skipped behind it, and runs that plan once. A
// write that did take shows up as no change and counts as done.
func (e *executor) recoverUnknown(ctx context.Context, d Doer, opts Options) (interrupted bool, err error) {
	var keys []model.Key
	for _, c := range e.p.Changes {
		for _, id := range c.Requests {
			if e.uncertain[id] {
				keys = append(keys, c.Key)
				break
			}
		}
	}
	if len(keys) == 0 {
		return false, nil
	}
	var changes []plan.Change
	for _, k := range keys {
		changes = append(changes, *e.change(k))
	}
	e.progress.grow(len(keys), fmt.Sprintf("reading the org again: %d %s an unknown outcome or waited behind one",
		len(keys), plural(len(keys), "change had", "changes had")))
	state, lookups, err := opts.Observe(ctx, e.p.Scope)
	if err != nil {
		return false, fmt.Errorf("read again after writes with unknown outcome: %w", err)
	}
	sub, err := plan.Replan(changes, state, lookups)
	if err != nil {
		return false, fmt.Errorf("re-plan after writes with unknown outcome: %w", err)
	}
	e2 := newExecutor(sub, d, e.progress)
	interrupted = e2.execute(ctx)
	for _, k := range keys {
		prev := e.outcomes[k]
		if o, ok := e2.outcomes[k]; ok {
			o.Action, o.Source, o.Recovered = prev.Action, prev.Source, true
			e.outcomes[k] = o
			continue
		}
		// Nothing left to do: the lost write had been applied.
		prev.Status, prev.Code, prev.Recovered = doneStatus(prev.Action), "", true
		prev.Message = "applied (confirmed by reading it again after a lost response)"
		if live := state.Get(k); live != nil && prev.ID == "" {
			prev.ID = live.ID // a create's ID, which the lost response held
		}
		e.progress.step(*prev)
	}
	return interrupted, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// sorted returns the outcomes in the plan's change order.
func (e *executor) sorted() []Outcome {
	out := make([]Outcome, 0, len(e.p.Changes))
	for _, c := range e.p.Changes {
		if o := e.outcomes[c.Key]; o != nil {
			out = append(out, *o)
		}
	}
	return out
}
