package emulator

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func rule(name string, crit m) m {
	return m{"name": name, "lock_existing_records": false, "criteria": crit}
}

func cond(field m, value any) m {
	return m{"comparator": "equal", "field": field, "value": value}
}

func apiName(n string) m { return m{"api_name": n} }

func manual(extra m) m {
	out := m{"lock_type": "manual"}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

func TestLockingRequestErrors(t *testing.T) {
	seed := DemoSeed()
	seed.Modules = append(seed.Modules, Module{APIName: "Web_Forms", GeneratedType: "web"}, Module{APIName: "Products"})
	e := newEnv(t, Options{Seed: seed})
	body := wrap(lockKey, manual(nil))
	cases := []struct {
		name, method, url string
		status            int
		code              string
	}{
		{"no module", "GET", lockURL, 400, "REQUIRED_PARAM_MISSING"},
		{"no module on delete", "DELETE", lockURL + "/5843104000001068044", 400, "REQUIRED_PARAM_MISSING"},
		{"no module on put by id", "PUT", lockURL + "/5843104000001068044", 400, "REQUIRED_PARAM_MISSING"},
		{"unknown module", "GET", lockURL + "?module=Nope", 400, "INVALID_MODULE"},
		{"module names are exact", "GET", lockURL + "?module=deals", 400, "INVALID_MODULE"},
		{"unsupported module", "POST", lockURL + "?module=Web_Forms", 400, "NOT_SUPPORTED"},
		{"Products before v8", "GET", "/crm/v7/settings/record_locking_configurations?module=Products", 400, "NOT_SUPPORTED"},
		{"v2 has no record locking", "GET", "/crm/v2/settings/record_locking_configurations?module=Deals", 400, "API_NOT_SUPPORTED"},
		{"bad feature_type", "GET", lockURL + "?module=Deals&feature_type=x", 400, "INVALID_DATA"},
		{"bad id in URL", "GET", lockURL + "/abc?module=Deals", 400, "INVALID_DATA"},
		{"id of another module", "GET", lockURL + "/5843104000000758004?module=Deals", 400, "INVALID_DATA"},
		{"delete unknown id", "DELETE", lockURL + "/5843104000000000001?module=Deals", 400, "INVALID_DATA"},
		{"bulk delete without ids", "DELETE", lockURL + "?module=Deals", 400, "REQUIRED_PARAM_MISSING"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.expect(e.do(c.method, c.url, body), c.status, "", c.code)
		})
	}
	e.expect(e.do("GET", lockURL+"?module=Products", nil), 204, "", "")
	e.expect(e.do("GET", lockURL+"?module=Deals&feature_type=record_locking", nil), 200, lockKey, "")
}

