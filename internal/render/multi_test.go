package render_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/internal/render"
	"github.com/crmsync/crmsync/pkg/jsonplan"
)

func TestMultiMarkdownLimit(t *testing.T) {
	big := bigPlan(t, 3000)
	envs := []render.EnvPlan{{Name: "sandbox", Plan: big}, {Name: "production", Plan: big},
		{Name: "staging", Error: strings.Repeat("boom ", 20000)}}
	r := render.NewMulti(envs, false)
	if r.Summary.Errored != 1 || r.Summary.WithChanges != 2 || r.Summary.Environments != 3 {
		t.Fatalf("summary %+v", r.Summary)
	}
	var b bytes.Buffer
	if err := render.MultiMarkdown(&b, r, render.Options{}); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	if len(md) > render.MaxMarkdown {
		t.Errorf("%d bytes, over %d", len(md), render.MaxMarkdown)
	}
	for _, want := range []string{"## crmsync plan: 3 environments\n", "| sandbox | Plan: 0 to create, 0 to update, 3000 to delete. |",
		"| staging | error: boom", "### sandbox\n", "### production\n", "### staging\n", "… truncated: "} {
		if !strings.Contains(md, want) {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Count(md, "</details>") != 2 {
		t.Errorf("want both plans' details closed, got %d", strings.Count(md, "</details>"))
	}
}

func TestMultiJSONAndText(t *testing.T) {
	small := bigPlan(t, 1)
	r := render.NewMulti([]render.EnvPlan{{Name: "a", Plan: small}, {Name: "b", Error: "no org"}}, true)
	var j bytes.Buffer
	if err := render.MultiJSON(&j, r, jsonplan.Options{}); err != nil {
		t.Fatal(err)
	}
	var back struct {
		FormatVersion string `json:"format_version"`
		Drift         bool   `json:"drift"`
		Environments  []struct {
			Name  string          `json:"name"`
			Plan  json.RawMessage `json:"plan"`
			Error string          `json:"error"`
		} `json:"environments"`
	}
	if err := json.Unmarshal(j.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.FormatVersion != render.MultiFormatVersion || !back.Drift || len(back.Environments) != 2 ||
		back.Environments[1].Error != "no org" || len(back.Environments[0].Plan) == 0 {
		t.Fatalf("JSON %s", j.Bytes())
	}
	var txt bytes.Buffer
	if err := render.MultiText(&txt, r, render.Options{Drift: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(txt.String(), "Environments:\n  a: Drift: 0 to create, 0 to update, 1 to delete.\n  b: error: no org\n") {
		t.Errorf("text:\n%s", txt.String())
	}
}
