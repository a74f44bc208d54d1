package render_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/crmsync/crmsync/internal/render"
	"github.com/crmsync/crmsync/pkg/jsonplan"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

// org is a small live org and a manifest set that changes it: one create,
// one update and one destructive delete.
func org(t *testing.T) *plan.Plan {
	t.Helper()
	obs, des := model.NewState(), model.NewState()
	obs.Put(role("CEO", "", "1", true))
	obs.Put(role("Manager", "CEO", "2", false))
	obs.Put(&model.Object{Key: lockKey("Cases"), ID: "3", LockingConfig: &model.LockingConfig{Module: "Cases", LockType: model.Ptr("manual")}})
	obs.Put(&model.Object{Key: lockKey("Deals"), ID: "4", LockingConfig: &model.LockingConfig{Module: "Deals", LockType: model.Ptr("automatic"),
		LockingRules: &[]model.LockingRule{
			{ID: "41", Name: "Closed Won", LockExistingRecords: model.Ptr(false), Criteria: cond("Stage", "Closed Won")},
			{ID: "42", Name: "Stale", Criteria: cond("Stage", "Negotiation")},
		}}})
	des.Put(&model.Object{Key: model.Key{Kind: model.KindRole, Name: "Manager"}, Source: src(1),
		Role: &model.Role{Name: "Manager", ReportingTo: model.Ptr("CEO"), Description: model.Ptr("Runs ```sales```")}})
	des.Put(&model.Object{Key: model.Key{Kind: model.KindContactRole, Name: "Buyer"}, Source: src(10),
		ContactRole: &model.ContactRole{Name: "Buyer", SequenceNumber: model.Ptr(1)}})
	des.Put(&model.Object{Key: lockKey("Cases"), Source: src(20), Absent: true})
	des.Put(&model.Object{Key: lockKey("Deals"), Source: src(30), LockingConfig: &model.LockingConfig{Module: "Deals", LockType: model.Ptr("automatic"),
		LockingRules: &[]model.LockingRule{
			{Name: "Closed Won", LockExistingRecords: model.Ptr(true), Criteria: cond("Stage", "Won")},
			{Name: "Closed Lost", Criteria: &model.Criteria{GroupOperator: "OR", Group: []model.Criteria{*cond("Stage", "Lost"), *cond("Stage", "Lost to Competition")}}},
		}}})
	return mustPlan(t, des, obs)
}

func role(name, parent, id string, system bool) *model.Object {
	return &model.Object{Key: model.Key{Kind: model.KindRole, Name: name}, ID: id, System: system,
		Role: &model.Role{Name: name, ReportingTo: model.Ptr(parent)}}
}

func lockKey(module string) model.Key { return model.Key{Kind: model.KindLockingConfig, Name: module} }

func cond(field, value string) *model.Criteria {
	return &model.Criteria{Field: field, Comparator: "equal", Value: value}
}

func src(line int) *model.Source { return &model.Source{File: "m.yaml", Line: line, Column: 1} }

