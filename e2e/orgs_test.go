package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/crmsync/crmsync/pkg/emulator"
)

// cmdOrgEmulator starts one more emulator, for scripts that need several
// orgs (a sandbox and a production): `orgemulator NAME ORGID [changed]`
// seeds it with the demo org under id ORGID (with "changed": a few values
// differ, as between two real orgs), keeps its state in NAME-state.json
// (written only after a write) and sets NAME_URL to its base URL. It is
// stopped when the script ends. The credentials are the same as emulator's.
func cmdOrgEmulator(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: orgemulator NAME ORGID [changed]")
	}
	name, orgID := args[0], args[1]
	seed := emulator.DemoSeed()
	seed.Org.ID, seed.Org.CompanyName = orgID, "Zylker "+name
	if len(args) == 3 && args[2] == "changed" {
		desc := "Runs the " + name + " org"
		seed.Roles[0].Description = &desc
		seed.Roles[1].ShareWithPeers = true // Manager
		seed.Roles = append(seed.Roles, emulator.Role{Name: "Field Sales", ReportingTo: &emulator.Ref{Name: "Manager"}})
	}
	data, err := json.Marshal(seed)
	ts.Check(err)
	seedFile := filepath.Join(ts.Getenv("WORK"), "."+name+"-seed.json")
	ts.Check(os.WriteFile(seedFile, data, 0o644))
	p, url, err := startEmulator(ts, []string{"--seed", seedFile, "--state", ts.MkAbs(name + "-state.json")})
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
