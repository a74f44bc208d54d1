package emulator

import (
	"testing"
)

const (
	roleURL   = v8 + "/settings/roles"
	ceoID     = "4150868000000026005"
	salesHead = "4150868000000231921"
)

func (e *env) role(id string) map[string]any {
	e.t.Helper()
	r := e.do("GET", roleURL+"/"+id, nil)
	if r.status == 204 {
		return nil
	}
	e.expect(r, 200, roleKey, "")
	return r.item(roleKey, 0)
}

func parentName(role map[string]any) any {
	p, _ := role["reporting_to"].(map[string]any)
	if p == nil {
		return nil
	}
	return p["name"]
}

func TestRoleCreate(t *testing.T) {
	ids := demoIDs(t)
	e := newEnv(t, Options{})
	r := e.do("POST", roleURL, wrap(roleKey, m{"name": "Auditor", "reporting_to": m{"id": ceoID},
		"description": "Checks", "share_with_peers": true, "forecast_manager": m{"id": ids["user:ravi@example.com"]}}))
	e.expect(r, 201, roleKey, "SUCCESS")
	got := e.role(details(r.item(roleKey, 0))["id"].(string))
	if parentName(got) != "CEO" || got["description"] != "Checks" || got["share_with_peers"] != true ||
		got["admin_user"] != false || got["created_time__s"] == nil || got["modified_by__s"] == nil ||
		got["forecast_manager"].(map[string]any)["name"] != "Ravi Kumar" {
		t.Fatalf("created role: %v", got)
	}
	cases := []struct {
		name string
		body any
		code string
		rd   Readings
	}{
		{"name missing", wrap(roleKey, m{"reporting_to": m{"id": ceoID}}), "MANDATORY_NOT_FOUND", Readings{}},
		{"reporting_to missing", wrap(roleKey, m{"name": "X"}), "MANDATORY_NOT_FOUND", Readings{}},
		{"duplicate name", wrap(roleKey, m{"name": "manager", "reporting_to": m{"id": ceoID}}), "DUPLICATE_DATA", Readings{}},
		{"two roles", wrap(roleKey, m{"name": "X", "reporting_to": m{"id": ceoID}}, m{"name": "Y", "reporting_to": m{"id": ceoID}}), "INVALID_DATA", Readings{}},
		{"unknown parent", wrap(roleKey, m{"name": "X", "reporting_to": m{"id": "5843104000000000001"}}), "INVALID_DATA", Readings{}},
		{"string parent on create (doc)", wrap(roleKey, m{"name": "X", "reporting_to": ceoID}), "INVALID_DATA", Readings{RoleRefForm: "doc"}},
		{"object parent (string reading)", wrap(roleKey, m{"name": "X", "reporting_to": m{"id": ceoID}}), "INVALID_DATA", Readings{RoleRefForm: "string"}},
		{"unknown forecast manager", wrap(roleKey, m{"name": "X", "reporting_to": m{"id": ceoID}, "forecast_manager": m{"id": "5843104000000000001"}}), "INVALID_DATA", Readings{}},
		{"share_with_peers not boolean", wrap(roleKey, m{"name": "X", "reporting_to": m{"id": ceoID}, "share_with_peers": "yes"}), "INVALID_DATA", Readings{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := withReadings(t, c.rd)
			e.expect(e.do("POST", roleURL, c.body), 400, roleKey, c.code)
			if n := e.s.Counts()["roles"]; n != 5 {
				t.Fatalf("a failed POST changed the roles: %d", n)
			}
		})
	}
	for _, form := range []string{"string", "both"} {
		e := withReadings(t, Readings{RoleRefForm: form})
		e.expect(e.do("POST", roleURL, wrap(roleKey, m{"name": "X", "reporting_to": ceoID})), 201, roleKey, "SUCCESS")
	}
}

// seedRoleUpdate is the Update Role page sample with this org's ids.
func seedRoleUpdate(t *testing.T) m {
	return wrap(roleKey, m{"id": salesHead, "name": "Sales department Head", "reporting_to": ceoID,
		"forecast_manager": "738964000000291009", "description": "Manage the sales department", "share_with_peers": true})
}

