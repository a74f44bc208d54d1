package emulator

import (
	"strconv"
	"testing"
)

func TestUsersPagination(t *testing.T) {
	e := newEnv(t, Options{})
	var emails []string
	for page := 1; ; page++ {
		r := e.do("GET", v8+"/users?type=AllUsers&per_page=2&page="+strconv.Itoa(page), nil)
		e.expect(r, 200, "users", "")
		info := r.body["info"].(map[string]any)
		if info["per_page"] != float64(2) || info["page"] != float64(page) || info["count"] != float64(len(r.list("users"))) {
			t.Fatalf("info %v", info)
		}
		emails = append(emails, names(r.body["users"].([]any), "email")...)
		if info["more_records"] == false {
			break
		}
	}
	if len(emails) != 7 || emails[0] != "admin@example.com" {
		t.Fatalf("paged users: %v", emails)
	}
	e.expect(e.do("GET", v8+"/users?per_page=2&page=5", nil), 204, "", "")
	r := e.do("GET", v8+"/users?per_page=500", nil)
	if info := r.body["info"].(map[string]any); info["per_page"] != float64(200) || info["more_records"] != false {
		t.Fatalf("per_page above 200: %v", info)
	}
	for typ, want := range map[string]int{"ActiveUsers": 6, "DeactiveUsers": 1, "NotConfirmedUsers": 1,
		"ConfirmedUsers": 6, "ActiveConfirmedUsers": 5, "CurrentUser": 1, "AdminUsers": 1, "": 7} {
		r := e.do("GET", v8+"/users?type="+typ, nil)
		if got := len(r.list("users")); got != want {
			t.Fatalf("type %q: %d users, want %d", typ, got, want)
		}
	}
	e.expect(e.do("GET", v8+"/users?type=Everyone", nil), 400, "", "INVALID_DATA")
	e.expect(e.do("GET", v8+"/users?page=0", nil), 400, "", "INVALID_DATA")
	u := e.do("GET", v8+"/users?type=CurrentUser", nil).item("users", 0)
	if u["full_name"] != "Patricia Boyle" || u["role"].(map[string]any)["name"] != "CEO" || u["profile"].(map[string]any)["name"] != "Administrator" || u["status"] != "active" {
		t.Fatalf("current user: %v", u)
	}
	id := u["id"].(string)
	e.expect(e.do("GET", v8+"/users?ids="+id, nil), 200, "users", "")
	e.expect(e.do("GET", v8+"/users/"+id, nil), 200, "users", "")
}

func TestLookups(t *testing.T) {
	e := newEnv(t, Options{})
	r := e.do("GET", v8+"/settings/profiles", nil)
	if got := names(r.body["profiles"].([]any), "name"); len(got) != 5 || r.body["info"] == nil {
		t.Fatalf("profiles: %v", got)
	}
	e.expect(e.do("GET", v8+"/settings/profiles/5843104000000026011", nil), 200, "profiles", "")
	e.expect(e.do("GET", v8+"/settings/profiles/5843104000000000001", nil), 400, "", "INVALID_DATA")

	r = e.do("GET", v8+"/settings/fields?module=Deals", nil)
	var stage map[string]any
	for _, f := range r.list("fields") {
		if f["api_name"] == "Stage" {
			stage = f
		}
	}
	if stage == nil || stage["id"] != "5843104000000002565" || stage["data_type"] != "picklist" || len(stage["pick_list_values"].([]any)) != 7 {
		t.Fatalf("Stage: %v", stage)
	}
	e.expect(e.do("GET", v8+"/settings/fields/5843104000000002565?module=Deals", nil), 200, "fields", "")
	e.expect(e.do("GET", v8+"/settings/fields", nil), 400, "", "REQUIRED_PARAM_MISSING")
	e.expect(e.do("GET", v8+"/settings/fields?module=Nope", nil), 400, "", "INVALID_MODULE")

	r = e.do("GET", v8+"/settings/custom_buttons?module=Deals", nil)
	if got := names(r.body["custom_buttons"].([]any), "name"); len(got) != 2 || got[0] != "Send with Zoho Sign" {
		t.Fatalf("Deals buttons: %v", got)
	}
	e.expect(e.do("GET", v8+"/settings/custom_buttons?module=Contacts", nil), 204, "", "")
	e.expect(e.do("GET", v8+"/settings/custom_buttons", nil), 400, "", "REQUIRED_PARAM_MISSING")

	org := e.do("GET", v8+"/org", nil).item("org", 0)
	if org["id"] != "20000000000000001" || org["company_name"] != "Zylker Demo" {
		t.Fatalf("org: %v", org)
	}
}
