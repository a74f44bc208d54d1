package emulator

import (
	"fmt"
	"strings"
	"testing"
)

const (
	crURL      = v8 + "/Contacts/roles"
	purchasing = "4150868000003611011"
)

func TestContactRolesGet(t *testing.T) {
	e := newEnv(t, Options{})
	r := e.do("GET", crURL, nil)
	e.expect(r, 200, crKey, "")
	list := r.list(crKey)
	if len(list) != 9 || list[0]["name"] != "Purchasing" || list[8]["sequence_number"] != float64(9) {
		t.Fatalf("list: %s", r.raw)
	}
	if got := e.do("GET", crURL+"/"+purchasing, nil).item(crKey, 0); got["name"] != "Purchasing" {
		t.Fatalf("by id: %v", got)
	}
	e.expect(e.do("GET", crURL+"/5843104000000000001", nil), 204, "", "")
	seed := DemoSeed()
	seed.ContactRoles = nil
	e = newEnv(t, Options{Seed: seed})
	e.expect(e.do("GET", crURL, nil), 204, "", "")
}

func TestContactRolesCreate(t *testing.T) {
	e := newEnv(t, Options{})
	r := e.do("POST", crURL, wrap(crKey, m{"name": "Champion"}, m{"name": "purchasing"}, m{"name": "Sponsor", "sequence_number": 3}))
	if r.status != 200 || r.item(crKey, 0)["code"] != "SUCCESS" || r.item(crKey, 1)["code"] != "INVALID_DATA" ||
		r.item(crKey, 2)["code"] != "SUCCESS" || details(r.item(crKey, 1))["id"] != purchasing {
		t.Fatalf("partial create: %d %s", r.status, r.raw)
	}
	if got := e.do("GET", crURL+"/"+details(r.item(crKey, 0))["id"].(string), nil).item(crKey, 0); got["sequence_number"] != float64(10) {
		t.Fatalf("default sequence number: %v", got)
	}
	cases := []struct {
		name string
		item any
		code string
	}{
		{"name missing", m{"sequence_number": 1}, "MANDATORY_NOT_FOUND"},
		{"name too long", m{"name": strings.Repeat("x", 51)}, "INVALID_DATA"},
		{"name not a string", m{"name": 7}, "INVALID_DATA"},
		{"sequence as string", m{"name": "A", "sequence_number": "5"}, "INVALID_DATA"},
		{"sequence fractional", m{"name": "A", "sequence_number": 1.5}, "INVALID_DATA"},
		{"duplicate name", m{"name": "Evaluator"}, "INVALID_DATA"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.do("POST", crURL, wrap(crKey, c.item))
			e.expect(r, 400, crKey, c.code)
		})
	}
	r = e.do("POST", crURL, wrap(crKey, m{"name": strings.Repeat("x", 51)}))
	if d := details(r.item(crKey, 0)); d["maximum_length"] != float64(50) || d["api_name"] != "name" {
		t.Fatalf("max length details: %v", d)
	}
	var many []any
	for i := 0; i < 101; i++ {
		many = append(many, m{"name": fmt.Sprintf("Bulk %d", i)})
	}
	e.expect(e.do("POST", crURL, wrap(crKey, many...)), 400, "", "LIMIT_EXCEEDED")
	e.expect(e.do("POST", crURL, wrap(crKey, many[:100]...)), 200, crKey, "SUCCESS")
	e = withReadings(t, Readings{ContactRoleDuplicateCode: "DUPLICATE_DATA"})
	r = e.do("POST", crURL, wrap(crKey, m{"name": "Evaluator"}))
	e.expect(r, 400, crKey, "DUPLICATE_DATA")
	if d := details(r.item(crKey, 0)); d["api_name"] != "name" || d["json_path"] != "$.contact_roles[0].name" {
		t.Fatalf("seed duplicate details: %v", d)
	}
}

func TestContactRolesUpdate(t *testing.T) {
	ids := demoIDs(t)
	eval := ids["cr:Evaluator"]
	e := newEnv(t, Options{})
	// The Update Contact Roles page sample (ids adapted).
	r := e.do("PUT", crURL, wrap(crKey, m{"name": "Sales Lead", "sequence_number": 5, "id": purchasing},
		m{"name": "Quality Control", "sequence_number": 6, "id": eval}))
	if r.status != 200 || details(r.item(crKey, 0))["id"] != purchasing || details(r.item(crKey, 1))["id"] != eval {
		t.Fatalf("bulk update: %d %s", r.status, r.raw)
	}
	if got := e.do("GET", crURL+"/"+eval, nil).item(crKey, 0); got["name"] != "Quality Control" || got["sequence_number"] != float64(6) {
		t.Fatalf("after update: %v", got)
	}
	r = e.do("PUT", crURL, wrap(crKey, m{"name": "No Id"}, m{"id": "5843104000000000001", "name": "Ghost"}, m{"id": eval, "name": "Lead"}, m{"id": eval, "sequence_number": "x"}))
	want := []string{"MANDATORY_NOT_FOUND", "INVALID_DATA", "INVALID_DATA", "INVALID_DATA"}
	for i, w := range want {
		if got := r.item(crKey, i)["code"]; got != w {
			t.Fatalf("item %d: %v want %s (%s)", i, got, w, r.raw)
		}
	}
	// Swapping two names in one call fails on the first item: items are
	// processed in order.
	r = e.do("PUT", crURL, wrap(crKey, m{"id": purchasing, "name": "Quality Control"}, m{"id": eval, "name": "Sales Lead"}))
	if r.item(crKey, 0)["code"] != "INVALID_DATA" || r.item(crKey, 1)["code"] != "INVALID_DATA" {
		t.Fatalf("swap: %s", r.raw)
	}
	e.expect(e.do("PUT", crURL+"/"+eval, wrap(crKey, m{"name": "QA"})), 200, crKey, "SUCCESS")
	e.expect(e.do("PUT", crURL+"/5843104000000000001", wrap(crKey, m{"name": "QA"})), 400, "", "INVALID_DATA")
	e.expect(e.do("PUT", crURL+"/"+eval, wrap(crKey, m{"id": purchasing, "name": "QA2"})), 400, crKey, "INVALID_DATA")
}

func TestContactRolesDelete(t *testing.T) {
	ids := demoIDs(t)
	e := newEnv(t, Options{})
	e.expect(e.do("DELETE", crURL, nil), 400, "", "REQUIRED_PARAM_MISSING")
	e.expect(e.do("DELETE", crURL+"?ids=", nil), 400, "", "REQUIRED_PARAM_MISSING")
	long := strings.TrimSuffix(strings.Repeat(purchasing+",", 101), ",")
	e.expect(e.do("DELETE", crURL+"?ids="+long, nil), 400, "", "LIMIT_EXCEEDED")
	r := e.do("DELETE", crURL+"?ids="+purchasing+",5843104000000000001,"+ids["cr:Lead"], nil)
	if r.status != 200 || r.item(crKey, 0)["code"] != "SUCCESS" || r.item(crKey, 1)["code"] != "INVALID_DATA" || r.item(crKey, 2)["code"] != "SUCCESS" {
		t.Fatalf("bulk delete: %d %s", r.status, r.raw)
	}
	e.expect(e.do("DELETE", crURL+"/"+ids["cr:Other"], nil), 200, crKey, "SUCCESS")
	e.expect(e.do("DELETE", crURL+"/"+ids["cr:Other"], nil), 400, "", "INVALID_DATA")
	if n := e.s.Counts()["contact_roles"]; n != 6 {
		t.Fatalf("%d contact roles left", n)
	}
}
