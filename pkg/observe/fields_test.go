package observe_test

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/observe"
)

// TestObserveFields: the fields of a module are read once, for the Field
// manifests and the locking configuration together; the fields the
// manifests name become objects (a standard one as a system object), and
// so does every other custom field of their modules (for the unmanaged
// list); a module Zoho does not know is reported, not fatal.
func TestObserveFields(t *testing.T) {
	st := parse(t, `apiVersion: crmsync/v1
kind: Field
module: Accounts
api_name: customer_tier
permissions: {Sales: read_write}
---
apiVersion: crmsync/v1
kind: Field
module: Deals
api_name: Stage
---
apiVersion: crmsync/v1
kind: Field
module: Nowhere
api_name: X
---
apiVersion: crmsync/v1
kind: RecordLockingConfig
module: Deals
lock_type: manual
excluded_fields: [Description]
`)
	scope := observe.ScopeFor(st)
	if want := []string{"Accounts", "Deals", "Nowhere"}; !slices.Equal(scope.FieldModules, want) || !scope.Profiles {
		t.Fatalf("scope %+v, want field modules %v and profiles", scope, want)
	}
	emu, url := emulator.Start(t, emulator.Options{Seed: emulator.DemoSeed()})
	res, err := observe.Observe(context.Background(), client(t, emu, url), scope)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"/settings/fields?module=Accounts", "/settings/fields?module=Deals", "/settings/fields?module=Nowhere",
		"/settings/profiles", "/settings/record_locking_configurations?module=Deals",
	}
	if diff := cmp.Diff(want, gets(emu)); diff != "" {
		t.Errorf("reads (-want +got):\n%s", diff)
	}
	var keys []string
	for _, o := range res.State.OfKind(model.KindField) {
		keys = append(keys, o.Key.Name)
	}
	if diff := cmp.Diff([]string{"Accounts.Account_Code", "Accounts.Customer_Tier", "Accounts.Region", "Deals.Stage"}, keys); diff != "" {
		t.Errorf("field objects (-want +got):\n%s", diff)
	}
	tier := res.State.Get(model.Key{Kind: model.KindField, Name: "Accounts.Customer_Tier"})
	if tier.System || tier.ID == "" || *tier.Field.DataType != "picklist" || len(*tier.Field.PickListValues) != 3 ||
		(*tier.Field.Permissions)["Support"] != "hidden" || tier.Field.Tooltip.Name != "static_text" {
		t.Errorf("Customer_Tier: %+v %+v", tier, tier.Field)
	}
	if stage := res.State.Get(model.Key{Kind: model.KindField, Name: "Deals.Stage"}); !stage.System {
		t.Errorf("Deals.Stage is not a system object")
	}
	if region := res.State.Get(model.Key{Kind: model.KindField, Name: "Accounts.Region"}); region.Field.GlobalPicklist == nil || *region.Field.GlobalPicklist != "Regions" {
		t.Errorf("Accounts.Region: %+v", region.Field)
	}
	if got := res.Lookups.FieldErrors["Nowhere"]; got != "INVALID_MODULE" {
		t.Errorf("field errors %v", res.Lookups.FieldErrors)
	}
	if len(res.Lookups.Fields["Deals"]) == 0 {
		t.Errorf("the Deals look-ups are empty")
	}
}
