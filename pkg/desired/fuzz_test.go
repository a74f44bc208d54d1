package desired

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// FuzzLoad feeds arbitrary bytes to the loader: it must never panic, and a
// failure must be sorted Diagnostics that all point into the file.
func FuzzLoad(f *testing.F) {
	seeds := []string{
		"",
		"---\n---\n",
		"apiVersion: crmsync/v1\nkind: Role\nname: A\nreporting_to: A\n",
		"apiVersion: crmsync/v1\nkind: ContactRole\nname: A\nsequence_number: .inf\n",
		"apiVersion: crmsync/v1\nkind: Module\napi_name: X\nprofiles: [a, a]\n404: x\n",
		"a: &a [*a]\n",
		"a: &a {b: *a}\nkind: Role\n",
		"x: &x [a, a]\ny: &y [*x, *x]\nz: [*y, *y]\n",
		"<<: {apiVersion: crmsync/v1, kind: Role}\nname: A\n",
		"kind: RecordLockingConfig\nmodule: 2024-01-31\nlock_type: !!binary aGVsbG8=\n",
		"apiVersion: crmsync/v1\nkind: RecordLockingConfig\nmodule: Deals\nlock_type: both\nlocking_rules:\n  - name: R\n    criteria: {group_operator: OR, group: [{}, {group: [{field: x}]}]}\n",
		"{apiVersion: crmsync/v1, kind: Role, name: [unclosed\n",
		"? [complex, key]\n: value\n",
		"apiVersion: crmsync/v1\nkind: Role\nname: A\nshare_with_peers: yes\n",
		"\t- tab\n",
		"%YAML 1.1\n---\na: b\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	if files, err := exampleFilesFuzz(); err == nil {
		for _, p := range files {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		m, err := Parse(File{Path: "f.yaml", Data: data})
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("Parse took %s on %d bytes", d, len(data))
		}
		if err == nil {
			if m.State.Len() == 0 {
				t.Fatal("success without objects")
			}
			for _, o := range m.State.Objects() {
				if o.Source == nil || o.Source.File != "f.yaml" || m.Pos(o.Key).File != "f.yaml" {
					t.Fatalf("%s: bad source %v", o.Key, o.Source)
				}
			}
			return
		}
		var ds Diagnostics
		if !errors.As(err, &ds) {
			t.Fatalf("error is %T, want Diagnostics: %v", err, err)
		}
		if len(ds) == 0 || !slices.IsSortedFunc(ds, func(a, b Diagnostic) int {
			return strings.Compare(a.Source.File, b.Source.File)*4 + cmpInt(a.Source.Line, b.Source.Line)*2 + cmpInt(a.Source.Column, b.Source.Column)
		}) {
			t.Fatalf("diagnostics not sorted or empty: %v", ds)
		}
		for _, d := range ds {
			if d.Source.File != "f.yaml" || d.Message == "" {
				t.Fatalf("bad diagnostic %#v", d)
			}
		}
	})
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func exampleFilesFuzz() ([]string, error) {
	var out []string
	for _, dir := range []string{"org/locking", "org/modules", "org/roles", "org/contact_roles", "kaizen-109/step2-manual-and-closed-lost"} {
		entries, err := os.ReadDir(examplesDir + "/" + dir)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			out = append(out, examplesDir+"/"+dir+"/"+e.Name())
		}
	}
	return out, nil
}
