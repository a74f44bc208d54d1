package desired

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// diagLines parses files and returns the diagnostics as printed.
func diagLines(t *testing.T, files ...File) []string {
	t.Helper()
	_, err := Parse(files...)
	if err == nil {
		return nil
	}
	var ds Diagnostics
	if !errors.As(err, &ds) {
		t.Fatalf("error is %T, want Diagnostics: %v", err, err)
	}
	return strings.Split(ds.Error(), "\n")
}

// y builds a File from lines, so that line numbers are easy to read.
func y(path string, lines ...string) File {
	return File{Path: path, Data: []byte(strings.Join(lines, "\n") + "\n")}
}

const (
	hdrLock = "apiVersion: crmsync/v1\nkind: RecordLockingConfig"
	hdrMod  = "apiVersion: crmsync/v1\nkind: Module"
	hdrRole = "apiVersion: crmsync/v1\nkind: Role"
	hdrCR   = "apiVersion: crmsync/v1\nkind: ContactRole"
)

func TestInvalidManifests(t *testing.T) {
	tests := []struct {
		name  string
		files []File
		want  []string
	}{
		// YAML level.
		{"yaml syntax error", []File{y("a.yaml", hdrRole, "name: [unclosed", "description: x")},
			[]string{`a.yaml:3:1: document 1: YAML syntax error: did not find expected ',' or ']'`}},
		{"syntax error in second document", []File{y("a.yaml", hdrRole, "name: A", "---", hdrRole, "name: B", "  bad: indent")},
			[]string{`a.yaml:8:1: document 2: YAML syntax error: mapping values are not allowed in this context`}},
		{"duplicate key", []File{y("a.yaml", hdrRole, "name: A", "description: x", "description: y")},
			[]string{`a.yaml:5:1: Role "A": key "description" is defined twice (first at line 4)`}},
		{"date value", []File{y("a.yaml", hdrLock, "module: Deals", "lock_type: automatic", "locking_rules:",
			"  - name: R", "    criteria: {field: Closing_Date, comparator: equal, value: 2024-01-31}")},
			[]string{`a.yaml:7:63: RecordLockingConfig "Deals": locking_rules[0].criteria.value: 2024-01-31 is read as a date, which is not a valid value; quote it ("2024-01-31") if you mean text`}},
		{"infinity", []File{y("a.yaml", hdrCR, "name: A", "sequence_number: .inf")},
			[]string{`a.yaml:4:18: ContactRole "A": sequence_number: .inf is not a number JSON can hold; quote it (".inf") if you mean text`}},
		{"not a number", []File{y("a.yaml", hdrCR, "name: A", "sequence_number: .nan")},
			[]string{`a.yaml:4:18: ContactRole "A": sequence_number: .nan is not a number JSON can hold; quote it (".nan") if you mean text`}},
		{"non-string key", []File{y("a.yaml", hdrRole, "name: A", "404: x")},
			[]string{`a.yaml:4:1: Role "A": the key 404 is an integer; keys must be strings: write "404"`}},
		{"unsupported tag", []File{y("a.yaml", hdrRole, "name: !secret A")},
			[]string{`a.yaml:3:7: Role: name: the YAML tag !secret is not supported`}},
		{"alias cycle", []File{y("a.yaml", hdrRole, "name: A", "x: &a [*a]")},
			[]string{`a.yaml:4:8: Role "A": x[0][0]: alias *a refers to a value that contains it`}},
		{"unknown anchor", []File{y("a.yaml", hdrRole, "name: A", "description: *nope")},
			[]string{`a.yaml:4:14: document 1: YAML syntax error: unknown anchor 'nope' referenced`}},
		{"parser error on the first line", []File{y("a.yaml", "{apiVersion: crmsync/v1")},
			[]string{`a.yaml:2:1: document 1: YAML syntax error: did not find expected ',' or '}'`}},
		{"document is a list", []File{y("a.yaml", "- a", "- b")},
			[]string{`a.yaml:1:1: document 1: expected a mapping with apiVersion and kind, got a list`}},

		// Document meta.
		{"missing kind", []File{y("a.yaml", "apiVersion: crmsync/v1", "name: A")},
			[]string{`a.yaml:1:1: document 1: missing required key kind (Module, Role, ContactRole, Field or RecordLockingConfig)`}},
		{"unknown kind", []File{y("a.yaml", "apiVersion: crmsync/v1", "kind: role", "name: A")},
			[]string{`a.yaml:2:1: document 1: kind: expected Module, Role, ContactRole, Field or RecordLockingConfig, got the string "role"; did you mean "Role"?`}},
		{"wrong apiVersion", []File{y("a.yaml", "apiVersion: crmsync/v2", "kind: Role", "name: A")},
			[]string{`a.yaml:1:1: Role "A": apiVersion: expected crmsync/v1, got the string "crmsync/v2"`}},
		{"missing apiVersion", []File{y("a.yaml", "kind: Role", "name: A")},
			[]string{`a.yaml:1:1: Role "A": missing required key apiVersion (crmsync/v1)`}},
		{"missing identity", []File{y("a.yaml", hdrMod, "plural_label: X")},
			[]string{`a.yaml:1:1: Module: missing required key api_name (a string)`}},
		{"unknown key with suggestion", []File{y("a.yaml", hdrLock, "module: Deals", "lock_typ: manual")},
			[]string{
				`a.yaml:1:1: RecordLockingConfig "Deals": missing required key lock_type (manual, automatic or both)`,
				`a.yaml:4:1: RecordLockingConfig "Deals": unknown key "lock_typ"; did you mean "lock_type"?`,
			}},
		{"unknown nested key", []File{y("a.yaml", hdrLock, "module: Deals", "lock_type: automatic", "locking_rules:",
			"  - name: R", "    criteria: {field: Stage, comparator: equal, value: x}", "    colour: red")},
			[]string{`a.yaml:8:5: RecordLockingConfig "Deals": locking_rules[0]: unknown key "colour"`}},
		{"module cannot be absent", []File{y("a.yaml", hdrMod, "api_name: Projects", "absent: true")},
			[]string{`a.yaml:4:1: Module "Projects": unknown key "absent"; a Module cannot be absent: Zoho's API cannot delete modules`}},
		{"module has no previous names", []File{y("a.yaml", hdrMod, "api_name: Projects", "previous_names: [Old]")},
			[]string{`a.yaml:4:1: Module "Projects": unknown key "previous_names"; a module's API name cannot be changed through Zoho's API`}},
		{"rule id", []File{y("a.yaml", hdrLock, "module: Deals", "lock_type: automatic", "locking_rules:",
			"  - id: \"5843104000001068052\"", "    name: R", "    criteria: {field: Stage, comparator: equal, value: x}")},
			[]string{`a.yaml:6:5: RecordLockingConfig "Deals": locking_rules[0]: unknown key "id"; crmsync refers to objects by name; Zoho ids are not written in manifests`}},

		// One case per key type.
		{"string key given a number", []File{y("a.yaml", hdrRole, "name: 2024")},
			[]string{`a.yaml:3:1: Role: name: expected a string, got the number 2024; quote it ("2024") to make it a string`}},
		{"bool key given yes", []File{y("a.yaml", hdrLock, "module: Deals", "lock_type: manual", "lock_for_portal_users: yes")},
			[]string{`a.yaml:5:1: RecordLockingConfig "Deals": lock_for_portal_users: expected true or false, got "yes", which YAML 1.2 reads as a string; write true or false`}},
		{"bool key given off", []File{y("a.yaml", hdrRole, "name: A", "share_with_peers: off")},
			[]string{`a.yaml:4:1: Role "A": share_with_peers: expected true or false, got "off", which YAML 1.2 reads as a string; write true or false`}},
		{"bool key given a quoted true", []File{y("a.yaml", hdrRole, "name: A", `share_with_peers: "true"`)},
			[]string{`a.yaml:4:1: Role "A": share_with_peers: expected true or false, got the string "true"`}},
		{"int key given a fraction", []File{y("a.yaml", hdrCR, "name: A", "sequence_number: 2.5")},
			[]string{`a.yaml:4:1: ContactRole "A": sequence_number: expected an integer, got the number 2.5`}},
		{"int key given a string", []File{y("a.yaml", hdrCR, "name: A", "sequence_number: five")},
			[]string{`a.yaml:4:1: ContactRole "A": sequence_number: expected an integer, got the string "five"`}},
		{"int key given a quoted number", []File{y("a.yaml", hdrCR, "name: A", `sequence_number: "5"`)},
			[]string{`a.yaml:4:1: ContactRole "A": sequence_number: expected an integer, got the string "5"; remove the quotes`}},
		{"int below minimum", []File{y("a.yaml", hdrCR, "name: A", "sequence_number: 0")},
			[]string{`a.yaml:4:1: ContactRole "A": sequence_number: expected at least 1, got 0`}},
		{"array key given a string", []File{y("a.yaml", hdrMod, "api_name: Projects", "profiles: Administrator")},
			[]string{`a.yaml:4:1: Module "Projects": profiles: expected a list, got the string "Administrator"`}},
		{"array key left empty", []File{y("a.yaml", hdrLock, "module: Deals", "lock_type: manual", "excluded_fields:")},
			[]string{`a.yaml:5:1: RecordLockingConfig "Deals": excluded_fields: expected a list, got null (an empty value); write [] for an empty list`}},
		{"enum key", []File{y("a.yaml", hdrLock, "module: Deals", "lock_type: auto")},
			[]string{`a.yaml:4:1: RecordLockingConfig "Deals": lock_type: expected manual, automatic or both, got the string "auto"; did you mean "automatic"?`}},
		{"enum item", []File{y("a.yaml", hdrLock, "module: Deals", "lock_type: manual", "restricted_actions: [update, Delete, edit]")},
			[]string{
				`a.yaml:5:30: RecordLockingConfig "Deals": restricted_actions[1]: expected update, delete, tags, convert or change_owner, got the string "Delete"; did you mean "delete"?`,
				`a.yaml:5:38: RecordLockingConfig "Deals": restricted_actions[2]: expected update, delete, tags, convert or change_owner, got the string "edit"`,
			}},
		{"communication enum keeps Zoho's spelling", []File{y("a.yaml", hdrLock, "module: Deals", "lock_type: manual", "restricted_communications: [send_survey]")},
			[]string{`a.yaml:5:29: RecordLockingConfig "Deals": restricted_communications[0]: expected send_mail, send_survery or send_portal_invitation, got the string "send_survey"; did you mean "send_survery"?`}},
		{"object key given a string", []File{y("a.yaml", hdrLock, "module: Deals", "lock_type: automatic", "locking_rules:",
			"  - name: R", "    criteria: Stage is Closed Won")},
			[]string{`a.yaml:7:5: RecordLockingConfig "Deals": locking_rules[0].criteria: expected a mapping, got the string "Stage is Closed Won"`}},

		// Schema limits and patterns.
		{"label pattern", []File{y("a.yaml", hdrMod, "api_name: Projects", "plural_label: Projects & Tasks")},
			[]string{`a.yaml:4:1: Module "Projects": plural_label: expected letters, digits and spaces only, starting and ending with a letter or digit, got the string "Projects & Tasks"`}},
		{"label too long", []File{y("a.yaml", hdrMod, "api_name: Projects", "singular_label: A Very Long Project Label Indeed")},
			[]string{`a.yaml:4:1: Module "Projects": singular_label: expected at most 25 characters, got 32`}},
		{"contact role name too long", []File{y("a.yaml", hdrCR, "name: "+strings.Repeat("x", 51))},
			[]string{`a.yaml:3:1: ContactRole "` + strings.Repeat("x", 51) + `": name: expected at most 50 characters, got 51`}},
		{"duplicate profiles", []File{y("a.yaml", hdrMod, "api_name: Projects", "profiles: [Administrator, Sales, Administrator]")},
			[]string{`a.yaml:4:34: Module "Projects": profiles[2]: "Administrator" is listed twice (first as item 1)`}},
		{"no profiles", []File{y("a.yaml", hdrMod, "api_name: Projects", "profiles: []")},
			[]string{`a.yaml:4:1: Module "Projects": profiles: expected at least 1 item(s), got an empty list`}},
		{"email pattern", []File{y("a.yaml", hdrRole, "name: A", "forecast_manager: Jane Smith")},
			[]string{`a.yaml:4:1: Role "A": forecast_manager: expected a user's email address, for example jane@example.com, or "" to clear it, got the string "Jane Smith"`}},
		{"forecast_manager null", []File{y("a.yaml", hdrRole, "name: A", "forecast_manager: null")},
			[]string{`a.yaml:4:1: Role "A": forecast_manager: expected a string, got null (an empty value); write "" to clear it, or leave the key out to leave it alone`}},
		{"comparator pattern", []File{y("a.yaml", hdrLock, "module: Deals", "lock_type: automatic", "locking_rules:",
			"  - name: R", "    criteria: {field: Stage, comparator: '=', value: x}")},
			[]string{`a.yaml:7:30: RecordLockingConfig "Deals": locking_rules[0].criteria.comparator: expected a comparator such as equal: lower case words joined by underscores, got the string "="`}},
		{"too many rules", []File{y("a.yaml", hdrLock, "module: Deals", "lock_type: automatic", "locking_rules:",
			"  - {name: R1, criteria: {field: Stage, comparator: equal, value: a}}",
			"  - {name: R2, criteria: {field: Stage, comparator: equal, value: b}}",
			"  - {name: R3, criteria: {field: Stage, comparator: equal, value: c}}",
			"  - {name: R4, criteria: {field: Stage, comparator: equal, value: d}}",
			"  - {name: R5, criteria: {field: Stage, comparator: equal, value: e}}",
			"  - {name: R6, criteria: {field: Stage, comparator: equal, value: f}}")},
			[]string{`a.yaml:5:1: RecordLockingConfig "Deals": locking_rules: expected at most 5 items, got 6`}},

		// Semantic rules.
		{"identity declared twice across files", []File{
			y("a.yaml", hdrRole, "name: A"),
			y("b.yaml", hdrRole, "name: A")},
			[]string{`b.yaml:3:1: Role "A": declared twice (first at a.yaml:3:1)`}},
		{"previous name is an absent object's name", []File{
			y("a.yaml", hdrCR, "name: Lead", "absent: true"),
			y("b.yaml", hdrCR, "name: Sales Lead", "previous_names: [Lead]")},
			[]string{`b.yaml:4:18: ContactRole "Sales Lead": previous_names[0]: the previous name "Lead" is the name of the absent ContactRole "Lead" at a.yaml:3:1; remove one of the two`}},
		{"a renamed-away name taken by a new object is fine", []File{
			y("a.yaml", hdrRole, "name: Sales Head", "previous_names: [Sales department Head]", "---", hdrRole, "name: Sales department Head", "---", hdrRole, "name: X", "previous_names: [sales department head]")},
			[]string{`a.yaml:13:18: Role "X": previous_names[0]: the previous name "sales department head" is also a previous name of Role "Sales Head" at a.yaml:4:18`}},
		{"names that differ only in case or spaces", []File{
			y("a.yaml", hdrCR, "name: Lead"),
			y("b.yaml", hdrCR, `name: " lead"`)},
			[]string{`b.yaml:3:1: ContactRole " lead": the name " lead" differs from "Lead" (at a.yaml:3:1) only in case or spaces, and Zoho keeps names unique; rename one of them`}},
		{"absent and present under one name without previous_names", []File{
			y("a.yaml", hdrCR, "name: Lead", "absent: true"),
			y("b.yaml", hdrCR, "name: Lead")},
			[]string{`b.yaml:3:1: ContactRole "Lead": declared twice, once absent (first at a.yaml:3:1); to delete the live "Lead" and rename another object to this name, give the one that is not absent previous_names with the name it has now`}},
		{"absent and present with previous_names under one name are fine", []File{
			y("a.yaml", hdrRole, "name: Lead", "absent: true", "transfer_to: CEO", "---", hdrRole, "name: lead", "previous_names: [Junior]", "---", hdrRole, "name: Lead", "absent: true", "transfer_to: CEO")},
			[]string{`a.yaml:14:1: Role "Lead": declared twice (first at a.yaml:3:1)`}},
		{"previous name claimed twice", []File{
			y("a.yaml", hdrRole, "name: B", "previous_names: [A]", "---", hdrRole, "name: C", "previous_names: [A]")},
			[]string{`a.yaml:9:18: Role "C": previous_names[0]: the previous name "A" is also a previous name of Role "B" at a.yaml:4:18`}},
		{"previous name is own name", []File{y("a.yaml", hdrRole, "name: A", "previous_names: [A]")},
			[]string{`a.yaml:4:18: Role "A": previous_names[0]: the previous name "A" is this object's own name`}},
		{"same name in different kinds is fine", []File{y("a.yaml", hdrRole, "name: Lead", "---", hdrCR, "name: Lead", "---", hdrCR, "name: Lead")},
			[]string{`a.yaml:11:1: ContactRole "Lead": declared twice (first at a.yaml:7:1)`}},
		{"rule names unique", []File{y("a.yaml", hdrLock, "module: Deals", "lock_type: automatic", "locking_rules:",
			"  - {name: Won, criteria: {field: Stage, comparator: equal, value: a}}",
			"  - {name: WON, criteria: {field: Stage, comparator: equal, value: b}}")},
			[]string{`a.yaml:7:6: RecordLockingConfig "Deals": locking_rules[1].name: the rule name "WON" is used twice in this configuration (first at line 6 as "Won": names that differ only in case or spaces are the same)`}},
		{"condition without field", []File{y("a.yaml", hdrLock, "module: Deals", "lock_type: automatic", "locking_rules:",
			"  - name: R", "    criteria: {comparator: equal, value: Closed Won}")},
			[]string{`a.yaml:7:5: RecordLockingConfig "Deals": locking_rules[0].criteria: the condition needs field (a field API name)`}},
		{"empty condition in a group", []File{y("a.yaml", hdrLock, "module: Deals", "lock_type: automatic", "locking_rules:",
			"  - name: R", "    criteria:", "      group_operator: OR", "      group:", "        - {field: Stage, comparator: equal, value: a}", "        - {}")},
			[]string{`a.yaml:11:11: RecordLockingConfig "Deals": locking_rules[0].criteria.group[1]: the condition needs field (a field API name), comparator (for example equal) and value`}},
		{"group without operator", []File{y("a.yaml", hdrLock, "module: Deals", "lock_type: automatic", "locking_rules:",
			"  - name: R", "    criteria:", "      group:", "        - {field: Stage, comparator: equal, value: a}")},
			[]string{`a.yaml:7:5: RecordLockingConfig "Deals": locking_rules[0].criteria: a group needs group_operator: AND or OR`}},
		{"condition and group mixed", []File{y("a.yaml", hdrLock, "module: Deals", "lock_type: automatic", "locking_rules:",
			"  - name: R", "    criteria: {field: Stage, group_operator: AND, group: [{field: Stage, comparator: equal, value: a}]}")},
			[]string{`a.yaml:7:5: RecordLockingConfig "Deals": locking_rules[0].criteria: a criteria is either a condition (field, comparator, value) or a group (group_operator, group), not both`}},
		{"rules required for automatic", []File{y("a.yaml", hdrLock, "module: Deals", "lock_type: automatic")},
			[]string{`a.yaml:4:1: RecordLockingConfig "Deals": lock_type: lock_type automatic needs locking_rules: add at least one rule`}},
		{"rules only for automatic or both", []File{y("a.yaml", hdrLock, "module: Deals", "lock_type: manual", "locking_rules:",
			"  - {name: R, criteria: {field: Stage, comparator: equal, value: a}}")},
			[]string{`a.yaml:5:1: RecordLockingConfig "Deals": locking_rules: locking rules apply only when lock_type is automatic or both, not manual`}},
		{"excluded profiles required", []File{y("a.yaml", hdrLock, "module: Leads", "lock_type: manual", "locked_for: all_profiles_except_excluded_profiles")},
			[]string{`a.yaml:5:1: RecordLockingConfig "Leads": locked_for: locked_for all_profiles_except_excluded_profiles needs lock_excluded_profiles: add at least one profile name`}},
		{"excluded profiles need locked_for", []File{y("a.yaml", hdrLock, "module: Leads", "lock_type: manual", "lock_excluded_profiles: [Administrator]")},
			[]string{`a.yaml:5:1: RecordLockingConfig "Leads": lock_excluded_profiles: excluded profiles apply only with locked_for: all_profiles_except_excluded_profiles`}},
		{"absent object carries only its identity", []File{y("a.yaml", hdrLock, "module: Cases", "absent: true", "lock_type: manual")},
			[]string{`a.yaml:5:1: RecordLockingConfig "Cases": lock_type: an absent RecordLockingConfig carries only apiVersion, kind, module and absent; remove this key`}},
		{"absent contact role has no previous names", []File{y("a.yaml", hdrCR, "name: Other", "absent: true", "previous_names: [Misc]")},
			[]string{`a.yaml:5:1: ContactRole "Other": previous_names: an absent ContactRole carries only apiVersion, kind, name and absent; remove this key`}},
		{"absent role needs transfer_to", []File{y("a.yaml", hdrRole, "name: Trainee", "absent: true")},
			[]string{`a.yaml:4:1: Role "Trainee": absent: an absent role needs transfer_to: the name of the role that receives its users`}},
		{"transfer_to only when absent", []File{y("a.yaml", hdrRole, "name: Trainee", "transfer_to: CEO")},
			[]string{`a.yaml:4:1: Role "Trainee": transfer_to: only an absent role (absent: true) transfers its users`}},
		{"transfer_to itself", []File{y("a.yaml", hdrRole, "name: Trainee", "absent: true", "transfer_to: Trainee")},
			[]string{`a.yaml:5:1: Role "Trainee": transfer_to: a role cannot transfer its users to itself`}},
		{"transfer_to an absent role", []File{y("a.yaml", hdrRole, "name: A", "absent: true", "transfer_to: B", "---", hdrRole, "name: B", "absent: true", "transfer_to: C")},
			[]string{`a.yaml:5:1: Role "A": transfer_to: Role "B" is absent (a.yaml:10:1); transfer the users to a role that stays`}},
		{"reporting_to an absent role", []File{y("a.yaml", hdrRole, "name: A", "reporting_to: B", "---", hdrRole, "name: B", "absent: true", "transfer_to: A")},
			[]string{`a.yaml:4:1: Role "A": reporting_to: Role "B" is absent (a.yaml:9:1); report to a role that stays`}},
		{"reporting_to a previous name", []File{y("a.yaml", hdrRole, "name: Sales Head", "previous_names: [Sales department Head]", "---",
			hdrRole, "name: Sales Rep", "reporting_to: Sales department Head")},
			[]string{`a.yaml:9:1: Role "Sales Rep": reporting_to: "Sales department Head" is a previous name of Role "Sales Head"; use its new name`}},
		{"role reports to itself", []File{y("a.yaml", hdrRole, "name: A", "reporting_to: A")},
			[]string{`a.yaml:4:1: Role "A": reporting_to: a role cannot report to itself`}},
		{"role hierarchy cycle", []File{
			y("a.yaml", hdrRole, "name: A", "reporting_to: C", "---", hdrRole, "name: B", "reporting_to: A"),
			y("b.yaml", hdrRole, "name: C", "reporting_to: B", "---", hdrRole, "name: D", "reporting_to: C")},
			[]string{`a.yaml:4:1: Role "A": reporting_to: the role hierarchy has a cycle: "A" -> "C" -> "B" -> "A"`}},
		{"contact roles share a sequence number", []File{y("a.yaml", hdrCR, "name: A", "sequence_number: 5", "---", hdrCR, "name: B", "sequence_number: 5")},
			[]string{`a.yaml:9:1: ContactRole "B": sequence_number: 5 is also the sequence number of ContactRole "A" at a.yaml:4:1`}},

		// Input level.
		{"no documents", []File{y("a.yaml", "# only a comment"), y("b.yaml", "---", "---")},
			[]string{`a.yaml: no objects: the manifests hold no YAML documents`}},
		{"problems are sorted by file, line and column", []File{
			y("b.yaml", hdrRole, "name: B", "share_with_peers: no"),
			y("a.yaml", hdrCR, "name: A", "sequence_number: -1", "colour: red")},
			[]string{
				`a.yaml:4:1: ContactRole "A": sequence_number: expected at least 1, got -1`,
				`a.yaml:5:1: ContactRole "A": unknown key "colour"`,
				`b.yaml:4:1: Role "B": share_with_peers: expected true or false, got "no", which YAML 1.2 reads as a string; write true or false`,
			}},
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
