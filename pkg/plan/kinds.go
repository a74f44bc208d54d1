package plan

import (
	"fmt"

	"github.com/crmsync/crmsync/pkg/model"
)

// kindPlan is the part of the builder that differs by kind: how a pair of
// desired and live objects becomes a change, and what deleting a live
// object destroys. Every kind of the registry (package kinds) has one; a
// test checks it.
type kindPlan struct {
	// diff turns a pair into a change, or nil when nothing differs (d is
	// never absent; o is nil for a create).
	diff func(b *builder, d, o *model.Object) *Change
	// deleted fills what Delete change c destroys; nil when the kind's
	// objects are never deleted.
	deleted func(b *builder, c *Change)
}

var kindPlans = map[model.Kind]kindPlan{
	model.KindModule:        {diff: (*builder).diffModule},
	model.KindRole:          {diff: (*builder).diffRole, deleted: roleDeleted},
	model.KindContactRole:   {diff: (*builder).diffContactRole, deleted: contactRoleDeleted},
	model.KindField:         {diff: (*builder).diffField, deleted: fieldDeleted},
	model.KindLockingConfig: {diff: (*builder).diffLocking, deleted: lockingDeleted},
}

func lockingDeleted(_ *builder, c *Change) {
	c.Destructive = true
	c.Destroys = fmt.Sprintf("deleting this locking config unlocks every locked %s record", c.Key.Name)
}

func roleDeleted(b *builder, c *Change) {
	c.TransferTo = b.roles.transfer[c.Key.Name]
	c.Destroys = fmt.Sprintf("role %q's users move to %q", c.Key.Name, c.TransferTo)
}

func contactRoleDeleted(_ *builder, c *Change) {
	c.Destructive = true
	c.Destroys = fmt.Sprintf("contacts with the role %q lose it", c.Key.Name)
}
