package emulator

import (
	"testing"
)

func tierURL() string { return fURL + "/" + tierID + "?module=Accounts" }

// TestFieldPicklistEdit renames (by id and by actual value), adds,
// reorders and removes options in one PATCH, with a permission change.
func TestFieldPicklistEdit(t *testing.T) {
	e := newEnv(t, Options{})
	ids := optionIDs(e.field("Accounts", "Customer_Tier", ""))
	r := e.do("PATCH", tierURL(), wrap(fieldsKey, m{
		"pick_list_values": []any{
			m{"id": ids["Gold"], "display_value": "Gold Plus"},
			m{"actual_value": "Silver", "display_value": "Silver Plus"},
			m{"id": ids["Bronze"], "_delete": true},
			m{"display_value": "Platinum", "actual_value": "Platinum", "sequence_number": 1},
		},
		"profiles": []any{m{"id": demoIDs(t)["profile:Support"], "permission_type": "read_only"}}}))
	e.expect(r, 200, fieldsKey, "SUCCESS")
	f := e.field("Accounts", "Customer_Tier", "")
	if actuals(f) != "Platinum,Gold,Silver" || permOf(f, "Support") != "read_only" || permOf(f, "Sales") != "read_only" {
		t.Fatalf("after: %v", f)
	}
	opts := f["pick_list_values"].([]any)
	if g := opts[1].(map[string]any); g["display_value"] != "Gold Plus" || g["id"] != ids["Gold"] || g["sequence_number"] != float64(2) {
		t.Fatalf("Gold: %v", g)
	}
	if s := opts[2].(map[string]any); s["display_value"] != "Silver Plus" || s["id"] != ids["Silver"] {
		t.Fatalf("Silver: %v", s)
	}
	bad := []struct {
		name string
		pv   []any
		code string
	}{
		{"actual value change", []any{m{"id": ids["Gold"], "actual_value": "Au"}}, "NOT_ALLOWED"},
		{"unknown option", []any{m{"id": "5843104000999999999", "display_value": "X"}}, "INVALID_DATA"},
		{"duplicate display", []any{m{"id": ids["Gold"], "display_value": "Silver Plus"}}, "DUPLICATE_DATA"},
		{"too long", []any{m{"display_value": "twenty-six characters long", "actual_value": "x"}}, "INVALID_DATA"},
		{"eleven options", make([]any, 11), "LIMIT_EXCEEDED"},
	}
	for i := range bad[4].pv {
		bad[4].pv[i] = m{"display_value": "V" + string(rune('a'+i)), "actual_value": "V" + string(rune('a'+i))}
	}
	for _, c := range bad {
		r := e.do("PATCH", tierURL(), wrap(fieldsKey, m{"pick_list_values": c.pv}))
		if r.status != 400 || r.code(fieldsKey) != c.code {
			t.Errorf("%s: %d %v", c.name, r.status, r.body)
		}
	}
	if actuals(e.field("Accounts", "Customer_Tier", "")) != "Platinum,Gold,Silver" {
		t.Fatal("a refused PATCH changed the options")
	}
}

func TestFieldUpdateRules(t *testing.T) {
	e := newEnv(t, Options{})
	ids := demoIDs(t)
	code := ids["Accounts.Account_Code"]
	e.expect(e.do("PATCH", fURL+"?module=Accounts", wrap(fieldsKey, m{"id": code, "field_label": "Customer Code", "length": 30},
		m{"id": tierID, "tooltip": nil})), 200, fieldsKey, "SUCCESS")
	if f := e.field("Accounts", "Account_Code", ""); f["field_label"] != "Customer Code" || f["length"] != float64(30) {
		t.Fatalf("bulk: %v", f)
	}
	if f := e.field("Accounts", "Customer_Tier", ""); f["tooltip"] != nil {
		t.Fatalf("tooltip not removed: %v", f["tooltip"])
	}
	cases := []struct {
		name, url string
		body      m
		status    int
		code      string
	}{
		{"no id in bulk", fURL + "?module=Accounts", wrap(fieldsKey, m{"field_label": "X"}), 400, "MANDATORY_NOT_FOUND"},
		{"data type", fURL + "/" + code + "?module=Accounts", wrap(fieldsKey, m{"data_type": "textarea"}), 400, "INVALID_DATA"},
		{"api name", fURL + "/" + code + "?module=Accounts", wrap(fieldsKey, m{"api_name": "Code2"}), 400, "NOT_ALLOWED"},
		{"external", fURL + "/" + code + "?module=Accounts", wrap(fieldsKey, m{"external": m{"show": true}}), 400, "NOT_ALLOWED"},
		{"duplicate label", fURL + "/" + code + "?module=Accounts", wrap(fieldsKey, m{"field_label": "Customer Tier"}), 400, "DUPLICATE_DATA"},
		{"textarea", fURL + "/" + ids["Deals.Description"] + "?module=Deals", wrap(fieldsKey, m{"textarea": m{"type": "large"}}), 400, "NOT_ALLOWED"},
		{"system field", fURL + "/" + ids["Deals.Stage"] + "?module=Deals", wrap(fieldsKey, m{"profiles": []any{}}), 400, "NOT_ALLOWED"},
		{"other id in body", fURL + "/" + code + "?module=Accounts", wrap(fieldsKey, m{"id": tierID, "field_label": "Y"}), 400, "INVALID_DATA"},
		{"two items by id", fURL + "/" + code + "?module=Accounts", wrap(fieldsKey, m{"length": 5}, m{"length": 6}), 400, "LIMIT_EXCEEDED"},
		{"unknown id in url", fURL + "/5843104000999999999?module=Accounts", wrap(fieldsKey, m{"length": 5}), 400, "INVALID_DATA"},
		{"six in bulk", fURL + "?module=Accounts", m{fieldsKey: []any{m{}, m{}, m{}, m{}, m{}, m{}}}, 400, "LIMIT_EXCEEDED"},
	}
	for _, c := range cases {
		r := e.do("PATCH", c.url, c.body)
		if r.status != c.status || r.code(fieldsKey) != c.code {
			t.Errorf("%s: %d %v", c.name, r.status, r.body)
		}
	}
}

