package plan_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

// saved is the plan as apply reads it: after a JSON round trip.
func saved(t *testing.T, p *plan.Plan) *plan.Plan {
	t.Helper()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var back plan.Plan
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	return &back
}

// checkReplan: replanning a saved plan's changes against the same live
// state, as apply does to verify and to recover, gives the same changes
// and the same requests.
func checkReplan(t *testing.T, f *fixture, p *plan.Plan) {
	t.Helper()
	again, err := plan.Replan(saved(t, p).Changes, f.input.Observed, f.input.Lookups)
	if err != nil {
		t.Fatalf("replan: %v", err)
	}
	type view struct {
		Changes  []plan.Change
		Requests []plan.Request
	}
	strip := func(p *plan.Plan) string {
		v := view{Requests: p.Requests}
		for _, c := range p.Changes {
			c.Before, c.After, c.Source = nil, nil, nil // the replan's desired side is After
			v.Changes = append(v.Changes, c)
		}
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if diff := cmp.Diff(strip(p), strip(again)); diff != "" {
		t.Errorf("replanning the changes gives another plan (-plan +replan):\n%s", diff)
	}
}

// checkConverges: once every change has taken, as each change's After
// says, Verify finds no residual and the manifests plan to nothing.
func checkConverges(t *testing.T, f *fixture, p *plan.Plan) {
	t.Helper()
	changes := saved(t, p).Changes
	live := applied(f.input.Observed, changes)
	residuals, err := plan.Verify(changes, live, f.input.Lookups)
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	for _, r := range residuals {
		t.Errorf("residual after apply: %s %s: %v -> %v", r.Key, r.Field.Path, r.Field.Old, r.Field.New)
	}
	second, err := plan.Make(plan.Input{Desired: f.input.Desired, Observed: live, Lookups: f.input.Lookups}, f.options)
	if err != nil {
		t.Fatalf("second plan: %v", err)
	}
	for _, c := range second.Changes {
		t.Errorf("second plan: %s %s %v", c.Action, c.Key, c.Fields)
	}
	if len(second.Requests) > 0 {
		t.Errorf("second plan makes %d requests", len(second.Requests))
	}
}

// applied is the live state once changes have taken, built as observe
// would read it: renamed roles are reported by their new name, also as
// their children's parent. It never changes the objects of observed.
func applied(observed *model.State, changes []plan.Change) *model.State {
	objs := map[model.Key]*model.Object{}
	for _, o := range observed.Objects() {
		objs[o.Key] = o
	}
	renamed := map[string]string{}
	for _, c := range changes { // first every name is freed, then taken
		switch {
		case c.Action == plan.Delete:
			delete(objs, c.Key)
		case c.PreviousName != "":
			delete(objs, model.Key{Kind: c.Key.Kind, Name: c.PreviousName})
			if c.Key.Kind == model.KindRole {
				renamed[c.PreviousName] = c.Key.Name
			}
		}
		if c.Replaces != nil {
			delete(objs, c.Replaces.Key)
		}
	}
	written := map[model.Key]bool{} // After names parents by their new names already
	for i, c := range changes {
		if c.Action == plan.Create || c.Action == plan.Update {
			o := *c.After
			o.Source, o.PreviousNames, o.Replaces = nil, nil, nil
			if o.ID == "" {
				o.ID = fmt.Sprint(9_000_000 + i)
			}
			if g := o.GlobalPicklist; g != nil && g.PickListValues != nil {
				// Zoho gives every new value an id.
				gc, vals := *g, slices.Clone(*g.PickListValues)
				for j := range vals {
					if vals[j].ID == "" {
						vals[j].ID = fmt.Sprintf("%d%03d", 9_000_000+i, j)
					}
				}
				gc.PickListValues = &vals
				o.GlobalPicklist = &gc
			}
			objs[o.Key], written[o.Key] = &o, true
		}
	}
	out := model.NewState()
	for _, o := range objs {
		if o.Role != nil && o.Role.ReportingTo != nil && !written[o.Key] {
			if to, ok := renamed[*o.Role.ReportingTo]; ok {
				c, r := *o, *o.Role
				r.ReportingTo = &to
				c.Role = &r
				o = &c
			}
		}
		out.Put(o)
	}
	return out
}
