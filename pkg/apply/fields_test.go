package apply

// End-to-end scenarios of the Field kind, run under every reading by
// TestScenarios: custom field creates, updates and deletes, picklist
// values and permissions, standard fields, and the order of field and
// locking writes in one plan.

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/plan"
	"github.com/crmsync/crmsync/pkg/zoho"
)

func fieldScenarios() []scenario {
	return []scenario{
		{"fields_custom", emulator.DemoSeed, runFieldsCustom},
		{"fields_picklist_one_plan", emulator.DemoSeed, runFieldsPicklistOnePlan},
		{"fields_standard", emulator.DemoSeed, runFieldsStandard},
		{"fields_locking_order", emulator.DemoSeed, runFieldsLockingOrder},
		{"fields_name_taken", emulator.DemoSeed, runFieldsNameTaken},
		{"fields_mixed_bulk", emulator.DemoSeed, runFieldsMixedBulk},
		{"fields_sorted", seedSortedTier, runFieldsSorted},
	}
}

// fieldOf returns a field of the snapshot, or nil.
func fieldOf(s *emulator.Seed, module, apiName string) *emulator.Field {
	for _, m := range s.Modules {
		if m.APIName != module {
			continue
		}
		for i := range m.Fields {
			if m.Fields[i].APIName == apiName {
				return &m.Fields[i]
			}
		}
	}
	return nil
}

// optionsOf renders a field's options "Display=actual, …" in order.
func optionsOf(f *emulator.Field) string {
	var parts []string
	for _, o := range f.PickListOptions {
		parts = append(parts, o.DisplayValue+"="+o.ActualValue)
	}
	return strings.Join(parts, ", ")
}

// permissionOf is a profile's access to a field.
func permissionOf(f *emulator.Field, profile string) string {
	for _, p := range f.Profiles {
		if p.Name == profile {
			return p.PermissionType
		}
	}
	return ""
}

// fieldNames lists the API names of a module's fields, sorted.
func fieldNames(s *emulator.Seed, module string) []string {
	var out []string
	for _, m := range s.Modules {
		if m.APIName == module {
			for _, f := range m.Fields {
				out = append(out, f.APIName)
			}
		}
	}
	slices.Sort(out)
	return out
}

// wantOnlyFieldsGone fails unless the fields of module after are those of
// before, minus gone, plus added: nothing is deleted unasked.
func wantOnlyFieldsGone(t *testing.T, before, after []string, gone, added []string) {
	t.Helper()
	var want []string
	for _, f := range before {
		if !slices.Contains(gone, f) {
			want = append(want, f)
		}
	}
	want = append(want, added...)
	slices.Sort(want)
	if !slices.Equal(want, after) {
		t.Errorf("fields %v, want %v", after, want)
	}
}

var fieldsCustomManifest = `apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: Customer_Tier
field_label: Service Tier
tooltip: {name: info_icon, value: The service level agreed in the contract}
pick_list_values:
  - display_value: Gold Plus
    actual_value: Gold
  - display_value: Standard
    previous_names: [Silver]
  - display_value: Bronze
  - display_value: Platinum
permissions:
  Sales: read_write
  Support: read_only
---
apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: Account_Code
absent: true
---
apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: Renewal_Month
field_label: Renewal Month
data_type: picklist
pick_list_values:
` + months + `permissions:
  Support: hidden
---
apiVersion: crmsync/v1
kind: Field
module: Contacts
api_name: Score
field_label: Score
data_type: double
length: 10
decimal_place: 3
`

var months = func() string {
	var b strings.Builder
	for _, m := range []string{"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"} {
		fmt.Fprintf(&b, "  - {display_value: %s}\n", m)
	}
	return b.String()
}()

