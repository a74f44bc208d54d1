package apply

// End-to-end apply scenarios. Each step applies manifests to the emulator,
// asserts the exact write calls and that every body sent is the plan's,
// checks the org's state, and ends with a fresh plan that shows no changes
// and a second apply that makes no write call.

import (
	"slices"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/desired"
	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/plan"
)

// scenario is one end-to-end case: a seed and the steps run against it.
type scenario struct {
	name string
	seed func() *emulator.Seed
	run  func(t *testing.T, r *rig)
}

func scenarios() []scenario {
	return append([]scenario{
		{"kaizen109", seedWithoutDealsLock, runKaizen109},
		{"module_profiles", emulator.DemoSeed, runModuleProfiles},
		{"role_tree", emulator.DemoSeed, runRoleTree},
		{"contact_roles_bulk", emulator.DemoSeed, runContactRoles},
		{"absent_and_prune", emulator.DemoSeed, runAbsentAndPrune},
		{"examples_org", emulator.DemoSeed, runExamplesOrg},
		{"conflicts_refused", seedWithCalls, runConflicts},
		{"conflicts_refused_by_zoho", seedWithCalls, runConflictsRefusedByZoho},
		{"label_freed", emulator.DemoSeed, runLabelFreed},
		{"contact_role_names", emulator.DemoSeed, runContactRoleNames},
		{"contact_role_temp_rerun", emulator.DemoSeed, runContactRoleTempRerun},
		{"role_names", emulator.DemoSeed, runRoleNames},
		{"role_temp_rerun", emulator.DemoSeed, runRoleTempRerun},
		{"role_tricky_refs", emulator.DemoSeed, runTrickyRefs},
		{"replace_and_recreate", emulator.DemoSeed, runReplaceAndRecreate},
		{"replace_into_heir", emulator.DemoSeed, runReplaceIntoHeir},
		{"global_picklists", emulator.DemoSeed, runGlobalPicklists},
		{"global_picklist_locking", emulator.DemoSeed, runGlobalPicklistLocking},
		{"cross_kind_create", emulator.DemoSeed, runCrossKindCreate},
		{"global_picklist_swap", emulator.DemoSeed, runGlobalPicklistSwap},
		{"global_picklist_swap_resumed", seedRegionsInterrupted, runGlobalPicklistSwapResumed},
	}, fieldScenarios()...)
}

// step applies m, requires a verified apply with exactly the writes in
// want (see wantWrites) and the plan's bodies, then proves convergence.
func (r *rig) step(m manifestSet, opts plan.Options, want map[string]int) result {
	r.t.Helper()
	res := r.applyOK(m.parse(r.t), opts)
	rejected := checkBodies(r.t, res)
	wantWrites(r.t, res, want, rejected)
	r.converge(m.parse(r.t), opts)
	return res
}

// manifestSet is a set of inline manifest files.
type manifestSet []string

func (ms manifestSet) parse(t testing.TB) *desired.Manifests { return manifests(t, ms...) }

func seedWithoutDealsLock() *emulator.Seed {
	s := emulator.DemoSeed()
	s.LockingConfigs = slices.DeleteFunc(s.LockingConfigs, func(c emulator.LockingConfig) bool { return c.Module == "Deals" })
	return s
}

const dealsStep1 = `apiVersion: crmsync/v1
kind: RecordLockingConfig
module: Deals
lock_type: automatic
locked_for: all_profiles
excluded_fields: [Description]
restricted_actions: [update]
lock_for_portal_users: true
locking_rules:
  - name: Closed Won
    lock_existing_records: true
    criteria: {field: Stage, comparator: equal, value: Closed Won}
`

const dealsStep2 = `apiVersion: crmsync/v1
kind: RecordLockingConfig
module: Deals
lock_type: both
locked_for: all_profiles
excluded_fields: [Description]
restricted_actions: [update]
lock_for_portal_users: true
locking_rules:
  - name: Closed Won
    lock_existing_records: true
    criteria: {field: Stage, comparator: equal, value: Closed Won}
  - name: Closed Lost
    lock_existing_records: true
    criteria:
      group_operator: OR
      group:
        - {field: Stage, comparator: equal, value: Closed Lost}
        - {field: Stage, comparator: equal, value: Closed-Lost to Competition}
`

// dealsStep3 drops the Closed Won rule of step 2.
const dealsStep3 = `apiVersion: crmsync/v1
kind: RecordLockingConfig
module: Deals
lock_type: both
locked_for: all_profiles
excluded_fields: [Description]
restricted_actions: [update]
lock_for_portal_users: true
locking_rules:
  - name: Closed Lost
    lock_existing_records: true
    criteria:
      group_operator: OR
      group:
        - {field: Stage, comparator: equal, value: Closed Lost}
        - {field: Stage, comparator: equal, value: Closed-Lost to Competition}
`

