package apply

// Zoho's sources disagree on the form of a role's reporting_to and
// forecast_manager: {"id": …} (create page, OpenAPI, Zoho's v8 SDK) or a
// plain ID (the older update page). The plan sends the SDK's {"id": …};
// apply resends a role write once in the other form when Zoho refused it
// with a 400, which it did not process. Anything else (a 5xx, a lost
// response, another code, a body without references) is never resent in
// the other form on the spot (a write accepted but ignored is resent after
// verification, ignored_test.go).

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/kinds/role"
	"github.com/crmsync/crmsync/pkg/plan"
)

// refsForm and withRefForm are the role references' dispute, as the
// registry gives it to apply.
var refsForm, withRefForm = role.References.Form, role.References.Rewrite

// moveTwoRoles moves two demo roles: two PUTs with reporting_to, the
// second (Support Agent, under Sales Rep) after the first (Sales Rep).
const moveTwoRoles = `apiVersion: crmsync/v1
kind: Role
name: Sales Rep
reporting_to: Manager
---
apiVersion: crmsync/v1
kind: Role
name: Support Agent
reporting_to: Sales Rep
`

// newRoleChain creates two roles, the second under the first.
const newRoleChain = `apiVersion: crmsync/v1
kind: Role
name: Inside Sales
reporting_to: CEO
---
apiVersion: crmsync/v1
kind: Role
name: Phone Sales
reporting_to: Inside Sales
`

// roleWrites are the logged role writes of method, in order, with the form
// of their references.
func roleWrites(log []emulator.LoggedRequest, method string) (forms []refForm, statuses []int) {
	for _, w := range writes(log) {
		if w.Method == method && strings.HasPrefix(apiPath(w.Path), "/settings/roles") {
			forms = append(forms, refsForm(w.Body))
			statuses = append(statuses, w.Status)
		}
	}
	return forms, statuses
}

func TestRefFormFallback(t *testing.T) {
	cases := []struct {
		name     string
		readings emulator.Readings
		yaml     string
		method   string
		// forms and statuses are the role writes of method, in order.
		forms    []refForm
		statuses []int
	}{
		// The SDK's object is refused (top-level 400 of the bare answer);
		// the plain ID is sent once and then used for the next PUT.
		{"put_string_only_bare", emulator.Readings{RoleRefForm: "string", RoleUpdateResponse: "bare"}, moveTwoRoles, "PUT",
			[]refForm{formObject, formString, formString}, []int{400, 200, 200}},
		// The same refusal inside a {"roles":[…]} wrapper.
		{"put_string_only_wrapped", emulator.Readings{RoleRefForm: "string"}, moveTwoRoles, "PUT",
			[]refForm{formObject, formString, formString}, []int{400, 200, 200}},
		// The v6 page read literally: a plain ID on update only.
		{"put_doc", emulator.Readings{RoleRefForm: "doc"}, moveTwoRoles, "PUT",
			[]refForm{formObject, formString, formString}, []int{400, 200, 200}},
		// The create page's {"id"} is refused, always wrapped.
		{"post_string_only", emulator.Readings{RoleRefForm: "string"}, newRoleChain, "POST",
			[]refForm{formObject, formString, formString}, []int{400, 201, 201}},
		// The documented forms go through at once.
		{"default", emulator.Readings{}, moveTwoRoles, "PUT", []refForm{formObject, formObject}, []int{200, 200}},
		{"both", emulator.Readings{RoleRefForm: "both"}, newRoleChain, "POST", []refForm{formObject, formObject}, []int{201, 201}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, emulator.Options{Readings: tc.readings})
			m := manifests(t, tc.yaml)
			res := r.applyOK(m, plan.Options{})
			checkBodies(t, res)
			forms, statuses := roleWrites(res.Log, tc.method)
			if !slices.Equal(forms, tc.forms) || !slices.Equal(statuses, tc.statuses) {
				t.Errorf("%s forms %v statuses %v, want %v %v:\n%s", tc.method, forms, statuses, tc.forms, tc.statuses, logText(writes(res.Log)))
			}
			r.converge(m, plan.Options{})
		})
	}
}

