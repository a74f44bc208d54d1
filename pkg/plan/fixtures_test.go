package plan_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crmsync/crmsync/internal/render"
	"github.com/crmsync/crmsync/pkg/apply"
	"github.com/crmsync/crmsync/pkg/desired"
	"github.com/crmsync/crmsync/pkg/jsonplan"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

// A plan fixture is a directory testdata/<case>/ holding:
//
//	desired/*.yaml  the manifests, parsed with desired.Parse (paths relative
//	                to the case directory, so positions are real and stable)
//	observed.json   the live objects and look-up tables (observedFixture)
//	options.json    optional plan options (optionsFixture)
//	plan.json       golden: the JSON plan (render.JSON, package jsonplan)
//	plan.txt        golden: render.Text, no colour, requests shown, v8
//	plan.md         golden: render.Markdown with the same options
//	error.txt       golden, instead of the three above: the planning error
//
// CRMSYNC_UPDATE=1 go test ./pkg/plan rewrites the goldens.

// observedFixture is the content of observed.json.
type observedFixture struct {
	Objects []model.Object `json:"objects"`
	Lookups model.Lookups  `json:"lookups"`
}

// optionsFixture is the content of options.json.
type optionsFixture struct {
	Prune   bool        `json:"prune"`
	Targets []model.Key `json:"targets"`
}

// renderOptions are the options of the text and Markdown goldens.
var renderOptions = render.Options{ShowRequests: true, APIVersion: "v8"}

// fixture is one loaded case.
type fixture struct {
	dir       string
	manifests *desired.Manifests
	input     plan.Input
	options   plan.Options
}