func TestRoleUpdateResponseReading(t *testing.T) {
	e := withReadings(t, Readings{RoleUpdateResponse: "bare"})
	r := e.do("PUT", roleURL, seedRoleUpdate(t))
	if r.status != 200 || r.body["code"] != "SUCCESS" || details(r.body)["id"] != salesHead || r.body[roleKey] != nil {
		t.Fatalf("bare: %d %s", r.status, r.raw)
	}
	r = e.do("PUT", roleURL, wrap(roleKey, m{"id": "5843104000000000001"}))
	if r.status != 400 || r.body["code"] != "INVALID_DATA" {
		t.Fatalf("bare error: %d %s", r.status, r.raw)
	}
	// The default is the wrapped answer, the only one Zoho's v8 SDK reads.
	e = newEnv(t, Options{})
	r = e.do("PUT", roleURL+"/"+salesHead, seedRoleUpdate(t))
	if r.status != 200 || r.item(roleKey, 0)["code"] != "SUCCESS" || r.body["code"] != nil {
		t.Fatalf("wrapped (default): %d %s", r.status, r.raw)
	}
	e = withReadings(t, Readings{RoleUpdateResponse: "by_version"})
	if r = e.do("PUT", "/crm/v6/settings/roles", seedRoleUpdate(t)); r.body["code"] != "SUCCESS" {
		t.Fatalf("by_version v6: %s", r.raw)
	}
	if r = e.do("PUT", roleURL, seedRoleUpdate(t)); r.item(roleKey, 0)["code"] != "SUCCESS" {
		t.Fatalf("by_version v8: %s", r.raw)
	}
}

func TestRoleUpdateErrors(t *testing.T) {
	ids := demoIDs(t)
	manager, support := ids["role:Manager"], ids["role:Support Agent"]
	cases := []struct {
		name, url string
		body      any
		code      string
		rd        Readings
	}{
		{"two roles", roleURL, wrap(roleKey, m{"id": salesHead}, m{"id": manager}), "INVALID_DATA", Readings{}},
		{"no id", roleURL, wrap(roleKey, m{"name": "X"}), "MANDATORY_NOT_FOUND", Readings{}},
		{"unknown id", roleURL, wrap(roleKey, m{"id": "5843104000000000001"}), "INVALID_DATA", Readings{}},
		{"unknown URL id", roleURL + "/5843104000000000001", wrap(roleKey, m{"name": "X"}), "INVALID_DATA", Readings{}},
		{"URL and body ids differ", roleURL + "/" + salesHead, wrap(roleKey, m{"id": manager}), "INVALID_DATA", Readings{}},
		{"duplicate name", roleURL, wrap(roleKey, m{"id": manager, "name": "CEO"}), "DUPLICATE_DATA", Readings{}},
		{"empty name", roleURL, wrap(roleKey, m{"id": manager, "name": ""}), "INVALID_DATA", Readings{}},
		{"unknown parent", roleURL, wrap(roleKey, m{"id": manager, "reporting_to": "5843104000000000001"}), "INVALID_DATA", Readings{}},
		{"object parent on update (doc)", roleURL, wrap(roleKey, m{"id": manager, "reporting_to": m{"id": ceoID}}), "INVALID_DATA", Readings{RoleRefForm: "doc"}},
		{"string parent (object reading)", roleURL, wrap(roleKey, m{"id": manager, "reporting_to": ceoID}), "INVALID_DATA", Readings{RoleRefForm: "object"}},
		{"parent is self", roleURL, wrap(roleKey, m{"id": manager, "reporting_to": manager}), "INVALID_DATA", Readings{}},
		{"cycle through a child", roleURL, wrap(roleKey, m{"id": manager, "reporting_to": support}), "INVALID_DATA", Readings{}},
		{"move the top role", roleURL, wrap(roleKey, m{"id": ceoID, "reporting_to": manager}), "INVALID_DATA", Readings{}},
		{"detach a role", roleURL, wrap(roleKey, m{"id": manager, "reporting_to": nil}), "INVALID_DATA", Readings{}},
		{"unknown forecast manager", roleURL, wrap(roleKey, m{"id": manager, "forecast_manager": "5843104000000000001"}), "INVALID_DATA", Readings{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := withReadings(t, c.rd)
			before := e.s.Snapshot().Roles
			e.expect(e.do("PUT", c.url, c.body), 400, roleKey, c.code)
			after := e.s.Snapshot().Roles
			for i := range before {
				if before[i].Name != after[i].Name || (before[i].ReportingTo == nil) != (after[i].ReportingTo == nil) ||
					before[i].ModifiedTime != after[i].ModifiedTime {
					t.Fatalf("a failed PUT changed role %s", before[i].Name)
				}
			}
		})
	}
}

