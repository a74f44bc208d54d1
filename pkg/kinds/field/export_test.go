package field

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crmsync/crmsync/pkg/kinds/spec"
	"github.com/crmsync/crmsync/pkg/model"
)

type pairs = []spec.Pair

func live(system bool, f model.FieldDef) *model.Object {
	return &model.Object{Key: model.Key{Kind: model.KindField, Name: model.FieldKeyName(f.Module, f.APIName)},
		ID: "5843104000000931001", System: system, Field: &f}
}

func opts(ids bool, values ...string) *[]model.PicklistValue {
	out := make([]model.PicklistValue, len(values))
	for i, v := range values {
		display, actual, _ := strings.Cut(v, "=")
		if actual == "" {
			actual = display
		}
		out[i] = model.PicklistValue{DisplayValue: display, ActualValue: model.Ptr(actual), Type: model.Ptr("used")}
		if ids {
			out[i].ID = fmt.Sprintf("58431040000009400%02d", i)
		}
	}
	return &out
}

func perms(kv ...string) *map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return &m
}

var stage = []string{"Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers",
	"Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost",
	"Closed-Lost to Competition"}

func TestCustomFieldsAreWrittenWhole(t *testing.T) {
	o := live(false, model.FieldDef{Module: "Accounts", APIName: "Customer_Tier", FieldLabel: model.Ptr("Customer Tier"),
		DataType: model.Ptr("picklist"), Tooltip: &model.Tooltip{Name: "static_text", Value: "Service level"},
		PickListValues: opts(true, "Gold Plus=Gold", "Silver", "Bronze"),
		Permissions:    perms("Support", "hidden", "Administrator", "read_write", "Sales", "read_only")})
	want := pairs{{K: "module", V: "Accounts"}, {K: "api_name", V: "Customer_Tier"}, {K: "field_label", V: "Customer Tier"},
		{K: "data_type", V: "picklist"},
		{K: "tooltip", V: pairs{{K: "name", V: "static_text"}, {K: "value", V: "Service level"}}},
		{K: "pick_list_values", V: [][]spec.Pair{
			{{K: "display_value", V: "Gold Plus"}, {K: "actual_value", V: "Gold"}},
			{{K: "display_value", V: "Silver"}}, {{K: "display_value", V: "Bronze"}}}},
		{K: "permissions", V: pairs{{K: "Administrator", V: "read_write"}, {K: "Sales", V: "read_only"}, {K: "Support", V: "hidden"}}},
	}
	got := exportLayout.Document(o)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("document (-want +got):\n%s", diff)
	}
	// complete adds the default sort, false, after the tooltip.
	wantComplete := append(append(append(pairs{}, want[:5]...), spec.Pair{K: "pick_list_values_sorted_lexically", V: false}), want[5:]...)
	if diff := cmp.Diff(wantComplete, exportLayout.Complete(o, got)); diff != "" {
		t.Errorf("complete (-want +got):\n%s", diff)
	}
	o.Field.PickListValuesSortedLexically = model.Ptr(true)
	sorted := append(append(append(pairs{}, want[:5]...), spec.Pair{K: "pick_list_values_sorted_lexically", V: true}), want[5:]...)
	if diff := cmp.Diff(sorted, exportLayout.Document(o)); diff != "" {
		t.Errorf("sorted lexically: document (-want +got):\n%s", diff)
	}
}

func TestSizesWhereTheTypeHasThem(t *testing.T) {
	cases := []struct {
		def  model.FieldDef
		want pairs
	}{
		{model.FieldDef{DataType: model.Ptr("text"), Length: model.Ptr(20)}, pairs{{K: "length", V: 20}}},
		{model.FieldDef{DataType: model.Ptr("currency"), Length: model.Ptr(16), DecimalPlace: model.Ptr(2)},
			pairs{{K: "length", V: 16}, {K: "decimal_place", V: 2}}},
		{model.FieldDef{DataType: model.Ptr("percent"), Length: model.Ptr(5), DecimalPlace: model.Ptr(1)},
			pairs{{K: "decimal_place", V: 1}}},
		{model.FieldDef{DataType: model.Ptr("email"), Length: model.Ptr(100)}, nil},
		{model.FieldDef{DataType: model.Ptr("textarea"), Length: model.Ptr(32000), Textarea: model.Ptr("large")},
			pairs{{K: "textarea", V: "large"}}},
		{model.FieldDef{DataType: model.Ptr("boolean"), Length: model.Ptr(5), DecimalPlace: model.Ptr(2)}, nil},
	}
	for _, c := range cases {
		c.def.Module, c.def.APIName, c.def.FieldLabel = "Accounts", "Size", model.Ptr("Size")
		want := append(pairs{{K: "module", V: "Accounts"}, {K: "api_name", V: "Size"}, {K: "field_label", V: "Size"},
			{K: "data_type", V: *c.def.DataType}}, c.want...)
		if diff := cmp.Diff(want, exportLayout.Document(live(false, c.def))); diff != "" {
			t.Errorf("%s (-want +got):\n%s", *c.def.DataType, diff)
		}
	}
}