// TestLockingCreateValidation posts one invalid item per case to Contacts,
// Cases or Tasks (no configuration yet) and checks the wrapped error.
func TestLockingCreateValidation(t *testing.T) {
	ids := demoIDs(t)
	lastName := ids["Contacts.Last_Name"]
	stage := apiName("Stage")
	six := []any{}
	for _, n := range []string{"Not Started", "In Progress", "Completed", "Closed", "A", "B"} {
		six = append(six, rule("r "+n, cond(apiName("Last_Name"), n)))
	}
	cases := []struct {
		name, module string
		item         m
		code, key    string
	}{
		{"lock_type missing", "Contacts", m{"locked_for": "all_profiles"}, "MANDATORY_NOT_FOUND", "lock_type"},
		{"lock_type null", "Contacts", m{"lock_type": nil}, "MANDATORY_NOT_FOUND", "lock_type"},
		{"lock_type invalid", "Contacts", m{"lock_type": "auto"}, "INVALID_DATA", "lock_type"},
		{"locked_for misspelled as in the docs' key list", "Contacts", manual(m{"locked_for": "all_profiles_except_excluded_profile"}), "INVALID_DATA", "locked_for"},
		{"feature_type invalid", "Contacts", manual(m{"feature_type": "locking"}), "INVALID_DATA", "feature_type"},
		{"portal flag not boolean", "Contacts", manual(m{"lock_for_portal_users": "yes"}), "INVALID_DATA", "lock_for_portal_users"},
		{"automatic without rules", "Contacts", m{"lock_type": "automatic"}, "DEPENDENT_FIELD_MISSING", "locking_rules"},
		{"both with empty rules", "Contacts", m{"lock_type": "both", "locking_rules": []any{}}, "DEPENDENT_FIELD_MISSING", "locking_rules"},
		{"except without profiles", "Contacts", manual(m{"locked_for": "all_profiles_except_excluded_profiles"}), "DEPENDENT_FIELD_MISSING", "lock_excluded_profiles"},
		{"except with null profiles", "Contacts", manual(m{"locked_for": "all_profiles_except_excluded_profiles", "lock_excluded_profiles": nil}), "DEPENDENT_FIELD_MISSING", "lock_excluded_profiles"},
		{"unknown action", "Contacts", manual(m{"restricted_actions": []any{"edit"}}), "INVALID_DATA", "restricted_actions"},
		{"unknown communication", "Contacts", manual(m{"restricted_communications": []any{"fax"}}), "INVALID_DATA", "restricted_communications"},
		{"unknown profile", "Contacts", manual(m{"locked_for": "all_profiles_except_excluded_profiles", "lock_excluded_profiles": []any{m{"name": "Nobody"}}}), "INVALID_DATA", "lock_excluded_profiles"},
		{"profile id and name disagree", "Contacts", manual(m{"locked_for": "all_profiles_except_excluded_profiles", "lock_excluded_profiles": []any{m{"id": "5843104000000026011", "name": "Standard"}}}), "INVALID_DATA", "lock_excluded_profiles"},
		{"unknown excluded field", "Contacts", manual(m{"excluded_fields": []any{apiName("Stage")}}), "INVALID_DATA", "api_name"},
		{"unknown button", "Contacts", manual(m{"restricted_custom_buttons": []any{m{"name": "Publish"}}}), "INVALID_DATA", "restricted_custom_buttons"},
		{"six rules", "Contacts", m{"lock_type": "automatic", "locking_rules": six}, "LIMIT_EXCEEDED", "locking_rules"},
		{"duplicate rule names", "Contacts", m{"lock_type": "automatic", "locking_rules": []any{rule("R", cond(apiName("Last_Name"), "a")), rule("r", cond(apiName("Last_Name"), "b"))}}, "DUPLICATE_DATA", "name"},
		{"duplicate criteria", "Contacts", m{"lock_type": "automatic", "locking_rules": []any{rule("R1", cond(apiName("Last_Name"), "a")), rule("R2", cond(m{"id": lastName}, "a"))}}, "DUPLICATE_DATA", "criteria"},
		{"rule without name", "Contacts", m{"lock_type": "automatic", "locking_rules": []any{m{"criteria": cond(apiName("Last_Name"), "a")}}}, "MANDATORY_NOT_FOUND", "name"},
		{"rule without criteria", "Contacts", m{"lock_type": "automatic", "locking_rules": []any{m{"name": "R"}}}, "MANDATORY_NOT_FOUND", "criteria"},
		{"rule id on create", "Contacts", m{"lock_type": "automatic", "locking_rules": []any{m{"id": "5843104000001068052", "name": "R", "criteria": cond(apiName("Last_Name"), "a")}}}, "INVALID_DATA", "id"},
		{"criteria field missing", "Contacts", m{"lock_type": "automatic", "locking_rules": []any{rule("R", m{"comparator": "equal", "value": "a"})}}, "EXPECTED_FIELD_MISSING", ""},
		{"criteria field empty", "Contacts", m{"lock_type": "automatic", "locking_rules": []any{rule("R", cond(m{}, "a"))}}, "EXPECTED_FIELD_MISSING", ""},
		{"criteria field ambiguous", "Contacts", m{"lock_type": "automatic", "locking_rules": []any{rule("R", cond(m{"api_name": "Email", "id": lastName}, "a"))}}, "AMBIGUITY_DURING_PROCESSING", ""},
		{"criteria field unknown", "Contacts", m{"lock_type": "automatic", "locking_rules": []any{rule("R", cond(stage, "a"))}}, "INVALID_DATA", "api_name"},
		{"comparator not documented", "Contacts", m{"lock_type": "automatic", "locking_rules": []any{rule("R", m{"comparator": "not_equal", "field": apiName("Email"), "value": "a"})}}, "INVALID_DATA", "comparator"},
		{"comparator missing", "Contacts", m{"lock_type": "automatic", "locking_rules": []any{rule("R", m{"field": apiName("Email"), "value": "a"})}}, "MANDATORY_NOT_FOUND", "comparator"},
		{"value missing", "Contacts", m{"lock_type": "automatic", "locking_rules": []any{rule("R", m{"comparator": "equal", "field": apiName("Email")})}}, "MANDATORY_NOT_FOUND", "value"},
		{"bad group operator", "Contacts", m{"lock_type": "automatic", "locking_rules": []any{rule("R", m{"group_operator": "and", "group": []any{cond(apiName("Email"), "a")}})}}, "INVALID_DATA", "group_operator"},
		{"duplicate in group", "Contacts", m{"lock_type": "automatic", "locking_rules": []any{rule("R", m{"group_operator": "OR", "group": []any{cond(apiName("Email"), "a"), cond(apiName("Email"), "a")}})}}, "DUPLICATE_DATA", "criteria"},
		{"picklist value unknown", "Cases", m{"lock_type": "automatic", "locking_rules": []any{rule("R", cond(apiName("Status"), "Done"))}}, "NOT_SUPPORTED", "value"},
		{"Tasks other field", "Tasks", m{"lock_type": "automatic", "locking_rules": []any{rule("R", cond(apiName("Subject"), "Closed"))}}, "NOT_SUPPORTED", "field"},
		{"Tasks other value", "Tasks", m{"lock_type": "automatic", "locking_rules": []any{rule("R", cond(apiName("Status"), "Completed"))}}, "NOT_SUPPORTED", "value"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, Options{})
			r := e.do("POST", lockURL+"?module="+c.module, wrap(lockKey, c.item))
			e.expect(r, 400, lockKey, c.code)
			d := details(r.item(lockKey, 0))
			if c.key != "" && d["api_name"] != c.key {
				t.Fatalf("details %v, want api_name %s", d, c.key)
			}
			if e.lockOf(c.module) != nil {
				t.Fatal("a failed POST created a configuration")
			}
		})
	}
}

