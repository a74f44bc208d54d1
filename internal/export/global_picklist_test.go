package export

import (
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/model"
)

// TestGlobalPicklistManifest: a set is written whole, without ids, in value
// order; actual_value only where it differs from the display value, type
// only for unused values, sorting only when on.
func TestGlobalPicklistManifest(t *testing.T) {
	s := model.NewState()
	s.Put(&model.Object{Key: model.Key{Kind: model.KindGlobalPicklist, Name: "Regions"}, ID: "5843104000000930001",
		GlobalPicklist: &model.GlobalPicklist{APIName: "Regions", DisplayLabel: model.Ptr("Sales Regions"),
			Description: model.Ptr("By continent"), PickListValuesSortedLexically: model.Ptr(false),
			PickListValues: &[]model.PicklistValue{
				{ID: "5843104000000930011", DisplayValue: "EMEA", ActualValue: model.Ptr("EMEA"), Type: model.Ptr("used")},
				{ID: "5843104000000930012", DisplayValue: "The Americas", ActualValue: model.Ptr("Americas"), Type: model.Ptr("used")},
				{ID: "5843104000000930013", DisplayValue: "Antarctica", ActualValue: model.Ptr("Antarctica"), Type: model.Ptr("unused")},
			}}})
	files := Manifests(s)
	if len(files) != 1 || files[0].Path != "global_picklists/regions.yaml" {
		t.Fatalf("files: %+v", files)
	}
	want := "apiVersion: crmsync/v1\nkind: GlobalPicklist\napi_name: Regions\ndisplay_label: Sales Regions\ndescription: By continent\n" +
		"pick_list_values:\n  - display_value: EMEA\n  - display_value: The Americas\n    actual_value: Americas\n" +
		"  - display_value: Antarctica\n    type: unused\n"
	if got := string(files[0].Data); !strings.HasSuffix(got, want) {
		t.Errorf("manifest:\n%s\nwant it to end with:\n%s", got, want)
	}
}
