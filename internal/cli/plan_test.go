package cli

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/emulator"
)

// startEmulator serves the demo org and points the environment at it.
func startEmulator(t *testing.T) *emulator.Server {
	t.Helper()
	emu, url := emulator.Start(t, emulator.Options{})
	for k, v := range map[string]string{"ZOHO_ACCOUNTS_URL": url, "ZOHO_CLIENT_ID": "id", "ZOHO_CLIENT_SECRET": "secret", "ZOHO_REFRESH_TOKEN": "refresh"} {
		t.Setenv(k, v)
	}
	return emu
}

func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errw bytes.Buffer
	code = run(context.Background(), append([]string{"crmsync"}, args...), streams{in: strings.NewReader(""), out: &out, err: &errw, version: "dev"})
	return out.String(), errw.String(), code
}

// TestPlanNeverWrites plans the example org against the emulator and checks
// that the plan made only GETs, exactly the minimum the manifests need.
func TestPlanNeverWrites(t *testing.T) {
	emu := startEmulator(t)
	out, errw, code := runCLI(t, "plan", "-f", "../../examples/org", "--detailed-exitcode")
	if code != exitChanges {
		t.Fatalf("exit %d, want 2\nstdout:\n%s\nstderr:\n%s", code, out, errw)
	}
	var gets []string
	for _, r := range crmRequests(emu) {
		if r.Method != "GET" {
			t.Errorf("plan sent %s %s", r.Method, r.Path)
			continue
		}
		gets = append(gets, r.Path+"?"+r.RawQuery)
	}
	slices.Sort(gets)
	// The minimum for examples/org: the Module, Role and ContactRole lists (3);
	// the locking configurations of Deals, Leads and Cases (3); profiles, since
	// manifests name profiles (1); the fields of Deals and Leads, whose
	// manifests name fields, and of Accounts and Contacts, which have Field
	// manifests (4); the custom buttons of Deals and Leads (2); users, for
	// the forecast manager (1); Digital_Marketings in full, because the
	// module list truncates its profiles (1).
	const want = 15
	if len(gets) != want {
		t.Errorf("plan made %d GETs, want the minimum %d:\n%s", len(gets), want, strings.Join(gets, "\n"))
	}
	if !strings.Contains(out, "Plan: 3 to create, 10 to update, 1 to delete.") {
		t.Errorf("unexpected summary:\n%s", out)
	}
}

// TestDriftExitCodes checks drift's exit codes: 0 in sync, 2 on drift.
func TestDriftExitCodes(t *testing.T) {
	startEmulator(t)
	for _, tc := range []struct {
		dir  string
		code int
	}{
		{"../../examples/kaizen-109/step1-closed-won", exitOK},
		{"../../examples/kaizen-109/step2-manual-and-closed-lost", exitChanges},
	} {
		out, errw, code := runCLI(t, "drift", "-f", tc.dir)
		if code != tc.code {
			t.Errorf("drift -f %s: exit %d, want %d\n%s%s", tc.dir, code, tc.code, out, errw)
		}
	}
}

// TestApplyRefusesWithoutApproval checks that a non-interactive apply
// without --auto-approve writes nothing and exits 1.
func TestApplyRefusesWithoutApproval(t *testing.T) {
	emu := startEmulator(t)
	_, errw, code := runCLI(t, "apply", "-f", "../../examples/kaizen-109/step2-manual-and-closed-lost")
	if code != exitError || !strings.Contains(errw, "--auto-approve") {
		t.Fatalf("exit %d, stderr:\n%s", code, errw)
	}
	for _, r := range crmRequests(emu) {
		if r.Method != "GET" {
			t.Errorf("apply without approval sent %s %s", r.Method, r.Path)
		}
	}
}

// crmRequests are the emulator's logged CRM API calls, without the OAuth
// token grant.
func crmRequests(emu *emulator.Server) []emulator.LoggedRequest {
	var out []emulator.LoggedRequest
	for _, r := range emu.Requests() {
		if strings.HasPrefix(r.Path, "/crm/") {
			out = append(out, r)
		}
	}
	return out
}
