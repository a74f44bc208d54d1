package plan

import (
	"reflect"
	"testing"

	"github.com/crmsync/crmsync/pkg/model"
)

// TestDiffFieldPermissions: an update whose listed permissions all match
// keeps the live map itself (no copy of every profile's entry); one where
// a listed permission differs, or names a profile the field does not list,
// gets a fresh map with the live entries and the listed ones, and the live
// map is left as it was.
func TestDiffFieldPermissions(t *testing.T) {
	live := map[string]string{"Administrator": "read_write", "Standard": "read_only", "Sales": "hidden"}
	cases := []struct {
		name string
		want map[string]string
		same bool
		diff bool
	}{
		{"match", map[string]string{"Standard": "read_only"}, true, false},
		{"differs", map[string]string{"Standard": "hidden"}, false, true},
		{"unlisted profile", map[string]string{"Support": "hidden"}, false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			liveCopy := map[string]string{}
			for p, v := range live {
				liveCopy[p] = v
			}
			k := model.Key{Kind: model.KindField, Name: "Accounts.Tier"}
			o := &model.Object{Key: k, ID: "1", Field: &model.FieldDef{Module: "Accounts", APIName: "Tier",
				FieldLabel: model.Ptr("Tier"), DataType: model.Ptr("text"), Permissions: &liveCopy}}
			d := &model.Object{Key: k, Field: &model.FieldDef{Module: "Accounts", APIName: "Tier",
				FieldLabel: model.Ptr("Tier"), Permissions: &c.want}}
			b := newBuilder(Input{Desired: model.NewState(), Observed: model.NewState(), Lookups: &model.Lookups{}}, Options{})
			ch := b.diffField(d, o)
			if ch == nil {
				t.Fatalf("no change built; problems %v", b.problems)
			}
			got := ch.After.Field.Permissions
			if (got == o.Field.Permissions) != c.same {
				t.Errorf("after shares the live map: %v, want %v", got == o.Field.Permissions, c.same)
			}
			merged := map[string]string{}
			for p, v := range live {
				merged[p] = v
			}
			for p, v := range c.want {
				merged[p] = v
			}
			if !reflect.DeepEqual(*got, merged) {
				t.Errorf("after permissions %v, want %v", *got, merged)
			}
			if !reflect.DeepEqual(liveCopy, live) {
				t.Errorf("live permissions changed to %v", liveCopy)
			}
			if (len(ch.Fields) > 0) != c.diff {
				t.Errorf("diffs %v, want some: %v", ch.Fields, c.diff)
			}
		})
	}
}
