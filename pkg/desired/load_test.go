package desired

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/crmsync/crmsync/pkg/model"
)

// writeTree writes files (slash paths relative to dir) into dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func loadErr(t *testing.T, paths ...string) []string {
	t.Helper()
	_, err := Load(context.Background(), paths)
	var ds Diagnostics
	if !errors.As(err, &ds) {
		t.Fatalf("Load(%q) error = %v, want Diagnostics", paths, err)
	}
	return strings.Split(ds.Error(), "\n")
}

const roleDoc = "apiVersion: crmsync/v1\nkind: Role\nname: %s\n"

func role(name string) string { return strings.ReplaceAll(roleDoc, "%s", name) }

func TestLoadDirectories(t *testing.T) {
	t.Chdir(t.TempDir())
	writeTree(t, ".", map[string]string{
		"m/b.yaml":          role("B"),
		"m/a.yml":           role("A") + "---\n" + role("A2"),
		"m/sub/c.YAML":      role("C"),
		"m/notes.txt":       "not a manifest",
		"m/.hidden/h.yaml":  "this: is: not: read",
		"m/.skipped.yaml":   "neither: is: this",
		"extra/e.json":      `{"apiVersion": "crmsync/v1", "kind": "Role", "name": "E"}`,
		"empty/.keep":       "",
		"only-text/x.txt":   "x",
		"blank/blank.yaml":  "",
		"blank/other.yaml":  role("F"),
		"nested/deep/x.yml": role("G"),
	})
	m, err := Load(context.Background(), []string{"./m", "extra/e.json", "m/b.yaml", "blank", "nested"})
	if err != nil {
		t.Fatal(err)
	}
	wantFiles := []string{"blank/blank.yaml", "blank/other.yaml", "extra/e.json", "m/a.yml", "m/b.yaml", "m/sub/c.YAML", "nested/deep/x.yml"}
	if got := filepath.ToSlash(strings.Join(m.Files, ",")); got != strings.Join(wantFiles, ",") {
		t.Errorf("files = %s, want %s", got, strings.Join(wantFiles, ","))
	}
	var names []string
	for _, o := range m.State.Objects() {
		names = append(names, o.Key.Name+"@"+filepath.ToSlash(o.Source.String()))
	}
	want := []string{"A@m/a.yml:3:1", "A2@m/a.yml:7:1", "B@m/b.yaml:3:1", "C@m/sub/c.YAML:3:1", "E@extra/e.json:1:46", "F@blank/other.yaml:3:1", "G@nested/deep/x.yml:3:1"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("objects (-want +got):\n%s", diff)
	}

	if got := loadErr(t, "empty"); !cmp.Equal(got, []string{"empty: no manifests (*.yaml or *.yml files) in this directory"}) {
		t.Errorf("empty dir: %q", got)
	}
	if got := loadErr(t, "only-text", "missing.yaml"); !cmp.Equal(got, []string{
		"missing.yaml: cannot read: no such file or directory",
		"only-text: no manifests (*.yaml or *.yml files) in this directory",
	}) {
		t.Errorf("no manifests: %q", got)
	}
	if got := loadErr(t, "blank/blank.yaml"); !cmp.Equal(got, []string{"blank/blank.yaml: no objects: the manifests hold no YAML documents"}) {
		t.Errorf("blank file: %q", got)
	}
	if got := loadErr(t); !cmp.Equal(got, []string{"no manifest paths given"}) {
		t.Errorf("no paths: %q", got)
	}
}

func TestLoadCanceled(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.yaml": role("A")})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Load(ctx, []string{dir}); !errors.Is(err, context.Canceled) {
		t.Errorf("Load with a canceled context = %v, want context.Canceled", err)
	}
}

func TestDigest(t *testing.T) {
	a := File{Path: "a.yaml", Data: []byte(role("A"))}
	b := File{Path: "b.yaml", Data: []byte(role("B"))}
	m1, err := Parse(a, b)
	if err != nil {
		t.Fatal(err)
	}
	renamed := []File{{Path: "x/a.yaml", Data: a.Data}, {Path: "x/b.yaml", Data: b.Data}}
	m2, err := Parse(renamed...)
	if err != nil {
		t.Fatal(err)
	}
	if m1.Digest != m2.Digest || !strings.HasPrefix(m1.Digest, "sha256:") || len(m1.Digest) != len("sha256:")+64 {
		t.Errorf("digests %s and %s: want equal sha256 digests for the same content", m1.Digest, m2.Digest)
	}
	// Moving bytes from one file to the next changes the digest.
	shifted := []File{{Path: "a.yaml", Data: append(append([]byte{}, a.Data...), '\n')}, b}
	if m3, _ := Parse(shifted...); m3.Digest == m1.Digest {
		t.Error("different content gave the same digest")
	}
}

