package zoho

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestUpdateRoleWrappedAndBare(t *testing.T) {
	cases := map[string]string{
		"wrapped":                      `{"roles":[{"code":"SUCCESS","details":{"id":"4150868000000231921"},"message":"role updated","status":"success"}]}`,
		"bare":                         `{"code":"SUCCESS","details":{"id":"4150868000000231921"},"message":"Role updated","status":"success"}`,
		"bare numeric id, status only": `{"status":"success","details":{"id":4150868000000231921},"message":"Role updated"}`,
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			f := newFake(t)
			h, _ := sequence("200 " + body)
			f.setHandler(h)
			c := f.client(nil)
			res, err := c.UpdateRole(context.Background(), "4150868000000231921",
				RoleWrite{ReportingTo: RefObject("4150868000000026005"), ShareWithPeers: ptr(true)})
			if err != nil || !res.OK() || res.ID != "4150868000000231921" {
				t.Fatalf("UpdateRole = %+v, %v", res, err)
			}
			want := `{"roles":[{"reporting_to":{"id":"4150868000000026005"},"share_with_peers":true}]}`
			if got := f.requests()[0].Body; got != want {
				t.Errorf("body = %s, want %s", got, want)
			}
		})
	}
}

func TestSingleWriteItemError(t *testing.T) {
	f := newFake(t)
	h, _ := sequence("400 " + `{"roles":[{"code":"INVALID_DATA","details":{"api_name":"reporting_to","json_path":"$.roles[0].reporting_to"},"message":"the id given seems to be invalid","status":"error"}]}`)
	f.setHandler(h)
	c := f.client(nil)
	res, err := c.UpdateRole(context.Background(), "123", RoleWrite{ReportingTo: RefString("1")})
	want := "PUT /settings/roles/123: INVALID_DATA: the id given seems to be invalid (key reporting_to at $.roles[0].reporting_to)"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v\nwant  %s", err, want)
	}
	var ae *APIError
	if !errors.As(err, &ae) || ae.HTTPStatus != 400 || ae.Item != 0 || ErrorCode(err) != "INVALID_DATA" {
		t.Errorf("APIError = %+v", ae)
	}
	if res.OK() || res.Code != "INVALID_DATA" {
		t.Errorf("result = %+v", res)
	}
	if got := f.requests()[0].Body; got != `{"roles":[{"reporting_to":"1"}]}` {
		t.Errorf("body = %s", got)
	}
}

func TestTopLevelError(t *testing.T) {
	f := newFake(t)
	h, _ := sequence("400 " + `{"code":"REQUIRED_PARAM_MISSING","details":{"param":"transfer_to_id"},"message":"One of the expected parameter is missing","status":"error"}`)
	f.setHandler(h)
	c := f.client(nil)
	_, err := c.DeleteRole(context.Background(), "1", "2")
	var ae *APIError
	if !errors.As(err, &ae) || ae.Item != -1 || ae.HTTPStatus != 400 {
		t.Fatalf("err = %#v", err)
	}
	want := "DELETE /settings/roles/1: REQUIRED_PARAM_MISSING: One of the expected parameter is missing (param transfer_to_id)"
	if err.Error() != want {
		t.Errorf("err = %s\nwant  %s", err, want)
	}
	if q := f.requests()[0].Query; q != "transfer_to_id=2" {
		t.Errorf("query = %s", q)
	}
}

func TestNonJSONError(t *testing.T) {
	f := newFake(t)
	h, _ := sequence("404 <html><body>Not Found</body></html>")
	f.setHandler(h)
	c := f.client(nil)
	_, err := c.ListCustomButtons(context.Background(), "Leads")
	var ae *APIError
	if !errors.As(err, &ae) || ae.HTTPStatus != 404 || ae.Code != "" || !strings.Contains(err.Error(), "HTTP 404: Not Found") {
		t.Fatalf("err = %v", err)
	}
}

