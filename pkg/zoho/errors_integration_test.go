package zoho_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// apiWant is the typed error a case must produce.
type apiWant struct {
	status   int
	code     string
	method   string
	path     string
	item     int            // index of the failed item; -1 for a top-level error
	apiName  string         // details.api_name ("" = absent)
	jsonPath string         // details.json_path ("" = absent)
	details  map[string]any // further details that must be present (values compared as JSON)
	text     string         // the whole one-line Error()
}

// errCase is one documented error, provoked through the client.
type errCase struct {
	name     string
	readings emulator.Readings
	call     func(ctx context.Context, c *zoho.Client) error
	want     apiWant
}

// checkAPIError compares err with want.
func checkAPIError(t *testing.T, err error, want apiWant) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s", want.code)
	}
	e := apiErrorOf(t, err)
	if e.HTTPStatus != want.status || e.Code != want.code || e.Method != want.method || e.Path != want.path || e.Item != want.item {
		t.Errorf("APIError = {status %d, code %s, %s %s, item %d}, want {status %d, code %s, %s %s, item %d}",
			e.HTTPStatus, e.Code, e.Method, e.Path, e.Item, want.status, want.code, want.method, want.path, want.item)
	}
	if zoho.ErrorCode(err) != want.code {
		t.Errorf("ErrorCode = %q, want %q", zoho.ErrorCode(err), want.code)
	}
	if got := detailString(e.Details["api_name"]); got != want.apiName {
		t.Errorf("details.api_name = %q, want %q", got, want.apiName)
	}
	if got := detailString(e.Details["json_path"]); got != want.jsonPath {
		t.Errorf("details.json_path = %q, want %q", got, want.jsonPath)
	}
	for k, v := range want.details {
		if got, wantJSON := jsonText(e.Details[k]), jsonText(v); got != wantJSON {
			t.Errorf("details.%s = %s, want %s", k, got, wantJSON)
		}
	}
	text := err.Error()
	if text != want.text {
		t.Errorf("Error() =\n  %s\nwant\n  %s", text, want.text)
	}
	if strings.ContainsAny(text, "\r\n") {
		t.Errorf("Error() is not one line: %q", text)
	}
}

func detailString(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	return jsonText(v)
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// doFirstError sends r with the client's Do and returns the request-level
// error, or the *APIError of the first failed item.
func doFirstError(ctx context.Context, c *zoho.Client, r zoho.Request) error {
	resp, err := c.Do(ctx, r)
	if err != nil {
		return err
	}
	for _, it := range resp.Items {
		if e := it.Err(r.Method, r.Path); e != nil {
			return e
		}
	}
	return fmt.Errorf("%s %s: no failed item in HTTP %d %s", r.Method, r.Path, resp.Status, resp.Body)
}

// bulkFirstError checks that a bulk call succeeded at request level and
// returns the *APIError of its first failed item.
func bulkFirstError(items []zoho.ItemResult, err error, method, path string) error {
	if err != nil {
		return fmt.Errorf("bulk call failed at request level: %w", err)
	}
	for _, it := range items {
		if e := it.Err(method, path); e != nil {
			return e
		}
	}
	return fmt.Errorf("no failed item among %d results", len(items))
}

// rawBody marshals v for zoho.Request.Body.
func rawBody(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// rule is a locking rule "field equal value".
func rule(name, field, value string) zoho.LockingRule {
	return zoho.LockingRule{Name: name, Criteria: &zoho.Criteria{Comparator: "equal",
		Field: &zoho.FieldRef{APIName: field}, Value: value}}
}

const (
	lockPath     = "/settings/record_locking_configurations"
	dealsLockURL = lockPath + "/" + demoDealsLock
	lockItem     = "$.record_locking_configurations[0]"
)

// TestDocumentedErrors provokes every documented error case through the
// typed client and checks the typed error. A rejected write must leave the
// emulator's state unchanged.
func TestDocumentedErrors(t *testing.T) {
	var cases []errCase
	cases = append(cases, lockingErrorCases()...)
	cases = append(cases, moduleErrorCases()...)
	cases = append(cases, roleErrorCases()...)
	cases = append(cases, contactRoleErrorCases()...)
	cases = append(cases, requestErrorCases()...)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, emulator.Options{Readings: tc.readings})
			c := h.client()
			before := jsonText(h.emu.Snapshot())
			err := tc.call(ctx(t), c)
			checkAPIError(t, err, tc.want)
			if after := jsonText(h.emu.Snapshot()); after != before {
				t.Errorf("a rejected call changed the state")
			}
		})
	}
}

