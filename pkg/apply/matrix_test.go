package apply

// The scenarios under every reading of every point Zoho's documents leave
// open (emulator.ReadingVariants), plus the example manifests of
// examples/org applied to the demo org in one plan.

import (
	"context"
	"slices"
	"testing"

	"github.com/crmsync/crmsync/pkg/desired"
	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/plan"
)

// runExamplesOrg applies the example manifests of examples/org to the demo
// org: every kind at once, in one plan.
func runExamplesOrg(t *testing.T, r *rig) {
	m, err := desired.Load(context.Background(), []string{"../../examples/org"})
	if err != nil {
		t.Fatal(err)
	}
	if r.emu.Readings().MaxRestrictedButtons == 1 {
		examplesOverButtonLimit(t, r, m)
		return
	}
	res := r.applyOK(m, plan.Options{})
	wantWrites(t, res, map[string]int{
		"PUT /settings/modules/2423488000000834002":                       1,
		"PUT /settings/roles/4150868000000026005":                         1, // CEO
		"PUT /settings/roles/4150868000000231921":                         1, // Sales Head
		"POST /settings/roles":                                            1, // Inside Sales
		"PUT /Contacts/roles":                                             1,
		"DELETE /Contacts/roles":                                          1,
		"PUT /settings/record_locking_configurations/5843104000001068044": 1, // Deals
		"PUT /settings/record_locking_configurations/5843104000000758004": 1, // Leads
		"POST /settings/fields":                                           1, // Accounts: Annual_Budget, Onboarding_Notes
		"PATCH /settings/fields":                                          1, // Accounts: Account_Code, Customer_Tier
	}, checkBodies(t, res))
	r.converge(m, plan.Options{})
	s := r.emu.Snapshot()
	wantParents(t, s, map[string]string{"Sales Head": "CEO", "Inside Sales": "Sales Head", "Sales Rep": "Sales Head"})
	if c := lockOf(t, s, "Deals"); c.LockType != "both" || ruleNames(c) != "Closed Lost,Closed Won" || refNames(c.RestrictedCustomButtons) != "Generate Invoice,Send with Zoho Sign" {
		t.Errorf("Deals: %+v", c)
	}
	if got := refNames(moduleOf(t, s, "Digital_Marketings").Profiles); got != "Administrator,Marketing" {
		t.Errorf("Digital_Marketings profiles = %s", got)
	}
}

// examplesOverButtonLimit: the Deals manifest restricts two custom buttons
// and this org allows one, so the org cannot converge. The apply must say
// so precisely: Deals fails with LIMIT_EXCEEDED and stays as it was, the
// other changes apply, and the plan's deletes (which wait for every other
// request) are skipped rather than attempted. A rerun plans only those two.
func examplesOverButtonLimit(t *testing.T, r *rig, m *desired.Manifests) {
	before := lockOf(t, r.emu.Snapshot(), "Deals")
	res := r.apply(m, plan.Options{})
	checkBodies(t, res)
	for _, o := range res.Report.Outcomes {
		want := doneStatus(o.Action)
		switch {
		case o.Key.Name == "Deals":
			want = Failed
		}
		if o.Status != want || (o.Key.Name == "Deals" && o.Code != "LIMIT_EXCEEDED") {
			t.Errorf("%s: %s %s, want %s", o.Key, o.Status, o.Code, want)
		}
	}
	if res.Report.OK() || res.Report.Verified || !res.Report.Checked || len(res.Report.Mismatches) > 0 {
		t.Errorf("report: OK %v, verified %v, checked %v, mismatches %v", res.Report.OK(), res.Report.Verified, res.Report.Checked, res.Report.Mismatches)
	}
	if !jsonSame(lockOf(t, r.emu.Snapshot(), "Deals"), before) {
		t.Errorf("the rejected Deals configuration changed")
	}
	p := r.plan(m, plan.Options{})
	if p.Summary != (plan.Summary{Update: 1}) {
		t.Errorf("rerun plan: %+v, want only the Deals update: deletes wait for it but do not depend on it", p.Summary)
	}
}

// TestScenarios runs every scenario under every reading variant of the
// emulator: the tool must work under each reading of every ambiguous point.
func TestScenarios(t *testing.T) {
	variants := emulator.ReadingVariants()
	names := make([]string, 0, len(variants))
	for n := range variants {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, v := range names {
		if testing.Short() && v != "default" {
			continue
		}
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			for _, sc := range scenarios() {
				t.Run(sc.name, func(t *testing.T) {
					r := newRig(t, emulator.Options{Seed: sc.seed(), Readings: variants[v]})
					sc.run(t, r)
				})
			}
		})
	}
}