func TestBulkPerItemErrors(t *testing.T) {
	f := newFake(t)
	h, _ := sequence("400 " + `{"contact_roles":[
		{"code":"SUCCESS","details":{"id":"4150868000003611011"},"message":"contact role added","status":"success"},
		{"code":"DUPLICATE_DATA","details":{"api_name":"name","json_path":"$.contact_roles[1].name"},"message":"duplicate data","status":"error"}]}`)
	f.setHandler(h)
	c := f.client(nil)
	items, err := c.CreateContactRoles(context.Background(), []ContactRole{
		{Name: "Sales Lead", SequenceNumber: ptr(5)}, {Name: "Evaluator"}})
	if err != nil || len(items) != 2 {
		t.Fatalf("CreateContactRoles = %v, %v", items, err)
	}
	if !items[0].OK() || items[0].ID != "4150868000003611011" || items[1].OK() {
		t.Errorf("items = %+v", items)
	}
	want := "POST /Contacts/roles: DUPLICATE_DATA: duplicate data (key name at $.contact_roles[1].name)"
	if e := items[1].Err("POST", "/Contacts/roles"); e == nil || e.Error() != want || e.Item != 1 || e.HTTPStatus != 400 {
		t.Errorf("item error = %v", e)
	}
	if items[0].Err("POST", "/Contacts/roles") != nil {
		t.Error("success item has an error")
	}
	if got := f.requests()[0].Body; got != `{"contact_roles":[{"name":"Sales Lead","sequence_number":5},{"name":"Evaluator"}]}` {
		t.Errorf("body = %s", got)
	}
}

func TestBulkLimitsAndValidation(t *testing.T) {
	f := newFake(t)
	c := f.client(nil)
	ctx := context.Background()
	many := make([]ContactRole, 101)
	for i := range many {
		many[i] = ContactRole{ID: "1", Name: "x"}
	}
	if _, err := c.CreateContactRoles(ctx, many); err == nil || !strings.Contains(err.Error(), "at most 100") {
		t.Errorf("101 roles: %v", err)
	}
	if _, err := c.UpdateContactRoles(ctx, []ContactRole{{Name: "no id"}}); err == nil {
		t.Error("update without id: want an error")
	}
	if _, err := c.DeleteContactRoles(ctx, nil); err == nil {
		t.Error("delete nothing: want an error")
	}
	if _, err := c.DeleteRole(ctx, "1", ""); err == nil {
		t.Error("delete role without transfer_to_id: want an error")
	}
	if _, err := c.CreateRole(ctx, RoleWrite{}); err == nil {
		t.Error("create role without name: want an error")
	}
	if _, err := c.ListLockingConfigs(ctx, ""); err == nil {
		t.Error("no module: want an error")
	}
	if len(f.requests()) != 0 || len(c.Calls()) != 0 {
		t.Error("invalid calls reached the API")
	}
}

func TestDeleteContactRoles(t *testing.T) {
	f := newFake(t)
	h, _ := sequence("200 " + `{"contact_roles":[{"code":"SUCCESS","details":{"id":"1"},"message":"contact role deleted","status":"success"},{"code":"SUCCESS","details":{"id":"2"},"message":"contact role deleted","status":"success"}]}`)
	f.setHandler(h)
	c := f.client(nil)
	items, err := c.DeleteContactRoles(context.Background(), []string{"1", "2"})
	if err != nil || len(items) != 2 {
		t.Fatalf("= %v, %v", items, err)
	}
	if r := f.requests()[0]; r.Method != "DELETE" || r.Query != "ids=1%2C2" || r.Body != "" {
		t.Errorf("request = %+v", r)
	}
	// A result count that does not match is an error, with the results.
	h, _ = sequence("200 " + `{"contact_roles":[{"code":"SUCCESS","details":{"id":"1"},"status":"success"}]}`)
	f.setHandler(h)
	items, err = c.DeleteContactRoles(context.Background(), []string{"1", "2"})
	if err == nil || len(items) != 1 {
		t.Errorf("mismatch: %v, %v", items, err)
	}
}

