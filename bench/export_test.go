package bench

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/internal/export"
	"github.com/crmsync/crmsync/pkg/desired"
	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/observe"
)

// TestExportThenPlanShowsNoChanges exports a generated org (0.1×, its
// custom fields included) as the CLI's export does, every kind, every
// module, then plans the exported manifests against the same org: the plan
// must have no change, and no exported file may hold an id.
func TestExportThenPlanShowsNoChanges(t *testing.T) {
	ctx := context.Background()
	org := Gen(Config{Scale: 0.1, Drift: 0.05, Seed: 5})
	rig, err := NewRig(ctx, org.Seed, 0, 20)
	if err != nil {
		t.Fatal(err)
	}
	defer rig.Close()
	mods, err := rig.Client.ListModules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	list := make([]export.Module, len(mods))
	for i, m := range mods {
		list[i] = export.Module{APIName: m.APIName, PluralLabel: m.PluralLabel, GeneratedType: m.GeneratedType}
	}
	chosen := kinds.List()
	scope := export.Scope(chosen, nil)
	export.ForOrg(&scope, chosen, list)
	res, err := observe.Observe(ctx, rig.Client.ReadOnly(), scope)
	if err != nil {
		t.Fatal(err)
	}
	var files []desired.File
	dirs := map[string]int{}
	id := regexp.MustCompile(`\d{19}`)
	for _, f := range export.Manifests(res.State) {
		files = append(files, desired.File{Path: f.Path, Data: f.Data})
		dir, _, _ := strings.Cut(f.Path, "/")
		dirs[dir]++
		if id.Match(f.Data) {
			t.Errorf("%s holds an id:\n%s", f.Path, f.Data)
		}
	}
	if dirs["roles"] != org.Sizes.Roles || dirs["modules"] != org.Sizes.CustomModules || dirs["locking"] != org.Sizes.Locking {
		t.Errorf("exported %v; the org has %+v", dirs, org.Sizes)
	}
	if kinds.Known(model.KindField) && dirs["fields"] < org.Sizes.CustomFields {
		t.Errorf("exported %d fields; the org has %d custom fields", dirs["fields"], org.Sizes.CustomFields)
	}
	m, err := desired.Parse(files...)
	if err != nil {
		t.Fatalf("exported manifests: %v", err)
	}
	p, err := Plan(ctx, rig.Client.ReadOnly(), m)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(p.Changes); n > 0 {
		c := p.Changes[0]
		t.Errorf("the plan of the export has %d changes, first %s %s %v", n, c.Action, c.Key, c.Fields)
	}
}