// lockingErrorCases: the update page's INVALID_DATA, DEPENDENT_FIELD_MISSING,
// LIMIT_EXCEEDED and DUPLICATE_DATA cases, and _delete of rules
// [seed:update-record-locking-configuration, seed:kaizen].
func lockingErrorCases() []errCase {
	create := func(cfg zoho.LockingConfig) func(context.Context, *zoho.Client) error {
		return func(ctx context.Context, c *zoho.Client) error {
			_, err := c.CreateLockingConfig(ctx, "Contacts", cfg)
			return err
		}
	}
	updateDeals := func(cfg zoho.LockingConfig) func(context.Context, *zoho.Client) error {
		return func(ctx context.Context, c *zoho.Client) error {
			_, err := c.UpdateLockingConfig(ctx, "Deals", demoDealsLock, cfg)
			return err
		}
	}
	post := func(code, msg, key, at, extra string, details map[string]any) apiWant {
		return apiWant{status: 400, code: code, method: "POST", path: lockPath, item: 0, apiName: key,
			jsonPath: at, details: details,
			text: "POST " + lockPath + ": " + code + ": " + msg + " (key " + key + " at " + at + extra + ")"}
	}
	put := func(code, msg, key, at, extra string) apiWant {
		w := post(code, msg, key, at, extra, nil)
		w.method, w.path = "PUT", dealsLockURL
		w.text = "PUT " + dealsLockURL + w.text[len("POST "+lockPath):]
		return w
	}
	sixRules := make([]zoho.LockingRule, 6)
	for i := range sixRules {
		sixRules[i] = rule(fmt.Sprintf("rule %d", i), "Email", fmt.Sprintf("r%d@example.com", i))
	}
	fiveNew := []zoho.LockingRule{{ID: demoDealsRule}}
	for i := range 5 {
		fiveNew = append(fiveNew, rule(fmt.Sprintf("new %d", i), "Deal_Name", fmt.Sprintf("deal %d", i)))
	}
	return []errCase{
		{name: "lock_type not in enum", call: create(zoho.LockingConfig{LockType: "sometimes"}),
			want: post("INVALID_DATA", "invalid data", "lock_type", lockItem+".lock_type",
				`, supported values ["manual","automatic","both"]`,
				map[string]any{"supported_values": []string{"manual", "automatic", "both"}})},
		{name: "locked_for not in enum", call: create(zoho.LockingConfig{LockType: "manual", LockedFor: "some_profiles"}),
			want: post("INVALID_DATA", "invalid data", "locked_for", lockItem+".locked_for",
				`, supported values ["all_profiles","all_profiles_except_excluded_profiles"]`, nil)},
		{name: "restricted action not in enum", call: create(zoho.LockingConfig{LockType: "manual", RestrictedActions: []string{"fly"}}),
			want: post("INVALID_DATA", "invalid data", "restricted_actions", lockItem+".restricted_actions",
				`, supported values ["update","delete","tags","convert","change_owner"]`, nil)},
		{name: "automatic without locking_rules", call: create(zoho.LockingConfig{LockType: "automatic"}),
			want: post("DEPENDENT_FIELD_MISSING", "dependent field missing", "locking_rules", lockItem+".locking_rules",
				`, depends on {"api_name":"lock_type","json_path":"`+lockItem+`.lock_type"}`, nil)},
		{name: "excluded profiles without lock_excluded_profiles",
			call: create(zoho.LockingConfig{LockType: "manual", LockedFor: "all_profiles_except_excluded_profiles"}),
			want: post("DEPENDENT_FIELD_MISSING", "dependent field missing", "lock_excluded_profiles",
				lockItem+".lock_excluded_profiles",
				`, depends on {"api_name":"locked_for","json_path":"`+lockItem+`.locked_for"}`, nil)},
		{name: "six rules on create", call: create(zoho.LockingConfig{LockType: "automatic", LockingRules: sixRules}),
			want: post("LIMIT_EXCEEDED", "the maximum limit for locking rules is exceeded", "locking_rules",
				lockItem+".locking_rules", ", limit 5, available limit 5",
				map[string]any{"limit": 5, "available_limit": 5})},
		{name: "six rules on update", call: updateDeals(zoho.LockingConfig{LockType: "automatic", LockingRules: fiveNew}),
			want: put("LIMIT_EXCEEDED", "the maximum limit for locking rules is exceeded", "locking_rules",
				lockItem+".locking_rules", ", limit 5, available limit 4")},
		{name: "duplicate rule name", call: create(zoho.LockingConfig{LockType: "automatic", LockingRules: []zoho.LockingRule{
			rule("Same", "Email", "a@example.com"), rule("Same", "Email", "b@example.com")}}),
			want: post("DUPLICATE_DATA", "duplicate data", "name", lockItem+".locking_rules[1].name", "", nil)},
		{name: "_delete without rule id", call: updateDeals(zoho.LockingConfig{LockType: "automatic",
			LockingRules: []zoho.LockingRule{{Delete: true}}}),
			want: put("MANDATORY_NOT_FOUND", "required field not found", "id", lockItem+".locking_rules[0].id", "")},
		{name: "_delete of an unknown rule", call: updateDeals(zoho.LockingConfig{LockType: "automatic",
			LockingRules: []zoho.LockingRule{{ID: "5843104000009999999", Delete: true}}}),
			want: put("INVALID_DATA", "invalid data", "id", lockItem+".locking_rules[0].id", "")},
		{name: "_delete of the last rule of an automatic config", call: updateDeals(zoho.LockingConfig{LockType: "automatic",
			LockingRules: []zoho.LockingRule{{ID: demoDealsRule, Delete: true}}}),
			want: put("DEPENDENT_FIELD_MISSING", "dependent field missing", "locking_rules", lockItem+".locking_rules",
				`, depends on {"api_name":"lock_type","json_path":"`+lockItem+`.lock_type"}`)},
	}
}