func TestLockingWrites(t *testing.T) {
	f := newFake(t)
	ok := `{"record_locking_configurations":[{"code":"SUCCESS","details":{"id":"5843104000000758004"},"message":"record locking configuration updated successfully","status":"success"}]}`
	h, _ := sequence("200 " + ok)
	f.setHandler(h)
	c := f.client(nil)
	cfg := LockingConfig{
		ID: "5843104000000758004", LockType: "automatic", CreatedTime: "2023-10-23T03:25:06-04:00",
		CreatedBy: &UserRef{ID: "1", Name: "P"}, SystemDefined: true,
		RestrictedActions: []string{}, LockForPortalUsers: ptr(false),
		LockingRules: []LockingRule{{ID: "5843104000001068052", Delete: true}, {Name: "Closed Won",
			LockExistingRecords: ptr(true), Criteria: &Criteria{Comparator: "equal",
				Field: &FieldRef{APIName: "Stage"}, Value: "Closed Won"}}},
	}
	res, err := c.UpdateLockingConfig(context.Background(), "Deals", "5843104000000758004", cfg)
	if err != nil || res.ID != "5843104000000758004" {
		t.Fatalf("= %+v, %v", res, err)
	}
	r := f.requests()[0]
	want := `{"record_locking_configurations":[{"lock_type":"automatic","restricted_actions":[],` +
		`"lock_for_portal_users":false,"locking_rules":[{"id":"5843104000001068052","_delete":true},` +
		`{"name":"Closed Won","lock_existing_records":true,"criteria":{"comparator":"equal",` +
		`"field":{"api_name":"Stage"},"value":"Closed Won"}}]}]}`
	if r.Method != "PUT" || r.Path != "/crm/v8/settings/record_locking_configurations/5843104000000758004" ||
		r.Query != "module=Deals" || r.Body != want {
		t.Errorf("request = %+v\nwant body %s", r, want)
	}
	_, _ = c.CreateLockingConfig(context.Background(), "Deals", cfg)
	if r := f.requests()[1]; r.Method != "POST" || r.Path != "/crm/v8/settings/record_locking_configurations" ||
		strings.Contains(r.Body, `"id":"5843104000000758004"`) {
		t.Errorf("create request = %+v", r)
	}
	if _, err := c.DeleteLockingConfig(context.Background(), "Deals", "7"); err != nil {
		t.Fatal(err)
	}
	if r := f.requests()[2]; r.Method != "DELETE" || r.Query != "module=Deals" || r.Body != "" {
		t.Errorf("delete request = %+v", r)
	}
}

