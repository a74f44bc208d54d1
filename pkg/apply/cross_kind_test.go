package apply

// End-to-end: a global picklist, a field that uses it and a locking rule
// on one of its values, all new in one plan, under every reading
// (TestScenarios runs this scenario under each). The field's create names
// the new set by the ID the set's create returns, and the locking rule
// names the new field, so the three writes run in that order.

import (
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/plan"
)

const crossIndustryField = `apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: Industry_Group
field_label: Industry Group
data_type: picklist
global_picklist: Industries
`

const crossAccountsLock = `apiVersion: crmsync/v1
kind: RecordLockingConfig
module: Accounts
lock_type: automatic
excluded_fields: [Industry_Group]
locking_rules:
  - name: Software accounts
    criteria: {field: Industry_Group, comparator: equal, value: Software}
`

func runCrossKindCreate(t *testing.T, r *rig) {
	ms := manifestSet{gpIndustries, crossIndustryField, crossAccountsLock}
	res := r.step(ms, plan.Options{}, map[string]int{
		"POST /settings/global_picklists":              1,
		"POST /settings/fields":                        1,
		"POST /settings/record_locking_configurations": 1,
	})
	ids := map[string]int{}
	for _, q := range res.Plan.Requests {
		for _, p := range []string{"/settings/global_picklists", "/settings/fields", "/settings/record_locking_configurations"} {
			if strings.HasPrefix(q.Path, p) {
				ids[p] = q.ID
			}
		}
	}
	waits := func(q, on int) bool {
		for _, a := range res.Plan.Requests[q-1].After {
			if a == on {
				return true
			}
		}
		return false
	}
	if !waits(ids["/settings/fields"], ids["/settings/global_picklists"]) {
		t.Errorf("the field's create does not wait for the set's create: %+v", res.Plan.Requests)
	}
	if !waits(ids["/settings/record_locking_configurations"], ids["/settings/fields"]) {
		t.Errorf("the locking create does not wait for the field's create: %+v", res.Plan.Requests)
	}
	s := r.emu.Snapshot()
	if got := fieldValues(t, s, "Accounts", "Industry_Group"); got != "Software,Healthcare" {
		t.Errorf("Accounts.Industry_Group values = %q, want the used values of the new set", got)
	}
	if got := gpValues(t, s, "Industries"); got != "Software=Software,Health care=Healthcare,Mining=Mining(unused)" {
		t.Errorf("Industries values = %s", got)
	}
}
