package zoho_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// contactRoleErrorCases: the 50-character limit, duplicates under both
// documented codes, and the 100-item limit [OAS contact_roles.json,
// seed:update-contact-roles, api.md §4].
func contactRoleErrorCases() []errCase {
	const path = "/Contacts/roles"
	create := func(names ...string) func(context.Context, *zoho.Client) error {
		return func(ctx context.Context, c *zoho.Client) error {
			roles := make([]zoho.ContactRole, len(names))
			for i, n := range names {
				roles[i] = zoho.ContactRole{Name: n}
			}
			items, err := c.CreateContactRoles(ctx, roles)
			return bulkFirstError(items, err, "POST", path)
		}
	}
	many := make([]any, 101)
	for i := range many {
		many[i] = map[string]any{"name": fmt.Sprintf("Role %d", i)}
	}
	ids := make([]string, 101)
	for i := range ids {
		ids[i] = fmt.Sprint(4150868000009000000 + i)
	}
	return []errCase{
		{name: "contact role name over 50 characters", call: create(strings.Repeat("x", 51)),
			want: apiWant{status: 400, code: "INVALID_DATA", method: "POST", path: path, item: 0, apiName: "name",
				jsonPath: "$.contact_roles[0].name", details: map[string]any{"maximum_length": 50},
				text: "POST /Contacts/roles: INVALID_DATA: invalid data (key name at $.contact_roles[0].name, maximum length 50)"}},
		// [OAS contact_roles.json] Duplicate_Data_API_Exception: INVALID_DATA
		// with {id, api_name}; the default reading.
		{name: "duplicate contact role name, OAS code", call: create("purchasing"),
			want: apiWant{status: 400, code: "INVALID_DATA", method: "POST", path: path, item: 0, apiName: "name",
				details: map[string]any{"id": demoPurchasingCR},
				text:    "POST /Contacts/roles: INVALID_DATA: invalid data (key name item 0, id " + demoPurchasingCR + ")"}},
		// [seed:update-contact-roles]: DUPLICATE_DATA.
		{name: "duplicate contact role name, seed code", readings: emulator.Readings{ContactRoleDuplicateCode: "DUPLICATE_DATA"},
			call: create("Purchasing"),
			want: apiWant{status: 400, code: "DUPLICATE_DATA", method: "POST", path: path, item: 0, apiName: "name",
				jsonPath: "$.contact_roles[0].name",
				text:     "POST /Contacts/roles: DUPLICATE_DATA: duplicate data (key name at $.contact_roles[0].name)"}},
		{name: "101 contact roles in one POST", call: func(ctx context.Context, c *zoho.Client) error {
			return doFirstError(ctx, c, zoho.Request{Method: "POST", Path: path, Key: "contact_roles",
				Body: rawBody(map[string]any{"contact_roles": many})})
		}, want: apiWant{status: 400, code: "LIMIT_EXCEEDED", method: "POST", path: path, item: -1,
			details: map[string]any{"param": "contact_roles", "limit": 100},
			text:    "POST /Contacts/roles: LIMIT_EXCEEDED: the maximum limit is exceeded (param contact_roles, limit 100)"}},
		{name: "101 ids in one DELETE", call: func(ctx context.Context, c *zoho.Client) error {
			return doFirstError(ctx, c, zoho.Request{Method: "DELETE", Path: path, Key: "contact_roles",
				Query: url.Values{"ids": {strings.Join(ids, ",")}}})
		}, want: apiWant{status: 400, code: "LIMIT_EXCEEDED", method: "DELETE", path: path, item: -1,
			details: map[string]any{"param": "ids", "limit": 100},
			text:    "DELETE /Contacts/roles: LIMIT_EXCEEDED: the maximum limit is exceeded (param ids, limit 100)"}},
	}
}

