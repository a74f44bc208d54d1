package observe

import (
	"slices"

	registry "github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
)

// ScopeFor computes the minimal reads for a set of desired objects:
//   - one list GET for each of Module, Role and ContactRole when a manifest
//     has that kind;
//   - one GET of locking configurations per managed module;
//   - profiles when a manifest names a profile;
//   - fields of a module when its locking manifest names a field;
//   - custom buttons of a module when its locking manifest names a button;
//   - users when a manifest names a forecast manager.
func ScopeFor(desired *model.State) model.Scope {
	var s model.Scope
	kinds := map[model.Kind]bool{}
	for _, o := range desired.Objects() {
		kinds[o.Key.Kind] = true
		switch {
		case o.LockingConfig != nil:
			addLockingScope(&s, o)
		case o.Module != nil:
			s.Modules = append(s.Modules, o.Key.Name)
			s.Profiles = s.Profiles || o.Module.Profiles != nil
		case o.Role != nil:
			s.Users = s.Users || o.Role.ForecastManager != nil
		}
	}
	for _, d := range registry.All() {
		if kinds[d.Kind] && !d.Reads.PerModule {
			s.Kinds = append(s.Kinds, d.Kind)
		}
	}
	for _, l := range []*[]string{&s.LockingModules, &s.FieldModules, &s.ButtonModules, &s.Modules} {
		slices.Sort(*l)
		*l = slices.Compact(*l)
	}
	return s
}

func addLockingScope(s *model.Scope, o *model.Object) {
	c := o.LockingConfig
	s.LockingModules = append(s.LockingModules, o.Key.Name)
	if o.Absent {
		return
	}
	s.Profiles = s.Profiles || c.LockExcludedProfiles != nil
	namesField := c.ExcludedFields != nil
	for _, r := range deref(c.LockingRules) {
		namesField = namesField || r.Criteria != nil
	}
	if namesField {
		s.FieldModules = append(s.FieldModules, o.Key.Name)
	}
	if c.RestrictedCustomButtons != nil {
		s.ButtonModules = append(s.ButtonModules, o.Key.Name)
	}
}

func deref[T any](p *[]T) []T {
	if p == nil {
		return nil
	}
	return *p
}