func loadFixture(t *testing.T, dir string) *fixture {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "desired", "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("%s: no desired/*.yaml (%v)", dir, err)
	}
	var files []desired.File
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		files = append(files, desired.File{Path: filepath.ToSlash(rel), Data: data})
	}
	m, err := desired.Parse(files...)
	if err != nil {
		t.Fatalf("%s: manifests: %v", dir, err)
	}
	var obs observedFixture
	readJSON(t, filepath.Join(dir, "observed.json"), &obs, false)
	observed := model.NewState()
	for i := range obs.Objects {
		observed.Put(&obs.Objects[i])
	}
	var opts optionsFixture
	readJSON(t, filepath.Join(dir, "options.json"), &opts, true)
	return &fixture{
		dir:       dir,
		manifests: m,
		input:     plan.Input{Desired: m.State, Observed: observed, Lookups: &obs.Lookups},
		options:   plan.Options{Prune: opts.Prune, Targets: opts.Targets, Pos: posFunc(m)},
	}
}

// readJSON decodes a fixture file strictly; optional files may be missing.
func readJSON(t *testing.T, path string, v any, optional bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if optional && errors.Is(err, os.ErrNotExist) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// posFunc adapts Manifests.Pos to plan.Options.Pos, as the CLI does.
func posFunc(m *desired.Manifests) func(model.Key, ...any) *model.Source {
	return func(k model.Key, path ...any) *model.Source {
		strs := make([]string, len(path))
		for i, x := range path {
			strs[i] = fmt.Sprint(x)
		}
		s := m.Pos(k, strs...)
		if s.File == "" {
			return nil
		}
		return &s
	}
}

// make builds the fixture's plan.
func (f *fixture) make() (*plan.Plan, error) {
	return plan.Make(f.input, f.options)
}

// snapshot renders the fixture's input as JSON, to check that planning
// leaves it alone.
func (f *fixture) snapshot(t *testing.T) string {
	t.Helper()
	b, err := json.Marshal([]any{f.input.Desired.Objects(), f.input.Observed.Objects(), f.input.Lookups})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// outputs renders a plan the three ways the goldens hold.
func outputs(t *testing.T, p *plan.Plan) map[string][]byte {
	t.Helper()
	var js, txt, md bytes.Buffer
	if err := render.JSON(&js, p, jsonplan.Options{Fallbacks: apply.FallbackForms}); err != nil {
		t.Fatal(err)
	}
	if err := render.Text(&txt, p, renderOptions); err != nil {
		t.Fatal(err)
	}
	if err := render.Markdown(&md, p, renderOptions); err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{"plan.json": js.Bytes(), "plan.txt": txt.Bytes(), "plan.md": md.Bytes()}
}

func caseDirs(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	if len(dirs) == 0 {
		t.Fatal("no plan fixtures in testdata")
	}
	return dirs
}

// inSync are the cases whose org already matches the manifests once
// defaults, list order and unmanaged keys are taken into account.
var inSync = []string{"absent_missing", "field_prune", "in_sync", "keys_left_out", "locking_server_defaults", "unmanaged"}

func TestFixtures(t *testing.T) {
	for _, name := range caseDirs(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := loadFixture(t, filepath.Join("testdata", name))
			input := f.snapshot(t)
			defer func() {
				if diff := cmp.Diff(input, f.snapshot(t)); diff != "" {
					t.Errorf("planning changed its input (-before +after):\n%s", diff)
				}
			}()
			p, err := f.make()
			if err != nil {
				var ps plan.Problems
				if !errors.As(err, &ps) {
					t.Fatalf("error is %T, want plan.Problems: %v", err, err)
				}
				golden(t, filepath.Join(f.dir, "error.txt"), []byte(err.Error()+"\n"))
				for _, g := range []string{"plan.json", "plan.txt", "plan.md"} {
					noFile(t, filepath.Join(f.dir, g))
				}
				return
			}
			noFile(t, filepath.Join(f.dir, "error.txt"))
			out := outputs(t, p)
			for _, g := range []string{"plan.json", "plan.txt", "plan.md"} {
				golden(t, filepath.Join(f.dir, g), out[g])
			}
			checkPlan(t, f, p)
			if slices.Contains(inSync, name) && (len(p.Changes) > 0 || len(p.Requests) > 0 || !p.Summary.Empty()) {
				t.Errorf("%d changes and %d requests, want none", len(p.Changes), len(p.Requests))
			}
		})
	}
}

// noFile fails when a golden that does not apply to the case exists.
func noFile(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); err == nil {
		if updating() {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("%s exists but does not apply to this case; CRMSYNC_UPDATE=1 removes it", path)
	}
}

func updating() bool { return os.Getenv("CRMSYNC_UPDATE") != "" }

// golden compares got with the file at path, or rewrites the file under
// CRMSYNC_UPDATE=1.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if updating() {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run CRMSYNC_UPDATE=1 go test ./pkg/plan to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got); CRMSYNC_UPDATE=1 go test ./pkg/plan updates it:\n%s", path, diff)
	}
}

// checkPlan runs the assertions every fixture must pass, whatever its
// goldens say.
func checkPlan(t *testing.T, f *fixture, p *plan.Plan) {
	t.Helper()
	checkRoundTrip(t, p)
	checkDeterministic(t, f, p)
	checkMinimalRequests(t, p)
	checkSummary(t, p)
	checkReplan(t, f, p)
	checkConverges(t, f, p)
	checkNameOrder(t, f, p)
}

// checkRoundTrip: marshal, unmarshal and marshal again gives the same bytes.
func checkRoundTrip(t *testing.T, p *plan.Plan) {
	t.Helper()
	first, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var back plan.Plan
	if err := json.Unmarshal(first, &back); err != nil {
		t.Fatal(err)
	}
	second, err := json.Marshal(&back)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Errorf("the plan does not survive a JSON round trip:\n%s", cmp.Diff(string(first), string(second)))
	}
}

// checkDeterministic: a second plan from the same input renders to the
// same bytes, every way.
func checkDeterministic(t *testing.T, f *fixture, p *plan.Plan) {
	t.Helper()
	again, err := f.make()
	if err != nil {
		t.Fatal(err)
	}
	first, second := outputs(t, p), outputs(t, again)
	for _, k := range []string{"plan.json", "plan.txt", "plan.md"} {
		if !bytes.Equal(first[k], second[k]) {
			t.Errorf("two runs give different %s:\n%s", k, cmp.Diff(string(first[k]), string(second[k])))
		}
	}
}

// checkSummary: the summary counts the changes, every change has requests
// and requests are numbered in order.
func checkSummary(t *testing.T, p *plan.Plan) {
	t.Helper()
	var s plan.Summary
	for _, c := range p.Changes {
		switch c.Action {
		case plan.Create:
			s.Create++
		case plan.Update:
			s.Update++
		case plan.Delete:
			s.Delete++
		default:
			t.Errorf("%s: action %q in a plan", c.Key, c.Action)
		}
		if len(c.Requests) == 0 {
			t.Errorf("%s: a change without requests", c.Key)
		}
	}
	if s != p.Summary {
		t.Errorf("summary %+v, changes count %+v", p.Summary, s)
	}
	for i, r := range p.Requests {
		if r.ID != i+1 {
			t.Errorf("request %d has ID %d", i+1, r.ID)
		}
	}
	if len(p.Changes) == 0 && len(p.Requests) > 0 {
		t.Errorf("no changes but %d requests", len(p.Requests))
	}
}
