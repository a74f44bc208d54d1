package plan

import (
	"strings"

	kcontactrole "github.com/crmsync/crmsync/pkg/kinds/contactrole"
	"github.com/crmsync/crmsync/pkg/model"
)

const contactRolesPath = kcontactrole.Path

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
// call, so a write that takes a name another write frees goes in a later
// call (see names.go). The deletes that free names go first, in a DELETE of
// their own. Then two rounds: in the first, every write whose name is free
// takes it, and every renamed role whose name another write takes but whose
// own new name is not free yet moves to its temporary name; in the second,
// every other write takes its name. Chains and cycles of renames so cost
// two calls however long they are. When no name is reused, every write is
// in the first round and the calls are the same as without the rule.
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
	ph := crRoundsOf(nd)
	for _, c := range updates {
		if ph.temp(c) {
			b.warn("%s: the new name of %s is still taken when the first call is made, so it goes through the temporary name %q; a rerun after an interruption finds it there",
				b.desiredOf(c).Where(), c.Key, model.TempName(c.Key.Kind, c.Key.Name))
		}
	}
	for round := 0; round <= 1; round++ {
		b.crRound(round, creates, updates, ph, frees, takes)
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

// crRound builds the calls of one round: the creates, then the updates,
// with the moves to temporary names in the first round.
func (b *builder) crRound(round int, creates, updates []*Change, ph crRounds, frees, takes map[*Change]int) {
	var cs, us []*Change
	var temps []bool
	for _, c := range creates {
		if ph.take(c) == round {
			cs = append(cs, c)
		}
	}
	for _, c := range updates {
		if round == 0 && ph.temp(c) {
			us, temps = append(us, c), append(temps, true)
		}
		if ph.take(c) == round {
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
			if !ph.temp(c) {
				frees[c] = id
			}
		}
		us, temps = us[n:], temps[n:]
	}
}

// crRounds says in which round each contact-role write takes its name.
type crRounds struct {
	nd nameDeps
	// blocking are the renames whose live name another write takes.
	blocking map[*Change]bool
}

func crRoundsOf(nd nameDeps) crRounds {
	r := crRounds{nd: nd, blocking: map[*Change]bool{}}
	for c, f := range nd.freer {
		if !nd.byDelete[c] {
			r.blocking[f] = true
		}
	}
	return r
}

// take is the round of the write that gives c its name: the first when the
// name is free once the freeing deletes are done.
func (r crRounds) take(c *Change) int {
	if r.nd.freer[c] == nil || r.nd.byDelete[c] {
		return 0
	}
	return 1
}

// temp reports whether c first moves to its temporary name: another write
// waits for its live name, and its own new name is not free in the first
// round.
func (r crRounds) temp(c *Change) bool { return r.blocking[c] && r.take(c) == 1 }

func (b *builder) contactRoleDelete(batch []*Change) int {
	ids, keys := make([]string, len(batch)), make([]model.Key, len(batch))
	for i, c := range batch {
		ids[i], keys[i] = c.ID, c.Key
		if c.Replaces != nil {
			ids[i] = c.Replaces.ID
		}
	}
	return b.newRequest("DELETE", contactRolesPath, []Param{{Name: "ids", Value: strings.Join(ids, ",")}}, kcontactrole.Key, nil, keys)
}

// contactRoleBatch builds one POST or PUT of batch; temp[i] makes item i
// the move of a breaker to its temporary name.
func (b *builder) contactRoleBatch(method string, batch []*Change, temp []bool) int {
	items, keys := make([]kcontactrole.Item, len(batch)), make([]model.Key, len(batch))
	for i, c := range batch {
		keys[i] = c.Key
		if temp != nil && temp[i] {
			items[i] = kcontactrole.Item{ID: c.ID, Name: tempName(c)}
			continue
		}
		changed := changedKeys(c)
		if method == "PUT" {
			items[i].ID = c.ID
		}
		if changed["name"] {
			items[i].Name = &c.Key.Name
		}
		if changed["sequence_number"] {
			items[i].SequenceNumber = c.After.ContactRole.SequenceNumber
		}
	}
	return b.newRequest(method, contactRolesPath, nil, kcontactrole.Key, kcontactrole.Body{ContactRoles: items}, keys)
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
