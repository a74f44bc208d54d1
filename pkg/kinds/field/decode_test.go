package field

import (
	"reflect"
	"testing"

	"github.com/crmsync/crmsync/pkg/kinds/spec"
	"github.com/crmsync/crmsync/pkg/model"
)

// TestDecodeTooltip: a Field document decodes in one pass to what a plain
// decode gives, except that "tooltip: null" is an empty Tooltip (remove
// it) and an absent tooltip stays nil (not managed).
func TestDecodeTooltip(t *testing.T) {
	base := `"module":"Accounts","api_name":"Tier","field_label":"Tier","data_type":"picklist",` +
		`"pick_list_values":[{"display_value":"Gold","actual_value":"G"}],"permissions":{"Standard":"hidden"}`
	cases := []struct {
		doc  string
		want *model.Tooltip
	}{
		{`{` + base + `}`, nil},
		{`{` + base + `,"tooltip":null}`, &model.Tooltip{}},
		{`{"tooltip": null ,` + base + `}`, &model.Tooltip{}},
		{`{` + base + `,"tooltip":{"name":"info_icon","value":"Pick one"}}`, &model.Tooltip{Name: "info_icon", Value: "Pick one"}},
	}
	for _, c := range cases {
		o, err := decode([]byte(c.doc))
		if err != nil {
			t.Fatalf("%s: %v", c.doc, err)
		}
		plain, err := spec.DecodeJSON[model.FieldDef]([]byte(c.doc))
		if err != nil {
			t.Fatal(err)
		}
		plain.Tooltip = c.want
		if !reflect.DeepEqual(o.Field, plain) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.doc, o.Field, plain)
		}
		if o.Key != (model.Key{Kind: model.KindField, Name: "Accounts.Tier"}) {
			t.Errorf("key %v", o.Key)
		}
	}
	if _, err := decode([]byte(`{"tooltip":{"name":3}}`)); err == nil {
		t.Error("a tooltip of the wrong shape decoded")
	}
}
