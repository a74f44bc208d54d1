package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// twoOrgs starts a sandbox (org 111) and a production (org 222) emulator
// and writes a project naming them, with a secret variable, in a temporary
// directory; it returns the project's directory and the emulators.
func twoOrgs(t *testing.T) (string, *emulator.Server, *emulator.Server) {
	t.Helper()
	seed := func(id string) emulator.Options {
		s := emulator.DemoSeed()
		s.Org.ID = id
		return emulator.Options{Seed: s}
	}
	sbx, sbxURL := emulator.Start(t, seed("111"))
	prd, prdURL := emulator.Start(t, seed("222"))
	dir := t.TempDir()
	project := fmt.Sprintf(`apiVersion: crmsync/v1
kind: Project
environments:
  sandbox: {dc: us, accounts_url: %s, org_id: "111", manifests: [m], vars: {key: {value: sbx-S3CRET, secret: true}}}
  production: {dc: us, accounts_url: %s, org_id: "222", manifests: [m], vars: {key: {value: prd-S3CRET, secret: true}}}
`, sbxURL, prdURL)
	role := "apiVersion: crmsync/v1\nkind: Role\nname: Hooks\nreporting_to: CEO\ndescription: key ${{ vars.key }}\n"
	for name, data := range map[string]string{"crmsync.yaml": project, "m/roles.yaml": role} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for k, v := range map[string]string{"ZOHO_CLIENT_ID": "id", "ZOHO_CLIENT_SECRET": "secret", "ZOHO_REFRESH_TOKEN": "refresh"} {
		t.Setenv(k, v)
	}
	return dir, sbx, prd
}

// TestPlanAllEnvironments plans both orgs in one run, in parallel, with
// the debug log on (a shared stderr), and checks the exit code, that the
// secrets stay hidden and that nothing was written.
func TestPlanAllEnvironments(t *testing.T) {
	dir, sbx, prd := twoOrgs(t)
	out, errw, code := runCLI(t, "plan", "-f", dir, "--env", "all", "--detailed-exitcode", "--debug", "--show-requests")
	if code != exitChanges {
		t.Fatalf("exit %d, want 2\nstdout:\n%s\nstderr:\n%s", code, out, errw)
	}
	for _, want := range []string{"== Environment sandbox ==", "== Environment production ==", "(sensitive)",
		"  sandbox: Plan: 1 to create", "  production: Plan: 1 to create"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if strings.Contains(out+errw, "S3CRET") {
		t.Errorf("a secret was printed:\n%s\n%s", out, errw)
	}
	for name, emu := range map[string]*emulator.Server{"sandbox": sbx, "production": prd} {
		reqs := crmRequests(emu)
		if len(reqs) == 0 {
			t.Errorf("%s: never read", name)
		}
		for _, r := range reqs {
			if r.Method != "GET" {
				t.Errorf("%s: plan sent %s %s", name, r.Method, r.Path)
			}
		}
	}
}

func TestManifestPathsAndEnvChoice(t *testing.T) {
	dir, _, _ := twoOrgs(t)
	_, errw, code := runCLI(t, "plan", "-f", dir)
	if code != exitError || !strings.Contains(errw, "defines the environments sandbox, production: choose one with --env NAME") {
		t.Errorf("plan without --env: exit %d\n%s", code, errw)
	}
	_, errw, code = runCLI(t, "apply", "-f", dir, "--env", "all", "--auto-approve")
	if code != exitError || !strings.Contains(errw, "--env all is for plan and drift") {
		t.Errorf("apply --env all: exit %d\n%s", code, errw)
	}
	out, errw, code := runCLI(t, "validate", "-f", dir)
	if code != exitOK || !strings.Contains(out, "Valid (sandbox): 1 file, 1 object.") || !strings.Contains(out, "Valid (production)") {
		t.Errorf("validate: exit %d\n%s\n%s", code, out, errw)
	}
}

func TestOrgMatches(t *testing.T) {
	org := &zoho.Org{ID: "4150868000000225013", ZGID: "650123456", DomainName: "org650123456"}
	for want, ok := range map[string]bool{"4150868000000225013": true, "650123456": true, "org650123456": true,
		" 650123456 ": true, "650123457": false, "": false, "org": false} {
		if got := orgMatches(want, org); got != ok {
			t.Errorf("orgMatches(%q) = %v, want %v", want, got, ok)
		}
	}
}
