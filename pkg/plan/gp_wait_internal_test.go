package plan

import (
	"testing"

	"github.com/crmsync/crmsync/pkg/model"
)

// TestRemovalWaitsFor: a value removal from a set waits for the Field
// writes of fields that use the set before or after the plan, and for the
// locking writes of modules with such a field (or whose fields were not
// read); not for other Field or locking writes.
func TestRemovalWaitsFor(t *testing.T) {
	field := func(name string, before, after *string) *Change {
		k := model.Key{Kind: model.KindField, Name: "Accounts." + name}
		c := &Change{Key: k, Action: Update}
		if before != nil || after == nil {
			c.Before = &model.Object{Key: k, Field: &model.FieldDef{Module: "Accounts", APIName: name, GlobalPicklist: before}}
		}
		if after != nil || before == nil {
			c.After = &model.Object{Key: k, Field: &model.FieldDef{Module: "Accounts", APIName: name, GlobalPicklist: after}}
		}
		return c
	}
	locking := func(module string) *Change {
		return &Change{Key: model.Key{Kind: model.KindLockingConfig, Name: module}, Action: Update}
	}
	b := newBuilder(Input{Lookups: &model.Lookups{Fields: map[string][]model.FieldInfo{
		"Deals":    {{ID: "1", APIName: "Stage"}},
		"Accounts": {{ID: "2", APIName: "Region", GlobalPicklist: &model.Ref{Name: "Regions"}}},
	}}}, Options{})
	for _, tt := range []struct {
		name string
		c    *Change
		want bool
	}{
		{"field that uses the set", field("Region", model.Ptr("regions"), model.Ptr("regions")), true},
		{"field that leaves the set", field("Region", model.Ptr("Regions"), model.Ptr("Sizes")), true},
		{"field that takes the set", field("Area", nil, model.Ptr("Regions")), true},
		{"field deleted that used the set", &Change{Key: model.Key{Kind: model.KindField, Name: "Accounts.Old"}, Action: Delete,
			Before: &model.Object{Field: &model.FieldDef{GlobalPicklist: model.Ptr("Regions")}}}, true},
		{"field of another set", field("Size", model.Ptr("Sizes"), model.Ptr("Sizes")), false},
		{"field without a set", field("Phone", nil, nil), false},
		{"locking of a module whose field uses the set", locking("Accounts"), true},
		{"locking of a module whose fields do not", locking("Deals"), false},
		{"locking of a module whose fields were not read", locking("Leads"), true},
	} {
		if got := b.removalWaitsFor(tt.c, "Regions"); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
