package plan_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

func role(name, id, desc string) *model.Object {
	return &model.Object{Key: model.Key{Kind: model.KindRole, Name: name}, ID: id,
		Role: &model.Role{Name: name, Description: &desc}}
}

// TestStale checks what makes a saved plan stale: a changed object (with
// the changed fields), a deleted one, and a create whose object now exists.
func TestStale(t *testing.T) {
	sales, ceo := role("Sales", "1", "sells"), role("CEO", "2", "runs")
	pl := &plan.Plan{
		Changes:      []plan.Change{{Key: sales.Key, Action: plan.Update, Before: sales}},
		Fingerprints: plan.Fingerprints(stateOf(sales, ceo)),
	}
	if got := plan.Stale(pl, stateOf(sales, ceo)); len(got) != 0 {
		t.Errorf("unchanged org: Stale = %q, want nothing", got)
	}
	got := plan.Stale(pl, stateOf(role("Sales", "1", "sells more")))
	want := []string{`Role "CEO" was deleted`, `Role "Sales" changed: description`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("changed org (-want +got):\n%s", diff)
	}
	if got := plan.Stale(pl, stateOf(role("Sales", "7", "sells"), ceo)); len(got) != 1 || got[0] != `Role "Sales" changed (IDs)` {
		t.Errorf("new ID: Stale = %q", got)
	}
	create := &plan.Plan{Changes: []plan.Change{{Key: ceo.Key, Action: plan.Create}}}
	if got := plan.Stale(create, stateOf(ceo)); len(got) != 1 || got[0] != `Role "CEO" now exists; the plan would create it` {
		t.Errorf("create of an existing object: Stale = %q", got)
	}
}

func stateOf(objs ...*model.Object) *model.State {
	s := model.NewState()
	for _, o := range objs {
		s.Put(o)
	}
	return s
}

// TestStaleNamesFieldsOfEveryKind: the changed fields are found for a kind
// the check does not name, including one added after it (GlobalPicklist).
func TestStaleNamesFieldsOfEveryKind(t *testing.T) {
	s := func(v string) *string { return &v }
	for _, tt := range []struct {
		before, after *model.Object
		want          string
	}{
		{&model.Object{Key: model.Key{Kind: model.KindModule, Name: "M"}, ID: "1", Module: &model.Module{APIName: "M", PluralLabel: s("Ms")}},
			&model.Object{Key: model.Key{Kind: model.KindModule, Name: "M"}, ID: "1", Module: &model.Module{APIName: "M", PluralLabel: s("Emms")}},
			`Module "M" changed: plural_label`},
		{&model.Object{Key: model.Key{Kind: model.KindGlobalPicklist, Name: "G"}, ID: "2", GlobalPicklist: &model.GlobalPicklist{APIName: "G", Description: s("a")}},
			&model.Object{Key: model.Key{Kind: model.KindGlobalPicklist, Name: "G"}, ID: "2", GlobalPicklist: &model.GlobalPicklist{APIName: "G", DisplayLabel: s("G")}},
			`GlobalPicklist "G" changed: description, display_label`},
	} {
		pl := &plan.Plan{Changes: []plan.Change{{Key: tt.before.Key, Action: plan.Update, Before: tt.before}},
			Fingerprints: plan.Fingerprints(stateOf(tt.before))}
		if got := plan.Stale(pl, stateOf(tt.after)); len(got) != 1 || got[0] != tt.want {
			t.Errorf("Stale = %q, want %q", got, tt.want)
		}
	}
}