func TestLockingCreateErrorDetails(t *testing.T) {
	e := newEnv(t, Options{})
	r := e.do("POST", lockURL+"?module=Contacts", wrap(lockKey, m{"lock_type": "automatic"}))
	d := details(r.item(lockKey, 0))
	dep, _ := d["dependee"].(map[string]any)
	if d["json_path"] != "$.record_locking_configurations[0].locking_rules" || dep["api_name"] != "lock_type" {
		t.Fatalf("DEPENDENT_FIELD_MISSING details %v", d)
	}
	seven := []any{}
	for _, n := range []string{"a", "b", "c", "d", "e", "f"} {
		seven = append(seven, rule(n, cond(apiName("Email"), n)))
	}
	r = e.do("POST", lockURL+"?module=Contacts", wrap(lockKey, m{"lock_type": "automatic", "locking_rules": seven}))
	if d := details(r.item(lockKey, 0)); d["limit"] != float64(5) || d["available_limit"] != float64(5) {
		t.Fatalf("LIMIT_EXCEEDED details %v", d)
	}
	r = e.do("POST", lockURL+"?module=Contacts", wrap(lockKey, m{"lock_type": "automatic", "locking_rules": []any{rule("R", m{"comparator": "equal", "value": "x"})}}))
	ef, _ := details(r.item(lockKey, 0))["expected_fields"].([]any)
	if len(ef) != 2 {
		t.Fatalf("EXPECTED_FIELD_MISSING details %s", r.raw)
	}
	r = e.do("POST", lockURL+"?module=Deals", wrap(lockKey, manual(nil)))
	e.expect(r, 400, lockKey, "LIMIT_EXCEEDED")
	if d := details(r.item(lockKey, 0)); d["available_limit"] != float64(0) {
		t.Fatalf("already configured: %v", d)
	}
}

