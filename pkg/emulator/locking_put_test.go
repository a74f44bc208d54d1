package emulator

import (
	"reflect"
	"testing"
	"time"
)

const (
	dealsCfg  = "5843104000001068044"
	dealsRule = "5843104000001068052"
	leadsCfg  = "5843104000000758004"
)

func ruleNames(cfg map[string]any) []string {
	rules, _ := cfg["locking_rules"].([]any)
	return names(rules, "name")
}

// kaizenPut is the Kaizen #109 update: manual locking too, plus a rule for
// Closed Lost deals, the existing rule not mentioned.
func kaizenPut() m {
	return wrap(lockKey, m{"id": dealsCfg, "lock_type": "both", "locking_rules": []any{
		rule("Closed Lost", m{"group_operator": "OR", "group": []any{
			cond(apiName("Stage"), "Closed Lost"), cond(apiName("Stage"), "Closed-Lost to Competition")}}),
	}})
}

func TestLockingPutRulesOmitted(t *testing.T) {
	for reading, want := range map[string][]string{
		"replace": {"Closed Lost"},
		"keep":    {"Closed Won", "Closed Lost"},
	} {
		t.Run(reading, func(t *testing.T) {
			e := withReadings(t, Readings{LockingRulesOmittedOnPut: reading})
			e.expect(e.do("PUT", lockURL+"?module=Deals", kaizenPut()), 200, lockKey, "SUCCESS")
			if got := ruleNames(e.lockOf("Deals")); !reflect.DeepEqual(got, want) {
				t.Fatalf("rules %v, want %v", got, want)
			}
		})
	}
}

func TestLockingPutLockTypeReading(t *testing.T) {
	// The Kaizen delete-rule sample omits lock_type and sends the rule id
	// as a bare number.
	body := `{"record_locking_configurations":[{"locking_rules":[{"id":5843104000001068052,"_delete":true},
		{"name":"Won 2","criteria":{"comparator":"equal","field":{"api_name":"Stage"},"value":"Negotiation"}}],
		"id":"5843104000001068044"}]}`
	e := newEnv(t, Options{})
	r := e.expectItem(e.do("PUT", lockURL+"?module=Deals", body), 400, "MANDATORY_NOT_FOUND")
	if details(r)["api_name"] != "lock_type" {
		t.Fatalf("details %v", details(r))
	}
	e = withReadings(t, Readings{LockingPutLockType: "optional"})
	e.expect(e.do("PUT", lockURL+"?module=Deals", body), 200, lockKey, "SUCCESS")
	if got := ruleNames(e.lockOf("Deals")); !reflect.DeepEqual(got, []string{"Won 2"}) {
		t.Fatalf("rules %v", got)
	}
}

func (e *env) expectItem(r resp, status int, code string) map[string]any {
	e.t.Helper()
	e.expect(r, status, lockKey, code)
	return r.item(lockKey, 0)
}

func TestLockingPutDependentReading(t *testing.T) {
	body := wrap(lockKey, m{"id": dealsCfg, "lock_type": "automatic"})
	e := newEnv(t, Options{})
	e.expectItem(e.do("PUT", lockURL+"?module=Deals", body), 400, "DEPENDENT_FIELD_MISSING")
	e = withReadings(t, Readings{LockingDependentOnPut: "merged"})
	e.expect(e.do("PUT", lockURL+"?module=Deals", body), 200, lockKey, "SUCCESS")
	// Deleting the last rule of an automatic config fails in every reading.
	del := wrap(lockKey, m{"id": dealsCfg, "lock_type": "automatic", "locking_rules": []any{m{"id": dealsRule, "_delete": true}}})
	e.expectItem(e.do("PUT", lockURL+"?module=Deals", del), 400, "DEPENDENT_FIELD_MISSING")
	// Leads: except-profiles without the profiles key in the body.
	leads := wrap(lockKey, m{"id": leadsCfg, "lock_type": "manual", "locked_for": "all_profiles_except_excluded_profiles"})
	e.expect(e.do("PUT", lockURL+"?module=Leads", leads), 200, lockKey, "SUCCESS")
	e = newEnv(t, Options{})
	e.expectItem(e.do("PUT", lockURL+"?module=Leads", leads), 400, "DEPENDENT_FIELD_MISSING")
}

