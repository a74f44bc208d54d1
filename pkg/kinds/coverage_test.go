package kinds_test

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/schemas"
)

// TestEveryKindIsComplete fails when a registered kind lacks a piece: its
// schema, its export layout, an emulator endpoint for its read, or a plan
// fixture that manages it.
func TestEveryKindIsComplete(t *testing.T) {
	fixtures := planFixtureKinds(t)
	emu, url := emulator.Start(t, emulator.Options{})
	token := emu.IssueToken()
	dirs := map[string]model.Kind{}
	for _, d := range kinds.All() {
		if d.Kind == "" || d.KeyField == "" {
			t.Errorf("%q: a kind needs a name and a key field", d.Kind)
		}
		if d.Decode == nil {
			t.Errorf("%s: no manifest decoder", d.Kind)
		}
		if d.SchemaFile == "" || schemas.Bytes(d.SchemaFile) == nil {
			t.Errorf("%s: no schema %q in schemas/", d.Kind, d.SchemaFile)
		}
		if d.Export.Dir == "" || d.Export.Document == nil {
			t.Errorf("%s: no export layout", d.Kind)
		} else if other, dup := dirs[d.Export.Dir]; dup {
			t.Errorf("%s and %s export to the same directory %q", other, d.Kind, d.Export.Dir)
		}
		dirs[d.Export.Dir] = d.Kind
		if d.Caps.BatchSize < 1 {
			t.Errorf("%s: batch size %d, want at least 1", d.Kind, d.Caps.BatchSize)
		}
		if !d.Caps.Deletable && d.Caps.NoDeleteNote == "" {
			t.Errorf("%s: a kind that cannot be deleted must say why", d.Kind)
		}
		if status := get(t, url, token, d); status != http.StatusOK {
			t.Errorf("%s: the emulator answers %d to GET %s, want 200", d.Kind, status, d.Reads.Endpoint)
		}
		if fixtures[d.Kind] == 0 {
			t.Errorf("%s: no plan fixture in pkg/plan/testdata manages this kind", d.Kind)
		}
	}
}

// TestOrder checks that the registry lists the kinds in the order plans are
// sorted in, and that every kind of package model is registered.
func TestOrder(t *testing.T) {
	all := kinds.All()
	for i, d := range all {
		if i > 0 && d.Kind.Rank() <= all[i-1].Kind.Rank() {
			t.Errorf("%s is line %d of the registry but sorts before %s (rank %d, want above %d)",
				d.Kind, i, all[i-1].Kind, d.Kind.Rank(), all[i-1].Kind.Rank())
		}
		if got, ok := kinds.Get(d.Kind); !ok || got.Kind != d.Kind {
			t.Errorf("Get(%s) = %v, %v", d.Kind, got.Kind, ok)
		}
	}
	for _, k := range []model.Kind{model.KindModule, model.KindRole, model.KindContactRole, model.KindField, model.KindLockingConfig} {
		if !kinds.Known(k) {
			t.Errorf("%s is not registered", k)
		}
	}
	if kinds.Known("Nope") || model.Kind("Nope").Rank() < len(all) {
		t.Error("an unknown kind must be unknown and sort last")
	}
	if got := kinds.OneOf(); got != "Module, Role, ContactRole, Field or RecordLockingConfig" {
		t.Errorf("OneOf() = %q", got)
	}
}

// get reads a kind's endpoint from the emulator; per-module kinds are read
// for Leads, which every org has.
func get(t *testing.T, url, token string, d kinds.Descriptor) int {
	t.Helper()
	u := url + "/crm/v8/" + d.Reads.Endpoint
	if d.Reads.PerModule {
		u += "?module=Leads"
	}
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Zoho-oauthtoken "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// planFixtureKinds counts, per kind, the plan fixtures whose manifests hold
// a document of that kind.
func planFixtureKinds(t *testing.T) map[model.Kind]int {
	t.Helper()
	files, err := filepath.Glob("../plan/testdata/*/desired/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no plan fixtures found: %v", err)
	}
	kindLine := regexp.MustCompile(`(?m)^kind:\s*(\S+)\s*$`)
	seen := map[model.Kind]map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fixture := filepath.Base(filepath.Dir(filepath.Dir(f)))
		for _, m := range kindLine.FindAllSubmatch(data, -1) {
			k := model.Kind(m[1])
			if seen[k] == nil {
				seen[k] = map[string]bool{}
			}
			seen[k][fixture] = true
		}
	}
	out := map[model.Kind]int{}
	for k, fs := range seen {
		out[k] = len(fs)
	}
	return out
}
