package module

import (
	"github.com/crmsync/crmsync/pkg/kinds/spec"
	"github.com/crmsync/crmsync/pkg/model"
)

// document writes a module's managed settings.
func document(o *model.Object) []spec.Pair {
	m := o.Module
	if m == nil {
		return nil
	}
	d := []spec.Pair{{K: "api_name", V: m.APIName}}
	if m.PluralLabel != nil {
		d = append(d, spec.Pair{K: "plural_label", V: *m.PluralLabel})
	}
	if m.SingularLabel != nil {
		d = append(d, spec.Pair{K: "singular_label", V: *m.SingularLabel})
	}
	if m.Profiles != nil {
		d = append(d, spec.Pair{K: "profiles", V: spec.Sorted(*m.Profiles)})
	}
	return d
}