func TestAFieldOfAGlobalPicklistNamesTheSetNotItsValues(t *testing.T) {
	o := live(false, model.FieldDef{Module: "Contacts", APIName: "Region", FieldLabel: model.Ptr("Region"),
		DataType: model.Ptr("picklist"), GlobalPicklist: model.Ptr("Regions"), PickListValues: opts(true, "EMEA", "APAC")})
	want := pairs{{K: "module", V: "Contacts"}, {K: "api_name", V: "Region"}, {K: "field_label", V: "Region"},
		{K: "data_type", V: "picklist"}, {K: "global_picklist", V: "Regions"}}
	if diff := cmp.Diff(want, exportLayout.Document(o)); diff != "" {
		t.Errorf("document (-want +got):\n%s", diff)
	}
}

func TestUntouchedStandardFieldsAreNotExported(t *testing.T) {
	everyone := perms("Administrator", "read_write", "Sales", "read_write")
	withNone := append([]string{"-None-"}, stage...)
	cases := map[string]*model.Object{
		"default stages": live(true, model.FieldDef{Module: "Deals", APIName: "Stage", DataType: model.Ptr("picklist"),
			PickListValues: opts(true, stage...), Permissions: everyone}),
		"default stages after -None-": live(true, model.FieldDef{Module: "Deals", APIName: "Stage",
			DataType: model.Ptr("picklist"), PickListValues: opts(true, withNone...), Permissions: everyone}),
		"module named in another case": live(true, model.FieldDef{Module: "deals", APIName: "stage",
			DataType: model.Ptr("picklist"), PickListValues: opts(false, stage...)}),
		"not a picklist": live(true, model.FieldDef{Module: "Deals", APIName: "Amount", DataType: model.Ptr("currency"),
			Length: model.Ptr(16), FieldLabel: model.Ptr("Amount"), Permissions: everyone}),
		"absent": {Key: model.Key{Kind: model.KindField, Name: "Deals.X"}, Absent: true,
			Field: &model.FieldDef{Module: "Deals", APIName: "X", DataType: model.Ptr("text")}},
		"no field": {Key: model.Key{Kind: model.KindField, Name: "Deals.X"}},
	}
	for name, o := range cases {
		if got := exportLayout.Document(o); got != nil {
			t.Errorf("%s: document = %v, want none", name, got)
		}
	}
}