// TestRefFormNotRetried: the other form is tried only after a 400 that
// names a data problem, and only for a body that has references.
func TestRefFormNotRetried(t *testing.T) {
	cases := []struct {
		name    string
		fail    emulator.Failure
		yaml    string
		status  Status
		code    string
		puts    int
		objects int // PUTs sent in the object form
	}{
		// A 5xx was maybe applied: never resent in the other form. The
		// re-read finds it not applied and the re-plan sends it again, in
		// the plan's form, with the PUT that waited for it.
		{"500_not_applied", emulator.Failure{Method: "PUT", PathPrefix: "/settings/roles", Status: 500, Code: "INVALID_DATA"},
			moveTwoRoles, Updated, "", 3, 3},
		// Applied, then the response was lost: confirmed by the re-read
		// and sent once.
		{"500_applied", emulator.Failure{Method: "PUT", PathPrefix: "/settings/roles", Status: 500, Code: "INVALID_DATA", Applied: true},
			moveTwoRoles, Updated, "", 2, 2},
		// A 400 for another reason is a plain failure (and the PUT behind
		// it is skipped).
		{"400_other_code", emulator.Failure{Method: "PUT", PathPrefix: "/settings/roles", Status: 400, Code: "MANDATORY_NOT_FOUND"},
			moveTwoRoles, Failed, "MANDATORY_NOT_FOUND", 1, 1},
		// A 400 INVALID_DATA for a body without references.
		{"400_no_refs", emulator.Failure{Method: "PUT", PathPrefix: "/settings/roles", Status: 400, Code: "INVALID_DATA"},
			"apiVersion: crmsync/v1\nkind: Role\nname: Manager\ndescription: Runs support\n", Failed, "INVALID_DATA", 1, 0},
		// Both forms refused: two attempts, no third.
		{"400_both_forms", emulator.Failure{Method: "PUT", PathPrefix: "/settings/roles", Status: 400, Code: "INVALID_DATA", Times: 2},
			moveTwoRoles, Failed, "INVALID_DATA", 2, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newRig(t, emulator.Options{})
			r.emu.AddFailure(tc.fail)
			m := manifests(t, tc.yaml)
			before := r.emu.Snapshot()
			p := r.plan(m, plan.Options{})
			res := r.applyPlan(context.Background(), p)
			checkSafe(t, before, r.emu.Snapshot(), p)
			first := res.Report.Outcomes[0]
			if first.Status != tc.status || first.Code != tc.code {
				t.Errorf("%s: %s %q, want %s %q: %s", first.Key, first.Status, first.Code, tc.status, tc.code, first.Message)
			}
			forms, _ := roleWrites(res.Log, "PUT")
			objects := 0
			for _, f := range forms {
				if f == formObject {
					objects++
				}
			}
			if len(forms) != tc.puts || objects != tc.objects {
				t.Errorf("%d PUTs (%d in object form), want %d (%d):\n%s", len(forms), objects, tc.puts, tc.objects, logText(writes(res.Log)))
			}
			if !res.Report.OK() {
				r.applyOK(m, plan.Options{}) // the injected failures are used up
			}
			r.converge(m, plan.Options{})
		})
	}
}

func TestWithRefForm(t *testing.T) {
	obj := []byte(`{"roles":[{"forecast_manager":{"id":"7"},"id":"1","name":"A","reporting_to":{"id":"2"}}]}`)
	str := []byte(`{"roles":[{"forecast_manager":"7","id":"1","name":"A","reporting_to":"2"}]}`)
	if refsForm(obj) != formObject || refsForm(str) != formString || refsForm([]byte(`{"roles":[{"name":"A"}]}`)) != formNone {
		t.Errorf("refsForm")
	}
	if got := withRefForm(obj, formString); !jsonEqual(got, str) {
		t.Errorf("to string: %s", got)
	}
	if got := withRefForm(str, formObject); !jsonEqual(got, obj) {
		t.Errorf("to object: %s", got)
	}
	if got := withRefForm(obj, formObject); !jsonEqual(got, obj) {
		t.Errorf("object to object: %s", got)
	}
}
