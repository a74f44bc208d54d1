package plan

import (
	"slices"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/model"
)

// TestFieldWaitsForGlobalPicklist: a field that uses a global picklist
// the plan creates sends the new set's placeholder ID and waits for its
// create; one that uses a set the plan updates waits for that update. The
// GlobalPicklist change is injected as its kind's builder would add it,
// and its request is built after the field's (waitForKey does not depend
// on the order the kinds build their requests in).
func TestFieldWaitsForGlobalPicklist(t *testing.T) {
	for _, action := range []Action{Create, Update} {
		t.Run(string(action), func(t *testing.T) {
			gk := model.Key{Kind: model.KindGlobalPicklist, Name: "Sizes"}
			observed := model.NewState()
			if action == Update {
				observed.Put(&model.Object{Key: gk, ID: "5843104000000930077", GlobalPicklist: &model.GlobalPicklist{APIName: "Sizes"}})
			}
			d := &model.Object{Key: model.Key{Kind: model.KindField, Name: "Accounts.Size"}, Field: &model.FieldDef{
				Module: "Accounts", APIName: "Size", FieldLabel: model.Ptr("Size"), DataType: model.Ptr("picklist"),
				GlobalPicklist: model.Ptr("Sizes")}}
			desired := model.NewState()
			desired.Put(d)
			b := newBuilder(Input{Desired: desired, Observed: observed, Lookups: &model.Lookups{}}, Options{})
			b.add(&Change{Key: gk, Action: action, Fields: []FieldDiff{{Path: "display_label", Steps: []string{"display_label"}, New: "Sizes"}}})
			b.add(b.diffField(d, nil))
			b.fieldRequests()
			method := "POST"
			if action == Update {
				method = "PATCH"
			}
			gid := b.newRequest(method, "/settings/global_picklists", nil, "global_picklists", []any{map[string]any{"display_label": "Sizes"}}, []model.Key{gk})
			b.resolveKeyWaits()
			if len(b.problems) > 0 {
				t.Fatalf("problems: %v", b.problems)
			}
			f := b.reqs[0]
			if f.Path != "/settings/fields" || !slices.Contains(f.After, gid) {
				t.Fatalf("field request %s %s waits for %v, want the global picklist's request %d", f.Method, f.Path, f.After, gid)
			}
			wantID := "5843104000000930077"
			if action == Create {
				wantID = Placeholder(gk)
				if len(f.Refs) != 1 || f.Refs[0].Key != gk {
					t.Errorf("refs %v, want the new set's", f.Refs)
				}
			}
			if !strings.Contains(string(f.Body), `"global_picklist":{"id":"`+wantID+`"`) {
				t.Errorf("body %s, want global_picklist id %s", f.Body, wantID)
			}
		})
	}
}

// TestLockingWaitsForGlobalValues: a locking rule on a field that uses a
// global picklist is checked against the values the GlobalPicklist
// manifest gives the set, and the locking request waits for the set's
// change (which may add the value).
func TestLockingWaitsForGlobalValues(t *testing.T) {
	gk := model.Key{Kind: model.KindGlobalPicklist, Name: "Regions"}
	lk := model.Key{Kind: model.KindLockingConfig, Name: "Accounts"}
	rule := model.LockingRule{Name: "Polar", Criteria: &model.Criteria{Field: "Region", Comparator: "equal", Value: "Antarctica"}}
	desired := model.NewState()
	desired.Put(&model.Object{Key: gk, GlobalPicklist: &model.GlobalPicklist{APIName: "Regions", PickListValues: &[]model.PicklistValue{
		{DisplayValue: "EMEA"}, {DisplayValue: "Antarctica", Type: model.Ptr("used")}, {DisplayValue: "Moon", Type: model.Ptr("unused")}}}})
	desired.Put(&model.Object{Key: lk, LockingConfig: &model.LockingConfig{Module: "Accounts", LockType: model.Ptr("automatic"),
		LockingRules: &[]model.LockingRule{rule}}})
	lookups := &model.Lookups{Fields: map[string][]model.FieldInfo{"Accounts": {{ID: "1", APIName: "Region", PickList: []string{"EMEA"},
		GlobalPicklist: &model.Ref{ID: "9", Name: "Regions"}}}}}
	b := newBuilder(Input{Desired: desired, Observed: model.NewState(), Lookups: lookups}, Options{})
	_, info := b.fieldRef(desired.Get(lk), "Accounts", "Region")
	if info == nil || !slices.Equal(info.PickList, []string{"EMEA", "Antarctica"}) {
		t.Fatalf("values %v, want the used values of the GlobalPicklist manifest", info)
	}
	b.add(&Change{Key: gk, Action: Update, Fields: []FieldDiff{{Path: "pick_list_values", Steps: []string{"pick_list_values"}}}})
	b.add(&Change{Key: lk, Action: Create, After: desired.Get(lk), Fields: []FieldDiff{{Path: "lock_type", Steps: []string{"lock_type"}}}})
	lid := b.newRequest("POST", lockingPath, nil, "record_locking_configurations", []any{map[string]any{"lock_type": "automatic"}}, []model.Key{lk})
	b.lockingFieldWaits(b.byKey[lk])
	gid := b.newRequest("PATCH", "/settings/global_picklists", nil, "global_picklists", []any{map[string]any{"id": "9"}}, []model.Key{gk})
	b.resolveKeyWaits()
	if after := b.reqs[lid-1].After; !slices.Contains(after, gid) {
		t.Errorf("the locking request waits for %v, want the global picklist's request %d", after, gid)
	}
}