func TestLockingCreateSuccess(t *testing.T) {
	e := newEnv(t, Options{})
	email := demoIDs(t)["Contacts.Email"]
	item := m{
		"lock_type": "both", "locked_for": "all_profiles_except_excluded_profiles",
		"lock_excluded_profiles": []any{m{"name": "Administrator"}, m{"id": 5843104000000026014}},
		"excluded_fields":        []any{m{"id": email}, apiName("Description")},
		"restricted_actions":     []any{"delete", "tags"}, "restricted_communications": []any{"send_mail"},
		"locking_rules": []any{
			rule("Lost", m{"group_operator": "OR", "group": []any{cond(apiName("Email"), "a@x"), cond(m{"api_name": "Email", "id": "1"}, "b@x")}}),
		},
	}
	r := e.do("POST", lockURL+"?module=Contacts", wrap(lockKey, item))
	e.expect(r, http.StatusCreated, lockKey, "SUCCESS")
	id, _ := details(r.item(lockKey, 0))["id"].(string)
	if len(id) != 19 || strings.Trim(id, "0123456789") != "" {
		t.Fatalf("id %q is not a 19-digit numeric string", id)
	}
	got := e.lockOf("Contacts")
	if got["id"] != id || got["lock_for_portal_users"] != true || got["feature_type"] != "record_locking" ||
		got["created_by"] == nil || got["created_time"] == nil || got["modified_time"] != got["created_time"] {
		t.Fatalf("GET after create: %v", got)
	}
	if !reflect.DeepEqual(got["restricted_actions"], []any{"update", "delete", "tags"}) {
		t.Fatalf("update must always be restricted: %v", got["restricted_actions"])
	}
	profiles := got["lock_excluded_profiles"].([]any)
	if p := profiles[1].(map[string]any); p["id"] != "5843104000000026014" || p["name"] != "Standard" {
		t.Fatalf("profiles come back with id and name: %v", profiles)
	}
	fields := got["excluded_fields"].([]any)
	if f := fields[0].(map[string]any); f["api_name"] != "Email" || f["id"] != email {
		t.Fatalf("fields come back with api_name and id: %v", fields)
	}
	crit := got["locking_rules"].([]any)[0].(map[string]any)["criteria"].(map[string]any)
	second := crit["group"].([]any)[1].(map[string]any)["field"].(map[string]any)
	if second["id"] != email { // api_name valid, id invalid: the valid one wins
		t.Fatalf("criteria field resolution: %v", crit)
	}
	e.expect(e.do("GET", lockURL+"/"+id+"?module=Contacts", nil), 200, lockKey, "")
	r = e.do("POST", lockURL+"?module=Tasks", wrap(lockKey, m{"lock_type": "automatic", "locking_rules": []any{rule("Closed", cond(apiName("Status"), "Closed"))}}))
	e.expect(r, 201, lockKey, "SUCCESS")
}

func TestLockingPostTwoItemsPartial(t *testing.T) {
	e := newEnv(t, Options{})
	r := e.do("POST", lockURL+"?module=Contacts", wrap(lockKey, manual(nil), manual(nil)))
	if r.status != 200 || r.item(lockKey, 0)["code"] != "SUCCESS" || r.item(lockKey, 1)["code"] != "LIMIT_EXCEEDED" {
		t.Fatalf("two configs for one module: %d %s", r.status, r.raw)
	}
}

func TestLockingDelete(t *testing.T) {
	e := newEnv(t, Options{})
	r := e.do("DELETE", lockURL+"/5843104000001068044?module=Deals", nil)
	e.expect(r, 200, lockKey, "SUCCESS")
	if e.lockOf("Deals") != nil {
		t.Fatal("config still there")
	}
	r = e.do("DELETE", lockURL+"?module=Leads&ids=5843104000000758004,5843104000000000009", nil)
	if r.status != 200 || r.item(lockKey, 0)["code"] != "SUCCESS" || r.item(lockKey, 1)["code"] != "INVALID_DATA" {
		t.Fatalf("bulk delete: %d %s", r.status, r.raw)
	}
	r = e.do("DELETE", lockURL+"?module=Leads&ids=5843104000000758004", nil)
	e.expect(r, 400, lockKey, "INVALID_DATA")
	if n := e.s.Counts()[lockKey]; n != 0 {
		t.Fatalf("%d configs left", n)
	}
}

// TestLockingDuplicateCriteriaReadings: two rules whose OR groups list the
// same conditions in another order are duplicates under the default
// reading, and distinct under "exact".
func TestLockingDuplicateCriteriaReadings(t *testing.T) {
	or := func(a, b string) m {
		return m{"group_operator": "OR", "group": []any{cond(apiName("Last_Name"), a), cond(apiName("Last_Name"), b)}}
	}
	body := wrap(lockKey, m{"lock_type": "automatic", "locking_rules": []any{rule("R1", or("a", "b")), rule("R2", or("b", "a"))}})
	e := newEnv(t, Options{})
	r := e.do("POST", lockURL+"?module=Contacts", body)
	e.expect(r, 400, lockKey, "DUPLICATE_DATA")
	if d := details(r.item(lockKey, 0)); d["api_name"] != "criteria" || d["json_path"] != "$.record_locking_configurations[0].locking_rules[1].criteria" {
		t.Fatalf("details %v", d)
	}
	e = withReadings(t, Readings{DuplicateCriteria: "exact"})
	e.expect(e.do("POST", lockURL+"?module=Contacts", body), 201, lockKey, "SUCCESS")
}
