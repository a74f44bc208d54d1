package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/emulator"
)

// TestApplyFieldNotTaken: Zoho answers SUCCESS but keeps a field that has
// one documented form only. apply resends nothing, names the field and
// exits 1; its report lists it as a mismatch and has no form retry.
func TestApplyFieldNotTaken(t *testing.T) {
	emu := startEmulator(t)
	emu.AddFailure(emulator.Failure{Method: "PUT", PathPrefix: "/settings/roles", IgnoreKeys: []string{"description"}, Times: 5})
	dir := t.TempDir()
	manifest := filepath.Join(dir, "role.yaml")
	if err := os.WriteFile(manifest, []byte("apiVersion: crmsync/v1\nkind: Role\nname: Manager\ndescription: Runs support\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(dir, "report.json")
	out, errw, code := runCLI(t, "apply", "-f", manifest, "--auto-approve", "--report", report)
	if code != exitError {
		t.Fatalf("exit %d, want 1\nstdout:\n%s\nstderr:\n%s", code, out, errw)
	}
	if !strings.Contains(out, "Verification failed: these fields did not take") ||
		!strings.Contains(out, `Role "Manager" description: want "Runs support"`) || strings.Contains(out, "retried as") {
		t.Errorf("output does not name the field that did not take:\n%s", out)
	}
	puts := 0
	for _, r := range crmRequests(emu) {
		if r.Method == "PUT" {
			puts++
		}
	}
	if puts != 1 {
		t.Errorf("%d PUTs, want 1 (a field with one form is not resent)", puts)
	}
	raw, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if s := string(raw); !strings.Contains(s, `"path": "description"`) || strings.Contains(s, "form_retries") {
		t.Errorf("report:\n%s", s)
	}
}
