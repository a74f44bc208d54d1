package apply

// Realistic admin edits of fields, run under every reading by
// TestScenarios: a picklist value renamed in case only, a label taken
// from a field that gives it up in the same plan, and two fields that
// swap labels (refused by the plan).

import (
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/plan"
)

const tierCase = `apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: Customer_Tier
pick_list_values: [{display_value: GOLD}, {display_value: Silver}, {display_value: Bronze}]
`

// runFieldsCaseRename: a value whose display value changes only in case
// is renamed in place (Zoho compares display values in any case, so an
// added "GOLD" beside "Gold" is a duplicate), and nothing is removed.
func runFieldsCaseRename(t *testing.T, r *rig) {
	res := r.step(manifestSet{tierCase}, plan.Options{}, map[string]int{"PATCH /settings/fields": 1})
	if res.Plan.Changes[0].Destructive {
		t.Errorf("a case-only rename is planned as destructive: %q", res.Plan.Changes[0].Destroys)
	}
	if got := optionsOf(fieldOf(r.emu.Snapshot(), "Accounts", "Customer_Tier")); got != "GOLD=Gold, Silver=Silver, Bronze=Bronze" {
		t.Errorf("options %s", got)
	}
}

const labelHandOver = `apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: Customer_Tier
field_label: Account Code
---
apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: Account_Code
field_label: Legacy Code
`

const labelSwap = `apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: Customer_Tier
field_label: Legacy Code
---
apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: Account_Code
field_label: Account Code
`

// runFieldsLabelHandOver: a field takes the label another field gives up
// in the same plan; the update that takes it goes in a PATCH after the one
// that frees it. Then the two fields swap labels, which no order allows:
// the plan refuses it, naming the fix, and nothing is written.
func runFieldsLabelHandOver(t *testing.T, r *rig) {
	res := r.step(manifestSet{labelHandOver}, plan.Options{}, map[string]int{"PATCH /settings/fields": 2})
	take := planRequest(t, res.Plan, "PATCH", "/settings/fields")
	if !strings.Contains(string(take.Body), "Legacy Code") {
		t.Errorf("the first PATCH does not free the label: %s", take.Body)
	}
	s := r.emu.Snapshot()
	if f := fieldOf(s, "Accounts", "Customer_Tier"); f == nil || f.FieldLabel != "Account Code" {
		t.Errorf("Customer_Tier: %+v", f)
	}
	if f := fieldOf(s, "Accounts", "Account_Code"); f == nil || f.FieldLabel != "Legacy Code" {
		t.Errorf("Account_Code: %+v", f)
	}
	_, err := r.tryPlan(t.Context(), manifestSet{labelSwap}.parse(t), plan.Options{})
	if err == nil || !strings.Contains(err.Error(), "cycle") || !strings.Contains(err.Error(), "temporary label") {
		t.Fatalf("plan of a label swap: %v, want it refused naming the fix", err)
	}
}

var renewalMonth = `apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: Renewal_Month
field_label: Renewal Month
data_type: picklist
pick_list_values:
` + months

// runFieldsLostCreate: the response to a field create is lost after Zoho
// made the field. The apply reads the org again, finds the field and
// sends only what the create left out (the options past the first ten):
// no second POST, so no Renewal_Month_1, and the report counts a create.
func runFieldsLostCreate(t *testing.T, r *rig) {
	before := r.emu.Snapshot()
	r.emu.FailNext("POST", "/settings/fields", 500, "INTERNAL_ERROR", true)
	res := r.applyOK(manifestSet{renewalMonth}.parse(t), plan.Options{})
	if n := count(res.Log, "POST", "/settings/fields"); n != 1 {
		t.Errorf("%d POSTs of fields, want 1:\n%s", n, logText(writes(res.Log)))
	}
	o := res.Report.Outcomes[0]
	if o.Status != Created || !o.Recovered || o.ID == "" || res.Report.Summary.Created != 1 || res.Report.Summary.Updated != 0 {
		t.Errorf("outcome %+v, summary %+v: want one create, recovered, with its ID", o, res.Report.Summary)
	}
	s := r.emu.Snapshot()
	if f := fieldOf(s, "Accounts", "Renewal_Month"); f == nil || len(f.PickListOptions) != 12 || f.ID != o.ID {
		t.Errorf("Renewal_Month: %+v", f)
	}
	wantOnlyFieldsGone(t, fieldNames(before, "Accounts"), fieldNames(s, "Accounts"), nil, []string{"Renewal_Month"})
	r.converge(manifestSet{renewalMonth}.parse(t), plan.Options{})
}