// runFieldsCustom: a label, tooltip, picklist renames (by actual value and
// by previous_names) and an addition at the end, and permissions changed;
// a field deleted with absent: true; a picklist field of twelve values
// created (ten in the create, two in a PATCH after it, under the ten
// options per request of the harshest reading) with its permissions; a
// double field created in another module. Every reading converges.
func runFieldsCustom(t *testing.T, r *rig) {
	before := r.emu.Snapshot()
	res := r.step(manifestSet{fieldsCustomManifest}, plan.Options{}, map[string]int{
		"POST /settings/fields":    2, // Accounts: Renewal_Month; Contacts: Score
		"PATCH /settings/fields":   2, // Customer_Tier; Renewal_Month's last two options
		"DELETE /settings/fields/": 1, // Account_Code
	})
	if !slices.ContainsFunc(res.Plan.Changes, func(c plan.Change) bool {
		return c.Action == plan.Delete && c.Destructive && strings.Contains(c.Destroys, "Accounts")
	}) {
		t.Errorf("the delete of Account_Code is not destructive naming the module")
	}
	s := r.emu.Snapshot()
	tier := fieldOf(s, "Accounts", "Customer_Tier")
	if tier == nil || tier.FieldLabel != "Service Tier" || optionsOf(tier) != "Gold Plus=Gold, Standard=Silver, Bronze=Bronze, Platinum=Platinum" ||
		permissionOf(tier, "Sales") != "read_write" || permissionOf(tier, "Support") != "read_only" || permissionOf(tier, "Marketing") != "read_only" {
		t.Errorf("Customer_Tier: %+v", tier)
	}
	month := fieldOf(s, "Accounts", "Renewal_Month")
	if month == nil || len(month.PickListOptions) != 12 || month.PickListOptions[11].DisplayValue != "December" ||
		permissionOf(month, "Support") != "hidden" || permissionOf(month, "Sales") != "read_write" {
		t.Errorf("Renewal_Month: %+v", month)
	}
	if f := fieldOf(s, "Contacts", "Score"); f == nil || f.DecimalPlace == nil || *f.DecimalPlace != 3 || f.Length == nil || *f.Length != 10 {
		t.Errorf("Score: %+v", f)
	}
	wantOnlyFieldsGone(t, fieldNames(before, "Accounts"), fieldNames(s, "Accounts"), []string{"Account_Code"}, []string{"Renewal_Month"})
	wantOnlyFieldsGone(t, fieldNames(before, "Contacts"), fieldNames(s, "Contacts"), nil, []string{"Score"})
}

const picklistOnePlan = `apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: Customer_Tier
pick_list_values:
  - display_value: Platinum
  - display_value: Gold Plus
    actual_value: Gold
  - display_value: Standard
    previous_names: [Silver]
`

// runFieldsPicklistOnePlan: values renamed, added, reordered and removed
// in one plan. The update goes first, the removal in a PATCH of its own
// after it. Where Zoho ignores sequence_number or refuses "_delete", the
// org cannot converge: the apply must say which part did not take, and
// nothing else may change.
func runFieldsPicklistOnePlan(t *testing.T, r *rig) {
	rd := r.emu.Readings()
	before := r.emu.Snapshot()
	if rd.PicklistOptionDelete == "delete" && rd.PicklistReorder == "sequence_number" {
		res := r.step(manifestSet{picklistOnePlan}, plan.Options{}, map[string]int{"PATCH /settings/fields": 2})
		c := res.Plan.Changes[0]
		if !c.Destructive || !strings.Contains(c.Destroys, `"Bronze"`) || !strings.Contains(c.Destroys, "replacing") {
			t.Errorf("the removal of Bronze is not stated: %q", c.Destroys)
		}
		if got := optionsOf(fieldOf(r.emu.Snapshot(), "Accounts", "Customer_Tier")); got != "Platinum=Platinum, Gold Plus=Gold, Standard=Silver" {
			t.Errorf("options %s", got)
		}
		return
	}
	res := r.apply(manifestSet{picklistOnePlan}.parse(t), plan.Options{})
	checkBodies(t, res)
	if res.Report.OK() {
		t.Fatalf("apply reported OK although Zoho cannot take every part:\n%s", describe(res))
	}
	got := optionsOf(fieldOf(r.emu.Snapshot(), "Accounts", "Customer_Tier"))
	switch {
	case rd.PicklistOptionDelete == "rejected":
		o := res.Report.Outcomes[0]
		if o.Status != Failed || o.Code != "INVALID_DATA" || !strings.Contains(o.Message, "partly applied") {
			t.Errorf("outcome %+v, want the removal failed with INVALID_DATA after the rest applied", o)
		}
		if !strings.HasPrefix(got, "Platinum=Platinum, Gold Plus=Gold, Standard=Silver") || !strings.Contains(got, "Bronze") {
			t.Errorf("options %s", got)
		}
	default: // sequence_number ignored: the order is the residual
		if len(res.Report.Mismatches) != 1 || res.Report.Mismatches[0].Path != "pick_list_values" {
			t.Errorf("mismatches %+v, want the option order only", res.Report.Mismatches)
		}
		if got != "Gold Plus=Gold, Standard=Silver, Platinum=Platinum" {
			t.Errorf("options %s", got)
		}
	}
	wantOnlyFieldsGone(t, fieldNames(before, "Accounts"), fieldNames(r.emu.Snapshot(), "Accounts"), nil, nil)
}

