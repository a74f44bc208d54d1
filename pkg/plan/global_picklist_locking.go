package plan

import (
	"slices"

	"github.com/crmsync/crmsync/pkg/model"
)

// Locking rules on fields that use a global picklist: their criteria are
// checked against the set's values as the plan leaves them, and a rule
// that compares with a value the plan adds waits for the set's update.

// globalPicklistValues are the values a field that uses a global picklist
// offers once the plan is applied (globalSetValues). managed is false when
// no manifest manages the set's values (the field's live values are right
// then).
func (b *builder) globalPicklistValues(f *model.FieldInfo) (offered []string, managed bool) {
	if f.GlobalPicklist == nil {
		return nil, false
	}
	return b.globalSetValues(f.GlobalPicklist.Name)
}

// globalSetValues are the values the global picklist apiName offers once
// the plan is applied: the used values of the set's manifest, paired with
// the live set, by stored value and by display value (a criteria value
// may name either). managed is false when no manifest manages the set's
// values.
func (b *builder) globalSetValues(apiName string) (offered []string, managed bool) {
	d := b.globalIndex().desired[model.Fold(apiName)] // API names are case-blind
	if d == nil || d.Absent || d.GlobalPicklist == nil || d.GlobalPicklist.PickListValues == nil {
		return nil, false
	}
	var live []model.PicklistValue
	if o := b.in.Observed.Get(d.Key); o != nil {
		live = values(o.GlobalPicklist)
	}
	for _, v := range mergeValues(*d.GlobalPicklist.PickListValues, live) {
		if !v.Unused() {
			offered = append(offered, v.Stored())
			if v.DisplayValue != v.Stored() {
				offered = append(offered, v.DisplayValue)
			}
		}
	}
	return offered, true
}

// lockingAfterGlobalPicklists makes each locking write whose rules compare
// a field that uses a global picklist with a value the field does not
// offer yet go after the write that gives the set that value.
func (b *builder) lockingAfterGlobalPicklists() {
	for _, c := range b.changes {
		if c.Key.Kind != model.KindLockingConfig || c.After == nil || c.After.LockingConfig == nil {
			continue
		}
		var deps []int
		for _, r := range list(c.After.LockingConfig.LockingRules) {
			deps = append(deps, b.criteriaGlobalWrites(c.Key.Name, r.Criteria)...)
		}
		for _, id := range c.Requests {
			b.after(id, deps...)
		}
	}
}

func (b *builder) criteriaGlobalWrites(module string, c *model.Criteria) []int {
	if c == nil {
		return nil
	}
	var out []int
	for i := range c.Group {
		out = append(out, b.criteriaGlobalWrites(module, &c.Group[i])...)
	}
	s, ok := c.Value.(string)
	if !ok || c.IsGroup() {
		return out
	}
	for _, f := range b.in.Lookups.Fields[module] {
		if !model.SameName(f.APIName, c.Field) || f.GlobalPicklist == nil || slices.Contains(f.PickList, s) {
			continue
		}
		if id := b.globalPicklistWrite(f.GlobalPicklist.Name); id != 0 {
			out = append(out, id)
		}
	}
	return out
}

// checkRemovalsInLocking refuses removing a global picklist value (or
// moving it to unused) while a locking rule that the plan keeps compares
// a field that uses the set with it: Zoho refuses that, or drops the rule
// (q6, q8), and neither is what the manifests ask. Only the locking
// configurations read for the plan are known.
func (b *builder) checkRemovalsInLocking() {
	for _, c := range b.changes {
		if c.Key.Kind != model.KindGlobalPicklist || c.Action != Update {
			continue
		}
		gone := offeredNoMore(values(c.Before.GlobalPicklist), c.After.GlobalPicklist)
		if len(gone) == 0 {
			continue
		}
		for _, lc := range b.lockingAfterPlan() {
			for _, r := range list(lc.LockingRules) {
				for _, v := range b.criteriaValues(lc.Module, c.Key.Name, r.Criteria) {
					if gone[model.Fold(v)] {
						b.problem(b.desiredOf(c), "the value %q is still compared with by the locking rule %q of module %s, so Zoho would refuse to remove it (or drop the rule); change or remove that rule in the same plan",
							[]any{"pick_list_values"}, v, r.Name, lc.Module)
					}
				}
			}
		}
	}
}

// offeredNoMore are the folded stored values of the used live values that
// target g removes or moves to unused.
func offeredNoMore(live []model.PicklistValue, g *model.GlobalPicklist) map[string]bool {
	if g.PickListValues == nil {
		return nil
	}
	used := map[string]bool{}
	for _, a := range *g.PickListValues {
		used[a.ID] = a.ID != "" && !a.Unused()
	}
	out := map[string]bool{}
	for _, l := range live {
		if !l.Unused() && !used[l.ID] {
			out[model.Fold(l.Stored())] = true
		}
	}
	return out
}

// lockingAfterPlan are the locking configurations as the plan leaves
// them: each change's After, and the live ones it does not change.
func (b *builder) lockingAfterPlan() []*model.LockingConfig {
	var out []*model.LockingConfig
	for _, o := range b.in.Observed.OfKind(model.KindLockingConfig) {
		c := b.byKey[o.Key]
		switch {
		case c == nil && o.LockingConfig != nil:
			out = append(out, o.LockingConfig)
		case c != nil && c.Action == Update && c.After.LockingConfig != nil:
			out = append(out, c.After.LockingConfig)
		}
	}
	return out
}

// criteriaValues are the values criteria compare fields of module that use
// global picklist set with.
func (b *builder) criteriaValues(module, set string, c *model.Criteria) []string {
	if c == nil {
		return nil
	}
	var out []string
	for i := range c.Group {
		out = append(out, b.criteriaValues(module, set, &c.Group[i])...)
	}
	s, ok := c.Value.(string)
	if !ok || c.IsGroup() {
		return out
	}
	for _, f := range b.in.Lookups.Fields[module] {
		if model.SameName(f.APIName, c.Field) && f.GlobalPicklist != nil && model.SameName(f.GlobalPicklist.Name, set) {
			out = append(out, s)
		}
	}
	return out
}
