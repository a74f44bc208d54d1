package plan

import (
	"github.com/crmsync/crmsync/pkg/model"
)

// The rules of a global picklist that many fields use (fields.md §9.4,
// §9.5): Zoho removes no value from it and does not delete it while more
// than gpMaxFields fields use it, and adds or moves to used at most
// gpMaxAdded values per save then. Only the fields of the modules read for
// the plan are known, so these checks see at most those.
const (
	gpMaxFields = 15
	gpMaxAdded  = 50
)

// fieldsUsing counts the fields read for the plan that use the set.
func (b *builder) fieldsUsing(set string) int {
	n := 0
	for _, fs := range b.in.Lookups.Fields {
		for _, f := range fs {
			if f.GlobalPicklist != nil && model.SameName(f.GlobalPicklist.Name, set) {
				n++
			}
		}
	}
	return n
}

// checkManyUsers refuses, at the manifest, what Zoho refuses for a set
// that more than gpMaxFields known fields use.
func (b *builder) checkManyUsers(c *Change) {
	n := b.fieldsUsing(c.Key.Name)
	if n <= gpMaxFields {
		return
	}
	d := b.desiredOf(c)
	if c.Action == Delete {
		b.problem(d, "%d fields of the modules read use the set, and Zoho does not delete a set that more than %d fields use (NOT_ALLOWED); make at most %d fields use it first",
			nil, n, gpMaxFields, gpMaxFields)
		return
	}
	if c.Action != Update {
		return
	}
	if gone := removedValues(values(c.Before.GlobalPicklist), c.After.GlobalPicklist); len(gone) > 0 {
		b.problem(d, "removes %s, but %d fields of the modules read use the set, and Zoho removes no value from a set that more than %d fields use (NOT_ALLOWED); keep %s with type: unused instead",
			[]any{"pick_list_values"}, quoteList(gone, ", "), n, gpMaxFields, them(len(gone)))
	}
	if added := toUsed(values(c.Before.GlobalPicklist), c.After.GlobalPicklist); added > gpMaxAdded {
		b.problem(d, "the plan adds or moves to used %d values, but %d fields of the modules read use the set, and Zoho takes at most %d per save then (LIMIT_EXCEEDED); add the others in a later apply",
			[]any{"pick_list_values"}, added, n, gpMaxAdded)
	}
}

// toUsed counts the used values of target g that are new or unused live.
func toUsed(live []model.PicklistValue, g *model.GlobalPicklist) int {
	unused := map[string]bool{}
	for _, l := range live {
		unused[l.ID] = l.Unused()
	}
	n := 0
	for _, v := range values(g) {
		if _, isLive := unused[v.ID]; !v.Unused() && (v.ID == "" || !isLive || unused[v.ID]) {
			n++
		}
	}
	return n
}
