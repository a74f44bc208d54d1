package apply

// Conflicts Zoho would refuse (a taken module label, duplicate rule
// criteria, a locking configuration on a module that does not exist or has
// no record locking) are plan problems: apply makes no write. A label that
// another module frees in the same plan is taken after it is freed.

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/emulator"
	kmodule "github.com/crmsync/crmsync/pkg/kinds/module"
	"github.com/crmsync/crmsync/pkg/kinds/spec"
	"github.com/crmsync/crmsync/pkg/plan"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// seedWithCalls is the demo org plus Calls, a standard module without
// record locking (Zoho answers NOT_SUPPORTED for it, [api.md §1.1]).
func seedWithCalls() *emulator.Seed {
	s := emulator.DemoSeed()
	s.Modules = append(s.Modules, emulator.Module{APIName: "Calls", PluralLabel: "Calls", SingularLabel: "Call", GeneratedType: "default"})
	return s
}

const conflictModule = "apiVersion: crmsync/v1\nkind: Module\napi_name: Digital_Marketings\n"

// conflictCases are manifests whose writes Zoho would refuse, with a part
// of the problem the plan must report.
var conflictCases = []struct {
	name, manifest, want string
}{
	{"plural label of another custom module", conflictModule + "plural_label: PROJECTS\n",
		`m1.yaml:4:1: Module "Digital_Marketings": plural_label "PROJECTS" is also the plural label of module Projects`},
	{"singular label of a standard module", conflictModule + "singular_label: lead\n",
		`m1.yaml:4:1: Module "Digital_Marketings": singular_label "lead" is also the singular label of module Leads`},
	{"labels traded between two modules", conflictModule + "plural_label: Projects\n---\n" +
		"apiVersion: crmsync/v1\nkind: Module\napi_name: Projects\nplural_label: Digital Marketings\n",
		`no update can go first`},
	{"two rules with the same criteria", `apiVersion: crmsync/v1
kind: RecordLockingConfig
module: Deals
lock_type: automatic
locking_rules:
  - name: Closed
    criteria:
      group_operator: OR
      group:
        - {field: Stage, comparator: equal, value: Closed Won}
        - {field: Stage, comparator: equal, value: Closed Lost}
  - name: Done
    criteria:
      group_operator: OR
      group:
        - {field: Stage, comparator: equal, value: Closed Lost}
        - {field: Stage, comparator: equal, value: Closed Won}
`, `m1.yaml:13:5: RecordLockingConfig "Deals": the criteria of rule "Done" mean the same as those of rule "Closed"`},
	{"locking on a module that does not exist", "apiVersion: crmsync/v1\nkind: RecordLockingConfig\nmodule: Deal\nlock_type: manual\n",
		`m1.yaml:3:1: RecordLockingConfig "Deal": no module with API name "Deal" in the org (Zoho answers INVALID_MODULE); name the module by its API name; did you mean "Deals"`},
	{"locking on a module without record locking", "apiVersion: crmsync/v1\nkind: RecordLockingConfig\nmodule: Calls\nlock_type: manual\n",
		`m1.yaml:3:1: RecordLockingConfig "Calls": module Calls does not support record locking (Zoho answers NOT_SUPPORTED)`},
}

// runConflicts: each conflict is refused by the plan at the manifest, and
// nothing is written.
func runConflicts(t *testing.T, r *rig) {
	for _, c := range conflictCases {
		before := len(r.emu.Requests())
		files := strings.Split(c.manifest, "---\n")
		_, err := r.tryPlan(context.Background(), manifests(t, files...), plan.Options{})
		var ps plan.Problems
		if !errors.As(err, &ps) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: plan error %v, want problems with %q", c.name, err, c.want)
		}
		if w := writes(r.emu.Requests()[before:]); len(w) > 0 {
			t.Errorf("%s: %d writes, want none:\n%s", c.name, len(w), logText(w))
		}
	}
}