// requestErrorCases: request-level errors of [api.md §8]: unknown URL,
// unknown module, missing module parameter.
func requestErrorCases() []errCase {
	invalidModule := "the module name given seems to be invalid"
	missing := "One of the expected parameter is missing"
	return []errCase{
		{name: "unknown URL", call: func(ctx context.Context, c *zoho.Client) error {
			return doFirstError(ctx, c, zoho.Request{Method: "GET", Path: "/settings/nothing_here"})
		}, want: apiWant{status: 404, code: "INVALID_URL_PATTERN", method: "GET", path: "/settings/nothing_here", item: -1,
			text: "GET /settings/nothing_here: INVALID_URL_PATTERN: Please check if the URL trying to access is a correct one"}},
		{name: "unknown module of locking configurations", call: func(ctx context.Context, c *zoho.Client) error {
			_, err := c.ListLockingConfigs(ctx, "Nope")
			return err
		}, want: apiWant{status: 400, code: "INVALID_MODULE", method: "GET", path: lockPath, item: -1,
			text: "GET " + lockPath + ": INVALID_MODULE: " + invalidModule}},
		{name: "unknown module of a locking write", call: func(ctx context.Context, c *zoho.Client) error {
			_, err := c.CreateLockingConfig(ctx, "Nope", zoho.LockingConfig{LockType: "manual"})
			return err
		}, want: apiWant{status: 400, code: "INVALID_MODULE", method: "POST", path: lockPath, item: -1,
			text: "POST " + lockPath + ": INVALID_MODULE: " + invalidModule}},
		{name: "unknown module of fields", call: func(ctx context.Context, c *zoho.Client) error {
			_, err := c.ListFields(ctx, "Nope")
			return err
		}, want: apiWant{status: 400, code: "INVALID_MODULE", method: "GET", path: "/settings/fields", item: -1,
			text: "GET /settings/fields: INVALID_MODULE: " + invalidModule}},
		{name: "locking read without module", call: func(ctx context.Context, c *zoho.Client) error {
			return doFirstError(ctx, c, zoho.Request{Method: "GET", Path: lockPath})
		}, want: apiWant{status: 400, code: "REQUIRED_PARAM_MISSING", method: "GET", path: lockPath, item: -1,
			details: map[string]any{"param": "module"},
			text:    "GET " + lockPath + ": REQUIRED_PARAM_MISSING: " + missing + " (param module)"}},
		{name: "locking delete without module", call: func(ctx context.Context, c *zoho.Client) error {
			return doFirstError(ctx, c, zoho.Request{Method: "DELETE", Path: dealsLockURL, Key: "record_locking_configurations"})
		}, want: apiWant{status: 400, code: "REQUIRED_PARAM_MISSING", method: "DELETE", path: dealsLockURL, item: -1,
			details: map[string]any{"param": "module"},
			text:    "DELETE " + dealsLockURL + ": REQUIRED_PARAM_MISSING: " + missing + " (param module)"}},
		{name: "fields without module", call: func(ctx context.Context, c *zoho.Client) error {
			return doFirstError(ctx, c, zoho.Request{Method: "GET", Path: "/settings/fields"})
		}, want: apiWant{status: 400, code: "REQUIRED_PARAM_MISSING", method: "GET", path: "/settings/fields", item: -1,
			details: map[string]any{"param_name": "module"},
			text:    "GET /settings/fields: REQUIRED_PARAM_MISSING: " + missing + " (param module)"}},
	}
}

// TestClientSideChecksSendNothing: the typed methods refuse what Zoho
// documents as an error without a request: no module, no transfer_to_id,
// more than 100 contact roles.
func TestClientSideChecksSendNothing(t *testing.T) {
	h := newHarness(t, emulator.Options{})
	c := h.client()
	cx := ctx(t)
	many := make([]zoho.ContactRole, 101)
	for i := range many {
		many[i] = zoho.ContactRole{ID: zoho.ID(fmt.Sprint(4150868000009000000 + i)), Name: fmt.Sprint("r", i)}
	}
	ids := make([]string, 101)
	for i := range ids {
		ids[i] = string(many[i].ID)
	}
	calls := map[string]func() error{
		"list locking without module": func() error { _, err := c.ListLockingConfigs(cx, ""); return err },
		"create locking without module": func() error {
			_, err := c.CreateLockingConfig(cx, "", zoho.LockingConfig{LockType: "manual"})
			return err
		},
		"delete locking without module": func() error { _, err := c.DeleteLockingConfig(cx, "", demoDealsLock); return err },
		"fields without module":         func() error { _, err := c.ListFields(cx, ""); return err },
		"delete role without transfer":  func() error { _, err := c.DeleteRole(cx, demoSalesHeadRole, ""); return err },
		"create 101 contact roles":      func() error { _, err := c.CreateContactRoles(cx, many); return err },
		"update 101 contact roles":      func() error { _, err := c.UpdateContactRoles(cx, many); return err },
		"delete 101 contact roles":      func() error { _, err := c.DeleteContactRoles(cx, ids); return err },
	}
	for name, call := range calls {
		if err := call(); err == nil || zoho.ErrorCode(err) != "" {
			t.Errorf("%s: err = %v, want a client-side error", name, err)
		}
	}
	if n := len(h.emu.Requests()); n != 0 {
		t.Errorf("%d requests reached the emulator, want 0", n)
	}
}

