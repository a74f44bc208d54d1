package apply

import (
	"fmt"
	"slices"

	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

// Zoho may ignore the API name a field create sends and derive one from
// the label, adding a suffix when the name is taken (fields.md §3, q1,
// q17). The plan refuses the creates where the derived name differs from
// the manifest's, but the derivation rule is not documented: a new field
// the re-read finds under its ID but another name is reported as such,
// with the fix, rather than as a missing field (which a rerun would
// create a second time).

// renamedFields finds the created fields that the re-read state holds
// under another API name. It returns the residuals without those of such
// fields, the mismatches to report, and notes the fix on the outcomes.
func (e *executor) renamedFields(res []plan.Residual, state *model.State) ([]plan.Residual, []Mismatch) {
	var out []Mismatch
	byID := map[string]*model.Object{}
	for _, o := range state.OfKind(model.KindField) {
		byID[o.ID] = o
	}
	for _, o := range e.outcomes {
		if o.Key.Kind != model.KindField || o.Status != Created || o.ID == "" {
			continue
		}
		live := byID[o.ID]
		if live == nil || model.FoldKey(live.Key) == model.FoldKey(o.Key) {
			continue
		}
		_, want := model.SplitFieldKey(o.Key.Name)
		_, got := model.SplitFieldKey(live.Key.Name)
		out = append(out, Mismatch{Key: o.Key, Path: "api_name", Want: want, Got: got})
		o.Message = fmt.Sprintf("created, but Zoho named it %s: set the manifest's api_name to %q (a plan with %q would create another field)", got, got, want)
		// The residuals of the key compare with whatever field has the
		// manifest's name now, not with the one created.
		res = slices.DeleteFunc(res, func(r plan.Residual) bool { return r.Key == o.Key })
	}
	slices.SortFunc(out, func(a, b Mismatch) int { return a.Key.Compare(b.Key) })
	return res, out
}
