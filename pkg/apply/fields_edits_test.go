package apply

// Realistic admin edits of fields, run under every reading by
// TestScenarios: a picklist value renamed in case only, a label taken
// from a field that gives it up in the same plan, and two fields that
// swap labels (refused by the plan).

import (
	"fmt"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/plan"
)

const tierHead = `apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: Customer_Tier
`

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

const labelToNew = `apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: Legacy_Code
field_label: Legacy Code
data_type: text
---
apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: Account_Code
field_label: Old Code
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
	// A new field cannot take a label in the plan that frees it: creates go
	// first. The refusal says so.
	_, err = r.tryPlan(t.Context(), manifestSet{labelToNew}.parse(t), plan.Options{})
	if err == nil || !strings.Contains(err.Error(), "apply the relabel first") {
		t.Fatalf("plan of a new field taking a freed label: %v, want it refused naming the fix", err)
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

// seedTwelveProfiles is the demo org with seven more profiles (twelve).
func seedTwelveProfiles() *emulator.Seed {
	s := emulator.DemoSeed()
	for i := 1; i <= 7; i++ {
		s.Profiles = append(s.Profiles, emulator.Profile{Name: fmt.Sprintf("Region %d", i), Custom: true})
	}
	return s
}

// runFieldsTwelveProfiles: a field's access changes for twelve profiles
// (ten per update request under the harshest reading, so two PATCHes, the
// second after the first), and a new field lists twelve profiles in its
// create (fifty allowed). Every profile ends with the manifest's access.
func runFieldsTwelveProfiles(t *testing.T, r *rig) {
	var perms strings.Builder
	names := []string{"Administrator", "Standard", "Sales", "Marketing", "Support"}
	for i := 1; i <= 7; i++ {
		names = append(names, fmt.Sprintf("Region %d", i))
	}
	for i, n := range names {
		access := "read_only"
		if i%3 == 0 {
			access = "hidden"
		}
		fmt.Fprintf(&perms, "  %s: %s\n", n, access)
	}
	m := manifestSet{tierHead + "permissions:\n" + perms.String(),
		"apiVersion: crmsync/v1\nkind: Field\nmodule: Contacts\napi_name: Score\nfield_label: Score\ndata_type: integer\npermissions:\n" + perms.String()}
	r.step(m, plan.Options{}, map[string]int{"PATCH /settings/fields": 2, "POST /settings/fields": 1})
	s := r.emu.Snapshot()
	for i, n := range names {
		want := "read_only"
		if i%3 == 0 {
			want = "hidden"
		}
		for _, f := range []string{"Accounts.Customer_Tier", "Contacts.Score"} {
			mod, api, _ := strings.Cut(f, ".")
			if got := permissionOf(fieldOf(s, mod, api), n); got != want {
				t.Errorf("%s: %s has %q, want %q", f, n, got, want)
			}
		}
	}
}

const tierMerge = `apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: Customer_Tier
pick_list_values:
  - {display_value: Silver, actual_value: Gold}
  - {display_value: Bronze}
`

// runFieldsRenameOntoRemoved: Gold is renamed Silver and the live Silver
// is removed. Zoho keeps display values unique, so the rename goes after
// the removal, in the same request. Where Zoho refuses "_delete", that
// request fails whole and nothing changes.
func runFieldsRenameOntoRemoved(t *testing.T, r *rig) {
	if r.emu.Readings().PicklistOptionDelete == "rejected" {
		res := r.apply(manifestSet{tierMerge}.parse(t), plan.Options{})
		if res.Report.OK() {
			t.Fatalf("apply OK although Zoho refuses the removal:\n%s", describe(res))
		}
		if got := optionsOf(fieldOf(r.emu.Snapshot(), "Accounts", "Customer_Tier")); got != "Gold=Gold, Silver=Silver, Bronze=Bronze" {
			t.Errorf("options %s, want them unchanged", got)
		}
		return
	}
	res := r.step(manifestSet{tierMerge}, plan.Options{}, map[string]int{"PATCH /settings/fields": 1})
	if c := res.Plan.Changes[0]; !c.Destructive || !strings.Contains(c.Destroys, `"Silver"`) {
		t.Errorf("the removal of the live Silver is not stated: %q", c.Destroys)
	}
	if got := optionsOf(fieldOf(r.emu.Snapshot(), "Accounts", "Customer_Tier")); got != "Silver=Gold, Bronze=Bronze" {
		t.Errorf("options %s", got)
	}
}

const tierSwap = `apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: Customer_Tier
pick_list_values:
  - {display_value: Silver, actual_value: Gold}
  - {display_value: Gold, actual_value: Silver}
  - {display_value: Copper, actual_value: Bronze}
`

// runFieldsSwapDisplayValues: Gold and Silver swap display values. The
// first PATCH gives one of them a temporary display value, the second the
// final ones, so that no request names a display value two options hold,
// whether Zoho checks the entries in turn or as a whole.
func runFieldsSwapDisplayValues(t *testing.T, r *rig) {
	res := r.step(manifestSet{tierSwap}, plan.Options{}, map[string]int{"PATCH /settings/fields": 2})
	var bodies []string
	for _, w := range writes(res.Log) {
		bodies = append(bodies, string(w.Body))
	}
	if len(bodies) != 2 || !strings.Contains(bodies[0], `"display_value":"crmsync tmp 1"`) || strings.Contains(bodies[1], "crmsync tmp") {
		t.Errorf("bodies %q, want a temporary display value first, then the final ones", bodies)
	}
	if got := optionsOf(fieldOf(r.emu.Snapshot(), "Accounts", "Customer_Tier")); got != "Silver=Gold, Gold=Silver, Copper=Bronze" {
		t.Errorf("options %s", got)
	}
}

const monthsTrimmed = `apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: Renewal_Month
pick_list_values:
  - {display_value: December}
  - {display_value: JANUARY}
  - {display_value: Mid Year, actual_value: June}
  - {display_value: Spring}
`

// runFieldsManyRemoved: of twelve values, nine are removed at once while
// the others are reordered, renamed (one in case only) and one is added.
// The kept options move in one PATCH (the removed ones need no move) and
// the nine removals go in one more.
func runFieldsManyRemoved(t *testing.T, r *rig) {
	r.step(manifestSet{renewalMonth}, plan.Options{}, map[string]int{"POST /settings/fields": 1, "PATCH /settings/fields": 1})
	rd := r.emu.Readings()
	if rd.PicklistOptionDelete == "rejected" || rd.PicklistReorder == "ignored" {
		return // those readings cannot converge (see runFieldsPicklistOnePlan)
	}
	r.step(manifestSet{monthsTrimmed}, plan.Options{}, map[string]int{"PATCH /settings/fields": 2})
	if got := optionsOf(fieldOf(r.emu.Snapshot(), "Accounts", "Renewal_Month")); got != "December=December, JANUARY=January, Mid Year=June, Spring=Spring" {
		t.Errorf("options %s", got)
	}
}