// TestPartialSuccessOf100 sends 100 contact roles, three of them invalid,
// under every documented partial status: the client returns one result per
// item, in order, and no error; the valid ones are created.
func TestPartialSuccessOf100(t *testing.T) {
	for _, status := range []int{200, 207, 400} {
		t.Run(fmt.Sprint("status ", status), func(t *testing.T) {
			h := newHarness(t, emulator.Options{Readings: emulator.Readings{PartialStatus: status}})
			c := h.client()
			roles := make([]zoho.ContactRole, 100)
			for i := range roles {
				roles[i] = zoho.ContactRole{Name: fmt.Sprintf("Bulk role %03d", i)}
			}
			roles[10].Name = "Purchasing"            // exists already
			roles[50].Name = strings.Repeat("n", 51) // too long
			roles[99].Name = "bulk role 000"         // item 0's name; names compare case-insensitively
			before := h.emu.Counts()["contact_roles"]
			items, err := c.CreateContactRoles(ctx(t), roles)
			if err != nil {
				t.Fatalf("CreateContactRoles: %v", err)
			}
			if len(items) != 100 {
				t.Fatalf("%d results, want 100", len(items))
			}
			for i, it := range items {
				bad := i == 10 || i == 50 || i == 99
				if it.OK() == bad || it.Index != i || it.HTTPStatus != status {
					t.Errorf("item %d: %+v (want ok=%v, HTTP %d)", i, it, !bad, status)
				}
				if !bad && it.ID == "" {
					t.Errorf("item %d: no id", i)
				}
			}
			if e := items[50].Err("POST", "/Contacts/roles"); e == nil || e.Details["maximum_length"] == nil {
				t.Errorf("item 50 error = %v", e)
			}
			if got := h.emu.Counts()["contact_roles"] - before; got != 97 {
				t.Errorf("%d contact roles created, want 97", got)
			}
			if n := len(h.apiLog("POST", "/Contacts/roles")); n != 1 {
				t.Errorf("%d POSTs, want 1", n)
			}
		})
	}
}

// TestAuthenticationErrors: 401 AUTHENTICATION_FAILURE (no token) is not
// retried; 401 INVALID_TOKEN is answered by one refresh and one repeat
// [api.md §8].
func TestAuthenticationErrors(t *testing.T) {
	t.Run("missing token", func(t *testing.T) {
		h := newHarness(t, emulator.Options{})
		c := h.client(func(cfg *zoho.Config) {
			cfg.HTTPClient = &http.Client{Transport: rewriteAuth{""}} // a proxy that drops the header
		})
		_, err := c.ListRoles(ctx(t))
		checkAPIError(t, err, apiWant{status: 401, code: "AUTHENTICATION_FAILURE", method: "GET", path: "/settings/roles",
			item: -1, text: "GET /settings/roles: AUTHENTICATION_FAILURE: Authentication failed"})
		if n := len(h.apiLog("", "/")); n != 1 {
			t.Errorf("%d API calls, want 1", n)
		}
		if n := c.TokenCalls(); n != 1 {
			t.Errorf("%d token calls, want 1 (no refresh)", n)
		}
	})
	t.Run("unknown token is refreshed once", func(t *testing.T) {
		h := newHarness(t, emulator.Options{})
		c := h.client(func(cfg *zoho.Config) {
			cfg.AccessToken, cfg.APIDomain = "1000.unknown0123456789.abcdef", h.url
		})
		roles, err := c.ListRoles(ctx(t))
		if err != nil || len(roles) == 0 {
			t.Fatalf("ListRoles = %d roles, %v", len(roles), err)
		}
		log := h.apiLog("GET", "/settings/roles")
		if len(log) != 2 || log[0].Code != "INVALID_TOKEN" || log[0].Status != 401 || log[1].Status != 200 {
			t.Errorf("calls = %+v, want INVALID_TOKEN then 200", statuses(log))
		}
		if n := len(h.grants()); n != 1 || c.TokenCalls() != 1 {
			t.Errorf("grants = %d (client counted %d), want 1", n, c.TokenCalls())
		}
	})
	t.Run("unknown token without refresh credentials", func(t *testing.T) {
		h := newHarness(t, emulator.Options{})
		c := h.client(func(cfg *zoho.Config) {
			cfg.ClientID, cfg.ClientSecret, cfg.RefreshToken = "", "", ""
			cfg.AccessToken, cfg.APIDomain = "1000.unknown0123456789.abcdef", h.url
		})
		_, err := c.ListRoles(ctx(t))
		e := apiErrorOf(t, err)
		if e.Code != "INVALID_TOKEN" || e.HTTPStatus != 401 || !strings.HasPrefix(err.Error(),
			"GET /settings/roles: INVALID_TOKEN: invalid oauth token; the access token is expired or revoked and no refresh token is configured") {
			t.Errorf("err = %v", err)
		}
		if len(h.grants()) != 0 || len(h.apiLog("", "/")) != 1 {
			t.Errorf("grants %d, API calls %d; want 0 and 1", len(h.grants()), len(h.apiLog("", "/")))
		}
	})
	t.Run("a fresh token rejected too", func(t *testing.T) {
		h := newHarness(t, emulator.Options{})
		c := h.client(func(cfg *zoho.Config) {
			cfg.HTTPClient = &http.Client{Transport: rewriteAuth{"Zoho-oauthtoken 1000.forged.token"}}
		})
		_, err := c.ListRoles(ctx(t))
		e := apiErrorOf(t, err)
		if e.Code != "INVALID_TOKEN" || !strings.Contains(err.Error(), "a freshly minted access token was rejected too") {
			t.Errorf("err = %v", err)
		}
		if n := len(h.grants()); n != 2 {
			t.Errorf("%d grants, want 2 (first token and one refresh)", n)
		}
		if n := len(h.apiLog("", "/")); n != 2 {
			t.Errorf("%d API calls, want 2", n)
		}
	})
}