const standardStage = `apiVersion: crmsync/v1
kind: Field
module: Deals
api_name: Stage
pick_list_values:
%s  - {display_value: On Hold}
permissions:
  Support: read_only
`

// runFieldsStandard: a standard picklist (Deals' Stage) gains a value and
// a profile's access changes. Under the reading where Zoho refuses every
// change to a system-defined field, apply reports the org's refusal.
func runFieldsStandard(t *testing.T, r *rig) {
	stage := fieldOf(r.emu.Snapshot(), "Deals", "Stage")
	var vals strings.Builder
	for _, o := range stage.PickListOptions {
		fmt.Fprintf(&vals, "  - {display_value: %q, actual_value: %q}\n", o.DisplayValue, o.ActualValue)
	}
	m := manifestSet{fmt.Sprintf(standardStage, vals.String())}
	if r.emu.Readings().SystemFieldUpdate == "refused" {
		res := r.apply(m.parse(t), plan.Options{})
		checkBodies(t, res)
		if o := res.Report.Outcomes[0]; res.Report.OK() || o.Status != Failed || o.Code != "NOT_ALLOWED" {
			t.Errorf("outcome %+v, want Zoho's NOT_ALLOWED reported", o)
		}
		if got := fieldOf(r.emu.Snapshot(), "Deals", "Stage"); optionsOf(got) != optionsOf(stage) {
			t.Errorf("Stage changed: %s", optionsOf(got))
		}
		return
	}
	r.step(m, plan.Options{}, map[string]int{"PATCH /settings/fields": 1})
	got := fieldOf(r.emu.Snapshot(), "Deals", "Stage")
	if !strings.HasSuffix(optionsOf(got), "On Hold=On Hold") || permissionOf(got, "Support") != "read_only" {
		t.Errorf("Stage: %s, Support %s", optionsOf(got), permissionOf(got, "Support"))
	}
}

const lockingOnNewValue = `apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: Customer_Tier
pick_list_values:
  - {display_value: Gold}
  - {display_value: Silver}
  - {display_value: Bronze}
  - {display_value: Strategic}
---
apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: Key_Contact
field_label: Key Contact
data_type: text
---
apiVersion: crmsync/v1
kind: RecordLockingConfig
module: Accounts
lock_type: automatic
excluded_fields: [Key_Contact]
locking_rules:
  - name: Strategic accounts
    criteria: {field: Customer_Tier, comparator: equal, value: Strategic}
`

const lockingDropsValue = `apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: Customer_Tier
pick_list_values:
  - {display_value: Gold}
  - {display_value: Silver}
  - {display_value: Bronze}
---
apiVersion: crmsync/v1
kind: RecordLockingConfig
module: Accounts
lock_type: automatic
excluded_fields: [Key_Contact]
locking_rules:
  - name: Gold accounts
    criteria: {field: Customer_Tier, comparator: equal, value: Gold}
`

