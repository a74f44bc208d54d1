package observe_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/observe"
)

// TestGlobalPicklistsRead: one GET for every set with its values; a set
// being deleted is left out with a warning; a system set is a system
// object; values keep their order, ids, stored values, types and
// sequence numbers.
func TestGlobalPicklistsRead(t *testing.T) {
	seed := emulator.DemoSeed()
	no := false
	seed.GlobalPicklists = append(seed.GlobalPicklists,
		emulator.GlobalPicklist{ID: "5843104000000930101", APIName: "team_member_role__s", DisplayLabel: "Team Member Role",
			Customizable: &no, Values: []emulator.PickListOption{{DisplayValue: "Owner"}}},
		emulator.GlobalPicklist{ID: "5843104000000930201", APIName: "Old_Sizes", DisplayLabel: "Old Sizes",
			DeletePending: true, Values: []emulator.PickListOption{{DisplayValue: "S"}}})
	emu, url := emulator.Start(t, emulator.Options{Seed: seed})
	res, err := observe.Observe(context.Background(), client(t, emu, url),
		observe.ScopeFor(parse(t, "apiVersion: crmsync/v1\nkind: GlobalPicklist\napi_name: Regions\n")))
	if err != nil {
		t.Fatal(err)
	}
	if got := gets(emu); !slices.Equal(got, []string{"/settings/global_picklists?include=pick_list_values"}) {
		t.Errorf("reads %v", got)
	}
	regions := res.State.Get(model.Key{Kind: model.KindGlobalPicklist, Name: "Regions"})
	if regions == nil || regions.ID != "5843104000000930001" || regions.System {
		t.Fatalf("Regions = %+v", regions)
	}
	var vals []string
	for _, v := range *regions.GlobalPicklist.PickListValues {
		if v.ID == "" {
			t.Errorf("value %s has no id", v.DisplayValue)
		}
		vals = append(vals, fmt.Sprintf("%s=%s/%s#%d", v.DisplayValue, v.Stored(), *v.Type, v.SequenceNumber))
	}
	if got := strings.Join(vals, ","); got != "EMEA=EMEA/used#1,Americas=Americas/used#2,APAC=APAC/used#3,Antarctica=Antarctica/unused#4" {
		t.Errorf("values %s", got)
	}
	if o := res.State.Get(model.Key{Kind: model.KindGlobalPicklist, Name: "team_member_role__s"}); o == nil || !o.System {
		t.Errorf("the system set = %+v, want a system object", o)
	}
	if o := res.State.Get(model.Key{Kind: model.KindGlobalPicklist, Name: "Old_Sizes"}); o != nil {
		t.Errorf("a set being deleted is read: %+v", o)
	}
	if got := res.Lookups.GlobalPicklistsDeleting; len(got) != 1 || got["Old_Sizes"] != "Old Sizes" {
		t.Errorf("sets being deleted in the look-ups: %v", got)
	}
	if !slices.ContainsFunc(res.Warnings, func(w string) bool { return strings.Contains(w, "Old_Sizes is being deleted") }) {
		t.Errorf("warnings %v", res.Warnings)
	}
}
