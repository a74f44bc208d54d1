package plan_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crmsync/crmsync/pkg/desired"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

// liveRole is an observed role; parent "" is the top of the hierarchy.
func liveRole(name, parent, id string) model.Object {
	return model.Object{Key: model.Key{Kind: model.KindRole, Name: name}, ID: id, System: parent == "",
		Role: &model.Role{Name: name, ReportingTo: model.Ptr(parent)}}
}

// liveOrg is the org every problem case plans against.
func liveOrg() observedFixture {
	return observedFixture{
		Objects: []model.Object{
			liveRole("CEO", "", "1"),
			liveRole("Manager", "CEO", "2"),
			liveRole("Sales Head", "CEO", "3"),
			liveRole("Sales Rep", "Sales Head", "4"),
			liveRole("Trainee", "Sales Rep", "5"),
			{Key: model.Key{Kind: model.KindModule, Name: "Digital_Marketings"}, ID: "10",
				Module: &model.Module{APIName: "Digital_Marketings", PluralLabel: model.Ptr("Digital Marketings"),
					SingularLabel: model.Ptr("Digital Marketing"), Profiles: &[]string{"Administrator"}}},
			{Key: model.Key{Kind: model.KindModule, Name: "Campaign_Briefs"}, ID: "11",
				Module: &model.Module{APIName: "Campaign_Briefs", PluralLabel: model.Ptr("Campaign Briefs"),
					SingularLabel: model.Ptr("Campaign Brief"), Profiles: &[]string{"Administrator"}}},
		},
		Lookups: model.Lookups{
			Profiles: []model.Ref{{ID: "20", Name: "Administrator"}, {ID: "21", Name: "Standard"}, {ID: "22", Name: "Marketing"}},
			Fields: map[string][]model.FieldInfo{"Deals": {
				{ID: "30", APIName: "Stage", PickList: []string{"Qualification", "Closed Won", "Closed Lost"}},
				{ID: "31", APIName: "Description"},
				{ID: "32", APIName: "Amount"},
			}},
			Buttons: map[string][]model.Ref{"Deals": {{ID: "40", Name: "Send with Zoho Sign"}, {ID: "41", Name: "Generate Invoice"}}},
			Users:   []model.User{{ID: "50", Email: "jane@example.com"}, {ID: "51", Email: "raj@example.com"}},
			Modules: []model.ModuleInfo{
				{APIName: "Leads", PluralLabel: "Leads", SingularLabel: "Lead", GeneratedType: "default"},
				{APIName: "Deals", PluralLabel: "Deals", SingularLabel: "Deal", GeneratedType: "default"},
				{APIName: "Calls", PluralLabel: "Calls", SingularLabel: "Call", GeneratedType: "default"},
				{APIName: "Digital_Marketings", PluralLabel: "Digital Marketings", SingularLabel: "Digital Marketing", GeneratedType: "custom"},
				{APIName: "Campaign_Briefs", PluralLabel: "Campaign Briefs", SingularLabel: "Campaign Brief", GeneratedType: "custom"},
			},
			// What Zoho answered to the locking reads of these modules.
			LockingErrors: map[string]string{"Dealz": "INVALID_MODULE", "Calls": "NOT_SUPPORTED"},
		},
	}
}

const lockingHead = "apiVersion: crmsync/v1\nkind: RecordLockingConfig\nmodule: Deals\n"