func TestLockingPutNullReading(t *testing.T) {
	body := wrap(lockKey, m{"id": leadsCfg, "lock_type": "manual", "restricted_actions": nil,
		"restricted_communications": nil, "restricted_custom_buttons": nil, "excluded_fields": nil})
	e := newEnv(t, Options{})
	e.expect(e.do("PUT", lockURL+"?module=Leads", body), 200, lockKey, "SUCCESS")
	got := e.lockOf("Leads")
	if !reflect.DeepEqual(got["restricted_actions"], []any{"update"}) || got["restricted_communications"] != nil ||
		got["restricted_custom_buttons"] != nil {
		t.Fatalf("null clears: %v", got)
	}
	e = withReadings(t, Readings{NullOnPut: "keep"})
	e.expect(e.do("PUT", lockURL+"?module=Leads", body), 200, lockKey, "SUCCESS")
	got = e.lockOf("Leads")
	if !reflect.DeepEqual(got["restricted_actions"], []any{"update", "delete"}) ||
		!reflect.DeepEqual(got["restricted_communications"], []any{"send_mail"}) {
		t.Fatalf("null keeps: %v", got)
	}
}

func TestLockingPutEditRules(t *testing.T) {
	clock := &fakeClock{t: time.Date(2025, 3, 1, 10, 0, 0, 0, time.FixedZone("", -4*3600))}
	e := newEnv(t, Options{Now: clock.now, Location: time.FixedZone("EDT", -4*3600), TokenLifetime: 86400})
	before := e.lockOf("Deals")
	clock.add(time.Hour)
	body := wrap(lockKey, m{"id": dealsCfg, "lock_type": "automatic", "locking_rules": []any{
		m{"id": dealsRule, "name": "Won", "lock_existing_records": false},
		rule("Lost", cond(apiName("Stage"), "Closed Lost")),
	}})
	e.expect(e.do("PUT", lockURL+"/"+dealsCfg+"?module=Deals", body), 200, lockKey, "SUCCESS")
	got := e.lockOf("Deals")
	rules := got["locking_rules"].([]any)
	won := rules[0].(map[string]any)
	if won["id"] != dealsRule || won["name"] != "Won" || won["lock_existing_records"] != false || won["criteria"] == nil {
		t.Fatalf("edited rule: %v", won)
	}
	if got["created_time"] != before["created_time"] || got["modified_time"] != "2025-03-01T11:00:00-04:00" {
		t.Fatalf("audit: created %v modified %v", got["created_time"], got["modified_time"])
	}
	if mb := got["modified_by"].(map[string]any); mb["name"] != "Patricia Boyle" {
		t.Fatalf("modified_by %v", mb)
	}
}

func TestLockingPutErrors(t *testing.T) {
	cases := []struct {
		name, url string
		body      any
		status    int
		code      string
	}{
		{"no id", lockURL + "?module=Deals", wrap(lockKey, m{"lock_type": "manual"}), 400, "MANDATORY_NOT_FOUND"},
		{"unknown id", lockURL + "?module=Deals", wrap(lockKey, m{"id": "5843104000000000001", "lock_type": "manual"}), 400, "INVALID_DATA"},
		{"id of another module", lockURL + "?module=Deals", wrap(lockKey, m{"id": leadsCfg, "lock_type": "manual"}), 400, "INVALID_DATA"},
		{"unknown URL id", lockURL + "/5843104000000000001?module=Deals", wrap(lockKey, m{"lock_type": "manual"}), 400, "INVALID_DATA"},
		{"body id differs from URL", lockURL + "/" + dealsCfg + "?module=Deals", wrap(lockKey, m{"id": leadsCfg, "lock_type": "manual"}), 400, "INVALID_DATA"},
		{"two items with URL id", lockURL + "/" + dealsCfg + "?module=Deals", wrap(lockKey, m{"lock_type": "manual"}, m{"lock_type": "manual"}), 400, "INVALID_DATA"},
		{"unknown rule id", lockURL + "?module=Deals", wrap(lockKey, m{"id": dealsCfg, "lock_type": "automatic", "locking_rules": []any{m{"id": "5843104000000000002", "name": "x"}}}), 400, "INVALID_DATA"},
		{"delete without id", lockURL + "?module=Deals", wrap(lockKey, m{"id": dealsCfg, "lock_type": "both", "locking_rules": []any{m{"_delete": true}}}), 400, "MANDATORY_NOT_FOUND"},
		{"_delete not boolean", lockURL + "?module=Deals", wrap(lockKey, m{"id": dealsCfg, "lock_type": "both", "locking_rules": []any{m{"id": dealsRule, "_delete": "yes"}}}), 400, "INVALID_DATA"},
		{"new rule duplicates a kept name", lockURL + "?module=Deals", wrap(lockKey, m{"id": dealsCfg, "lock_type": "automatic", "locking_rules": []any{m{"id": dealsRule}, rule("closed won", cond(apiName("Stage"), "Proposal"))}}), 400, "DUPLICATE_DATA"},
		{"new rule duplicates kept criteria", lockURL + "?module=Deals", wrap(lockKey, m{"id": dealsCfg, "lock_type": "automatic", "locking_rules": []any{m{"id": dealsRule}, rule("Other", cond(apiName("Stage"), "Closed Won"))}}), 400, "DUPLICATE_DATA"},
		{"criteria null", lockURL + "?module=Deals", wrap(lockKey, m{"id": dealsCfg, "lock_type": "automatic", "locking_rules": []any{m{"id": dealsRule, "criteria": nil}}}), 400, "MANDATORY_NOT_FOUND"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, Options{})
			before := e.lockOf("Deals")
			e.expect(e.do("PUT", c.url, c.body), c.status, lockKey, c.code)
			if after := e.lockOf("Deals"); !reflect.DeepEqual(before, after) {
				t.Fatalf("a failed PUT changed the config:\n%v\n%v", before, after)
			}
		})
	}
}

