package desired

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v3"

	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/schemas"
)

const examplesDir = "../../examples"

// exampleRepos are the directories of examples/ that are each a complete
// manifest repository.
var exampleRepos = []string{"kaizen-109/step1-closed-won", "kaizen-109/step2-manual-and-closed-lost", "org"}

func exampleFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(examplesDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == "ci" {
			return filepath.SkipDir // CI workflow recipes, not manifests
		}
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			files = append(files, p)
		}
		return err
	})
	if err != nil || len(files) == 0 {
		t.Fatalf("no example manifests: %v", err)
	}
	return files
}

func TestExamplesAreValid(t *testing.T) {
	for _, repo := range exampleRepos {
		m, err := Load(context.Background(), []string{filepath.Join(examplesDir, repo)})
		if err != nil {
			t.Errorf("%s: %v", repo, err)
			continue
		}
		if m.State.Len() == 0 {
			t.Errorf("%s: no objects", repo)
		}
	}
}

// TestExamplesMatchCombinedSchema validates every example document against
// crmsync.schema.json, as an editor with the modeline does.
func TestExamplesMatchCombinedSchema(t *testing.T) {
	s, err := compileSchema(schemas.CombinedFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []map[string]any{
		{"apiVersion": "crmsync/v1", "kind": "Role", "nme": "x"},
		{"apiVersion": "crmsync/v1", "kind": "Nope", "name": "x"},
		{"apiVersion": "crmsync/v1", "kind": "RecordLockingConfig", "module": "Deals"},
		{"apiVersion": "crmsync/v1", "kind": "Module", "api_name": "X", "profiles": []any{}},
	} {
		if s.Validate(bad) == nil {
			t.Errorf("the combined schema accepts %v", bad)
		}
	}
	for _, f := range exampleFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(data))
		for i := 1; ; i++ {
			var n yaml.Node
			if err := dec.Decode(&n); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			tr, problems := convert(f, n.Content[0])
			if len(problems) > 0 {
				t.Fatalf("%s document %d: %v", f, i, problems)
			}
			if err := s.Validate(tr.root); err != nil {
				t.Errorf("%s document %d: %#v", f, i, err)
			}
		}
	}
}

// TestExamplesModeline: every example starts with a yaml-language-server
// modeline whose relative path reaches schemas/crmsync.schema.json.
func TestExamplesModeline(t *testing.T) {
	const prefix = "# yaml-language-server: $schema="
	want, err := filepath.Abs(filepath.Join("../../schemas", schemas.CombinedFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range exampleFiles(t) {
		data, _ := os.ReadFile(f)
		first, _, _ := strings.Cut(string(data), "\n")
		rel, ok := strings.CutPrefix(first, prefix)
		if !ok {
			t.Errorf("%s: first line is %q, want the modeline %s...", f, first, prefix)
			continue
		}
		got, _ := filepath.Abs(filepath.Join(filepath.Dir(f), filepath.FromSlash(rel)))
		if got != want {
			t.Errorf("%s: modeline points at %s, want %s", f, got, want)
		}
	}
}

// TestExamplesUseEveryKey: together, the examples show every key of every
// kind's schema.
func TestExamplesUseEveryKey(t *testing.T) {
	used := map[model.Kind]map[string]bool{}
	var collect func(kind model.Kind, v any)
	collect = func(kind model.Kind, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				used[kind][k] = true
				collect(kind, e)
			}
		case []any:
			for _, e := range x {
				collect(kind, e)
			}
		}
	}
	for _, repo := range exampleRepos {
		m, err := Load(context.Background(), []string{filepath.Join(examplesDir, repo)})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range m.State.Objects() {
			if used[o.Key.Kind] == nil {
				used[o.Key.Kind] = map[string]bool{}
			}
			collect(o.Key.Kind, m.trees[o.Key].root)
		}
	}
	for _, kind := range kinds.List() {
		var walk func(s map[string]any)
		walk = func(s map[string]any) {
			for _, k := range propertyNames(s) {
				if !used[kind][k] {
					t.Errorf("%s: no example uses the key %s", kind, k)
				}
			}
			defs, _ := s["$defs"].(map[string]any)
			for _, d := range defs {
				ds, _ := d.(map[string]any)
				walk(ds)
			}
		}
		walk(schemaDoc(t, schemaFile(kind)))
	}
}

// TestKaizenStep1 pins the first Kaizen #109 example, which must equal the
// demo org's Deals configuration.
func TestKaizenStep1(t *testing.T) {
	m, err := Load(context.Background(), []string{filepath.Join(examplesDir, "kaizen-109/step1-closed-won")})
	if err != nil {
		t.Fatal(err)
	}
	got := m.State.Get(model.Key{Kind: model.KindLockingConfig, Name: "Deals"})
	want := &model.LockingConfig{
		Module:             "Deals",
		LockType:           model.Ptr("automatic"),
		LockedFor:          model.Ptr("all_profiles"),
		ExcludedFields:     &[]string{"Description"},
		RestrictedActions:  &[]string{"update"},
		LockForPortalUsers: model.Ptr(true),
		LockingRules: &[]model.LockingRule{{Name: "Closed Won", LockExistingRecords: model.Ptr(true),
			Criteria: &model.Criteria{Field: "Stage", Comparator: "equal", Value: "Closed Won"}}},
	}
	if got == nil {
		t.Fatal("no Deals configuration")
	}
	if diff := cmp.Diff(want, got.LockingConfig); diff != "" {
		t.Errorf("Deals (-want +got):\n%s", diff)
	}
	if !slices.Equal(m.Files, []string{filepath.Join(examplesDir, "kaizen-109/step1-closed-won/deals.yaml")}) {
		t.Errorf("files = %q", m.Files)
	}
}
