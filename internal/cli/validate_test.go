package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// validateExec runs crmsync in-process and returns its exit code, stdout
// and stderr.
func validateExec(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errw bytes.Buffer
	code := run(context.Background(), append([]string{"crmsync"}, args...), streams{in: strings.NewReader(""), out: &out, err: &errw, version: "dev"})
	return code, out.String(), errw.String()
}

// validateFiles writes files (slash paths) under dir.
func validateFiles(t *testing.T, dir string, files map[string]string) {
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

func TestValidateExamples(t *testing.T) {
	tests := []struct {
		dir  string
		want string
	}{
		{"../../examples/org", "Valid: 11 files, 26 objects.\n"},
		{"../../examples/kaizen-109/step1-closed-won", "Valid: 1 file, 1 object.\n"},
		{"../../examples/kaizen-109/step2-manual-and-closed-lost/deals.yaml", "Valid: 1 file, 1 object.\n"},
	}
	for _, tt := range tests {
		code, out, errw := validateExec(t, "validate", "-f", tt.dir)
		if code != exitOK || out != tt.want || errw != "" {
			t.Errorf("validate -f %s: exit %d, stdout %q, stderr %q; want exit 0, %q", tt.dir, code, out, errw, tt.want)
		}
	}
}

func TestValidate(t *testing.T) {
	t.Chdir(t.TempDir())
	validateFiles(t, ".", map[string]string{
		"ok/roles.yaml":    "apiVersion: crmsync/v1\nkind: Role\nname: CEO\n---\napiVersion: crmsync/v1\nkind: Role\nname: Manager\nreporting_to: CEO\n",
		"ok/a,b.yaml":      "apiVersion: crmsync/v1\nkind: ContactRole\nname: Lead\nsequence_number: 5\n",
		"bad/locking.yaml": "apiVersion: crmsync/v1\nkind: RecordLockingConfig\nmodule: Deals\nlock_type: automatic\nlock_for_portal_users: yes\n",
		"bad/roles.yaml":   "apiVersion: crmsync/v1\nkind: Role\nname: A\nreporting_to: A\n",
		"empty/.keep":      "",
	})
	tests := []struct {
		name     string
		args     []string
		code     int
		out, err string
	}{
		// A document with schema errors (lock_for_portal_users) is not
		// checked further (its missing locking_rules), and a nested empty
		// directory is not an error.
		{"default is the current directory", []string{"validate"}, exitError, "",
			strings.Join([]string{
				`bad/locking.yaml:5:1: RecordLockingConfig "Deals": lock_for_portal_users: expected true or false, got "yes", which YAML 1.2 reads as a string; write true or false`,
				`bad/roles.yaml:4:1: Role "A": reporting_to: a role cannot report to itself`,
				`Invalid: 2 problems.`, ``}, "\n")},
		{"valid directory", []string{"validate", "-f", "ok"}, exitOK, "Valid: 2 files, 3 objects.\n", ""},
		{"repeated -f, no comma splitting", []string{"validate", "-f", "ok/roles.yaml", "-f", "ok/a,b.yaml"}, exitOK, "Valid: 2 files, 3 objects.\n", ""},
		{"long form", []string{"validate", "--file", "ok/a,b.yaml", "--file", "ok"}, exitOK, "Valid: 2 files, 3 objects.\n", ""},
		{"one problem", []string{"validate", "-f", "bad/roles.yaml"}, exitError, "",
			"bad/roles.yaml:4:1: Role \"A\": reporting_to: a role cannot report to itself\nInvalid: 1 problem.\n"},
		{"missing path", []string{"validate", "-f", "nope"}, exitError, "",
			"nope: cannot read: no such file or directory\nInvalid: 1 problem.\n"},
		{"empty directory", []string{"validate", "-f", "empty"}, exitError, "",
			"empty: no manifests (*.yaml or *.yml files) in this directory\nInvalid: 1 problem.\n"},
		{"positional argument", []string{"validate", "ok"}, exitError, "",
			"Error: validate takes no arguments (got \"ok\"); name manifests with -f PATH\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errw := validateExec(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d", code, tt.code)
			}
			if diff := cmp.Diff(tt.out, out); diff != "" {
				t.Errorf("stdout (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.err, errw); diff != "" {
				t.Errorf("stderr (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidateHelp(t *testing.T) {
	code, out, _ := validateExec(t, "validate", "--help")
	for _, want := range []string{"crmsync validate [-f PATH]...", "Examples:", "Exit codes:", "0  the manifests are valid", "1  problems were found"} {
		if !strings.Contains(out, want) {
			t.Errorf("validate --help lacks %q:\n%s", want, out)
		}
	}
	if code != exitOK {
		t.Errorf("exit code %d, want 0", code)
	}
}
