package plan

import (
	"slices"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/model"
)

// TestFieldWaitsForGlobalPicklist: a field that uses a global picklist
// the plan creates sends the new set's placeholder ID and waits for its
// create; one that uses a set the plan updates waits for that update. The
// GlobalPicklist change is injected as its kind's builder would add it,
// and its request is built after the field's (waitForKey does not depend
// on the order the kinds build their requests in).
func TestFieldWaitsForGlobalPicklist(t *testing.T) {
	for _, action := range []Action{Create, Update} {
		t.Run(string(action), func(t *testing.T) {
			gk := model.Key{Kind: model.KindGlobalPicklist, Name: "Sizes"}
			observed := model.NewState()
			if action == Update {
				observed.Put(&model.Object{Key: gk, ID: "5843104000000930077", GlobalPicklist: &model.GlobalPicklist{APIName: "Sizes"}})
			}
			d := &model.Object{Key: model.Key{Kind: model.KindField, Name: "Accounts.Size"}, Field: &model.FieldDef{
				Module: "Accounts", APIName: "Size", FieldLabel: model.Ptr("Size"), DataType: model.Ptr("picklist"),
				GlobalPicklist: model.Ptr("Sizes")}}
			desired := model.NewState()
			desired.Put(d)
			b := newBuilder(Input{Desired: desired, Observed: observed, Lookups: &model.Lookups{}}, Options{})
			b.add(&Change{Key: gk, Action: action, Fields: []FieldDiff{{Path: "display_label", Steps: []string{"display_label"}, New: "Sizes"}}})
			b.add(b.diffField(d, nil))
			b.fieldRequests()
			method := "POST"
			if action == Update {
				method = "PATCH"
			}
			gid := b.newRequest(method, "/settings/global_picklists", nil, "global_picklists", []any{map[string]any{"display_label": "Sizes"}}, []model.Key{gk})
			b.resolveKeyWaits()
			if len(b.problems) > 0 {
				t.Fatalf("problems: %v", b.problems)
			}
			f := b.reqs[0]
			if f.Path != "/settings/fields" || !slices.Contains(f.After, gid) {
				t.Fatalf("field request %s %s waits for %v, want the global picklist's request %d", f.Method, f.Path, f.After, gid)
			}
			wantID := "5843104000000930077"
			if action == Create {
				wantID = Placeholder(gk)
				if len(f.Refs) != 1 || f.Refs[0].Key != gk {
					t.Errorf("refs %v, want the new set's", f.Refs)
				}
			}
			if !strings.Contains(string(f.Body), `"global_picklist":{"id":"`+wantID+`"`) {
				t.Errorf("body %s, want global_picklist id %s", f.Body, wantID)
			}
		})
	}
}
