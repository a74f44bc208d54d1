package plan_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/crmsync/crmsync/internal/render"
	"github.com/crmsync/crmsync/pkg/apply"
	"github.com/crmsync/crmsync/pkg/jsonplan"
	"github.com/crmsync/crmsync/pkg/plan"
)

// TestSavedPlansReadBack saves every fixture's plan as the JSON plan and
// reads it back as apply PLANFILE does: the plan is the same, and it shows
// the same text and Markdown as when it was made.
func TestSavedPlansReadBack(t *testing.T) {
	for _, name := range caseDirs(t) {
		t.Run(name, func(t *testing.T) {
			f := loadFixture(t, filepath.Join("testdata", name))
			p, err := f.make()
			if err != nil {
				return // an error fixture: no plan to save
			}
			data, err := json.Marshal(jsonplan.FromPlan(p, jsonplan.Options{Fallbacks: apply.FallbackForms}))
			if err != nil {
				t.Fatal(err)
			}
			back, err := jsonplan.Read(data)
			if err != nil {
				t.Fatal(err)
			}
			// Compared as JSON values: numbers read back as float64.
			if diff := cmp.Diff(asJSON(t, p), asJSON(t, back), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("read back (-made +read):\n%s", diff)
			}
			for _, r := range []func(*bytes.Buffer, *plan.Plan) error{
				func(b *bytes.Buffer, p *plan.Plan) error { return render.Text(b, p, renderOptions) },
				func(b *bytes.Buffer, p *plan.Plan) error { return render.Markdown(b, p, renderOptions) },
			} {
				var made, read bytes.Buffer
				if err := r(&made, p); err != nil {
					t.Fatal(err)
				}
				if err := r(&read, back); err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(made.String(), read.String()); diff != "" {
					t.Errorf("the saved plan shows differently (-made +read):\n%s", diff)
				}
			}
		})
	}
}

func asJSON(t *testing.T, v any) any {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}