func TestStandardPicklistUnderV8Reading(t *testing.T) {
	e := withReadings(t, Readings{SystemFieldUpdate: "all_but_label"})
	ids := demoIDs(t)
	stage := fURL + "/" + ids["Deals.Stage"] + "?module=Deals"
	r := e.do("PATCH", stage, wrap(fieldsKey, m{"pick_list_values": []any{m{"display_value": "Closed Won", "actual_value": "Closed Won", "_delete": true}}}))
	e.expect(r, 400, fieldsKey, "NOT_ALLOWED") // the Deals locking rule compares Stage with "Closed Won"
	e.expect(e.do("PATCH", stage, wrap(fieldsKey, m{"pick_list_values": []any{m{"display_value": "Id. Decision Makers",
		"actual_value": "Identify Decision Makers", "sequence_number": 2}}})), 200, fieldsKey, "SUCCESS")
	if got := actuals(e.field("Deals", "Stage", "")); got != "Qualification,Identify Decision Makers,Needs Analysis,Proposal,Negotiation,Closed Won,Closed Lost,Closed-Lost to Competition" {
		t.Fatalf("Stage: %s", got)
	}
}

func TestFieldDelete(t *testing.T) {
	e := newEnv(t, Options{})
	ids := demoIDs(t)
	r := e.do("DELETE", fURL+"/"+ids["Accounts.Account_Code"]+"?module=ACCOUNTS", nil)
	e.expect(r, 200, fieldsKey, "SUCCESS")
	if r.item(fieldsKey, 0)["message"] != "field deleted" || e.field("Accounts", "Account_Code", "") != nil {
		t.Fatalf("delete: %v", r.body)
	}
	e.expect(e.do("DELETE", fURL+"/"+ids["Deals.Stage"]+"?module=Deals", nil), 400, "", "NOT_ALLOWED")
	e.expect(e.do("DELETE", fURL+"/"+ids["Accounts.Account_Code"]+"?module=Accounts", nil), 400, "", "INVALID_DATA")
	e.expect(e.do("DELETE", fURL+"/"+tierID, nil), 400, "", "REQUIRED_PARAM_MISSING")
	e.expect(e.do("DELETE", fURL+"?module=Accounts", nil), 400, "", "INVALID_REQUEST_METHOD")
}

// TestFieldDeleteInLockingAllowed: under the "allowed" reading the field
// leaves excluded_fields and the rules that use it.
func TestFieldDeleteInLockingAllowed(t *testing.T) {
	e := withReadings(t, Readings{FieldInLockingUse: "allowed"})
	ids := demoIDs(t)
	e.expect(e.do("POST", lockURL+"?module=Digital_Marketings", wrap(lockKey, m{"lock_type": "automatic",
		"excluded_fields": []any{apiName("Campaign_Status")},
		"locking_rules":   []any{rule("Done", cond(apiName("Campaign_Status"), "Done")), rule("Named", cond(apiName("Name"), "X"))}})),
		201, lockKey, "SUCCESS")
	e.expect(e.do("DELETE", fURL+"/"+ids["Digital_Marketings.Campaign_Status"]+"?module=Digital_Marketings", nil), 200, fieldsKey, "SUCCESS")
	l := e.lockOf("Digital_Marketings")
	if got := ruleNames(l); len(got) != 1 || got[0] != "Named" || l["excluded_fields"] != nil {
		t.Fatalf("lock after delete: %v", l)
	}
}

func TestFieldSortedLexically(t *testing.T) {
	e := newEnv(t, Options{})
	e.expect(e.do("PATCH", tierURL(), wrap(fieldsKey, m{"pick_list_values_sorted_lexically": true})), 200, fieldsKey, "SUCCESS")
	f := e.field("Accounts", "Customer_Tier", "")
	if actuals(f) != "Bronze,Gold,Silver" || f["pick_list_values_sorted_lexically"] != true {
		t.Fatalf("sorted: %v", f)
	}
	e.expect(e.do("PATCH", fURL+"/"+demoIDs(t)["Accounts.Account_Code"]+"?module=Accounts",
		wrap(fieldsKey, m{"pick_list_values_sorted_lexically": true})), 400, fieldsKey, "INVALID_DATA")
}
