package apply

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/plan"
)

// TestFallbackFormsAreWhatIsSent: the JSON plan's body is what apply sends
// first, and its fallback form is what apply sends when Zoho refuses the
// first with a 400, and first for the next request of the run.
func TestFallbackFormsAreWhatIsSent(t *testing.T) {
	r := newRig(t, emulator.Options{Readings: emulator.Readings{RoleRefForm: "string"}})
	m := manifests(t, moveTwoRoles)
	p := r.plan(m, plan.Options{})
	var want []any
	for i, req := range p.Requests {
		fb := FallbackForms(req.Body)
		if len(fb) != 1 || fb[0].Part != "role references" || fb[0].Form != "a plain ID" || fb[0].Instead != `{"id": …}` {
			t.Fatalf("request %d fallback forms %+v", req.ID, fb)
		}
		if i == 0 {
			want = append(want, jsonValue(t, req.Body))
		}
		want = append(want, jsonValue(t, fb[0].Body))
	}
	res := r.applyPlan(t.Context(), p)
	requireOK(t, res)
	var got []any
	for _, w := range writes(res.Log) {
		if w.Method == "PUT" && strings.HasPrefix(apiPath(w.Path), "/settings/roles") && len(got) < len(want) {
			got = append(got, jsonValue(t, w.Body))
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("role PUT bodies (-plan +sent):\n%s", diff)
	}
	r.converge(m, plan.Options{})
}

// TestNoFallbackFormsWithoutDisputedPart: a body with no reference and no
// profile removal has no other form.
func TestNoFallbackFormsWithoutDisputedPart(t *testing.T) {
	for _, body := range []string{`{"roles":[{"description":"x"}]}`, `{"modules":[{"profiles":[{"id":"1"}]}]}`, `{"contact_roles":[{"name":"A"}]}`} {
		if fb := FallbackForms(json.RawMessage(body)); fb != nil {
			t.Errorf("%s: fallback forms %+v", body, fb)
		}
	}
}

func jsonValue(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: %v", data, err)
	}
	return v
}
