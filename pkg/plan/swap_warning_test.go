package plan_test

import (
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/desired"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

// TestSwapDecidedByPartnerDoesNotWarn: in a swap where only one manifest's
// keys tell the live objects apart, that manifest decides both pairings;
// the other must not be warned that it "is taken as" the object of its own
// name, since the plan renames it.
func TestSwapDecidedByPartnerDoesNotWarn(t *testing.T) {
	m, err := desired.Parse(desired.File{Path: "m.yaml", Data: []byte(`apiVersion: crmsync/v1
kind: Role
name: Manager
previous_names: [Sales Head]
reporting_to: CEO
---
apiVersion: crmsync/v1
kind: Role
name: Sales Head
previous_names: [Manager]
description: leads sales
`)})
	if err != nil {
		t.Fatal(err)
	}
	live := liveOrg()
	observed := model.NewState()
	for i := range live.Objects {
		observed.Put(&live.Objects[i])
	}
	observed.Get(model.Key{Kind: model.KindRole, Name: "Manager"}).Role.Description = model.Ptr("leads sales")
	p, err := plan.Make(plan.Input{Desired: m.State, Observed: observed, Lookups: &live.Lookups}, plan.Options{Positions: m.Positions()})
	if err != nil {
		t.Fatal(err)
	}
	renamed := map[string]string{}
	for _, c := range p.Changes {
		renamed[c.Key.Name] = c.PreviousName
	}
	if renamed["Manager"] != "Sales Head" || renamed["Sales Head"] != "Manager" {
		t.Fatalf("renames %v, want the swap; warnings %q", renamed, p.Warnings)
	}
	for _, w := range p.Warnings {
		if strings.Contains(w, "is taken as this object") {
			t.Errorf("warning for a decided swap: %s", w)
		}
	}
}