func TestUpdateModuleBody(t *testing.T) {
	f := newFake(t)
	h, _ := sequence("200 " + `{"modules":[{"code":"SUCCESS","details":{"id":"2423488000000834002"},"message":"module updated successfully","status":"success"}]}`)
	f.setHandler(h)
	c := f.client(nil)
	_, err := c.UpdateModule(context.Background(), "Digital_Marketings", ModuleUpdate{
		PluralLabel: ptr("Digital Marketings"),
		Profiles: []ModuleProfile{{ID: "2423488000000015972", Delete: true},
			{ID: "2423488000000015975"}, {ID: "3", Delete: json.RawMessage("null")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"modules":[{"plural_label":"Digital Marketings","profiles":[{"id":"2423488000000015972","_delete":true},` +
		`{"id":"2423488000000015975"},{"id":"3","_delete":null}]}]}`
	if r := f.requests()[0]; r.Body != want || r.Path != "/crm/v8/settings/modules/Digital_Marketings" {
		t.Errorf("request = %+v\nwant body %s", r, want)
	}
}

func TestAPIErrorText(t *testing.T) {
	cases := []struct {
		e    APIError
		want string
	}{
		{APIError{Method: "POST", Path: "/settings/record_locking_configurations", Code: "LIMIT_EXCEEDED",
			Message: "limit exceeded", Item: 0, Details: map[string]any{"api_name": "locking_rules",
				"json_path": "$.record_locking_configurations[0].locking_rules", "limit": json.Number("5"),
				"available_limit": json.Number("0")}},
			"POST /settings/record_locking_configurations: LIMIT_EXCEEDED: limit exceeded " +
				"(key locking_rules at $.record_locking_configurations[0].locking_rules, limit 5, available limit 0)"},
		{APIError{Method: "PUT", Path: "/Contacts/roles", Code: "INVALID_DATA", Message: "invalid\ndata", Item: 2,
			Details: map[string]any{"api_name": "name", "maximum_length": json.Number("50")}},
			"PUT /Contacts/roles: INVALID_DATA: invalid data (key name item 2, maximum length 50)"},
		{APIError{Method: "GET", Path: "/settings/fields", Code: "REQUIRED_PARAM_MISSING", Item: -1,
			Details: map[string]any{"param_name": "module"}},
			"GET /settings/fields: REQUIRED_PARAM_MISSING (param module)"},
		{APIError{Method: "PUT", Path: "/settings/modules/X", Code: "INVALID_DATA", Message: "invalid data", Item: 0,
			Details: map[string]any{"api_name": "plural_label", "json_path": "$.modules[0].plural_label", "expected_data_type": "string"}},
			"PUT /settings/modules/X: INVALID_DATA: invalid data (key plural_label at $.modules[0].plural_label, expected type string)"},
		{APIError{Method: "GET", Path: "/x", HTTPStatus: 502, Message: "Bad Gateway", Item: -1},
			"GET /x: HTTP 502: Bad Gateway"},
	}
	for _, tc := range cases {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
}

func TestItemResultOK(t *testing.T) {
	for _, tc := range []struct {
		r  ItemResult
		ok bool
	}{
		{ItemResult{Code: "SUCCESS"}, true},
		{ItemResult{Status: "success"}, true},
		{ItemResult{Code: "INVALID_DATA", Status: "error", Message: "updated successfully"}, false},
		{ItemResult{}, false},
	} {
		if tc.r.OK() != tc.ok {
			t.Errorf("%+v: OK = %v", tc.r, !tc.ok)
		}
	}
}

func TestResponseOfDo(t *testing.T) {
	f := newFake(t)
	f.setHandler(func(w http.ResponseWriter, r *http.Request) {
		reply(w, 201, `{"roles":[{"code":"SUCCESS","details":{"id":"7"},"message":"role added","status":"success"}]}`)
	})
	c := f.client(nil)
	resp, err := c.Do(context.Background(), Request{Method: "post", Path: "/settings/roles", Body: []byte(`{}`), Key: "roles"})
	if err != nil || resp.Status != 201 || len(resp.Items) != 1 || resp.Items[0].ID != "7" || resp.Items[0].Index != 0 {
		t.Fatalf("Do = %+v, %v", resp, err)
	}
	// Without a key, a bare object is one item with Index -1.
	resp, err = c.Do(context.Background(), Request{Method: "GET", Path: "/settings/roles"})
	if err != nil || len(resp.Items) != 0 {
		t.Fatalf("no key, wrapped body: %+v, %v", resp, err)
	}
}

// TestRoleWriteSendsFormAsBuilt: the client sends references in the form
// they were built in and never resends in the other form (package apply
// does that, in one place).
func TestRoleWriteSendsFormAsBuilt(t *testing.T) {
	f := newFake(t)
	f.setHandler(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if strings.Contains(string(body), `"reporting_to":{`) {
			reply(w, 400, `{"roles":[{"code":"INVALID_DATA","details":{"api_name":"reporting_to","json_path":"$.roles[0].reporting_to","expected_data_type":"string"},"message":"invalid data","status":"error"}]}`)
			return
		}
		reply(w, 200, `{"roles":[{"code":"SUCCESS","details":{"id":"5"},"message":"Role updated","status":"success"}]}`)
	})
	c := f.client(nil)
	if _, err := c.UpdateRole(context.Background(), "5", RoleWrite{ReportingTo: RefObject("6"), Description: ptr("d")}); ErrorCode(err) != "INVALID_DATA" {
		t.Fatalf("object form: err = %v, want INVALID_DATA", err)
	}
	res, err := c.UpdateRole(context.Background(), "5", RoleWrite{ReportingTo: RefString("6"), Description: ptr("d")})
	if err != nil || !res.OK() {
		t.Fatalf("UpdateRole = %+v, %v", res, err)
	}
	reqs := f.requests()
	if len(reqs) != 2 || reqs[0].Body != `{"roles":[{"description":"d","reporting_to":{"id":"6"}}]}` ||
		reqs[1].Body != `{"roles":[{"description":"d","reporting_to":"6"}]}` {
		t.Errorf("requests = %+v", reqs)
	}
}