// runFieldsLockingOrder: in one plan, a locking rule compares with a
// picklist value the plan adds, and excluded_fields names a field the plan
// creates: the locking write waits for both field writes and goes after
// them. Then a plan drops the rule and the value together: the locking
// update goes first, the option's removal after it (Zoho may refuse to
// remove an option a rule uses).
func runFieldsLockingOrder(t *testing.T, r *rig) {
	res := r.step(manifestSet{lockingOnNewValue}, plan.Options{}, map[string]int{
		"POST /settings/fields":                        1,
		"PATCH /settings/fields":                       1,
		"POST /settings/record_locking_configurations": 1,
	})
	wantBefore(t, res, "POST /settings/record_locking_configurations", "POST /settings/fields", "PATCH /settings/fields")
	lock := planRequest(t, res.Plan, "POST", "/settings/record_locking_configurations")
	for _, fr := range res.Plan.Requests {
		if strings.HasPrefix(fr.Path, "/settings/fields") && !slices.Contains(lock.After, fr.ID) {
			t.Errorf("the locking create does not wait for field request %d (%s)", fr.ID, fr.Method)
		}
	}
	if c := lockOf(t, r.emu.Snapshot(), "Accounts"); ruleNames(c) != "Strategic accounts" || len(c.ExcludedFields) != 1 {
		t.Errorf("Accounts locking: %+v", c)
	}
	if r.emu.Readings().PicklistOptionDelete == "rejected" {
		return // the removal cannot take under this reading (see runFieldsPicklistOnePlan)
	}
	res = r.step(manifestSet{lockingDropsValue}, plan.Options{}, map[string]int{
		"PATCH /settings/fields":                       1,
		"PUT /settings/record_locking_configurations/": 1,
	})
	wantBefore(t, res, "PATCH /settings/fields", "PUT /settings/record_locking_configurations/")
	if got := optionsOf(fieldOf(r.emu.Snapshot(), "Accounts", "Customer_Tier")); got != "Gold=Gold, Silver=Silver, Bronze=Bronze" {
		t.Errorf("options %s", got)
	}
}

// wantBefore fails unless every logged write matching one of first comes
// before the first write matching later ("METHOD /path" prefixes).
func wantBefore(t *testing.T, res result, later string, first ...string) {
	t.Helper()
	at := func(k string) []int {
		method, prefix, _ := strings.Cut(k, " ")
		var out []int
		for _, i := range writeIndexes(res.Log) {
			if w := res.Log[i]; w.Method == method && strings.HasPrefix(apiPath(w.Path), prefix) {
				out = append(out, i)
			}
		}
		return out
	}
	l := at(later)
	if len(l) == 0 {
		t.Fatalf("no %s was sent", later)
	}
	for _, f := range first {
		for _, i := range at(f) {
			if i > l[0] {
				t.Errorf("%s was sent after %s:\n%s", f, later, logText(writes(res.Log)))
			}
		}
	}
}

// planRequest is the plan's one request of method and path prefix.
func planRequest(t *testing.T, p *plan.Plan, method, prefix string) plan.Request {
	t.Helper()
	for _, r := range p.Requests {
		if r.Method == method && strings.HasPrefix(r.Path, prefix) {
			return r
		}
	}
	t.Fatalf("no %s %s in the plan", method, prefix)
	return plan.Request{}
}

// runFieldsNameTaken: between plan and apply someone creates a field whose
// label gives the same API name. Where Zoho derives names and suffixes a
// taken one, the new field comes back as Region_Code_1: the report names
// it, with the fix, instead of calling the field missing. Where Zoho
// honours the name or refuses a taken one, the create fails.
func runFieldsNameTaken(t *testing.T, r *rig) {
	m := manifestSet{"apiVersion: crmsync/v1\nkind: Field\nmodule: Accounts\napi_name: Region_Code\nfield_label: Region Code\ndata_type: text\n"}
	p := r.plan(m.parse(t), plan.Options{})
	q := url.Values{"module": {"Accounts"}}
	if _, err := r.client.Do(context.Background(), zoho.Request{Method: "POST", Path: "/settings/fields", Query: q, Key: "fields",
		Body: []byte(`{"fields":[{"field_label":"Region-Code","data_type":"text","api_name":"Region_Code"}]}`)}); err != nil {
		t.Fatal(err)
	}
	res := r.applyPlan(context.Background(), p)
	o := res.Report.Outcomes[0]
	if res.Report.OK() {
		t.Fatalf("apply OK although the name was taken:\n%s", describe(res))
	}
	rd := r.emu.Readings()
	if rd.FieldAPINameOnCreate == "derived" && rd.GeneratedAPINameCollision == "suffix" {
		mm := res.Report.Mismatches
		if o.Status != Created || len(mm) != 1 || mm[0].Path != "api_name" || mm[0].Got != "Region_Code_1" || !strings.Contains(o.Message, `api_name to "Region_Code_1"`) {
			t.Errorf("outcome %+v, mismatches %+v, want the derived name reported with the fix", o, mm)
		}
		return
	}
	if o.Status != Failed || o.Code != "DUPLICATE_DATA" {
		t.Errorf("outcome %+v, want DUPLICATE_DATA", o)
	}
}

