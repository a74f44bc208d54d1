package zoho

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEmptyReads(t *testing.T) {
	ctx := context.Background()
	for _, reply := range []string{"204 ", "200 ", `200 {"record_locking_configurations":[]}`,
		`200 {"record_locking_configurations":null}`, `200 {"contact_roles":[],"custom_buttons":[],"roles":[]}`} {
		t.Run(reply, func(t *testing.T) {
			f := newFake(t)
			h, _ := sequence(reply)
			f.setHandler(h)
			c := f.client(nil)
			lc, err1 := c.ListLockingConfigs(ctx, "Deals")
			cr, err2 := c.ListContactRoles(ctx)
			cb, err3 := c.ListCustomButtons(ctx, "Leads")
			if err := errors.Join(err1, err2, err3); err != nil || lc != nil || cr != nil || cb != nil {
				t.Errorf("= %v %v %v, %v", lc, cr, cb, err)
			}
			if _, err := c.GetRole(ctx, "1"); !errors.Is(err, ErrNotFound) {
				t.Errorf("GetRole: %v, want ErrNotFound", err)
			}
			if _, err := c.GetModule(ctx, "Leads"); !errors.Is(err, ErrNotFound) {
				t.Errorf("GetModule: %v, want ErrNotFound", err)
			}
		})
	}
}

func TestListUsersPaginates(t *testing.T) {
	f := newFake(t)
	var queries []url.Values
	f.setHandler(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		queries = append(queries, q)
		page := q.Get("page")
		more := page != "3"
		reply(w, 200, fmt.Sprintf(`{"users":[{"id":"u%s","email":"u%s@x.com","full_name":"U %s","status":"active",`+
			`"role":{"id":"1","name":"CEO"}}],"info":{"per_page":200,"count":1,"page":%s,"more_records":%v}}`,
			page, page, page, page, more))
	})
	c := f.client(nil)
	users, err := c.ListUsers(context.Background())
	if err != nil || len(users) != 3 || users[2].Email != "u3@x.com" || users[0].Role.Name != "CEO" {
		t.Fatalf("ListUsers = %+v, %v", users, err)
	}
	for i, q := range queries {
		if q.Get("page") != fmt.Sprint(i+1) || q.Get("per_page") != "200" || q.Has("type") {
			t.Errorf("page %d query = %v", i+1, q)
		}
	}
	if n := callCount(c, "GET", "/users"); n != 3 {
		t.Errorf("GET /users = %d", n)
	}
	if _, err := c.ListUsersOfType(context.Background(), "ActiveUsers"); err != nil ||
		queries[len(queries)-1].Get("type") != "ActiveUsers" {
		t.Errorf("type param: %v %v", err, queries[len(queries)-1])
	}
}

func TestTypedReads(t *testing.T) {
	f := newFake(t)
	bodies := map[string]string{
		"/crm/v8/org":               `{"org":[{"id":"4150868000000000001","company_name":"Zylker","time_zone":"PST","zgid":4150868}]}`,
		"/crm/v8/settings/profiles": `{"profiles":[{"id":"1","name":"Administrator","display_label":"Administrator","default":false,"custom":false,"category":true}],"info":{"license_limit":3}}`,
		"/crm/v8/settings/fields":   `{"fields":[{"id":"2","api_name":"Stage","field_label":"Stage","data_type":"picklist","pick_list_values":[{"display_value":"Closed Won","actual_value":"Closed Won","id":"3"}]}]}`,
		"/crm/v8/settings/modules":  `{"modules":[{"id":"4","api_name":"Leads","module_name":"Leads","plural_label":"Leads","generated_type":"default","status":"visible"}]}`,
		"/crm/v8/settings/modules/Digital_Marketings": `{"modules":[{"id":"2423488000000834002","api_name":"Digital_Marketings","generated_type":"custom",` +
			`"profiles":[{"id":"2423488000000015972","name":"Administrator"}],"has_more_profiles":false,"profile_count":1,` +
			`"modified_by":{"id":"9","name":"Pat","email":"p@x.com"},"modified_time":"2024-01-01T00:00:00+00:00"}]}`,
		"/crm/v8/settings/roles": `{"roles":[{"id":"5","name":"Manager","display_label":"Manager","reporting_to":{"id":"6","name":"CEO"},` +
			`"forecast_manager":null,"description":null,"share_with_peers":true,"admin_user":false,` +
			`"modified_by__s":{"id":"9","name":"Pat"},"modified_time__s":"2024-01-01T00:00:00+00:00"}]}`,
		"/crm/v8/settings/roles/5":                       `{"roles":[{"id":5,"name":"Manager","reporting_to":{"id":6,"name":"CEO"}}]}`,
		"/crm/v8/Contacts/roles":                         `{"contact_roles":[{"id":"7","name":"Evaluator","sequence_number":2}]}`,
		"/crm/v8/settings/custom_buttons":                `{"custom_buttons":[{"id":"8","name":"Approve"}]}`,
		"/crm/v8/settings/record_locking_configurations": kaizenGET,
	}
	f.setHandler(func(w http.ResponseWriter, r *http.Request) {
		if b, ok := bodies[r.URL.Path]; ok {
			reply(w, 200, b)
			return
		}
		reply(w, 404, `{"code":"INVALID_URL_PATTERN","status":"error","message":"no","details":{}}`)
	})
	c := f.client(nil)
	ctx := context.Background()

	org, err := c.GetOrg(ctx)
	check(t, err, org.CompanyName == "Zylker" && org.ZGID == "4150868", org)
	profiles, err := c.ListProfiles(ctx)
	check(t, err, len(profiles) == 1 && profiles[0].DisplayLabel == "Administrator", profiles)
	fields, err := c.ListFields(ctx, "Deals")
	check(t, err, len(fields) == 1 && fields[0].PickListValues[0].ActualValue == "Closed Won", fields)
	mods, err := c.ListModules(ctx)
	check(t, err, len(mods) == 1 && mods[0].Status == "visible", mods)
	mod, err := c.GetModule(ctx, "Digital_Marketings")
	check(t, err, mod.Profiles[0].Name == "Administrator" && *mod.ProfileCount == 1 && !*mod.HasMoreProfiles &&
		mod.ModifiedBy.Email == "p@x.com", mod)
	roles, err := c.ListRoles(ctx)
	check(t, err, len(roles) == 1 && roles[0].ReportingTo.Name == "CEO" && roles[0].Description == nil &&
		roles[0].ForecastManager == nil && *roles[0].ShareWithPeers && roles[0].ModifiedBy.Name == "Pat", roles)
	role, err := c.GetRole(ctx, "5")
	check(t, err, role.ID == "5" && role.ReportingTo.ID == "6", role)
	crs, err := c.ListContactRoles(ctx)
	check(t, err, len(crs) == 1 && *crs[0].SequenceNumber == 2, crs)
	buttons, err := c.ListCustomButtons(ctx, "Leads")
	check(t, err, len(buttons) == 1 && buttons[0].Name == "Approve", buttons)
	locks, err := c.ListLockingConfigs(ctx, "Deals")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(kaizenConfig(), locks); diff != "" {
		t.Errorf("ListLockingConfigs (-want +got):\n%s", diff)
	}
	if q := f.requests()[len(f.requests())-1].Query; q != "module=Deals" {
		t.Errorf("query = %s", q)
	}
}