// runConflictsRefusedByZoho: the emulator refuses the same writes, so the
// plan's checks guard against real rejections. The writes go through the
// client directly, as a tool without the checks would send them.
func runConflictsRefusedByZoho(t *testing.T, r *rig) {
	ctx := context.Background()
	s := r.emu.Snapshot()
	dm := moduleOf(t, s, "Digital_Marketings")
	item := kmodule.Item{PluralLabel: &[]string{"PROJECTS"}[0], SingularLabel: &dm.SingularLabel}
	for _, p := range dm.Profiles {
		item.Profiles = append(item.Profiles, kmodule.Profile{ID: p.ID})
	}
	resp, err := r.client.Do(ctx, zoho.Request{Method: "PUT", Path: kmodule.Path + "/" + dm.ID, Key: kmodule.Key,
		Body: spec.Encode(kmodule.Body{Modules: []kmodule.Item{item}})})
	code := zoho.ErrorCode(err)
	if err == nil && len(resp.Items) == 1 {
		code = resp.Items[0].Code
	}
	if code != r.emu.Readings().ModuleDuplicateLabelCode {
		t.Errorf("a taken label: %v %+v, want %s", err, resp, r.emu.Readings().ModuleDuplicateLabelCode)
	}
	for module, want := range map[string]string{"Deal": "INVALID_MODULE", "Calls": "NOT_SUPPORTED"} {
		if _, err := r.client.ListLockingConfigs(ctx, module); zoho.ErrorCode(err) != want {
			t.Errorf("locking read of %s: %v, want %s", module, err, want)
		}
	}
	if w := writes(r.emu.Requests()); len(w) != 1 || w[0].Status != 400 {
		t.Errorf("writes %s, want the one refused PUT", logText(w))
	}
	if got := moduleOf(t, r.emu.Snapshot(), "Digital_Marketings"); got.PluralLabel != dm.PluralLabel {
		t.Errorf("a refused PUT changed the label to %q", got.PluralLabel)
	}
}

// runLabelFreed: Projects gives up its labels and Digital_Marketings takes
// them, in one plan: the taking PUT waits for the freeing one, the apply
// verifies, and a second apply writes nothing.
func runLabelFreed(t *testing.T, r *rig) {
	s := r.emu.Snapshot()
	dm, pr := moduleOf(t, s, "Digital_Marketings"), moduleOf(t, s, "Projects")
	m := manifestSet{
		conflictModule + "plural_label: Projects\nsingular_label: project\n",
		"apiVersion: crmsync/v1\nkind: Module\napi_name: Projects\nplural_label: Initiatives\nsingular_label: Initiative\n",
	}
	p := r.plan(m.parse(t), plan.Options{})
	var take, free plan.Request
	for _, rq := range p.Requests {
		switch rq.Path {
		case "/settings/modules/" + dm.ID:
			take = rq
		case "/settings/modules/" + pr.ID:
			free = rq
		}
	}
	if free.ID == 0 || len(take.After) != 1 || take.After[0] != free.ID {
		t.Fatalf("requests %+v: want the Digital_Marketings PUT after the Projects PUT", p.Requests)
	}
	res := r.applyPlan(context.Background(), p)
	requireOK(t, res)
	wantWrites(t, res, map[string]int{"PUT /settings/modules/" + dm.ID: 1, "PUT /settings/modules/" + pr.ID: 1}, checkBodies(t, res))
	idx := writeIndexes(res.Log)
	if len(idx) != 2 || !strings.HasSuffix(res.Log[idx[0]].Path, pr.ID) {
		t.Errorf("write order:\n%s", logText(writes(res.Log)))
	}
	r.converge(m.parse(t), plan.Options{})
	after := r.emu.Snapshot()
	if got := moduleOf(t, after, "Digital_Marketings"); got.PluralLabel != "Projects" || got.SingularLabel != "project" {
		t.Errorf("Digital_Marketings labels %q/%q", got.PluralLabel, got.SingularLabel)
	}
}
