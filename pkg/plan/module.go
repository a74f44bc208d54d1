package plan

import (
	"fmt"
	"slices"

	kmodule "github.com/crmsync/crmsync/pkg/kinds/module"
	"github.com/crmsync/crmsync/pkg/model"
)

const modulesPath = kmodule.Path

func (b *builder) diffModule(d, o *model.Object) *Change {
	if o == nil {
		var names []string
		for _, m := range b.in.Observed.OfKind(model.KindModule) {
			names = append(names, m.Key.Name)
		}
		b.problem(d, "no custom module with API name %q in the org; crmsync manages existing custom modules only (create it in Zoho first)%s", []any{"api_name"}, d.Key.Name, hint(d.Key.Name, names))
		return nil
	}
	dm, om := d.Module, o.Module
	if dm.Profiles != nil && om.Profiles == nil {
		// The module list truncated the profiles and the module itself was
		// not read: a diff against a partial list would remove profiles.
		b.problem(d, "the org's list of profiles with access to module %s was not read in full (the module list truncates it), so crmsync cannot tell which profiles to add or remove", []any{"profiles"}, d.Key.Name)
		return nil
	}
	var before, after moduleView
	if dm.PluralLabel != nil {
		after.PluralLabel, before.PluralLabel = dm.PluralLabel, orDefault(om.PluralLabel, "")
	}
	if dm.SingularLabel != nil {
		after.SingularLabel, before.SingularLabel = dm.SingularLabel, orDefault(om.SingularLabel, "")
	}
	if dm.Profiles != nil {
		after.Profiles, before.Profiles = setText(*dm.Profiles, false), setText(list(om.Profiles), false)
	}
	m := *om
	overlay(&m.PluralLabel, dm.PluralLabel)
	overlay(&m.SingularLabel, dm.SingularLabel)
	overlay(&m.Profiles, dm.Profiles)
	return &Change{Key: d.Key, Action: Update, Fields: fieldDiffs(before, after),
		After: &model.Object{Key: d.Key, ID: o.ID, Module: &m}}
}

// moduleRequests builds the one PUT of a module change. Zoho's update page
// lists plural_label, singular_label and profiles as mandatory, so the body
// always carries both labels and the complete wanted profile list; profiles
// that lose access are added as {"id", "_delete": true} (the OpenAPI file's
// boolean form). This is right whether Zoho merges or replaces the list.
func (b *builder) moduleRequests(c *Change) {
	d := b.desiredOf(c)
	m := c.After.Module
	if m.Profiles == nil {
		b.problem(d, "an update of module %s must send its complete list of profiles, which was not read in full (the module list truncates it)", nil, c.Key.Name)
		return
	}
	item := kmodule.Item{PluralLabel: m.PluralLabel, SingularLabel: m.SingularLabel, Profiles: []kmodule.Profile{}}
	wanted := list(m.Profiles)
	for i, name := range wanted {
		if ref := b.profileRef(d, name, "profiles", i); ref != nil {
			item.Profiles = append(item.Profiles, kmodule.Profile{ID: ref.ID})
		}
	}
	for _, name := range list(c.Before.Module.Profiles) {
		if slices.Contains(wanted, name) {
			continue
		}
		if ref := b.profileRef(d, name); ref != nil {
			item.Profiles = append(item.Profiles, kmodule.Profile{ID: ref.ID, Delete: kmodule.Delete{Set: true}})
		}
	}
	if len(wanted) == 0 {
		b.problem(d, "a module needs at least one profile (Zoho answers MINIMUM_DATA_NOT_FOUND)", []any{"profiles"})
	}
	b.newRequest("PUT", fmt.Sprintf("%s/%s", modulesPath, c.ID), nil, kmodule.Key,
		kmodule.Body{Modules: []kmodule.Item{item}}, []model.Key{c.Key})
}