// rewriteAuth is a transport that replaces the Authorization header of API
// calls (removes it when empty); token calls pass unchanged.
type rewriteAuth struct{ value string }

func (rw rewriteAuth) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasPrefix(r.URL.Path, "/crm/") {
		r = r.Clone(r.Context())
		r.Header.Del("Authorization")
		if rw.value != "" {
			r.Header.Set("Authorization", rw.value)
		}
	}
	return http.DefaultTransport.RoundTrip(r)
}

// statuses lists "status code" of log entries for messages.
func statuses(log []emulator.LoggedRequest) []string {
	out := make([]string, len(log))
	for i, r := range log {
		out[i] = fmt.Sprintf("%d %s", r.Status, r.Code)
	}
	return out
}

// TestLockingBehaviours: the documented non-error behaviours of rule edits:
// "update" is always restricted, and {"id", "_delete": true} removes a rule
// [seed:update-record-locking-configuration, seed:kaizen].
func TestLockingBehaviours(t *testing.T) {
	h := newHarness(t, emulator.Options{})
	c := h.client()
	cx := ctx(t)
	if _, err := c.CreateLockingConfig(cx, "Contacts", zoho.LockingConfig{LockType: "manual",
		RestrictedActions: []string{"delete"}}); err != nil {
		t.Fatal(err)
	}
	got, err := c.ListLockingConfigs(cx, "Contacts")
	if err != nil || len(got) != 1 || strings.Join(got[0].RestrictedActions, ",") != "update,delete" {
		t.Fatalf("restricted actions after create = %+v, %v; want update,delete", got, err)
	}
	if _, err := c.UpdateLockingConfig(cx, "Contacts", string(got[0].ID), zoho.LockingConfig{LockType: "manual",
		RestrictedActions: []string{"tags"}}); err != nil {
		t.Fatal(err)
	}
	got, _ = c.ListLockingConfigs(cx, "Contacts")
	if len(got) != 1 || strings.Join(got[0].RestrictedActions, ",") != "update,tags" {
		t.Errorf("restricted actions after update = %+v, want update,tags", got)
	}
	// Delete the Kaizen rule and add another in one PUT.
	res, err := c.UpdateLockingConfig(cx, "Deals", demoDealsLock, zoho.LockingConfig{LockType: "automatic",
		LockingRules: []zoho.LockingRule{{ID: demoDealsRule, Delete: true}, rule("Big deal", "Deal_Name", "Big")}})
	if err != nil || res.ID != demoDealsLock {
		t.Fatalf("UpdateLockingConfig = %+v, %v", res, err)
	}
	deals, err := c.ListLockingConfigs(cx, "Deals")
	if err != nil || len(deals) != 1 || len(deals[0].LockingRules) != 1 || deals[0].LockingRules[0].Name != "Big deal" ||
		deals[0].LockingRules[0].ID == "" || deals[0].LockingRules[0].ID == demoDealsRule {
		t.Errorf("rules after _delete = %+v, %v", deals, err)
	}
	if _, err := c.DeleteLockingConfig(cx, "Contacts", string(got[0].ID)); err != nil {
		t.Fatal(err)
	}
	if got, err := c.ListLockingConfigs(cx, "Contacts"); err != nil || got != nil {
		t.Errorf("after delete: %+v, %v", got, err)
	}
	if errors.Is(err, zoho.ErrNotFound) {
		t.Errorf("a list read must not be ErrNotFound")
	}
}