func TestLockingPutPartialStatus(t *testing.T) {
	body := wrap(lockKey, m{"id": dealsCfg, "lock_type": "automatic"}, m{"id": "5843104000000000001", "lock_type": "manual"})
	for reading, want := range map[int]int{0: 200, 207: 207, 400: 400} {
		e := withReadings(t, Readings{PartialStatus: reading, LockingDependentOnPut: "merged"})
		r := e.do("PUT", lockURL+"?module=Deals", body)
		if r.status != want || r.item(lockKey, 0)["code"] != "SUCCESS" || r.item(lockKey, 1)["code"] != "INVALID_DATA" {
			t.Fatalf("PartialStatus %d: %d %s", reading, r.status, r.raw)
		}
	}
}

func TestLockingLimitsAndOptionalReadings(t *testing.T) {
	ids := demoIDs(t)
	e := withReadings(t, Readings{MaxExcludedFields: 3, MaxExcludedProfiles: 2, MaxRestrictedButtons: 1})
	put := func(extra m) resp {
		item := m{"id": dealsCfg, "lock_type": "automatic", "locking_rules": []any{m{"id": dealsRule}}}
		for k, v := range extra {
			item[k] = v
		}
		return e.do("PUT", lockURL+"?module=Deals", wrap(lockKey, item))
	}
	four := []any{apiName("Deal_Name"), apiName("Amount"), apiName("Closing_Date"), apiName("Description")}
	e.expectItem(put(m{"excluded_fields": four}), 400, "LIMIT_EXCEEDED")
	e.expect(put(m{"excluded_fields": four[:3]}), 200, lockKey, "SUCCESS")
	threeProfiles := []any{m{"name": "Sales"}, m{"name": "Marketing"}, m{"name": "Support"}}
	e.expectItem(put(m{"locked_for": "all_profiles_except_excluded_profiles", "lock_excluded_profiles": threeProfiles}), 400, "LIMIT_EXCEEDED")
	buttons := []any{m{"id": ids["button:Deals.Send with Zoho Sign"]}, m{"name": "Generate Invoice"}}
	e.expectItem(put(m{"restricted_custom_buttons": buttons}), 400, "LIMIT_EXCEEDED")
	e.expect(put(m{"restricted_custom_buttons": buttons[:1]}), 200, lockKey, "SUCCESS")
	got := e.lockOf("Deals")["restricted_custom_buttons"].([]any)[0].(map[string]any)
	if got["name"] != "Send with Zoho Sign" || got["id"] != ids["button:Deals.Send with Zoho Sign"] {
		t.Fatalf("buttons come back with id and name: %v", got)
	}

	e = newEnv(t, Options{})
	notEqual := wrap(lockKey, m{"lock_type": "automatic", "locking_rules": []any{rule("R", m{"comparator": "not_equal", "field": apiName("Email"), "value": "x"})}})
	e.expectItem(e.do("POST", lockURL+"?module=Contacts", notEqual), 400, "INVALID_DATA")
	e = withReadings(t, Readings{Comparators: "common"})
	e.expect(e.do("POST", lockURL+"?module=Contacts", notEqual), 201, lockKey, "SUCCESS")

	badPick := wrap(lockKey, m{"lock_type": "automatic", "locking_rules": []any{rule("R", cond(apiName("Status"), "Done"))}})
	e = withReadings(t, Readings{PicklistValueCode: "INVALID_DATA"})
	e.expectItem(e.do("POST", lockURL+"?module=Cases", badPick), 400, "INVALID_DATA")
}

func TestLockingEmptyGetReading(t *testing.T) {
	e := newEnv(t, Options{})
	e.expect(e.do("GET", lockURL+"?module=Contacts", nil), 204, "", "")
	e = withReadings(t, Readings{EmptyLockingGet: "empty"})
	r := e.do("GET", lockURL+"?module=Contacts", nil)
	if r.status != 200 || string(r.raw) != "{\"record_locking_configurations\":[]}\n" {
		t.Fatalf("empty reading: %d %q", r.status, r.raw)
	}
}