// moduleErrorCases: label rules, MINIMUM_DATA_NOT_FOUND, NOT_ALLOWED and
// INVALID_MODULE [seed:update-custom-module].
func moduleErrorCases() []errCase {
	const path = "/settings/modules/Digital_Marketings"
	update := func(plural, singular string, profiles []zoho.ModuleProfile) func(context.Context, *zoho.Client) error {
		return func(ctx context.Context, c *zoho.Client) error {
			_, err := c.UpdateModule(ctx, "Digital_Marketings", zoho.ModuleUpdate{PluralLabel: &plural,
				SingularLabel: &singular, Profiles: profiles})
			return err
		}
	}
	admin := []zoho.ModuleProfile{{ID: demoAdminProfile}}
	item := func(code, msg, key, extra string, details map[string]any) apiWant {
		at := "$.modules[0]." + key
		return apiWant{status: 400, code: code, method: "PUT", path: path, item: 0, apiName: key, jsonPath: at,
			details: details, text: "PUT " + path + ": " + code + ": " + msg + " (key " + key + " at " + at + extra + ")"}
	}
	dup := func(code string) errCase {
		return errCase{name: "plural label of another module, code " + code,
			readings: emulator.Readings{ModuleDuplicateLabelCode: code},
			call:     update("Projects", "Digital Marketing", admin),
			want:     item(code, "duplicate data", "plural_label", "", nil)}
	}
	return []errCase{
		{name: "plural label over 25 characters", call: update("Digital Marketing Campaigns", "Digital Marketing", admin),
			want: item("INVALID_DATA", "invalid data", "plural_label", ", maximum length 25", map[string]any{"maximum_length": 25})},
		{name: "singular label with punctuation", call: update("Digital Marketings", "Digital-Marketing!", admin),
			want: item("INVALID_DATA", "invalid data", "singular_label", "", nil)},
		{name: "empty profile list", call: update("Digital Marketings", "Digital Marketing", []zoho.ModuleProfile{}),
			want: item("MINIMUM_DATA_NOT_FOUND", "Minimum one profile is needed", "profiles", "", nil)},
		{name: "every profile deleted", readings: emulator.Readings{ModuleProfilesPut: "replace"}, call: update("Digital Marketings", "Digital Marketing",
			[]zoho.ModuleProfile{{ID: demoAdminProfile, Delete: true}}),
			want: item("MINIMUM_DATA_NOT_FOUND", "Minimum one profile is needed", "profiles", "", nil)},
		{name: "profiles missing", call: update("Digital Marketings", "Digital Marketing", nil),
			want: item("MANDATORY_NOT_FOUND", "required field not found", "profiles", "", nil)},
		dup("INVALID_DATA"), dup("DUPLICATE_DATA"),
		{name: "api_name change", call: func(ctx context.Context, c *zoho.Client) error {
			// ModuleUpdate has no api_name: the client's generic Do sends it.
			return doFirstError(ctx, c, zoho.Request{Method: "PUT", Path: path, Key: "modules", Body: rawBody(
				map[string]any{"modules": []any{map[string]any{"api_name": "Digital_Marketing2",
					"plural_label": "Digital Marketings", "singular_label": "Digital Marketing",
					"profiles": []any{map[string]any{"id": demoAdminProfile}}}}})})
		}, want: item("NOT_ALLOWED", "API name cannot be updated for module", "api_name", "", nil)},
		{name: "unknown module in the URL", call: func(ctx context.Context, c *zoho.Client) error {
			p := "Digital Marketings"
			_, err := c.UpdateModule(ctx, "Nope", zoho.ModuleUpdate{PluralLabel: &p, SingularLabel: &p, Profiles: admin})
			return err
		}, want: apiWant{status: 400, code: "INVALID_MODULE", method: "PUT", path: "/settings/modules/Nope", item: -1,
			details: map[string]any{"resource_path_index": 2},
			text:    "PUT /settings/modules/Nope: INVALID_MODULE: the module name given seems to be invalid (path segment 2)"}},
		{name: "unknown module read", call: func(ctx context.Context, c *zoho.Client) error {
			_, err := c.GetModule(ctx, "Nope")
			return err
		}, want: apiWant{status: 400, code: "INVALID_MODULE", method: "GET", path: "/settings/modules/Nope", item: -1,
			text: "GET /settings/modules/Nope: INVALID_MODULE: the module name given seems to be invalid (path segment 2)"}},
	}
}