const mixedBulk = `apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: Account_Name
permissions:
  Support: read_only
---
apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: Customer_Tier
field_label: Service Tier
`

// runFieldsMixedBulk: one bulk PATCH carries a standard field's
// permissions and a custom field's label. Where Zoho refuses every change
// to a system-defined field it answers 207: the custom field is updated
// and the standard one reported failed, each from its own result.
func runFieldsMixedBulk(t *testing.T, r *rig) {
	m := manifestSet{mixedBulk}
	if r.emu.Readings().SystemFieldUpdate != "refused" {
		r.step(m, plan.Options{}, map[string]int{"PATCH /settings/fields": 1})
		return
	}
	res := r.apply(m.parse(t), plan.Options{})
	checkBodies(t, res)
	wantWrites(t, res, map[string]int{"PATCH /settings/fields": 1}, nil)
	if w := writes(res.Log); len(w) != 1 || w[0].Status != 207 {
		t.Errorf("the bulk PATCH answered %v, want 207", w)
	}
	for _, o := range res.Report.Outcomes {
		want, code := Updated, ""
		if o.Key.Name == "Accounts.Account_Name" {
			want, code = Failed, "NOT_ALLOWED"
		}
		if o.Status != want || o.Code != code {
			t.Errorf("%s: %s %s, want %s %s", o.Key, o.Status, o.Code, want, code)
		}
	}
	s := r.emu.Snapshot()
	if f := fieldOf(s, "Accounts", "Customer_Tier"); f.FieldLabel != "Service Tier" {
		t.Errorf("Customer_Tier label %q", f.FieldLabel)
	}
	if p := permissionOf(fieldOf(s, "Accounts", "Account_Name"), "Support"); p == "read_only" {
		t.Errorf("the refused permission took")
	}
}

// seedSortedTier is the demo org with Customer_Tier sorted alphabetically,
// as an admin may set it in the UI.
func seedSortedTier() *emulator.Seed {
	s := emulator.DemoSeed()
	for i := range s.Modules {
		for j := range s.Modules[i].Fields {
			if f := &s.Modules[i].Fields[j]; f.APIName == "Customer_Tier" {
				f.SortedLexically = true
			}
		}
	}
	return s
}

// runFieldsSorted: a field that sorts its values alphabetically ignores
// the list order, so a manifest that does not manage the setting plans no
// moves; one that turns sorting off sets the order in the same PATCH.
func runFieldsSorted(t *testing.T, r *rig) {
	add := "apiVersion: crmsync/v1\nkind: Field\nmodule: Accounts\napi_name: Customer_Tier\npick_list_values:\n" +
		"  - {display_value: Gold}\n  - {display_value: Silver}\n  - {display_value: Bronze}\n  - {display_value: Platinum}\n"
	res := r.step(manifestSet{add}, plan.Options{}, map[string]int{"PATCH /settings/fields": 1})
	if strings.Contains(string(res.Plan.Requests[0].Body), "sequence_number") {
		t.Errorf("a sorted field got moves: %s", res.Plan.Requests[0].Body)
	}
	if got := optionsOf(fieldOf(r.emu.Snapshot(), "Accounts", "Customer_Tier")); got != "Bronze=Bronze, Gold=Gold, Platinum=Platinum, Silver=Silver" {
		t.Errorf("options %s", got)
	}
	if r.emu.Readings().PicklistReorder != "sequence_number" {
		return // the order cannot be set under this reading (see runFieldsPicklistOnePlan)
	}
	unsort := "apiVersion: crmsync/v1\nkind: Field\nmodule: Accounts\napi_name: Customer_Tier\npick_list_values_sorted_lexically: false\npick_list_values:\n" +
		"  - {display_value: Platinum}\n  - {display_value: Gold}\n  - {display_value: Silver}\n  - {display_value: Bronze}\n"
	r.step(manifestSet{unsort}, plan.Options{}, map[string]int{"PATCH /settings/fields": 1})
	if got := optionsOf(fieldOf(r.emu.Snapshot(), "Accounts", "Customer_Tier")); got != "Platinum=Platinum, Gold=Gold, Silver=Silver, Bronze=Bronze" {
		t.Errorf("options %s", got)
	}
}
