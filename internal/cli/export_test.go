package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/bench"
	"github.com/crmsync/crmsync/pkg/emulator"
)

var longID = regexp.MustCompile(`\b\d{15,}\b`)

// exportRoundTrip exports the org behind the environment, checks the files
// hold no ID and no token, and plans them: the round trip is the contract.
func exportRoundTrip(t *testing.T) int {
	t.Helper()
	dir := t.TempDir()
	out, errw, code := runCLI(t, "export", "--out", dir)
	if code != exitOK {
		t.Fatalf("export: exit %d\n%s%s", code, out, errw)
	}
	files := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		files++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if id := longID.Find(data); id != nil {
			t.Errorf("%s holds an ID: %s", p, id)
		}
		for _, secret := range []string{"1000.", "refresh", "secret"} {
			if strings.Contains(string(data), secret) {
				t.Errorf("%s holds %q", p, secret)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out, errw, code = runCLI(t, "plan", "-f", dir, "--detailed-exitcode", "--no-color")
	if code != exitOK || !strings.Contains(out, "No changes.") {
		t.Fatalf("plan of the export: exit %d\n%s%s", code, out, errw)
	}
	return files
}

func TestExportRoundTripDemoOrg(t *testing.T) {
	startEmulator(t)
	// The demo org: 5 roles, 9 contact roles, 2 custom modules, the
	// locking configurations of Deals and Leads, the global picklist Regions,
	// 8 custom fields, and the 4 standard picklists whose values are not
	// Zoho's default (Deals' Stage, Leads' Lead_Status, Tasks' and Cases'
	// Status).
	if n := exportRoundTrip(t); n != 31 {
		t.Errorf("exported %d files from the demo org, want 31", n)
	}
}

func TestExportRoundTripLargeOrg(t *testing.T) {
	org := bench.Gen(bench.Config{Scale: 0.2, Seed: 7})
	_, url := emulator.Start(t, emulator.Options{Seed: org.Seed})
	for k, v := range map[string]string{"ZOHO_ACCOUNTS_URL": url, "ZOHO_CLIENT_ID": "id", "ZOHO_CLIENT_SECRET": "secret", "ZOHO_REFRESH_TOKEN": "refresh"} {
		t.Setenv(k, v)
	}
	want := org.Sizes.Roles + org.Sizes.ContactRoles + org.Sizes.CustomModules + org.Sizes.Locking
	// Every custom field, and the standard picklists, whose default values
	// Zoho does not publish.
	for _, m := range org.Seed.Modules {
		for _, f := range m.Fields {
			if f.Custom || f.DataType == "picklist" {
				want++
			}
		}
	}
	if n := exportRoundTrip(t); n != want {
		t.Errorf("exported %d files, want %d objects", n, want)
	}
}
