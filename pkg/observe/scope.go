package observe

import (
	"slices"

	registry "github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
)

// ScopeFor computes the minimal reads for a set of desired objects; each
// kind's descriptor says what its objects add (package kinds). Today:
//   - one list GET for each of Module, Role and ContactRole when a manifest
//     has that kind;
//   - one GET of locking configurations per managed module;
//   - profiles when a manifest names a profile;
//   - fields of a module when its locking manifest names a field or a Field
//     manifest is in it (one GET per module, shared);
//   - custom buttons of a module when its locking manifest names a button;
//   - users when a manifest names a forecast manager.
func ScopeFor(desired *model.State) model.Scope {
	var s model.Scope
	kinds := map[model.Kind]bool{}
	for _, o := range desired.Objects() {
		kinds[o.Key.Kind] = true
		if d, _ := registry.Get(o.Key.Kind); d.Reads.Scope != nil {
			d.Reads.Scope(o, &s)
		}
	}
	for _, d := range registry.All() {
		if kinds[d.Kind] && !d.Reads.PerModule {
			s.Kinds = append(s.Kinds, d.Kind)
		}
	}
	for _, l := range []*[]string{&s.LockingModules, &s.FieldModules, &s.ButtonModules, &s.Modules, &s.Fields} {
		slices.Sort(*l)
		*l = slices.Compact(*l)
	}
	return s
}