// runKaizen109 is the Kaizen #109 walk-through: create the Deals
// configuration, extend it, then delete a rule.
func runKaizen109(t *testing.T, r *rig) {
	leads := lockOf(t, r.emu.Snapshot(), "Leads")

	r.step(manifestSet{dealsStep1}, plan.Options{}, map[string]int{"POST /settings/record_locking_configurations": 1})
	c := lockOf(t, r.emu.Snapshot(), "Deals")
	if c.LockType != "automatic" || ruleNames(c) != "Closed Won" || c.LockForPortalUsers == nil || !*c.LockForPortalUsers {
		t.Fatalf("after step 1: %+v", c)
	}
	wonID := c.LockingRules[0].ID

	r.step(manifestSet{dealsStep2}, plan.Options{}, map[string]int{"PUT /settings/record_locking_configurations/" + c.ID: 1})
	c2 := lockOf(t, r.emu.Snapshot(), "Deals")
	if c2.ID != c.ID || c2.LockType != "both" || ruleNames(c2) != "Closed Lost,Closed Won" {
		t.Fatalf("after step 2: %+v", c2)
	}
	if ruleByName(c2, "Closed Won").ID != wonID {
		t.Errorf("the Closed Won rule was recreated (id %s, was %s); it must be kept by id", ruleByName(c2, "Closed Won").ID, wonID)
	}
	lost := ruleByName(c2, "Closed Lost")
	if lost.Criteria == nil || lost.Criteria.GroupOperator != "OR" || len(lost.Criteria.Group) != 2 {
		t.Errorf("Closed Lost criteria: %+v", lost.Criteria)
	}

	r.step(manifestSet{dealsStep3}, plan.Options{}, map[string]int{"PUT /settings/record_locking_configurations/" + c.ID: 1})
	c3 := lockOf(t, r.emu.Snapshot(), "Deals")
	if c3.ID != c.ID || ruleNames(c3) != "Closed Lost" || c3.LockingRules[0].ID != lost.ID {
		t.Fatalf("after step 3: %+v", c3)
	}
	if got := lockOf(t, r.emu.Snapshot(), "Leads"); !jsonSame(got, leads) {
		t.Errorf("the Leads configuration changed:\n%+v\nwas\n%+v", got, leads)
	}
}

const marketingModule = `apiVersion: crmsync/v1
kind: Module
api_name: Digital_Marketings
plural_label: Digital Marketings
singular_label: Digital Marketing
profiles: [Administrator, Standard, Marketing]
`

// runModuleProfiles: Digital_Marketings loses Support and gains Marketing.
func runModuleProfiles(t *testing.T, r *rig) {
	before := r.emu.Snapshot()
	mod := moduleOf(t, before, "Digital_Marketings")
	r.step(manifestSet{marketingModule}, plan.Options{}, map[string]int{"PUT /settings/modules/" + mod.ID: 1})
	after := r.emu.Snapshot()
	got := refNames(moduleOf(t, after, "Digital_Marketings").Profiles)
	if got != "Administrator,Marketing,Standard" {
		t.Errorf("Digital_Marketings profiles = %s, want Administrator,Marketing,Standard", got)
	}
	for _, m := range before.Modules {
		if m.APIName != "Digital_Marketings" && !jsonSame(moduleOf(t, after, m.APIName), m) {
			t.Errorf("module %s changed", m.APIName)
		}
	}
}

const roleTree1 = `apiVersion: crmsync/v1
kind: Role
name: Regional Director
reporting_to: CEO
description: Runs a region
share_with_peers: true
---
apiVersion: crmsync/v1
kind: Role
name: Area Manager
reporting_to: Regional Director
---
apiVersion: crmsync/v1
kind: Role
name: Field Rep
reporting_to: Area Manager
description: Visits customers
`

// roleTree2 moves Field Rep up under Regional Director and renames Area
// Manager to District Manager.
const roleTree2 = `apiVersion: crmsync/v1
kind: Role
name: Regional Director
reporting_to: CEO
description: Runs a region
share_with_peers: true
---
apiVersion: crmsync/v1
kind: Role
name: District Manager
previous_names: [Area Manager]
reporting_to: Regional Director
---
apiVersion: crmsync/v1
kind: Role
name: Field Rep
reporting_to: Regional Director
description: Visits customers
`

// runRoleTree builds three levels of new roles, then moves one and renames
// another.
func runRoleTree(t *testing.T, r *rig) {
	before := r.emu.Snapshot()
	r.step(manifestSet{roleTree1}, plan.Options{}, map[string]int{"POST /settings/roles": 3})
	s := r.emu.Snapshot()
	wantParents(t, s, map[string]string{"Regional Director": "CEO", "Area Manager": "Regional Director", "Field Rep": "Area Manager"})
	if rd := roleOf(t, s, "Regional Director"); rd.Description == nil || *rd.Description != "Runs a region" || !rd.ShareWithPeers {
		t.Errorf("Regional Director: %+v", rd)
	}
	areaID, repID := roleOf(t, s, "Area Manager").ID, roleOf(t, s, "Field Rep").ID

	r.step(manifestSet{roleTree2}, plan.Options{}, map[string]int{"PUT /settings/roles/" + areaID: 1, "PUT /settings/roles/" + repID: 1})
	s = r.emu.Snapshot()
	wantParents(t, s, map[string]string{"Regional Director": "CEO", "District Manager": "Regional Director", "Field Rep": "Regional Director"})
	if roleOf(t, s, "District Manager").ID != areaID || roleOf(t, s, "Field Rep").ID != repID {
		t.Errorf("a role was recreated instead of renamed or moved")
	}
	if findRole(s, "Area Manager") != nil {
		t.Errorf("Area Manager still exists")
	}
	for _, ro := range before.Roles {
		if !jsonSame(roleByID(s, ro.ID), ro) {
			t.Errorf("role %s changed", ro.Name)
		}
	}
}

