package plan

import (
	"testing"

	"github.com/crmsync/crmsync/pkg/kinds/globalpicklist"
	"github.com/crmsync/crmsync/pkg/model"
)

// TestTypedBodyRefs: a placeholder inside a kind's typed body (a struct,
// not a map) is found, so apply fills it with the new object's id.
func TestTypedBodyRefs(t *testing.T) {
	b := newBuilder(Input{Desired: model.NewState(), Observed: model.NewState()}, Options{})
	k := model.Key{Kind: model.KindGlobalPicklist, Name: `Sales "Regions"`}
	type ref struct {
		ID string `json:"id"`
	}
	type item struct {
		GlobalPicklist ref                    `json:"global_picklist"`
		Values         []globalpicklist.Value `json:"pick_list_values"`
	}
	id := b.newRequest("POST", "/settings/fields", nil, "fields",
		[]any{item{GlobalPicklist: ref{ID: Placeholder(k)}, Values: []globalpicklist.Value{{DisplayValue: "x"}}}}, nil)
	r := b.reqs[id-1]
	if len(r.Refs) != 1 || r.Refs[0].Key != k || r.Refs[0].Placeholder != Placeholder(k) {
		t.Errorf("refs %+v, want one for %s", r.Refs, k)
	}
}