func TestProblems(t *testing.T) {
	tests := []struct {
		name     string
		manifest string
		prune    bool
		targets  []model.Key
		want     []string
	}{
		{
			name: "unknown profile in module profiles",
			manifest: `apiVersion: crmsync/v1
kind: Module
api_name: Digital_Marketings
profiles: [Administrator, Markting]
`,
			want: []string{`m.yaml:4:27: Module "Digital_Marketings": no profile named "Markting" in the org; did you mean "Marketing"?`},
		},
		{
			name: "unknown excluded profile",
			manifest: lockingHead + `lock_type: manual
locked_for: all_profiles_except_excluded_profiles
lock_excluded_profiles:
  - Administrator
  - Standrd
`,
			want: []string{`m.yaml:8:5: RecordLockingConfig "Deals": no profile named "Standrd" in the org; did you mean "Standard"?`},
		},
		{
			name: "unknown field in excluded_fields",
			manifest: lockingHead + `lock_type: manual
excluded_fields: [Descripton]
`,
			want: []string{`m.yaml:5:19: RecordLockingConfig "Deals": module Deals has no field with API name "Descripton"; did you mean "Description"?`},
		},
		{
			name: "unknown field and picklist value in criteria",
			manifest: lockingHead + `lock_type: automatic
locking_rules:
  - name: Won
    criteria:
      group_operator: OR
      group:
        - {field: Stag, comparator: equal, value: Closed Won}
        - {field: Stage, comparator: equal, value: Closed Wn}
`,
			want: []string{
				`m.yaml:10:12: RecordLockingConfig "Deals": module Deals has no field with API name "Stag"; did you mean "Stage"?`,
				`m.yaml:11:45: RecordLockingConfig "Deals": "Closed Wn" is not a value of the picklist Stage; did you mean "Closed Won" or "Closed Lost"?`,
			},
		},
		{
			name: "unknown button",
			manifest: lockingHead + `lock_type: manual
restricted_custom_buttons:
  - Generate Invoice
  - Send with Zoho Sgn
`,
			want: []string{`m.yaml:7:5: RecordLockingConfig "Deals": module Deals has no custom button named "Send with Zoho Sgn"; did you mean "Send with Zoho Sign"?`},
		},
		{
			name: "unknown role in reporting_to",
			manifest: `apiVersion: crmsync/v1
kind: Role
name: Inside Sales
reporting_to: Sales Haed
`,
			want: []string{`m.yaml:4:1: Role "Inside Sales": reporting_to names role "Sales Haed", which will not exist; did you mean "Sales Head" or "Sales Rep"?`},
		},
		{
			name: "unknown user email",
			manifest: `apiVersion: crmsync/v1
kind: Role
name: Manager
forecast_manager: jane@exampel.com
`,
			want: []string{`m.yaml:4:1: Role "Manager": no user with email "jane@exampel.com" in the org; did you mean "jane@example.com" or "raj@example.com"?`},
		},
		{
			name: "cycle through live roles",
			// Sales Head moves under Trainee, which is today its grandchild
			// through Sales Rep; no manifest moves Sales Rep or Trainee.
			manifest: `apiVersion: crmsync/v1
kind: Role
name: Sales Head
reporting_to: Trainee
`,
			want: []string{`m.yaml:4:1: Role "Sales Head": reporting_to makes a cycle in the role hierarchy: Sales Head -> Trainee -> Sales Rep -> Sales Head`},
		},
		{
			name: "kept role left under a deleted parent",
			manifest: `apiVersion: crmsync/v1
kind: Role
name: Sales Rep
absent: true
transfer_to: Sales Head
`,
			want: []string{`m.yaml:3:1: Role "Sales Rep": role "Trainee" still reports to it; delete that role too or move it with reporting_to`},
		},
		{
			name: "kept role left under a deleted parent named in another case",
			manifest: `apiVersion: crmsync/v1
kind: Role
name: sales rep
absent: true
transfer_to: Sales Head
`,
			want: []string{`m.yaml:3:1: Role "sales rep": role "Trainee" still reports to it; delete that role too or move it with reporting_to`},
		},
		{
			name: "transfer_to a missing role, the deleted one named in another case",
			manifest: `apiVersion: crmsync/v1
kind: Role
name: MANAGER
absent: true
transfer_to: Sales Haed
`,
			want: []string{`m.yaml:5:1: Role "MANAGER": transfer_to names role "Sales Haed", which will not exist; did you mean "Sales Head" or "Sales Rep"?`},
		},
		{
			name: "managed role left under a deleted parent",
			// Trainee's manifest leaves reporting_to out: the problem is the
			// deletion of its parent, not a reporting_to it does not have.
			manifest: `apiVersion: crmsync/v1
kind: Role
name: Sales Rep
absent: true
transfer_to: Sales Head
---
apiVersion: crmsync/v1
kind: Role
name: Trainee
description: Learns
`,
			want: []string{`m.yaml:3:1: Role "Sales Rep": role "Trainee" still reports to it; delete that role too or move it with reporting_to`},
		},
		{
			name: "transfer_to a role that will not exist",
			manifest: `apiVersion: crmsync/v1
kind: Role
name: Trainee
absent: true
transfer_to: Sales Reps
`,
			want: []string{`m.yaml:5:1: Role "Trainee": transfer_to names role "Sales Reps", which will not exist; did you mean "Sales Rep" or "Sales Head"?`},
		},
		{
			name: "absent system object",
			// CEO is the top of the hierarchy (System): it is never deleted,
			// and an absent manifest for it is an error rather than a DELETE.
			manifest: `apiVersion: crmsync/v1
kind: Role
name: CEO
absent: true
transfer_to: Manager
`,
			want: []string{`m.yaml:4:1: Role "CEO": cannot be absent: it is a system object (the top role, a system-defined locking configuration or global picklist), which is never deleted`},
		},
		{
			name: "new role without reporting_to",
			manifest: `apiVersion: crmsync/v1
kind: Role
name: Inside Sales
description: Sells by phone
`,
			want: []string{`m.yaml:3:1: Role "Inside Sales": a new role needs reporting_to: the role it reports to`},
		},
		{
			name: "module not in the org",
			manifest: `apiVersion: crmsync/v1
kind: Module
api_name: Digital_Marketing
profiles: [Administrator]
`,
			want: []string{`m.yaml:3:1: Module "Digital_Marketing": no custom module with API name "Digital_Marketing" in the org; crmsync manages existing custom modules only (create it in Zoho first); did you mean "Digital_Marketings"?`},
		},
		{
			name:    "parent outside the target set",
			targets: []model.Key{{Kind: model.KindRole, Name: "Inside Sales"}},
			manifest: `apiVersion: crmsync/v1
kind: Role
name: Sales Ops
reporting_to: CEO
---
apiVersion: crmsync/v1
kind: Role
name: Inside Sales
reporting_to: sales ops
`,
			want: []string{`m.yaml:9:1: Role "Inside Sales": reporting_to names role "Sales Ops", which is declared at m.yaml:3:1 but outside the target set, so this plan does not create it; add --target Role/Sales Ops, or apply it first`},
		},
		{
			name:    "a name the plan does not free",
			targets: []model.Key{{Kind: model.KindRole, Name: "Manager"}},
			manifest: `apiVersion: crmsync/v1
kind: Role
name: Team Lead
previous_names: [Manager]
---
apiVersion: crmsync/v1
kind: Role
name: Manager
reporting_to: Team Lead
`,
			want: []string{`m.yaml:8:1: Role "Manager": the name "Manager" is taken by the live Role "Manager", which this plan keeps (Zoho keeps names unique); rename or delete that one in the same plan, or include it with --target`},
		},
		{
			name: "a swap nothing tells apart",
			manifest: `apiVersion: crmsync/v1
kind: Role
name: Manager
previous_names: [Sales Head]
---
apiVersion: crmsync/v1
kind: Role
name: Sales Head
previous_names: [Manager]
`,
			want: []string{
				`m.yaml:4:1: Role "Manager": "Manager" and "Sales Head" swap names, but nothing else in their manifests tells the two live objects apart, so crmsync cannot tell whether the swap is done; give them a key whose values differ (for example sequence_number, description or reporting_to), or remove previous_names once it is`,
				`m.yaml:9:1: Role "Sales Head": "Sales Head" and "Manager" swap names, but nothing else in their manifests tells the two live objects apart, so crmsync cannot tell whether the swap is done; give them a key whose values differ (for example sequence_number, description or reporting_to), or remove previous_names once it is`,
			},
		},
		{
			name: "a swap nothing tells apart, in another case",
			manifest: `apiVersion: crmsync/v1
kind: Role
name: manager
previous_names: [Sales Head]
---
apiVersion: crmsync/v1
kind: Role
name: sales head
previous_names: [MANAGER]
`,
			want: []string{
				`m.yaml:4:1: Role "manager": "manager" and "Sales Head" swap names, but nothing else in their manifests tells the two live objects apart, so crmsync cannot tell whether the swap is done; give them a key whose values differ (for example sequence_number, description or reporting_to), or remove previous_names once it is`,
				`m.yaml:9:1: Role "sales head": "sales head" and "Manager" swap names, but nothing else in their manifests tells the two live objects apart, so crmsync cannot tell whether the swap is done; give them a key whose values differ (for example sequence_number, description or reporting_to), or remove previous_names once it is`,
			},
		},
		{
			name: "a replacement and a new object nothing tells apart",
			manifest: `apiVersion: crmsync/v1
kind: Role
name: Manager
absent: true
transfer_to: CEO
---
apiVersion: crmsync/v1
kind: Role
name: Manager
previous_names: [Sales Head]
---
apiVersion: crmsync/v1
kind: Role
name: Sales Head
`,
			want: []string{`m.yaml:10:1: Role "Manager": "Manager" replaces the live "Manager" by the one named "Sales Head", and a new "Sales Head" is declared too, but nothing else in their manifests tells the live objects apart, so crmsync cannot tell whether the replacement is done; give them a key whose values differ (for example sequence_number, description or reporting_to), or remove previous_names and the absent manifest once it is`},
		},
		{
			name: "a child left under a replaced role",
			manifest: `apiVersion: crmsync/v1
kind: Role
name: Sales Rep
absent: true
transfer_to: CEO
---
apiVersion: crmsync/v1
kind: Role
name: Sales Rep
previous_names: [Manager]
`,
			want: []string{`m.yaml:3:1: Role "Sales Rep": role "Trainee" still reports to it; delete that role too or move it with reporting_to`},
		},
		{
			name: "every problem at once, in file order",
			manifest: `apiVersion: crmsync/v1
kind: Role
name: Inside Sales
---
apiVersion: crmsync/v1
kind: Module
api_name: Digital_Marketings
profiles: [Admin]
`,
			want: []string{
				`m.yaml:3:1: Role "Inside Sales": a new role needs reporting_to: the role it reports to`,
				`m.yaml:8:12: Module "Digital_Marketings": no profile named "Admin" in the org; it has "Administrator", "Standard", "Marketing"`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := desired.Parse(desired.File{Path: "m.yaml", Data: []byte(tt.manifest)})
			if err != nil {
				t.Fatalf("manifest: %v", err)
			}
			live := liveOrg()
			observed := model.NewState()
			for i := range live.Objects {
				observed.Put(&live.Objects[i])
			}
			p, err := plan.Make(plan.Input{Desired: m.State, Observed: observed, Lookups: &live.Lookups},
				plan.Options{Prune: tt.prune, Targets: tt.targets, Positions: m.Positions()})
			var ps plan.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("got plan %v and error %v, want problems", p != nil, err)
			}
			if p != nil {
				t.Error("a plan along with problems")
			}
			got := strings.Split(ps.Error(), "\n")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTemporaryNamesAreNeverPruned: a live object left under a temporary
// name by an interrupted rename is listed, not deleted, under --prune.
func TestTemporaryNamesAreNeverPruned(t *testing.T) {
	observed := model.NewState()
	for _, o := range []model.Object{liveRole("CEO", "", "1"), liveRole("Manager"+model.TempSuffix, "CEO", "2")} {
		observed.Put(&o)
	}
	desired := model.NewState()
	desired.Put(&model.Object{Key: model.Key{Kind: model.KindRole, Name: "CEO"}, Role: &model.Role{Name: "CEO"}})
	p, err := plan.Make(plan.Input{Desired: desired, Observed: observed}, plan.Options{Prune: true})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Summary.Empty() || len(p.Unmanaged) != 1 || !strings.Contains(p.Unmanaged[0].Note, "never pruned") {
		t.Fatalf("plan %+v, unmanaged %+v", p.Summary, p.Unmanaged)
	}
}