func TestReadTopLevelErrorWith200(t *testing.T) {
	f := newFake(t)
	h, _ := sequence(`200 {"code":"INVALID_MODULE","details":{},"message":"the module name given seems to be invalid","status":"error"}`)
	f.setHandler(h)
	c := f.client(nil)
	_, err := c.ListLockingConfigs(context.Background(), "Nope")
	if ErrorCode(err) != "INVALID_MODULE" {
		t.Fatalf("err = %v", err)
	}
	h, _ = sequence(`200 {"roles":"not a list"}`)
	f.setHandler(h)
	if _, err := c.ListRoles(context.Background()); err == nil || !strings.Contains(err.Error(), `decode "roles"`) {
		t.Errorf("malformed: %v", err)
	}
}

func check(t *testing.T, err error, ok bool, got any) {
	t.Helper()
	if err != nil || !ok {
		t.Errorf("got %s, %v", mustJSON(t, got), err)
	}
}

// kaizenGET is the GET sample of Kaizen #109 (comments removed, the rule's
// numeric-looking id sent as a bare number).
const kaizenGET = `{"record_locking_configurations":[{"created_time":"2023-10-23T03:25:06-04:00",
"locked_for":"all_profiles","excluded_fields":[{"api_name":"Description","id":"5843104000000002587"}],
"created_by":{"name":"Patricia Boyle","id":"5843104000000424672"},"feature_type":"record_locking",
"locking_rules":[{"name":"Closed Won","id":5843104000001068052,"lock_existing_records":true,
"criteria":{"comparator":"equal","field":{"api_name":"Stage","id":"5843104000000002565"},"value":"Closed Won"}},
{"name":"Big","id":"2","lock_existing_records":false,"criteria":{"group_operator":"OR","group":[
{"comparator":"greater_than","field":{"api_name":"Amount","id":"3"},"value":10000.50},
{"comparator":"in","field":{"api_name":"Type","id":"4"},"value":["A","B"]}]}}],
"restricted_actions":["update"],"lock_for_portal_users":true,"modified_time":"2023-10-23T03:42:00-04:00",
"restricted_communications":null,"system_defined":false,"modified_by":{"name":"John Smith","id":"5843104000000424001"},
"id":"5843104000001068044","lock_type":"automatic","restricted_custom_buttons":null,"lock_excluded_profiles":null}]}`

func kaizenConfig() []LockingConfig {
	return []LockingConfig{{
		ID: "5843104000001068044", LockType: "automatic", LockedFor: "all_profiles",
		ExcludedFields:     []FieldRef{{APIName: "Description", ID: "5843104000000002587"}},
		RestrictedActions:  []string{"update"},
		LockForPortalUsers: ptr(true),
		LockingRules: []LockingRule{
			{ID: "5843104000001068052", Name: "Closed Won", LockExistingRecords: ptr(true),
				Criteria: &Criteria{Comparator: "equal", Field: &FieldRef{APIName: "Stage", ID: "5843104000000002565"}, Value: "Closed Won"}},
			{ID: "2", Name: "Big", LockExistingRecords: ptr(false), Criteria: &Criteria{GroupOperator: "OR", Group: []Criteria{
				{Comparator: "greater_than", Field: &FieldRef{APIName: "Amount", ID: "3"}, Value: json.Number("10000.50")},
				{Comparator: "in", Field: &FieldRef{APIName: "Type", ID: "4"}, Value: []any{"A", "B"}},
			}}},
		},
		FeatureType: "record_locking", CreatedTime: "2023-10-23T03:25:06-04:00", ModifiedTime: "2023-10-23T03:42:00-04:00",
		CreatedBy:  &UserRef{ID: "5843104000000424672", Name: "Patricia Boyle"},
		ModifiedBy: &UserRef{ID: "5843104000000424001", Name: "John Smith"},
	}}
}