func mustPlan(t *testing.T, des, obs *model.State) *plan.Plan {
	t.Helper()
	p, err := plan.Make(plan.Input{Desired: des, Observed: obs}, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func text(t *testing.T, p *plan.Plan, o render.Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := render.Text(&b, p, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func markdown(t *testing.T, p *plan.Plan, o render.Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := render.Markdown(&b, p, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func TestTextEndsWithSummary(t *testing.T) {
	empty := mustPlan(t, model.NewState(), model.NewState())
	tests := []struct {
		name string
		p    *plan.Plan
		o    render.Options
		want string
	}{
		{"changes", org(t), render.Options{}, "Plan: 1 to create, 2 to update, 1 to delete."},
		{"changes with requests", org(t), render.Options{ShowRequests: true, APIVersion: "v8"}, "Plan: 1 to create, 2 to update, 1 to delete."},
		{"no changes", empty, render.Options{}, "No changes. The org matches the manifests."},
		{"drift", org(t), render.Options{Drift: true}, "Drift: 1 to create, 2 to update, 1 to delete."},
		{"no drift", empty, render.Options{Drift: true}, "No drift: the org matches the manifests."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := text(t, tt.p, tt.o)
			if got := lastLine(out); got != tt.want {
				t.Errorf("last line %q, want %q", got, tt.want)
			}
			if !strings.HasSuffix(out, "\n") {
				t.Error("no final newline")
			}
		})
	}
}

// TestTextTerraformLike checks the shape of a change: a sign per action, the
// source position, old -> new for each field, what a delete destroys.
func TestTextTerraformLike(t *testing.T) {
	out := text(t, org(t), render.Options{})
	for _, want := range []string{
		"crmsync will perform the following actions:\n",
		"  ~ Role \"Manager\"  # m.yaml:1:1\n      ~ description: \"\" -> \"Runs ```sales```\"\n",
		"  + ContactRole \"Buyer\"  # m.yaml:10:1\n",
		"  - RecordLockingConfig \"Cases\"  # m.yaml:20:1\n      ! deleting this locking config unlocks every locked Cases record\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestLockingRuleText: whole rules read as their keys, not as a JSON blob,
// and criteria as the text they are compared as; the JSON plan keeps the
// field diffs as data.
func TestLockingRuleText(t *testing.T) {
	p := org(t)
	out := text(t, p, render.Options{})
	start := strings.Index(out, "  ~ RecordLockingConfig \"Deals\"")
	if start < 0 {
		t.Fatalf("no Deals change:\n%s", out)
	}
	got := strings.Split(strings.TrimSpace(out[start:]), "\n")[1:5]
	want := []string{
		`      + locking_rules["Closed Lost"]: criteria OR(Stage equal "Lost to Competition", Stage equal "Lost")`,
		`      ~ locking_rules["Closed Won"].criteria: Stage equal "Closed Won" -> Stage equal "Won"`,
		`      ~ locking_rules["Closed Won"].lock_existing_records: false -> true`,
		`      - locking_rules["Stale"]: criteria Stage equal "Negotiation", lock_existing_records false`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rule lines (-want +got):\n%s", diff)
	}
	// The JSON plan has the same changes, with paths as steps and the
	// criteria as a JSON object, not as the text above.
	var js bytes.Buffer
	if err := render.JSON(&js, p, jsonplan.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"Closed Lost"`, `"group_operator": "OR"`, `"comparator": "equal"`} {
		if !strings.Contains(js.String(), want) {
			t.Errorf("JSON plan lacks %s:\n%s", want, js.String())
		}
	}
	if strings.Contains(js.String(), `OR(Stage equal`) || strings.Contains(js.String(), `"locking_rules.Closed`) {
		t.Errorf("JSON plan holds text values or dotted paths:\n%s", js.String())
	}
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

func TestColourOnlyWhenAsked(t *testing.T) {
	p := org(t)
	for _, o := range []render.Options{{}, {ShowRequests: true, APIVersion: "v8"}, {Drift: true}} {
		plain := text(t, p, o)
		if strings.Contains(plain, "\x1b") {
			t.Errorf("ANSI escape without Color (%+v):\n%q", o, plain)
		}
		o.Color = true
		if md := markdown(t, p, o); strings.Contains(md, "\x1b") {
			t.Errorf("ANSI escape in Markdown:\n%q", md)
		}
		coloured := text(t, p, o)
		if !strings.Contains(coloured, "\x1b[") {
			t.Errorf("no colour with Color (%+v)", o)
		}
		if stripped := ansi.ReplaceAllString(coloured, ""); stripped != plain {
			t.Errorf("colour changes more than colour:\n%s", cmp.Diff(plain, stripped))
		}
	}
}

// bigPlan deletes n locking configurations: every change is destructive.
func bigPlan(t *testing.T, n int) *plan.Plan {
	t.Helper()
	obs, des := model.NewState(), model.NewState()
	for i := range n {
		m := fmt.Sprintf("Custom_Module_%04d", i)
		obs.Put(&model.Object{Key: lockKey(m), ID: fmt.Sprint(5843104000000000000 + i),
			LockingConfig: &model.LockingConfig{Module: m, LockType: model.Ptr("manual")}})
		des.Put(&model.Object{Key: lockKey(m), Source: src(i + 1), Absent: true})
	}
	return mustPlan(t, des, obs)
}

func TestMarkdownLimit(t *testing.T) {
	p := bigPlan(t, 3000)
	if len(p.Changes) != 3000 {
		t.Fatalf("%d changes", len(p.Changes))
	}
	for _, o := range []render.Options{{}, {ShowRequests: true, APIVersion: "v8", FullPlanHint: "plan.json (CI artifact)"}} {
		md := markdown(t, p, o)
		if n := utf8.RuneCountInString(md); n > render.MaxMarkdown || len(md) > render.MaxMarkdown {
			t.Errorf("%d characters (%d bytes), over %d", n, len(md), render.MaxMarkdown)
		}
		hint := o.FullPlanHint
		if hint == "" {
			hint = "the JSON plan (crmsync plan --format json)"
		}
		if !regexp.MustCompile(`\n… truncated: \d+ of \d+ characters shown; see ` + regexp.QuoteMeta(hint) + ` for the full plan\.\n`).MatchString(md) {
			t.Errorf("no truncation pointer to %q", hint)
		}
		if !strings.HasPrefix(md, "### crmsync plan\n\n**Plan: 0 to create, 0 to update, 3000 to delete.**\n") {
			t.Errorf("head: %q", md[:min(len(md), 120)])
		}
		if got := strings.Count(md, "> RecordLockingConfig"); got != 10 {
			t.Errorf("the head names %d destructive changes, want 10", got)
		}
		if !strings.Contains(md, "> … and 2990 more destructive changes (see the details).") {
			t.Error("the head does not count the destructive changes it leaves out")
		}
		if !strings.HasSuffix(md, "```\n</details>\n") {
			t.Errorf("the details are not closed: %q", md[max(0, len(md)-80):])
		}
	}
}

func TestMarkdownSmall(t *testing.T) {
	p := org(t)
	md := markdown(t, p, render.Options{ShowRequests: true, APIVersion: "v8"})
	if strings.Contains(md, "truncated") {
		t.Error("a small plan is truncated")
	}
	// The role description holds ```, so the fence must be longer.
	if !strings.Contains(md, "\n````diff\n") || !strings.HasSuffix(md, "\n````\n</details>\n") {
		t.Errorf("the code fence is not longer than the backticks inside:\n%s", md)
	}
	for _, want := range []string{
		"### crmsync plan\n\n**Plan: 1 to create, 2 to update, 1 to delete.**\n\nApplying makes 4 API calls.\n\n",
		"> [!WARNING]\n> RecordLockingConfig \"Cases\": deleting this locking config unlocks every locked Cases record\n",
		"\n- - RecordLockingConfig \"Cases\"",
		"\n+ + ContactRole \"Buyer\"",
		"\n! ~ Role \"Manager\"",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	if md != markdown(t, p, render.Options{ShowRequests: true, APIVersion: "v8"}) {
		t.Error("two renderings differ")
	}
}

// TestBatchedRequestShownOnce: a contact-role batch carries many changes;
// its body is printed once.
func TestBatchedRequestShownOnce(t *testing.T) {
	des := model.NewState()
	for i := range 3 {
		name := fmt.Sprintf("Role %d", i)
		des.Put(&model.Object{Key: model.Key{Kind: model.KindContactRole, Name: name}, ContactRole: &model.ContactRole{Name: name}})
	}
	out := text(t, mustPlan(t, des, model.NewState()), render.Options{ShowRequests: true, APIVersion: "v8"})
	if n := strings.Count(out, `"contact_roles": [`); n != 1 {
		t.Errorf("the batch body is printed %d times:\n%s", n, out)
	}
	if n := strings.Count(out, "      POST /crm/v8/Contacts/roles (batched; body shown above)\n"); n != 2 {
		t.Errorf("%d back-references to the batch, want 2:\n%s", n, out)
	}
}

func TestRequestLine(t *testing.T) {
	r := plan.Request{Method: "DELETE", Path: "/settings/roles/7", Query: []plan.Param{{Name: "transfer_to_id", Value: "${id:Role/New}"}}}
	if got, want := render.RequestLine(r, "v8"), "DELETE /crm/v8/settings/roles/7?transfer_to_id=${id:Role/New}"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := render.RequestLine(r, ""), "DELETE /settings/roles/7?transfer_to_id=${id:Role/New}"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestValue(t *testing.T) {
	for _, tt := range []struct {
		in   any
		want string
	}{
		{nil, "(none)"},
		{"x", `"x"`},
		{"[a, b]", "[a, b]"},
		{true, "true"},
		{3, "3"},
		{map[string]any{"b": 1, "a": 2}, `{"a":2,"b":1}`},
	} {
		if got := render.Value(tt.in); got != tt.want {
			t.Errorf("Value(%#v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