// roleErrorCases: one role per PUT, transfer_to_id, duplicate names
// [seed:update-role, api.md §3].
func roleErrorCases() []errCase {
	const headPath = "/settings/roles/" + demoSalesHeadRole
	dupName := "Failed to add role since role with same name is already exist"
	renameTo := func(name string) func(context.Context, *zoho.Client) error {
		return func(ctx context.Context, c *zoho.Client) error {
			_, err := c.UpdateRole(ctx, demoSalesHeadRole, zoho.RoleWrite{Name: &name})
			return err
		}
	}
	renameWant := func(item int) apiWant {
		return apiWant{status: 400, code: "DUPLICATE_DATA", method: "PUT", path: headPath, item: item,
			apiName: "name", jsonPath: "$.roles[0].name",
			text: "PUT " + headPath + ": DUPLICATE_DATA: " + dupName + " (key name at $.roles[0].name)"}
	}
	return []errCase{
		{name: "two roles in one PUT", call: func(ctx context.Context, c *zoho.Client) error {
			return doFirstError(ctx, c, zoho.Request{Method: "PUT", Path: "/settings/roles", Key: "roles", Body: rawBody(
				map[string]any{"roles": []any{map[string]any{"id": demoSalesHeadRole, "description": "a"},
					map[string]any{"id": demoCEORole, "description": "b"}}})})
		}, want: apiWant{status: 400, code: "INVALID_DATA", method: "PUT", path: "/settings/roles", item: -1,
			apiName: "roles", jsonPath: "$.roles",
			text: "PUT /settings/roles: INVALID_DATA: invalid data (key roles at $.roles)"}},
		{name: "role delete without transfer_to_id", call: func(ctx context.Context, c *zoho.Client) error {
			return doFirstError(ctx, c, zoho.Request{Method: "DELETE", Path: headPath, Key: "roles"})
		}, want: apiWant{status: 400, code: "REQUIRED_PARAM_MISSING", method: "DELETE", path: headPath, item: -1,
			details: map[string]any{"param_name": "transfer_to_id"},
			text:    "DELETE " + headPath + ": REQUIRED_PARAM_MISSING: One of the expected parameter is missing (param transfer_to_id)"}},
		{name: "create with a duplicate name", call: func(ctx context.Context, c *zoho.Client) error {
			_, err := c.CreateRole(ctx, zoho.RoleWrite{Name: ptr("Manager"), ReportingTo: zoho.RefObject(demoCEORole)})
			return err
		}, want: apiWant{status: 400, code: "DUPLICATE_DATA", method: "POST", path: "/settings/roles", item: 0,
			apiName: "name", jsonPath: "$.roles[0].name",
			text: "POST /settings/roles: DUPLICATE_DATA: " + dupName + " (key name at $.roles[0].name)"}},
		// The update answer is bare by default [seed:update-role] and
		// wrapped in the OAS: the error is the same but for its index.
		{name: "rename to a duplicate name, bare answer", readings: emulator.Readings{RoleUpdateResponse: "bare"},
			call: renameTo("Manager"), want: renameWant(-1)},
		{name: "rename to a duplicate name, wrapped answer",
			call: renameTo("manager"), want: renameWant(0)},
	}
}