// contactRoles renames Lead to Sales Lead and swaps Evaluator (3) and
// Technical Buyer (4).
const contactRoles = `apiVersion: crmsync/v1
kind: ContactRole
name: Purchasing
sequence_number: 1
---
apiVersion: crmsync/v1
kind: ContactRole
name: Technical Buyer
sequence_number: 3
---
apiVersion: crmsync/v1
kind: ContactRole
name: Evaluator
sequence_number: 4
---
apiVersion: crmsync/v1
kind: ContactRole
name: Sales Lead
previous_names: [Lead]
sequence_number: 5
`

func runContactRoles(t *testing.T, r *rig) {
	before := r.emu.Snapshot()
	res := r.step(manifestSet{contactRoles}, plan.Options{}, map[string]int{"PUT /Contacts/roles": 1})
	if n := count(res.Log, "PUT", "/Contacts/roles"); n != 1 {
		t.Fatalf("%d PUT /Contacts/roles, want exactly one bulk PUT", n)
	}
	s := r.emu.Snapshot()
	want := "Purchasing=1,Component Specifier=2,Technical Buyer=3,Evaluator=4,Sales Lead=5,Economic Decision Maker=6,Executive Sponsor=7,Influencer=8,Other=9"
	if got := contactRoleOrder(s); got != want {
		t.Errorf("contact roles = %s\nwant %s", got, want)
	}
	if crOf(t, s, "Sales Lead").ID != crOf(t, before, "Lead").ID {
		t.Errorf("Lead was recreated as Sales Lead instead of renamed")
	}
}

const absentObjects = `apiVersion: crmsync/v1
kind: Role
name: Support Agent
absent: true
transfer_to: Sales Rep
---
apiVersion: crmsync/v1
kind: ContactRole
name: Other
absent: true
---
apiVersion: crmsync/v1
kind: RecordLockingConfig
module: Deals
absent: true
`

// allContactRolesBut lists the demo org's contact roles, Other excepted,
// leaving out skip.
func allContactRolesBut(skip string) manifestSet {
	var docs []string
	for _, n := range []string{"Purchasing", "Component Specifier", "Evaluator", "Technical Buyer", "Lead",
		"Economic Decision Maker", "Executive Sponsor", "Influencer"} {
		if n != skip {
			docs = append(docs, "apiVersion: crmsync/v1\nkind: ContactRole\nname: "+n+"\n")
		}
	}
	return manifestSet{strings.Join(docs, "---\n")}
}

// runAbsentAndPrune deletes absent objects (a role whose users move to
// transfer_to, a contact role and a locking configuration), then prunes an
// unmanaged contact role.
func runAbsentAndPrune(t *testing.T, r *rig) {
	before := r.emu.Snapshot()
	agent, rep := roleOf(t, before, "Support Agent"), roleOf(t, before, "Sales Rep")
	deals := lockOf(t, before, "Deals")
	r.step(manifestSet{absentObjects}, plan.Options{}, map[string]int{
		"DELETE /settings/roles/" + agent.ID:                         1,
		"DELETE /Contacts/roles":                                     1,
		"DELETE /settings/record_locking_configurations/" + deals.ID: 1,
	})
	s := r.emu.Snapshot()
	if findRole(s, "Support Agent") != nil || findCR(s, "Other") != nil || findLock(s, "Deals") != nil {
		t.Fatalf("an absent object still exists")
	}
	for _, u := range s.Users {
		if u.Role.Name == "Support Agent" {
			t.Errorf("user %s still has the deleted role", u.Email)
		}
	}
	if n := usersWithRole(s, rep.ID) - usersWithRole(before, rep.ID); n != usersWithRole(before, agent.ID) {
		t.Errorf("%d users moved to Sales Rep, want %d", n, usersWithRole(before, agent.ID))
	}
	if len(s.Roles) != len(before.Roles)-1 || len(s.ContactRoles) != len(before.ContactRoles)-1 || len(s.LockingConfigs) != len(before.LockingConfigs)-1 {
		t.Errorf("more than the absent objects were deleted")
	}

	infl := crOf(t, s, "Influencer")
	r.step(allContactRolesBut("Influencer"), plan.Options{Prune: true}, map[string]int{"DELETE /Contacts/roles": 1})
	s2 := r.emu.Snapshot()
	if findCR(s2, "Influencer") != nil || len(s2.ContactRoles) != len(s.ContactRoles)-1 {
		t.Errorf("prune: contact roles = %s", contactRoleOrder(s2))
	}
	if res := r.emu.Requests(); !strings.Contains(lastWrite(res).RawQuery, infl.ID) {
		t.Errorf("the prune did not delete Influencer by id %s", infl.ID)
	}
}
