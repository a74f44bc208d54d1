package plan_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/desired"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

// planWithUsers plans manifest against the set live, with n fields of the
// modules read using it.
func planWithUsers(t *testing.T, live *model.Object, manifest string, n int) (*plan.Plan, error) {
	t.Helper()
	m, err := desired.Parse(desired.File{Path: "g.yaml", Data: []byte(manifest)})
	if err != nil {
		t.Fatal(err)
	}
	obs := model.NewState()
	obs.Put(live)
	lk := &model.Lookups{Fields: map[string][]model.FieldInfo{}}
	for i := range n {
		mod := fmt.Sprintf("Module_%d", i%3)
		lk.Fields[mod] = append(lk.Fields[mod], model.FieldInfo{ID: fmt.Sprint(i), APIName: fmt.Sprintf("Region_%d", i), GlobalPicklist: &model.Ref{Name: "Regions"}})
	}
	lk.Fields["Deals"] = append(lk.Fields["Deals"], model.FieldInfo{ID: "x", APIName: "Stage"})
	return plan.Make(plan.Input{Desired: m.State, Observed: obs, Lookups: lk}, plan.Options{})
}

// TestGlobalPicklistManyUsers: Zoho removes no value from, and does not
// delete, a set that more than 15 fields use, and adds or moves to used at
// most 50 values per save then (fields.md §9.4, §9.5). With more than 15
// such fields among the modules read, those plans are errors naming the
// fix; with 15 they are planned.
func TestGlobalPicklistManyUsers(t *testing.T) {
	live := liveSet("Regions", false, "EMEA", "APAC", "Old~")
	remove := gpHead + "pick_list_values:\n  - display_value: EMEA\n"
	var many strings.Builder
	many.WriteString(gpHead + "pick_list_values:\n  - display_value: EMEA\n  - display_value: APAC\n  - {display_value: Old, type: unused}\n")
	for i := range 51 {
		fmt.Fprintf(&many, "  - display_value: New %d\n", i)
	}
	tests := []struct {
		name, manifest string
		users          int
		want           string
	}{
		{"remove a value", remove, 16, `g.yaml:3:1: GlobalPicklist "Regions": removes "APAC", "Old", but 16 fields of the modules read use the set, and Zoho removes no value from a set that more than 15 fields use (NOT_ALLOWED); keep them with type: unused instead`},
		{"remove a value, 15 users", remove, 15, ""},
		{"delete the set", gpHead + "absent: true\n", 17, `g.yaml:3:1: GlobalPicklist "Regions": 17 fields of the modules read use the set, and Zoho does not delete a set that more than 15 fields use (NOT_ALLOWED); make at most 15 fields use it first`},
		{"add 51 values", many.String(), 16, `g.yaml:3:1: GlobalPicklist "Regions": the plan adds or moves to used 51 values, but 16 fields of the modules read use the set, and Zoho takes at most 50 per save then (LIMIT_EXCEEDED); add the others in a later apply`},
		{"add 51 values, 15 users", many.String(), 15, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := planWithUsers(t, live, tt.manifest, tt.users)
			switch {
			case tt.want == "" && (err != nil || len(p.Requests) == 0):
				t.Errorf("plan: %v, %+v", err, p)
			case tt.want != "" && (err == nil || err.Error() != tt.want):
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestGlobalPicklistRemovalWaitsOnlyForRelatedLocking: a value removal
// waits, in a PATCH of its own, for the locking writes of modules with a
// field that uses the set (a rule there may compare with the value); a
// locking write of a module whose fields do not use the set leaves the
// removal in the set's one update.
func TestGlobalPicklistRemovalWaitsOnlyForRelatedLocking(t *testing.T) {
	live := liveSet("Regions", false, "EMEA", "APAC")
	for _, tt := range []struct {
		module string
		want   int // PATCHes of the set
	}{{"Deals", 1}, {"Accounts", 2}} {
		manifest := gpHead + "pick_list_values:\n  - display_value: EMEA\n  - display_value: Africa\n---\n" +
			"apiVersion: crmsync/v1\nkind: RecordLockingConfig\nmodule: " + tt.module + "\nlock_type: manual\n"
		m, err := desired.Parse(desired.File{Path: "g.yaml", Data: []byte(manifest)})
		if err != nil {
			t.Fatal(err)
		}
		obs := model.NewState()
		obs.Put(live)
		lk := &model.Lookups{Fields: map[string][]model.FieldInfo{
			"Deals":    {{ID: "1", APIName: "Stage", PickList: []string{"Won"}}},
			"Accounts": {{ID: "2", APIName: "Region", PickList: []string{"EMEA", "APAC"}, GlobalPicklist: &model.Ref{Name: "Regions"}}},
		}, Modules: []model.ModuleInfo{{APIName: "Deals"}, {APIName: "Accounts"}}}
		p, err := plan.Make(plan.Input{Desired: m.State, Observed: obs, Lookups: lk}, plan.Options{})
		if err != nil {
			t.Fatalf("%s: %v", tt.module, err)
		}
		patches := 0
		for _, r := range p.Requests {
			if r.Method == "PATCH" && strings.HasPrefix(r.Path, "/settings/global_picklists/") {
				patches++
			}
		}
		if patches != tt.want {
			t.Errorf("locking of %s: %d PATCHes of the set, want %d:%s", tt.module, patches, tt.want, requestText(p))
		}
	}
}