func TestRoleUpdateSuccess(t *testing.T) {
	ids := demoIDs(t)
	e := withReadings(t, Readings{RoleRefForm: "both"})
	r := e.do("PUT", roleURL+"/"+salesHead, wrap(roleKey, m{"name": "Sales Head", "reporting_to": m{"id": ids["role:Manager"]},
		"forecast_manager": nil, "description": nil, "share_with_peers": false}))
	e.expect(r, 200, roleKey, "SUCCESS")
	got := e.role(salesHead)
	if got["name"] != "Sales Head" || parentName(got) != "Manager" || got["forecast_manager"] != nil ||
		got["description"] != nil || got["share_with_peers"] != false {
		t.Fatalf("after update: %v", got)
	}
	if parentName(e.role(ids["role:Sales Rep"])) != "Sales Head" {
		t.Fatal("children keep the old parent name")
	}
	users := e.do("GET", v8+"/users?type=ActiveUsers", nil).list("users")
	for _, u := range users {
		if u["email"] == "jane@example.com" && u["role"].(map[string]any)["name"] != "Sales Head" {
			t.Fatalf("user role name not refreshed: %v", u)
		}
	}
	e.expect(e.do("PUT", roleURL, wrap(roleKey, m{"id": ceoID, "reporting_to": nil, "name": "Chief"})), 200, roleKey, "SUCCESS")
	if e.role("5843104000000000001") != nil {
		t.Fatal("unknown role id should answer 204")
	}
	e.expect(e.do("GET", roleURL+"/abc", nil), 400, "", "INVALID_DATA")
}

func TestRoleDelete(t *testing.T) {
	ids := demoIDs(t)
	manager, support, rep := ids["role:Manager"], ids["role:Support Agent"], ids["role:Sales Rep"]
	e := newEnv(t, Options{})
	cases := []struct {
		url, code string
	}{
		{roleURL + "/" + rep, "REQUIRED_PARAM_MISSING"},
		{roleURL + "/" + ceoID + "?transfer_to_id=" + manager, "INVALID_DATA"},
		{roleURL + "/5843104000000000001?transfer_to_id=" + manager, "INVALID_DATA"},
		{roleURL + "/" + rep + "?transfer_to_id=5843104000000000001", "INVALID_DATA"},
		{roleURL + "/" + rep + "?transfer_to_id=" + rep, "INVALID_DATA"},
		{roleURL + "/" + manager + "?transfer_to_id=" + salesHead, "INVALID_DATA"}, // has a child (reject)
	}
	for _, c := range cases {
		e.expect(e.do("DELETE", c.url, nil), 400, "", c.code)
	}
	if n := e.s.Counts()["roles"]; n != 5 {
		t.Fatalf("failed deletes changed roles: %d", n)
	}
	r := e.do("DELETE", roleURL+"/"+rep+"?transfer_to_id="+manager, nil)
	e.expect(r, 200, roleKey, "SUCCESS")
	for _, u := range e.s.Snapshot().Users {
		if u.Email == "john@example.com" && u.Role.Name != "Manager" {
			t.Fatalf("users of the deleted role were not transferred: %+v", u.Role)
		}
	}
	for reading, parent := range map[string]string{"transfer": "Sales department Head", "reparent": "CEO"} {
		e := withReadings(t, Readings{RoleDeleteChildren: reading})
		e.expect(e.do("DELETE", roleURL+"/"+manager+"?transfer_to_id="+salesHead, nil), 200, roleKey, "SUCCESS")
		if got := parentName(e.role(support)); got != parent {
			t.Fatalf("%s: child reports to %v, want %s", reading, got, parent)
		}
	}
	e = withReadings(t, Readings{RoleDeleteChildren: "transfer"})
	e.expect(e.do("DELETE", roleURL+"/"+manager+"?transfer_to_id="+support, nil), 400, "", "INVALID_DATA")
}
