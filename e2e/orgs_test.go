package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdOrgEmulator starts one more emulator, for scripts that need several
// orgs (a sandbox and a production): `orgemulator NAME ORGID [changed]`
// serves the demo org under id ORGID and company name "Zylker NAME", keeps
// its state in NAME-state.json (written after every write) and sets
// NAME_URL to its base URL. With "changed", a few values then differ from
// the demo org, as between two real orgs (the Manager shares with peers,
// the CEO has a description, a Field Sales role exists), and the state at
// that point is copied to NAME-initial-state.json, so that a script can
// prove with cmp that nothing was written since. It is stopped when the
// script ends. The credentials are the same as emulator's.
func cmdOrgEmulator(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: orgemulator NAME ORGID [changed]")
	}
	name, orgID := args[0], args[1]
	state := ts.MkAbs(name + "-state.json")
	p, url, err := startEmulator(ts, []string{"--org-id", orgID, "--org-name", "Zylker " + name, "--state", state})
	ts.Check(err)
	ts.Defer(func() {
		if err := p.stop(); err != nil {
			ts.Logf("%v", err)
		}
	})
	ts.Logf("%s emulator at %s", name, url)
	ts.Setenv(strings.ToUpper(name)+"_URL", url)
	for k, v := range map[string]string{"ZOHO_CLIENT_ID": emuClientID, "ZOHO_CLIENT_SECRET": emuClientSecret, "ZOHO_REFRESH_TOKEN": emuRefreshToken} {
		ts.Setenv(k, v)
	}
	if len(args) == 3 && args[2] == "changed" {
		changeOrg(ts, name, url, state)
	}
}

// orgChanges are what "changed" applies to an org.
const orgChanges = `apiVersion: crmsync/v1
kind: Role
name: CEO
description: Runs the org
---
apiVersion: crmsync/v1
kind: Role
name: Manager
reporting_to: CEO
share_with_peers: true
---
apiVersion: crmsync/v1
kind: Role
name: Field Sales
reporting_to: Manager
`

// changeOrg applies orgChanges with the crmsync binary, as an admin's
// edits, then keeps the state as NAME-initial-state.json.
func changeOrg(ts *testscript.TestScript, name, url, state string) {
	dir := filepath.Join(ts.Getenv("WORK"), "."+name+"-changes")
	ts.Check(os.MkdirAll(dir, 0o755))
	ts.Check(os.WriteFile(filepath.Join(dir, "roles.yaml"), []byte(orgChanges), 0o644))
	cmd := exec.Command(crmsyncBin, "apply", "-f", dir, "--auto-approve", "--accounts-url", url)
	cmd.Env = []string{"PATH=" + ts.Getenv("PATH"), "HOME=" + ts.Getenv("WORK"), "GORACE=" + ts.Getenv("GORACE"),
		"ZOHO_CLIENT_ID=" + emuClientID, "ZOHO_CLIENT_SECRET=" + emuClientSecret, "ZOHO_REFRESH_TOKEN=" + emuRefreshToken}
	if out, err := cmd.CombinedOutput(); err != nil {
		ts.Fatalf("change the %s org: %v\n%s", name, err, out)
	}
	data, err := os.ReadFile(state)
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(name+"-initial-state.json"), data, 0o644))
}

// cmdExpand replaces $NAME and ${NAME} in each file with the script's
// environment variables, e.g. to point a crmsync.yaml at the emulators.
func cmdExpand(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: expand FILE...")
	}
	for _, f := range args {
		p := ts.MkAbs(f)
		data, err := os.ReadFile(p)
		ts.Check(err)
		ts.Check(os.WriteFile(p, []byte(os.Expand(string(data), ts.Getenv)), 0o644))
	}
}

// cmdSetenvStdout sets NAME to the last command's stdout, trimmed, as a
// shell's NAME="$(cmd)" would.
func cmdSetenvStdout(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: setenv-stdout NAME")
	}
	ts.Setenv(args[0], strings.TrimSpace(ts.ReadFile("stdout")))
}

// cmdCmpMermaid compares the first ```mermaid block of the last command's
// stdout with FILE, as a golden of the diagram alone.
func cmdCmpMermaid(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: cmp-mermaid FILE")
	}
	out := ts.ReadFile("stdout")
	_, rest, ok := strings.Cut(out, "```mermaid\n")
	if !ok {
		ts.Fatalf("no ```mermaid block in stdout:\n%s", out)
	}
	block, _, _ := strings.Cut(rest, "```")
	if want := ts.ReadFile(args[0]); block != want {
		ts.Fatalf("the mermaid block differs from %s:\n--- got\n%s--- want\n%s", args[0], block, want)
	}
}
