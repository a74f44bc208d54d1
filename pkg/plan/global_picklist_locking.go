package plan

import (
	"slices"

	"github.com/crmsync/crmsync/pkg/model"
)

// Locking rules on fields that use a global picklist: their criteria are
// checked against the set's values as the plan leaves them, and a rule
// that compares with a value the plan adds waits for the set's update.

// globalPicklistValues are the stored values a field that uses a global
// picklist offers once the plan is applied: the used values of the set's
// manifest, paired with the live set. managed is false when no manifest
// manages the set's values (the field's live values are right then).
func (b *builder) globalPicklistValues(f *model.FieldInfo) (offered []string, managed bool) {
	if f.GlobalPicklist == "" {
		return nil, false
	}
	k := model.Key{Kind: model.KindGlobalPicklist, Name: f.GlobalPicklist}
	d := b.in.Desired.Get(k)
	if d == nil || d.Absent || d.GlobalPicklist == nil || d.GlobalPicklist.PickListValues == nil {
		return nil, false
	}
	var live []model.PicklistValue
	if o := b.in.Observed.Get(k); o != nil {
		live = values(o.GlobalPicklist)
	}
	for _, v := range mergeValues(*d.GlobalPicklist.PickListValues, live) {
		if !v.Unused() {
			offered = append(offered, v.Stored())
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
		if !model.SameName(f.APIName, c.Field) || f.GlobalPicklist == "" || slices.Contains(f.PickList, s) {
			continue
		}
		if id := b.globalPicklistWrite(f.GlobalPicklist); id != 0 {
			out = append(out, id)
		}
	}
	return out
}
