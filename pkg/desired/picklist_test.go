package desired

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const hdrGP = "apiVersion: crmsync/v1\nkind: GlobalPicklist"

// TestInvalidGlobalPicklists: bad values are reported at their position,
// all at once, with the fix.
func TestInvalidGlobalPicklists(t *testing.T) {
	tests := []struct {
		name  string
		files []File
		want  []string
	}{
		{"display values twice, case-blind", []File{y("g.yaml", hdrGP, "api_name: Regions", "pick_list_values:",
			"  - display_value: EMEA", "  - display_value: emea")},
			[]string{`g.yaml:6:5: GlobalPicklist "Regions": pick_list_values[1].display_value: the display value "emea" is in the list twice (first at line 5); values that differ only in case or spaces are the same`}},
		{"actual values twice", []File{y("g.yaml", hdrGP, "api_name: Regions", "pick_list_values:",
			"  - {display_value: A, actual_value: X}", "  - {display_value: B, actual_value: x}")},
			[]string{`g.yaml:6:24: GlobalPicklist "Regions": pick_list_values[1].actual_value: the actual value "x" is in the list twice (first at line 5); each value needs its own`}},
		{"previous name still in the list", []File{y("g.yaml", hdrGP, "api_name: Regions", "pick_list_values:",
			"  - display_value: APAC", "  - display_value: Asia Pacific", "    previous_names: [apac]")},
			[]string{`g.yaml:7:22: GlobalPicklist "Regions": pick_list_values[1].previous_names[0]: the previous name "apac" is the display value of another value of the list (line 5), so it cannot also be renamed; remove one of the two, or name each value by its actual_value to pass display values from value to value (a swap, a chain of renames)`}},
		{"previous name of two values and own name", []File{y("g.yaml", hdrGP, "api_name: Regions", "pick_list_values:",
			"  - display_value: Asia", "    previous_names: [APAC]", "  - display_value: Pacific", "    previous_names: [APAC, Pacific]")},
			[]string{
				`g.yaml:8:22: GlobalPicklist "Regions": pick_list_values[1].previous_names[0]: the previous name "APAC" is also a previous name of the value at line 5; only one value can be renamed from it`,
				`g.yaml:8:28: GlobalPicklist "Regions": pick_list_values[1].previous_names[1]: the previous name "Pacific" is this value's own display value; remove it`,
			}},
		{"no used value", []File{y("g.yaml", hdrGP, "api_name: Regions", "pick_list_values:",
			"  - {display_value: A, type: unused}")},
			[]string{`g.yaml:4:1: GlobalPicklist "Regions": pick_list_values: a global picklist needs at least one used value: remove type: unused from one of them`}},
		{"more used values than Zoho keeps", []File{y("g.yaml", hdrGP, "api_name: Regions", "pick_list_values: ["+values(1001, "")+"]")},
			[]string{`g.yaml:4:1: GlobalPicklist "Regions": pick_list_values: 1001 used values, and Zoho keeps at most 1000 used values in a global picklist (LIMIT_EXCEEDED); remove some, or make them unused`}},
		{"more unused values than Zoho keeps", []File{y("g.yaml", hdrGP, "api_name: Regions", "pick_list_values: [{display_value: A}, "+values(501, ", type: unused")+"]")},
			[]string{`g.yaml:4:1: GlobalPicklist "Regions": pick_list_values: 501 unused values, and Zoho keeps at most 500 unused values in a global picklist (LIMIT_EXCEEDED); remove some`}},
		{"surrounding spaces", []File{y("g.yaml", hdrGP, "api_name: Regions", "display_label: 'Regions '", "pick_list_values:",
			"  - {display_value: ' EMEA', actual_value: 'emea '}")},
			[]string{
				`g.yaml:4:1: GlobalPicklist "Regions": display_label: "Regions " starts or ends with spaces, which Zoho may drop (the plan would then find a change on every run); remove them`,
				`g.yaml:6:6: GlobalPicklist "Regions": pick_list_values[0].display_value: " EMEA" starts or ends with spaces, which Zoho may drop (the plan would then find a change on every run); remove them`,
				`g.yaml:6:30: GlobalPicklist "Regions": pick_list_values[0].actual_value: "emea " starts or ends with spaces, which Zoho may drop (the plan would then find a change on every run); remove them`,
			}},
		{"bad type and api name", []File{y("g.yaml", hdrGP, "api_name: Regions_", "pick_list_values:",
			"  - {display_value: A, type: hidden}")},
			[]string{
				`g.yaml:3:1: GlobalPicklist "Regions_": api_name: expected a global picklist API name: a letter, then letters, digits and underscores, not ending with an underscore, got the string "Regions_"`,
				`g.yaml:5:24: GlobalPicklist "Regions_": pick_list_values[0].type: expected used or unused, got the string "hidden"`,
			}},
		{"absent carries only its name", []File{y("g.yaml", hdrGP, "api_name: Regions", "absent: true", "display_label: Regions")},
			[]string{`g.yaml:5:1: GlobalPicklist "Regions": display_label: an absent GlobalPicklist carries only apiVersion, kind, api_name and absent; remove this key`}},
		{"previous_names on the set", []File{y("g.yaml", hdrGP, "api_name: Regions", "previous_names: [Areas]")},
			[]string{`g.yaml:4:1: GlobalPicklist "Regions": unknown key "previous_names"; a global picklist is named by its api_name, which crmsync does not change; previous_names belongs on a value of pick_list_values`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := diagLines(t, tt.files...)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

// values is n flow-style picklist values V1...Vn, each with extra keys.
func values(n int, extra string) string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("{display_value: V%d%s}", i+1, extra)
	}
	return strings.Join(out, ", ")
}
