package export_test

import (
	"fmt"
	"testing"

	"github.com/crmsync/crmsync/internal/export"
	"github.com/crmsync/crmsync/pkg/desired"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

// trickyNames are names YAML reads specially when they are not quoted, and
// names with leading or trailing spaces: export must write each so that
// the manifests read back the exact live name.
var trickyNames = []string{
	"<<", "yes", "no", "Yes", "NO", "on", "off", "y", "n", "null", "Null", "~", "true", "False",
	"007", "1e3", "0x1F", "0o17", "+1", "-1.5", ".inf", "-.inf", ".nan", "1_000", "12:30", "2024-01-02",
	"- x", "-", "#x", "a #b", ": x", "a: b", "trailing:", "?", "? x", "*x", "&x", "!x", "!!str", "%x", "@x", "`x",
	"|", ">", "{a}", "[a]", ",x", `"quoted"`, "'single'", `it's`, `say "hi"`, `back\slash`, "tab\tin",
	" lead", "trail ", "  both  ", "\tTab lead", "…unicode ✓", "---", "...",
}

// TestExportRoundTripTrickyNames: for each tricky name, a live role and a
// contact role of that name (the role also reporting to a role of a tricky
// name) export to manifests that read back the exact names and plan to no
// changes against the same org.
func TestExportRoundTripTrickyNames(t *testing.T) {
	for i, name := range trickyNames {
		t.Run(fmt.Sprintf("%d %q", i, name), func(t *testing.T) {
			parent := trickyNames[(i+1)%len(trickyNames)]
			if model.SameName(parent, name) {
				parent = trickyNames[(i+2)%len(trickyNames)]
			}
			live := model.NewState()
			role := func(n, parent, id string) {
				live.Put(&model.Object{Key: model.Key{Kind: model.KindRole, Name: n}, ID: id, System: parent == "",
					Role: &model.Role{Name: n, ReportingTo: model.Ptr(parent), Description: model.Ptr(""), ShareWithPeers: model.Ptr(false)}})
			}
			role("CEO", "", "1")
			role(parent, "CEO", "2")
			role(name, parent, "3")
			live.Put(&model.Object{Key: model.Key{Kind: model.KindContactRole, Name: name}, ID: "4",
				ContactRole: &model.ContactRole{Name: name, SequenceNumber: model.Ptr(1)}})
			var files []desired.File
			for _, f := range export.Manifests(live) {
				files = append(files, desired.File{Path: f.Path, Data: f.Data})
			}
			m, err := desired.Parse(files...)
			if err != nil {
				t.Fatalf("the exported manifests do not load: %v\n%s", err, dump(files))
			}
			for _, k := range live.Keys() {
				if m.State.Get(k) == nil {
					t.Errorf("%s did not read back exactly:\n%s", k, dump(files))
				}
			}
			p, err := plan.Make(plan.Input{Desired: m.State, Observed: live}, plan.Options{})
			if err != nil {
				t.Fatalf("plan: %v", err)
			}
			if !p.Summary.Empty() {
				t.Errorf("the round trip plans changes: %+v\n%s", p.Changes, dump(files))
			}
		})
	}
}

func dump(files []desired.File) string {
	out := ""
	for _, f := range files {
		out += "# " + f.Path + "\n" + string(f.Data)
	}
	return out
}
