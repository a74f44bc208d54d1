package desired

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

const hdrField = "apiVersion: crmsync/v1\nkind: Field"

// TestInvalidFields: the Field checks that need no live org, each at the
// position of the key at fault.
func TestInvalidFields(t *testing.T) {
	tests := []struct {
		name  string
		files []File
		want  []string
	}{
		{"bad data_type", []File{y("a.yaml", hdrField, "module: Accounts", "api_name: X", "data_type: checkbox")},
			[]string{"a.yaml:5:1: Field \"Accounts.X\": data_type: expected text, textarea, email, phone, picklist, multiselectpicklist, date, datetime, integer, currency, percent, bigint, double, website, boolean, fileupload, imageupload, userlookup, multiuserlookup, address, lookup, multiselectlookup, formula, rollup_summary, autonumber or ownerlookup, got the string \"checkbox\""}},
		{"length where the type has none", []File{y("a.yaml", hdrField, "module: Accounts", "api_name: X", "data_type: boolean", "length: 5")},
			[]string{"a.yaml:6:1: Field \"Accounts.X\": length: a boolean field has no length; remove it"}},
		{"length over the type's maximum", []File{y("a.yaml", hdrField, "module: Accounts", "api_name: X", "data_type: phone", "length: 40")},
			[]string{"a.yaml:6:1: Field \"Accounts.X\": length: a phone field holds at most 30; got 40"}},
		{"decimal_place on text", []File{y("a.yaml", hdrField, "module: Accounts", "api_name: X", "data_type: text", "decimal_place: 2")},
			[]string{"a.yaml:6:1: Field \"Accounts.X\": decimal_place: only double, currency and percent fields have decimal_place; a text field has none"}},
		{"global and local values", []File{y("a.yaml", hdrField, "module: Accounts", "api_name: X", "data_type: picklist",
			"global_picklist: Regions", "pick_list_values: [{display_value: A}]")},
			[]string{"a.yaml:6:1: Field \"Accounts.X\": global_picklist: a field takes its values either from a global picklist or from pick_list_values, not both: manage the values on the GlobalPicklist \"Regions\", or remove global_picklist"}},
		{"global picklist on a multiselect", []File{y("a.yaml", hdrField, "module: Accounts", "api_name: X", "data_type: multiselectpicklist",
			"global_picklist: Regions")},
			[]string{"a.yaml:6:1: Field \"Accounts.X\": global_picklist: only a picklist field can use a global picklist (Zoho's multiselectpicklist has no global_picklist), not multiselectpicklist"}},
		{"duplicate values", []File{y("a.yaml", hdrField, "module: Accounts", "api_name: X", "pick_list_values:",
			"  - {display_value: Gold}", "  - {display_value: gold, actual_value: G2}", "  - {display_value: Silver, actual_value: Gold}")},
			[]string{"a.yaml:7:6: Field \"Accounts.X\": pick_list_values[1].display_value: the display value \"gold\" is used twice in this list (first at line 6); Zoho keeps display values unique, in any case", "a.yaml:8:5: Field \"Accounts.X\": pick_list_values[2]: the actual value \"Gold\" is used twice in this list (first at line 6); give one option another actual_value"}},
		{"bad permission", []File{y("a.yaml", hdrField, "module: Accounts", "api_name: X", "permissions: {Sales: write}")},
			[]string{"a.yaml:5:15: Field \"Accounts.X\": permissions.Sales: expected read_write, read_only or hidden, got the string \"write\""}},
		{"absent with keys", []File{y("a.yaml", hdrField, "module: Accounts", "api_name: X", "absent: true", "field_label: X")},
			[]string{"a.yaml:6:1: Field \"Accounts.X\": field_label: an absent Field carries only apiVersion, kind, module, api_name and absent; remove this key"}},
		{"long static tooltip", []File{y("a.yaml", hdrField, "module: Accounts", "api_name: X",
			"tooltip: {name: static_text, value: This text is much longer than thirty-five characters}")},
			[]string{"a.yaml:5:30: Field \"Accounts.X\": tooltip.value: a static_text tooltip holds at most 35 characters (this one has 52); shorten it or use name: info_icon (255)"}},
		{"locking rule on a value the field will not have", []File{y("a.yaml", hdrField, "module: Accounts", "api_name: Tier",
			"pick_list_values: [{display_value: Gold}, {display_value: Silver}]"),
			y("b.yaml", hdrLock, "module: Accounts", "lock_type: automatic", "locking_rules:",
				"  - name: R", "    criteria: {field: Tier, comparator: equal, value: Golden}")},
			[]string{"b.yaml:7:48: RecordLockingConfig \"Accounts\": locking_rules[0].criteria.value: \"Golden\" is not a value the Field manifest of Accounts.Tier gives it (\"Gold\", \"Silver\"): add it to that field's pick_list_values, or compare with one of them"}},
		{"identity case-blind", []File{y("a.yaml", hdrField, "module: Accounts", "api_name: Tier", "---", hdrField, "module: Accounts", "api_name: tier")},
			[]string{"a.yaml:9:1: Field \"Accounts.tier\": the name \"Accounts.tier\" differs from \"Accounts.Tier\" (at a.yaml:4:1) only in case or spaces, and Zoho keeps names unique; rename one of them"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, diagLines(t, tt.files...)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}
