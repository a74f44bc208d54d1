package plan

import (
	"fmt"
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
// update, which adds the value the rule compares with.
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
	gid := b.newRequest("PATCH", "/settings/global_picklists", nil, "global_picklists", []any{map[string]any{"id": "9"}}, []model.Key{gk})
	b.gpWrites[model.Fold("Regions")] = gid // the set's main update, as gpUpdate records it
	lid := b.newRequest("POST", lockingPath, nil, "record_locking_configurations", []any{map[string]any{"lock_type": "automatic"}}, []model.Key{lk})
	b.lockingAfterGlobalPicklists()
	if after := b.reqs[lid-1].After; !slices.Contains(after, gid) {
		t.Errorf("the locking request waits for %v, want the global picklist's request %d", after, gid)
	}
}

// TestSwitchToGlobalIsDestructive: a local picklist that starts using a
// global picklist loses its own options; the plan says so.
func TestSwitchToGlobalIsDestructive(t *testing.T) {
	b := newBuilder(Input{Desired: model.NewState(), Observed: model.NewState(), Lookups: &model.Lookups{}}, Options{})
	d := &model.Object{Key: model.Key{Kind: model.KindField, Name: "Accounts.Tier"},
		Field: &model.FieldDef{Module: "Accounts", APIName: "Tier", GlobalPicklist: model.Ptr("Regions")}}
	o := &model.Object{Key: d.Key, ID: "1", Field: &model.FieldDef{Module: "Accounts", APIName: "Tier", DataType: model.Ptr("picklist"),
		PickListValues: &[]model.PicklistValue{{ID: "2", DisplayValue: "Gold", ActualValue: model.Ptr("Gold")}}}}
	c := b.diffField(d, o)
	if c == nil || !c.Destructive || !strings.Contains(c.Destroys, `"Gold"`) || !strings.Contains(c.Destroys, "Regions") {
		t.Fatalf("change %+v, want it destructive naming the option and the set", c)
	}
}

// TestNewActualValueOfLiveDisplay: a manifest that gives a live option
// another actual_value asks for what Zoho never does (it cannot change
// once set); adding the option beside the live one of the same display
// value is a duplicate. The plan refuses it, naming the live actual value.
func TestNewActualValueOfLiveDisplay(t *testing.T) {
	b := newBuilder(Input{Desired: model.NewState(), Observed: model.NewState(), Lookups: &model.Lookups{}}, Options{})
	d := &model.Object{Key: model.Key{Kind: model.KindField, Name: "Accounts.Tier"},
		Field: &model.FieldDef{Module: "Accounts", APIName: "Tier", PickListValues: &[]model.PicklistValue{
			{DisplayValue: "Gold", ActualValue: model.Ptr("GOLD_V")}, {DisplayValue: "Silver"}}}}
	o := &model.Object{Key: d.Key, ID: "1", Field: &model.FieldDef{Module: "Accounts", APIName: "Tier", DataType: model.Ptr("picklist"),
		PickListValues: &[]model.PicklistValue{{ID: "2", DisplayValue: "Gold", ActualValue: model.Ptr("Gold")},
			{ID: "3", DisplayValue: "Silver", ActualValue: model.Ptr("Silver")}}}}
	if c := b.diffField(d, o); c != nil {
		t.Fatalf("change %+v, want none", c)
	}
	if len(b.problems) != 1 || !strings.Contains(b.problems[0].Message, `"Gold"`) || !strings.Contains(b.problems[0].Message, "actual_value") {
		t.Fatalf("problems %+v, want the actual value refused", b.problems)
	}
}

// TestStandardFieldChangeWarns: Zoho's documents disagree on whether a
// standard field takes any change through the API (q5): a plan that
// changes one says so.
func TestStandardFieldChangeWarns(t *testing.T) {
	b := newBuilder(Input{Desired: model.NewState(), Observed: model.NewState(), Lookups: &model.Lookups{}}, Options{})
	d := &model.Object{Key: model.Key{Kind: model.KindField, Name: "Deals.Stage"},
		Field: &model.FieldDef{Module: "Deals", APIName: "Stage", PickListValues: &[]model.PicklistValue{{DisplayValue: "Won"}, {DisplayValue: "Lost"}}}}
	o := &model.Object{Key: d.Key, ID: "1", System: true, Field: &model.FieldDef{Module: "Deals", APIName: "Stage", DataType: model.Ptr("picklist"),
		PickListValues: &[]model.PicklistValue{{ID: "2", DisplayValue: "Won", ActualValue: model.Ptr("Won")}}}}
	if c := b.diffField(d, o); c == nil {
		t.Fatal("no change")
	}
	if len(b.warnings) != 1 || !strings.Contains(b.warnings[0], "Deals.Stage") || !strings.Contains(b.warnings[0], "standard field") {
		t.Fatalf("warnings %q", b.warnings)
	}
	b.warnings = nil
	d.Field.PickListValues = &[]model.PicklistValue{{DisplayValue: "Won"}}
	if c := b.diffField(d, o); len(c.Fields) != 0 || len(b.warnings) != 0 {
		t.Fatalf("no change, but %+v, warnings %q", c, b.warnings)
	}
}

// TestMovesAfterNumberedNone: when Zoho numbers its "-None-" entry first
// (SequenceBase 1), the moves count it: the option at the first place
// moves to sequence_number 2.
func TestMovesAfterNumberedNone(t *testing.T) {
	for base, want := range map[int]string{0: "3:1 2:2", 1: "3:2 2:3"} {
		d := &model.Object{Key: model.Key{Kind: model.KindField, Name: "Leads.Source"},
			Field: &model.FieldDef{Module: "Leads", APIName: "Source", PickListValues: &[]model.PicklistValue{
				{DisplayValue: "C"}, {DisplayValue: "B"}, {DisplayValue: "A"}}}}
		o := &model.Object{Key: d.Key, ID: "1", Field: &model.FieldDef{Module: "Leads", APIName: "Source", DataType: model.Ptr("picklist"), SequenceBase: base,
			PickListValues: &[]model.PicklistValue{{ID: "1", DisplayValue: "A", ActualValue: model.Ptr("A")},
				{ID: "2", DisplayValue: "B", ActualValue: model.Ptr("B")}, {ID: "3", DisplayValue: "C", ActualValue: model.Ptr("C")}}}}
		st := model.NewState()
		st.Put(d)
		b := newBuilder(Input{Desired: st, Observed: model.NewState(), Lookups: &model.Lookups{}}, Options{})
		c := b.diffField(d, o)
		c.Before, c.ID = o, o.ID
		w := b.updateWrite(c)
		var got []string
		for _, op := range w.first.PickListValues {
			got = append(got, fmt.Sprintf("%s:%d", op.ID, op.SequenceNumber))
		}
		if g := strings.Join(got, " "); !strings.HasPrefix(g, want) {
			t.Errorf("base %d: moves %q, want %q first", base, g, want)
		}
	}
}
