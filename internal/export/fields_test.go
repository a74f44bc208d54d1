package export_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crmsync/crmsync/internal/export"
	"github.com/crmsync/crmsync/pkg/desired"
	"github.com/crmsync/crmsync/pkg/model"
)

// TestFieldManifests: a custom field is written whole under fields/ and
// reads back as the same field (profile names YAML would misread
// included); an untouched standard field is not written; --complete adds
// tooltip: null to a custom field without one.
func TestFieldManifests(t *testing.T) {
	perms := map[string]string{"Administrator": "read_write", "yes": "hidden", "007": "read_only"}
	custom := &model.FieldDef{Module: "Accounts", APIName: "Customer_Tier", FieldLabel: model.Ptr("Customer Tier"),
		DataType: model.Ptr("picklist"), Tooltip: &model.Tooltip{},
		PickListValues: &[]model.PicklistValue{
			{ID: "5843104000000940001", DisplayValue: "Gold Plus", ActualValue: model.Ptr("Gold")},
			{ID: "5843104000000940002", DisplayValue: "Silver", ActualValue: model.Ptr("Silver")}},
		Permissions: &perms}
	untouched := &model.FieldDef{Module: "Deals", APIName: "Amount", FieldLabel: model.Ptr("Amount"),
		DataType: model.Ptr("currency"), Permissions: &map[string]string{"Administrator": "read_write"}}
	live := model.NewState()
	live.Put(&model.Object{Key: model.Key{Kind: model.KindField, Name: "Accounts.Customer_Tier"}, ID: "5843104000000931001", Field: custom})
	live.Put(&model.Object{Key: model.Key{Kind: model.KindField, Name: "Deals.Amount"}, ID: "5843104000000002555", System: true, Field: untouched})

	files := export.Manifests(live)
	if len(files) != 1 || files[0].Path != "fields/accounts-customer-tier.yaml" {
		t.Fatalf("files: %+v", files)
	}
	text := string(files[0].Data)
	if strings.Contains(text, "58431040") || strings.Contains(text, "tooltip") {
		t.Errorf("the manifest holds an id or an empty tooltip:\n%s", text)
	}
	m, err := desired.Parse(desired.File{Path: files[0].Path, Data: files[0].Data})
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	got := m.State.Get(model.Key{Kind: model.KindField, Name: "Accounts.Customer_Tier"})
	if got == nil || got.Field == nil {
		t.Fatalf("the manifest does not read back as the field:\n%s", text)
	}
	want := *custom
	want.Tooltip = nil
	want.PickListValues = &[]model.PicklistValue{{DisplayValue: "Gold Plus", ActualValue: model.Ptr("Gold")},
		{DisplayValue: "Silver"}} // an actual value equal to the display value is left out
	if diff := cmp.Diff(&want, got.Field); diff != "" {
		t.Errorf("read back (-want +got):\n%s\n%s", diff, text)
	}

	complete := export.ManifestsWith(live, export.Options{Complete: true})
	if len(complete) != 1 || !strings.Contains(string(complete[0].Data), "\ntooltip: null\n") {
		t.Errorf("--complete: want tooltip: null in the custom field's manifest:\n%+v", complete)
	}
}
