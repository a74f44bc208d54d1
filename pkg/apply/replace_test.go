package apply

// "Delete X, rename Y to X, and create a new Y" in one plan: once it is
// applied both names exist again, as they did before, and the rerun must
// see that the work is done instead of deleting the renamed object again.

import (
	"testing"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/plan"
)

// runReplaceAndRecreate: the contact role Other is deleted and Influencer
// takes its name, and a new Influencer is created; then the same for the
// roles Sales Rep and Support Agent. The keys of the manifests tell the
// live objects apart.
func runReplaceAndRecreate(t *testing.T, r *rig) {
	s0 := r.emu.Snapshot()
	crs := docs(
		crDoc("Other", 0, "absent: true"),
		crDoc("Other", 8, "previous_names: [Influencer]"),
		crDoc("Influencer", 12),
	)
	r.renameStep(crs, map[string]int{"DELETE /Contacts/roles": 1, "PUT /Contacts/roles": 1, "POST /Contacts/roles": 1})
	s1 := r.emu.Snapshot()
	wantCRIDs(t, s1, map[string]string{"Other": crOf(t, s0, "Influencer").ID})
	if crByID(s1, crOf(t, s0, "Other").ID) != nil || findCR(s1, "Influencer") == nil {
		t.Errorf("contact roles after the replacement: %s", contactRoleOrder(s1))
	}

	roles := docs(
		roleDoc("Sales Rep", "absent: true", "transfer_to: sales department head"),
		roleDoc("Sales Rep", "previous_names: [support agent]", "reporting_to: manager", "description: was support"),
		roleDoc("Support Agent", "reporting_to: Sales Rep"),
	)
	r.renameStep(roles, map[string]int{"DELETE /settings/roles/" + roleOf(t, s0, "Sales Rep").ID: 1, "PUT /settings/roles/": 1, "POST /settings/roles": 1})
	s2 := r.emu.Snapshot()
	wantRoleIDs(t, s2, map[string]string{"Sales Rep": roleOf(t, s0, "Support Agent").ID})
	wantParents(t, s2, map[string]string{"Sales Rep": "Manager", "Support Agent": "Sales Rep"})
}

// TestReplacementLostResponses: the delete that frees a role's name and
// then the create of the new role under the freed previous name both lose
// their responses, though both took. The recovery renames, the create stays
// unknown, and the verification must still pair the renamed role with its
// own live object (it knows its ID) instead of failing on a cycle; the
// rerun plan shows no changes.
func TestReplacementLostResponses(t *testing.T) {
	r := newRig(t, emulator.Options{Seed: emulator.DemoSeed()})
	s0 := r.emu.Snapshot()
	m := docs(
		roleDoc("Sales Rep", "absent: true", "transfer_to: sales department head"),
		roleDoc("Sales Rep", "previous_names: [support agent]", "reporting_to: manager", "description: was support"),
		roleDoc("Support Agent", "reporting_to: Sales Rep"),
	)
	r.emu.FailNext("DELETE", "/settings/roles", 500, "INTERNAL_ERROR", true)
	r.emu.FailNext("POST", "/settings/roles", 500, "INTERNAL_ERROR", true)
	res := r.apply(m.parse(t), plan.Options{})
	if res.Err != nil {
		t.Fatalf("apply: %v\n%s", res.Err, describe(res))
	}
	if !res.Report.Checked || res.Report.Verified || len(res.Report.Mismatches) > 0 {
		t.Errorf("report: checked %v, verified %v, mismatches %v", res.Report.Checked, res.Report.Verified, res.Report.Mismatches)
	}
	wantRoleIDs(t, r.emu.Snapshot(), map[string]string{"Sales Rep": roleOf(t, s0, "Support Agent").ID})
	r.converge(m.parse(t), plan.Options{})
}

// runReplaceIntoHeir: Sales Rep is deleted and its users go to Support
// Agent, which takes the name Sales Rep in the same plan: transfer_to names
// the role that has the name after the plan.
func runReplaceIntoHeir(t *testing.T, r *rig) {
	s0 := r.emu.Snapshot()
	heir := roleOf(t, s0, "Support Agent").ID
	m := docs(
		roleDoc("Sales Rep", "absent: true", "transfer_to: sales rep"),
		roleDoc("Sales Rep", "previous_names: [Support Agent]", "reporting_to: Manager"),
	)
	r.renameStep(m, map[string]int{"DELETE /settings/roles/" + roleOf(t, s0, "Sales Rep").ID: 1, "PUT /settings/roles/" + heir: 1})
	s1 := r.emu.Snapshot()
	wantRoleIDs(t, s1, map[string]string{"Sales Rep": heir})
	for _, u := range s0.Users {
		if u.Role.Name == "Sales Rep" {
			for _, v := range s1.Users {
				if v.ID == u.ID && v.Role.ID != heir {
					t.Errorf("user %s is in role %+v, want the heir %s", u.Email, v.Role, heir)
				}
			}
		}
	}
}

// TestReplacementRenameRefused: the delete that frees the name takes, then
// Zoho refuses the rename. The report says the change failed (partly
// applied), the create behind it is skipped, nothing is verified, and the
// rerun plan is exactly the rest: the rename and the create, no delete.
func TestReplacementRenameRefused(t *testing.T) {
	r := newRig(t, emulator.Options{Seed: emulator.DemoSeed()})
	m := docs(
		roleDoc("Sales Rep", "absent: true", "transfer_to: sales department head"),
		roleDoc("Sales Rep", "previous_names: [support agent]", "reporting_to: manager", "description: was support"),
		roleDoc("Support Agent", "reporting_to: Sales Rep"),
	)
	r.emu.FailNext("PUT", "/settings/roles", 400, "INVALID_DATA", false)
	res := r.apply(m.parse(t), plan.Options{})
	if res.Report.OK() || res.Report.Verified {
		t.Fatalf("a refused rename was reported as verified:\n%s", describe(res))
	}
	for _, o := range res.Report.Outcomes {
		want := map[string]Status{"Sales Rep": Failed, "Support Agent": Skipped}[o.Key.Name]
		if o.Status != want {
			t.Errorf("%s: %s (%s), want %s", o.Key, o.Status, o.Message, want)
		}
	}
	p := r.plan(m.parse(t), plan.Options{})
	if p.Summary != (plan.Summary{Create: 1, Update: 1}) {
		t.Errorf("rerun plan %+v, want the rename and the create", p.Summary)
	}
	for _, rq := range p.Requests {
		if rq.Method == "DELETE" {
			t.Errorf("rerun plan deletes again: %s %s", rq.Method, rq.Path)
		}
	}
	r.applyOK(m.parse(t), plan.Options{})
	r.converge(m.parse(t), plan.Options{})
}