func TestStandardFieldsWriteOnlyWhatDiffers(t *testing.T) {
	moved := append([]string{"Closed Won"}, stage[:7]...)
	moved = append(moved, stage[8:]...)
	renamed := append([]string{"Qualified=Qualification"}, stage[1:]...)
	p := perms("Administrator", "read_write", "Sales", "hidden", "Support", "read_only", "yes", "read_write")
	cases := []struct {
		name string
		def  model.FieldDef
		want pairs
	}{
		{"stages reordered", model.FieldDef{Module: "Deals", APIName: "Stage", DataType: model.Ptr("picklist"),
			PickListValues: opts(true, moved...), Permissions: p},
			pairs{{K: "pick_list_values", V: valuesOf(moved...)},
				{K: "permissions", V: pairs{{K: "Sales", V: "hidden"}, {K: "Support", V: "read_only"}}}}},
		{"a stage renamed", model.FieldDef{Module: "Deals", APIName: "Stage", DataType: model.Ptr("picklist"),
			PickListValues: opts(true, renamed...)},
			pairs{{K: "pick_list_values", V: valuesOf(renamed...)}}},
		{"a stage removed", model.FieldDef{Module: "Deals", APIName: "Stage", DataType: model.Ptr("picklist"),
			PickListValues: opts(true, stage[1:]...)},
			pairs{{K: "pick_list_values", V: valuesOf(stage[1:]...)}}},
		{"no known default", model.FieldDef{Module: "Cases", APIName: "Status", DataType: model.Ptr("picklist"),
			PickListValues: opts(true, "New", "Closed")},
			pairs{{K: "pick_list_values", V: valuesOf("New", "Closed")}}},
		{"permissions only", model.FieldDef{Module: "Leads", APIName: "Email", DataType: model.Ptr("email"),
			FieldLabel: model.Ptr("Email"), Permissions: perms("Sales", "read_only", "Standard", "read_write")},
			pairs{{K: "permissions", V: pairs{{K: "Sales", V: "read_only"}}}}},
		{"a global picklist's values are the set's", model.FieldDef{Module: "Leads", APIName: "Region",
			DataType: model.Ptr("picklist"), GlobalPicklist: model.Ptr("Regions"), PickListValues: opts(true, "EMEA"),
			Permissions: perms("Sales", "hidden")},
			pairs{{K: "permissions", V: pairs{{K: "Sales", V: "hidden"}}}}},
	}
	for _, c := range cases {
		want := append(pairs{{K: "module", V: c.def.Module}, {K: "api_name", V: c.def.APIName}}, c.want...)
		if diff := cmp.Diff(want, exportLayout.Document(live(true, c.def))); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
}

func valuesOf(values ...string) [][]spec.Pair {
	var out [][]spec.Pair
	for _, v := range *opts(false, values...) {
		p := pairs{{K: "display_value", V: v.DisplayValue}}
		if *v.ActualValue != v.DisplayValue {
			p = append(p, spec.Pair{K: "actual_value", V: *v.ActualValue})
		}
		out = append(out, p)
	}
	return out
}

// A custom field of a type a manifest cannot create (a lookup needs its
// lookup settings) is written like a standard field.
func TestCustomFieldsOfOtherTypesWriteOnlyPermissions(t *testing.T) {
	def := model.FieldDef{Module: "Deals", APIName: "Partner", FieldLabel: model.Ptr("Partner"), DataType: model.Ptr("lookup"),
		Permissions: perms("Sales", "read_only", "Administrator", "read_write")}
	want := pairs{{K: "module", V: "Deals"}, {K: "api_name", V: "Partner"}, {K: "permissions", V: pairs{{K: "Sales", V: "read_only"}}}}
	if diff := cmp.Diff(want, exportLayout.Document(live(false, def))); diff != "" {
		t.Errorf("document (-want +got):\n%s", diff)
	}
	def.Permissions = perms("Sales", "read_write")
	if got := exportLayout.Document(live(false, def)); got != nil {
		t.Errorf("an untouched lookup: document = %v, want none", got)
	}
}

func TestCompleteResetsAStandardFieldsDefaults(t *testing.T) {
	o := live(true, model.FieldDef{Module: "Deals", APIName: "Stage", DataType: model.Ptr("picklist"),
		PickListValues: opts(true, stage...), Permissions: perms("Sales", "hidden", "Administrator", "read_write")})
	doc := exportLayout.Document(o)
	want := pairs{{K: "module", V: "Deals"}, {K: "api_name", V: "Stage"}, {K: "pick_list_values", V: valuesOf(stage...)},
		{K: "permissions", V: pairs{{K: "Administrator", V: "read_write"}, {K: "Sales", V: "hidden"}}}}
	if diff := cmp.Diff(want, exportLayout.Complete(o, doc)); diff != "" {
		t.Errorf("complete (-want +got):\n%s", diff)
	}
}

// No document carries an id: neither the field's, nor an option's.
func TestExportWritesNoID(t *testing.T) {
	objs := []*model.Object{
		live(false, model.FieldDef{Module: "Accounts", APIName: "Tier", FieldLabel: model.Ptr("Tier"),
			DataType: model.Ptr("multiselectpicklist"), PickListValues: opts(true, "A", "B=b"), Permissions: perms("Sales", "hidden")}),
		live(true, model.FieldDef{Module: "Deals", APIName: "Stage", DataType: model.Ptr("picklist"),
			PickListValues: opts(true, "X", "Y"), Permissions: perms("Sales", "hidden")}),
	}
	for _, o := range objs {
		for _, doc := range [][]spec.Pair{exportLayout.Document(o), exportLayout.Complete(o, exportLayout.Document(o))} {
			if doc == nil {
				t.Fatalf("%s: no document", o.Key)
			}
			text := fmt.Sprintf("%v", doc)
			if strings.Contains(text, "{id ") || strings.Contains(text, "58431040") {
				t.Errorf("%s: the document carries an id: %s", o.Key, text)
			}
		}
	}
}

// For a custom field without a tooltip, complete writes "tooltip: null"
// (after the sizes), which removes another org's tooltip.
func TestCompleteClearsACustomFieldsTooltip(t *testing.T) {
	for _, tip := range []*model.Tooltip{nil, {}} {
		o := live(false, model.FieldDef{Module: "Accounts", APIName: "Code", FieldLabel: model.Ptr("Code"),
			DataType: model.Ptr("text"), Length: model.Ptr(20), Tooltip: tip, Permissions: perms("Sales", "hidden")})
		want := pairs{{K: "module", V: "Accounts"}, {K: "api_name", V: "Code"}, {K: "field_label", V: "Code"},
			{K: "data_type", V: "text"}, {K: "length", V: 20}, {K: "tooltip", V: nil},
			{K: "permissions", V: pairs{{K: "Sales", V: "hidden"}}}}
		if diff := cmp.Diff(want, exportLayout.Complete(o, exportLayout.Document(o))); diff != "" {
			t.Errorf("tooltip %v: complete (-want +got):\n%s", tip, diff)
		}
	}
}

// A custom field whose type is not known is written with what it has.
func TestACustomFieldWithoutTypeIsWrittenWithWhatItHas(t *testing.T) {
	o := live(false, model.FieldDef{Module: "Accounts", APIName: "Code", FieldLabel: model.Ptr("Code"), Length: model.Ptr(5)})
	want := pairs{{K: "module", V: "Accounts"}, {K: "api_name", V: "Code"}, {K: "field_label", V: "Code"}}
	if diff := cmp.Diff(want, exportLayout.Document(o)); diff != "" {
		t.Errorf("document (-want +got):\n%s", diff)
	}
}
