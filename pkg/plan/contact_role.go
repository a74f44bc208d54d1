package plan

import (
	"slices"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
)

const contactRolesPath = "/Contacts/roles"

func (b *builder) diffContactRole(d, o *model.Object) *Change {
	dr := d.ContactRole
	after := contactRoleView{Name: d.Key.Name, SequenceNumber: dr.SequenceNumber}
	if o == nil {
		return &Change{Key: d.Key, Action: Create, After: d, Fields: fieldDiffs(contactRoleView{}, after)}
	}
	before := contactRoleView{Name: o.Key.Name}
	if dr.SequenceNumber != nil {
		before.SequenceNumber = o.ContactRole.SequenceNumber
	}
	m := *o.ContactRole
	m.Name = d.Key.Name
	overlay(&m.SequenceNumber, dr.SequenceNumber)
	return &Change{Key: d.Key, Action: Update, Fields: fieldDiffs(before, after),
		After: &model.Object{Key: d.Key, ID: o.ID, ContactRole: &m}}
}

// contactRoleRequests batches contact-role changes, at most 100 objects per
// call: one POST per batch of new roles, one PUT per batch of changed roles
// (each item holding its id and only the keys that changed) and one DELETE
// with ids per batch of deleted roles.
//
// Zoho may check each item's name against the org as it was before the
// call, so a write that takes a name freed by another goes in a later call
// (see names.go): the deletes that free names go first, in a DELETE of
// their own; then, level by level, a write waits for the one that frees
// its name. When no name is reused, every write is at level 0 and the
// calls are the same as without the rule.
func (b *builder) contactRoleRequests() {
	nd := b.nameDepsOf(model.KindContactRole)
	var creates, updates, deletes, freeing []*Change
	for _, c := range b.changes {
		if c.Key.Kind != model.KindContactRole {
			continue
		}
		switch {
		case c.Action == Create:
			creates = append(creates, c)
		case c.Action == Update:
			updates = append(updates, c)
			if c.Replaces != nil {
				freeing = append(freeing, c)
			}
		case nd.freeing[c]:
			freeing = append(freeing, c)
		case c.Action == Delete:
			deletes = append(deletes, c)
		}
	}
	frees, takes, deleted := map[*Change]int{}, map[*Change]int{}, map[*Change]int{}
	for _, batch := range batches(freeing) {
		id := b.contactRoleDelete(batch)
		b.freeing[id] = true
		for _, c := range batch {
			deleted[c] = id
		}
	}
	lv := crLevels(nd)
	top := 0
	for _, c := range append(slices.Clone(creates), updates...) {
		top = max(top, lv.take(c))
	}
	for level := 0; level <= top; level++ {
		b.crLevel(level, creates, updates, nd, lv, frees, takes)
	}
	for _, batch := range batches(deletes) {
		b.contactRoleDelete(batch)
	}
	for c, f := range nd.freer {
		if nd.byDelete[c] {
			b.after(takes[c], deleted[f])
			continue
		}
		b.after(takes[c], frees[f])
	}
}

// crLevel builds the calls of one level: the creates, then the updates,
// with the breakers' moves to their temporary names at level 0.
func (b *builder) crLevel(level int, creates, updates []*Change, nd nameDeps, lv crLeveler, frees, takes map[*Change]int) {
	var cs, us []*Change
	var temps []bool
	for _, c := range creates {
		if lv.take(c) == level {
			cs = append(cs, c)
		}
	}
	for _, c := range updates {
		if level == 0 && nd.breakers[c] {
			us, temps = append(us, c), append(temps, true)
		}
		if lv.take(c) == level {
			us, temps = append(us, c), append(temps, false)
		}
	}
	for _, batch := range batches(cs) {
		id := b.contactRoleBatch("POST", batch, nil)
		for _, c := range batch {
			takes[c] = id
		}
	}
	for len(us) > 0 {
		n := min(len(us), batchSize)
		id := b.contactRoleBatch("PUT", us[:n], temps[:n])
		for i, c := range us[:n] {
			if temps[i] {
				frees[c] = id
				continue
			}
			takes[c] = id
			if !nd.breakers[c] {
				frees[c] = id
			}
		}
		us, temps = us[n:], temps[n:]
	}
}

// crLeveler computes the level of each contact-role write: 0 when its name
// is free, else one more than the write that frees it.
type crLeveler struct {
	nd   nameDeps
	memo map[*Change]int
}

func crLevels(nd nameDeps) crLeveler { return crLeveler{nd: nd, memo: map[*Change]int{}} }

// take is the level of the write that gives c its name.
func (l crLeveler) take(c *Change) int {
	if v, ok := l.memo[c]; ok {
		return v
	}
	l.memo[c] = 0 // cycles are broken; this guards against a loop
	f := l.nd.freer[c]
	v := 0
	switch {
	case f == nil || l.nd.byDelete[c]:
	case l.nd.breakers[f]:
		v = 1 // its temporary name is taken at level 0
	default:
		v = l.take(f) + 1
	}
	l.memo[c] = v
	return v
}

func (b *builder) contactRoleDelete(batch []*Change) int {
	ids, keys := make([]string, len(batch)), make([]model.Key, len(batch))
	for i, c := range batch {
		ids[i], keys[i] = c.ID, c.Key
		if c.Replaces != nil {
			ids[i] = c.Replaces.ID
		}
	}
	return b.newRequest("DELETE", contactRolesPath, []Param{{Name: "ids", Value: strings.Join(ids, ",")}}, "contact_roles", nil, keys)
}

// contactRoleBatch builds one POST or PUT of batch; temp[i] makes item i
// the move of a breaker to its temporary name.
func (b *builder) contactRoleBatch(method string, batch []*Change, temp []bool) int {
	items, keys := make([]any, len(batch)), make([]model.Key, len(batch))
	for i, c := range batch {
		if temp != nil && temp[i] {
			items[i], keys[i] = tempItem(c), c.Key
			continue
		}
		cr := c.After.ContactRole
		changed := changedKeys(c)
		item := map[string]any{}
		if method == "PUT" {
			item["id"] = c.ID
		}
		if changed["name"] {
			item["name"] = c.Key.Name
		}
		if changed["sequence_number"] && cr.SequenceNumber != nil {
			item["sequence_number"] = *cr.SequenceNumber
		}
		items[i], keys[i] = item, c.Key
	}
	return b.newRequest(method, contactRolesPath, nil, "contact_roles", items, keys)
}

func batches(cs []*Change) [][]*Change {
	var out [][]*Change
	for len(cs) > 0 {
		n := min(len(cs), batchSize)
		out = append(out, cs[:n])
		cs = cs[n:]
	}
	return out
}
