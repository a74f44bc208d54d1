package zoho_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/kinds"
	kspec "github.com/crmsync/crmsync/pkg/kinds/spec"
)

// goldenRequest is the part of a request of a golden JSON plan
// (docs/plan-json.md) that this test reads.
type goldenRequest struct {
	Method    string          `json:"method"`
	Path      string          `json:"path"`
	Body      json.RawMessage `json:"body"`
	Fallbacks []struct {
		Part string          `json:"part"`
		Body json.RawMessage `json:"body"`
	} `json:"fallback_forms"`
}

// TestOpenAPIPlanBodies checks the request bodies crmsync really sends
// against Zoho's OpenAPI request schema of their method and path: every
// body of every golden JSON plan in pkg/plan/testdata, which
// TestFixtures keeps byte-equal to what the plan package builds, and every
// fallback form apply may send instead (package apply's FallbackForms, in
// the same files), whole and narrowed to each field it resends when Zoho
// accepted a field but kept it. The allowances are those of TestOpenAPIConformance.
// Every write operation crmsync uses must be met, and every disputed part
// in both forms.
func TestOpenAPIPlanBodies(t *testing.T) {
	spec := loadOAS(t, "testdata/oas")
	files, err := filepath.Glob("../plan/testdata/*/plan.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden plans: %v", err)
	}
	seen, parts, used := map[oasOp]bool{}, map[string]int{}, map[string]bool{}
	disputes := map[string]kspec.Dispute{}
	for _, d := range kinds.All() {
		for _, x := range d.Disputes {
			disputes[x.Part] = x
		}
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var p struct {
			Requests []goldenRequest `json:"requests"`
		}
		if err := json.Unmarshal(b, &p); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		fixture := filepath.Base(filepath.Dir(f))
		for i, r := range p.Requests {
			op, ok := matchOp(r.Method, "/crm/v8"+r.Path)
			if !ok {
				t.Errorf("%s request %d: %s %s is not an operation crmsync uses", fixture, i+1, r.Method, r.Path)
				continue
			}
			if len(r.Body) > 0 {
				seen[op] = true
			}
			what := fixture + ": " + r.Method + " " + r.Path
			report(t, r.Method, what, spec.checkRequest(op, r.Body), requestAllowances(), used)
			for _, fb := range r.Fallbacks {
				parts[fb.Part+" "+r.Method]++
				report(t, r.Method, what+" ("+fb.Part+" fallback)", spec.checkRequest(op, fb.Body), requestAllowances(), used)
				d, ok := disputes[fb.Part]
				if !ok {
					t.Errorf("%s: fallback part %q is no registered kind's dispute", what, fb.Part)
				}
				// The resends of one field accepted but ignored; a created
				// object's field is resent as an update of it (apply's
				// asUpdate).
				rop, method := op, r.Method
				if r.Method == "POST" {
					rop, _ = matchOp("PUT", "/crm/v8"+r.Path+"/1")
					method = "PUT"
				}
				for _, field := range d.Fields {
					report(t, method, what+" ("+fb.Part+" resend of "+field+")",
						spec.checkRequest(rop, d.Narrow(fb.Body, field)), requestAllowances(), used)
				}
			}
		}
	}
	for _, op := range append(usedOps(), planOps()...) {
		if (op.method == "post" || op.method == "put" || op.method == "patch") && !seen[op] && !strings.Contains(op.path, "{api_name}") {
			t.Errorf("no golden plan sends a body to %s %s", op.method, op.path)
		}
	}
	for _, want := range []string{"role references POST", "role references PUT", "module profile _delete PUT"} {
		if parts[want] == 0 {
			t.Errorf("no golden plan has a %s fallback form", want)
		}
	}
}