func TestPos(t *testing.T) {
	m, err := Parse(y("m.yaml",
		"apiVersion: crmsync/v1",
		"kind: Module",
		"api_name: Digital_Marketings",
		"profiles:",
		"  - Administrator",
		"  - Marketing",
		"---",
		"apiVersion: crmsync/v1",
		"kind: RecordLockingConfig",
		"module: Deals",
		"lock_type: automatic",
		"locking_rules:",
		"  - name: Closed Lost",
		"    criteria:",
		"      group_operator: OR",
		"      group:",
		"        - {field: Stage, comparator: equal, value: Closed Lost}",
	))
	if err != nil {
		t.Fatal(err)
	}
	mod := model.Key{Kind: model.KindModule, Name: "Digital_Marketings"}
	deals := model.Key{Kind: model.KindLockingConfig, Name: "Deals"}
	tests := []struct {
		key  model.Key
		path []string
		want string
	}{
		{mod, nil, "m.yaml:1:1"},
		{mod, []string{"api_name"}, "m.yaml:3:1"},
		{mod, []string{"profiles"}, "m.yaml:4:1"},
		{mod, []string{"profiles", "1"}, "m.yaml:6:5"},
		{mod, []string{"profiles", "7"}, "m.yaml:4:1"}, // nearest ancestor
		{mod, []string{"plural_label"}, "m.yaml:1:1"},  // not written: the document
		{deals, []string{"locking_rules", "0", "criteria", "group", "0", "value"}, "m.yaml:17:45"},
		{deals, []string{"locking_rules", "0", "name"}, "m.yaml:13:5"},
		{model.Key{Kind: model.KindRole, Name: "nope"}, []string{"name"}, ":0:0"},
	}
	for _, tt := range tests {
		if got := m.Pos(tt.key, tt.path...).String(); got != tt.want {
			t.Errorf("Pos(%s, %q) = %s, want %s", tt.key, tt.path, got, tt.want)
		}
	}
}

func TestDecodeObjects(t *testing.T) {
	m, err := Parse(y("all.yaml",
		"apiVersion: crmsync/v1",
		"kind: RecordLockingConfig",
		"module: Leads",
		"lock_type: manual",
		"restricted_actions: [delete]",
		"lock_for_portal_users: false",
		"---",
		"apiVersion: crmsync/v1",
		"kind: Role",
		"name: Trainee",
		"absent: true",
		"transfer_to: Sales Rep",
		"---",
		"apiVersion: crmsync/v1",
		"kind: ContactRole",
		"name: Sales Lead",
		"previous_names: [Lead]",
		"sequence_number: 5",
		"---",
		"apiVersion: crmsync/v1",
		"kind: RecordLockingConfig",
		"module: Deals",
		"lock_type: automatic",
		"locking_rules:",
		"  - name: Base",
		"    criteria: &base {comparator: equal, field: Stage, value: x}",
		"  - name: Big",
		"    criteria: {<<: *base, value: [1, 2.5, true, x]}",
	))
	if err != nil {
		t.Fatal(err)
	}
	src := func(line int) *model.Source { return &model.Source{File: "all.yaml", Line: line, Column: 1} }
	want := []*model.Object{
		{Key: model.Key{Kind: model.KindRole, Name: "Trainee"}, Source: src(10), Absent: true, TransferTo: "Sales Rep",
			Role: &model.Role{Name: "Trainee"}},
		{Key: model.Key{Kind: model.KindContactRole, Name: "Sales Lead"}, Source: src(16), PreviousNames: []string{"Lead"},
			ContactRole: &model.ContactRole{Name: "Sales Lead", SequenceNumber: model.Ptr(5)}},
		{Key: model.Key{Kind: model.KindLockingConfig, Name: "Deals"}, Source: src(22),
			LockingConfig: &model.LockingConfig{Module: "Deals", LockType: model.Ptr("automatic"), LockingRules: &[]model.LockingRule{
				{Name: "Base", Criteria: &model.Criteria{Field: "Stage", Comparator: "equal", Value: "x"}},
				{Name: "Big", Criteria: &model.Criteria{Field: "Stage", Comparator: "equal", Value: []any{1.0, 2.5, true, "x"}}},
			}}},
		{Key: model.Key{Kind: model.KindLockingConfig, Name: "Leads"}, Source: src(3),
			LockingConfig: &model.LockingConfig{Module: "Leads", LockType: model.Ptr("manual"),
				RestrictedActions: &[]string{"update", "delete"}, LockForPortalUsers: model.Ptr(false)}},
	}
	if diff := cmp.Diff(want, m.State.Objects()); diff != "" {
		t.Errorf("objects (-want +got):\n%s", diff)
	}
	// A merged key reports the position it was written at.
	if got := m.Pos(model.Key{Kind: model.KindLockingConfig, Name: "Deals"}, "locking_rules", "1", "criteria", "field"); got.Line != 26 {
		t.Errorf("merged key position = %s, want line 26", got)
	}
}

// TestLimits: hostile documents fail fast with a positioned message.
func TestLimits(t *testing.T) {
	var bomb strings.Builder
	bomb.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		fmt.Fprintf(&bomb, "a%d: &a%d [*a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d, *a%[3]d]\n", i, i, i-1)
	}
	var merge strings.Builder
	merge.WriteString("base: &b {")
	for i := range 3000 {
		fmt.Fprintf(&merge, "k%d: [1, 2, 3, 4, 5, 6, 7, 8], ", i)
	}
	merge.WriteString("z: 1}\n")
	for i := range 30 {
		fmt.Fprintf(&merge, "m%d: {<<: *b}\n", i)
	}
	tests := []struct {
		name, data, want string
	}{
		{"alias bomb", bomb.String(), "the document is too large: more than 100000 values after expanding aliases"},
		{"merge bomb", merge.String(), "the document is too large: more than 100000 values after expanding aliases"},
		{"deep nesting", strings.Repeat("[", 5000) + strings.Repeat("]", 5000), "the document is nested too deeply (more than 64 levels)"},
	}
	for _, tt := range tests {
		start := time.Now()
		got := diagLines(t, File{Path: "f.yaml", Data: []byte(tt.data)})
		if len(got) != 1 || !strings.HasPrefix(got[0], "f.yaml:1:") || !strings.HasSuffix(got[0], tt.want) {
			t.Errorf("%s: got %q, want one diagnostic ending in %q", tt.name, got, tt.want)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s took %s", tt.name, d)
		}
	}
}
