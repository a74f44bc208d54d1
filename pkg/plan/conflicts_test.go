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

// planLive plans manifest against liveOrg.
func planLive(t *testing.T, manifest string) (*plan.Plan, error) {
	t.Helper()
	m, err := desired.Parse(desired.File{Path: "m.yaml", Data: []byte(manifest)})
	if err != nil {
		t.Fatalf("manifest: %v", err)
	}
	live := liveOrg()
	observed := model.NewState()
	for i := range live.Objects {
		observed.Put(&live.Objects[i])
	}
	return plan.Make(plan.Input{Desired: m.State, Observed: observed, Lookups: &live.Lookups}, plan.Options{Positions: m.Positions()})
}

const moduleHead = "apiVersion: crmsync/v1\nkind: Module\n"

// TestConflictProblems: writes Zoho would refuse are found by the plan,
// before any call, at the manifest.
func TestConflictProblems(t *testing.T) {
	tests := []struct {
		name     string
		manifest string
		want     []string
	}{
		{
			name:     "plural label of a standard module, in another case",
			manifest: moduleHead + "api_name: Digital_Marketings\nplural_label: LEADS\n",
			want:     []string{`m.yaml:4:1: Module "Digital_Marketings": plural_label "LEADS" is also the plural label of module Leads; Zoho keeps module labels unique, comparing plural and singular labels without regard to case or surrounding spaces (DUPLICATE_DATA); choose another label`},
		},
		{
			name:     "singular label that is another module's plural label",
			manifest: moduleHead + "api_name: Digital_Marketings\nsingular_label: campaign briefs\n",
			want:     []string{`m.yaml:4:1: Module "Digital_Marketings": singular_label "campaign briefs" is also the plural label of module Campaign_Briefs; Zoho keeps module labels unique, comparing plural and singular labels without regard to case or surrounding spaces (DUPLICATE_DATA); choose another label`},
		},
		{
			name: "two manifests take the same label",
			manifest: moduleHead + "api_name: Campaign_Briefs\nplural_label: Promotions\n---\n" +
				moduleHead + "api_name: Digital_Marketings\nsingular_label: promotions\n",
			want: []string{`m.yaml:9:1: Module "Digital_Marketings": singular_label "promotions" is also the plural label that module Campaign_Briefs takes at m.yaml:4:1; Zoho keeps module labels unique, comparing plural and singular labels without regard to case or surrounding spaces (DUPLICATE_DATA); choose another label`},
		},
		{
			name: "two modules trade labels",
			manifest: moduleHead + "api_name: Campaign_Briefs\nplural_label: Digital Marketings\n---\n" +
				moduleHead + "api_name: Digital_Marketings\nplural_label: Campaign Briefs\n",
			want: []string{
				`m.yaml:4:1: Module "Campaign_Briefs": plural_label "Digital Marketings" is a label that module Digital_Marketings gives up, but Digital_Marketings needs, directly or through other modules, a label that Campaign_Briefs gives up: Zoho keeps labels unique at every call, so no update can go first; move one module to a temporary label in a separate apply first`,
				`m.yaml:9:1: Module "Digital_Marketings": plural_label "Campaign Briefs" is a label that module Campaign_Briefs gives up, but Campaign_Briefs needs, directly or through other modules, a label that Digital_Marketings gives up: Zoho keeps labels unique at every call, so no update can go first; move one module to a temporary label in a separate apply first`,
			},
		},
		{
			name: "two new rules whose groups differ only in order",
			manifest: lockingHead + `lock_type: automatic
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
        - group_operator: OR
          group:
            - {field: Stage, comparator: equal, value: Closed Won}
`,
			want: []string{`m.yaml:13:5: RecordLockingConfig "Deals": the criteria of rule "Done" mean the same as those of rule "Closed" (m.yaml:7:5); Zoho refuses two rules with the same criteria in one configuration (DUPLICATE_DATA); change the criteria or remove one rule`},
		},
		{
			name: "locking configuration on a module that does not exist",
			manifest: `apiVersion: crmsync/v1
kind: RecordLockingConfig
module: Dealz
lock_type: manual
`,
			want: []string{`m.yaml:3:1: RecordLockingConfig "Dealz": no module with API name "Dealz" in the org (Zoho answers INVALID_MODULE); name the module by its API name; did you mean "Deals"?`},
		},
		{
			name: "locking configuration on a module without record locking",
			manifest: `apiVersion: crmsync/v1
kind: RecordLockingConfig
module: Calls
lock_type: manual
`,
			want: []string{`m.yaml:3:1: RecordLockingConfig "Calls": module Calls does not support record locking (Zoho answers NOT_SUPPORTED); Zoho supports it on Leads, Contacts, Accounts, Deals, Quotes, Sales_Orders, Purchase_Orders, Invoices, Vendors, Price_Books, Cases, Solutions, Tasks, Products and on custom modules created in the org; remove this configuration`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := planLive(t, tt.manifest)
			var ps plan.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("got plan %v and error %v, want problems", p != nil, err)
			}
			if diff := cmp.Diff(tt.want, strings.Split(ps.Error(), "\n")); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLabelFreedInSamePlan: a module may take the label another module
// gives up in the same plan; its update waits for the other's.
func TestLabelFreedInSamePlan(t *testing.T) {
	p, err := planLive(t, moduleHead+"api_name: Campaign_Briefs\nplural_label: Briefs\nsingular_label: Brief\n---\n"+
		moduleHead+"api_name: Digital_Marketings\nplural_label: campaign briefs\n")
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]plan.Request{}
	for _, r := range p.Requests {
		byKey[r.Changes[0].Name] = r
	}
	cb, dm := byKey["Campaign_Briefs"], byKey["Digital_Marketings"]
	if len(p.Requests) != 2 || cb.ID == 0 || dm.ID == 0 {
		t.Fatalf("requests %+v, want one PUT per module", p.Requests)
	}
	if diff := cmp.Diff([]int{cb.ID}, dm.After); diff != "" {
		t.Errorf("Digital_Marketings's PUT After (-want +got):\n%s", diff)
	}
	if len(cb.After) != 0 {
		t.Errorf("Campaign_Briefs's PUT waits for %v, want nothing", cb.After)
	}
}
