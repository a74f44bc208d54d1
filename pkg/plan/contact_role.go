package plan

import (
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
func (b *builder) contactRoleRequests() {
	var creates, updates, deletes []*Change
	for _, c := range b.changes {
		if c.Key.Kind != model.KindContactRole {
			continue
		}
		switch c.Action {
		case Create:
			creates = append(creates, c)
		case Update:
			updates = append(updates, c)
		case Delete:
			deletes = append(deletes, c)
		}
	}
	for _, batch := range batches(creates) {
		b.contactRoleBatch("POST", batch)
	}
	for _, batch := range batches(updates) {
		b.contactRoleBatch("PUT", batch)
	}
	for _, batch := range batches(deletes) {
		ids, keys := make([]string, len(batch)), make([]model.Key, len(batch))
		for i, c := range batch {
			ids[i], keys[i] = c.ID, c.Key
		}
		b.newRequest("DELETE", contactRolesPath, []Param{{Name: "ids", Value: strings.Join(ids, ",")}}, "contact_roles", nil, keys)
	}
}

func (b *builder) contactRoleBatch(method string, batch []*Change) {
	items, keys := make([]any, len(batch)), make([]model.Key, len(batch))
	for i, c := range batch {
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
	b.newRequest(method, contactRolesPath, nil, "contact_roles", items, keys)
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
