package plan

import (
	"strings"

	krole "github.com/crmsync/crmsync/pkg/kinds/role"
	"github.com/crmsync/crmsync/pkg/model"
)

const rolesPath = krole.Path

// roleNode is one role of the hierarchy as it will be after apply.
type roleNode struct {
	key    model.Key // by target name
	parent string    // target name of the parent; "" at the top
	id     string    // live ID; "" for a new role
	source *model.Object
}

// roleTree is the role hierarchy after apply, plus the renames and deletes
// that lead there. Live names map to target names through renamed.
type roleTree struct {
	renamed  map[string]string
	deleted  map[string]*model.Object // live name -> live role being deleted
	nodes    map[string]*roleNode     // target name -> node
	transfer map[string]string        // live name of a deleted role -> target name receiving its users
}

// newRoleTree computes the target hierarchy from the pairs and the live
// roles nobody claimed (deleted under prune). Only targeted changes shape
// it: a move, create or delete left out of the plan does not happen.
// Renames always count, as requests name roles by ID.
func newRoleTree(pairs []pair, rest []*model.Object, prune bool, targeted func(model.Key) bool) *roleTree {
	t := &roleTree{renamed: map[string]string{}, deleted: map[string]*model.Object{},
		nodes: map[string]*roleNode{}, transfer: map[string]string{}}
	desired := map[string]*model.Object{}
	for _, p := range pairs {
		if p.key.Kind != model.KindRole || p.observed == nil {
			continue
		}
		if p.desired.Absent {
			if targeted(p.observed.Key) && !p.observed.System {
				t.deleted[p.observed.Key.Name] = p.observed
				t.transfer[p.observed.Key.Name] = p.desired.TransferTo
			}
			continue
		}
		t.renamed[p.observed.Key.Name] = p.desired.Key.Name
		if targeted(p.desired.Key) {
			desired[p.observed.Key.Name] = p.desired
		}
		if r := p.replaced; r != nil && targeted(p.desired.Key) {
			t.deleted[r.Key.Name] = r
			t.transfer[r.Key.Name] = p.desired.Replaces.TransferTo
		}
	}
	for _, o := range rest {
		if o.Key.Kind == model.KindRole && prune && !o.System && targeted(o.Key) {
			t.deleted[o.Key.Name] = o
		}
	}
	for _, p := range pairs {
		if p.key.Kind == model.KindRole && p.observed == nil && !p.desired.Absent && targeted(p.key) {
			t.nodes[p.key.Name] = &roleNode{key: p.key, parent: derefString(p.desired.Role.ReportingTo), source: p.desired}
		}
	}
	for _, p := range append(pairObserved(pairs), rest...) {
		t.addLive(p, desired[p.Key.Name])
	}
	for live, o := range t.deleted {
		if t.transfer[live] == "" {
			t.transfer[live] = t.name(t.survivingAncestor(o))
		}
	}
	return t
}

// survivingAncestor is the live name of the nearest ancestor of o that is
// not deleted: a pruned role's users go there, since its parent may be
// pruned too.
func (t *roleTree) survivingAncestor(o *model.Object) string {
	parent := derefString(o.Role.ReportingTo)
	for i := 0; i <= len(t.deleted); i++ {
		d := t.deleted[parent]
		if d == nil {
			break
		}
		parent = derefString(d.Role.ReportingTo)
	}
	return parent
}

func pairObserved(pairs []pair) []*model.Object {
	var out []*model.Object
	for _, p := range pairs {
		if p.observed != nil && p.key.Kind == model.KindRole {
			out = append(out, p.observed)
		}
	}
	return out
}

// addLive adds a live role that is kept, with its desired manifest if any.
func (t *roleTree) addLive(o *model.Object, d *model.Object) {
	if o.Key.Kind != model.KindRole || t.deleted[o.Key.Name] != nil {
		return
	}
	n := &roleNode{key: model.Key{Kind: model.KindRole, Name: t.name(o.Key.Name)}, id: o.ID, source: d,
		parent: t.name(derefString(o.Role.ReportingTo))}
	if p := derefString(o.Role.ReportingTo); t.deleted[p] != nil {
		n.parent = deletedParent + p // stays under a role that goes, unless moved
	}
	if d != nil && d.Role.ReportingTo != nil {
		n.parent = *d.Role.ReportingTo
	}
	t.nodes[n.key.Name] = n
}

// deletedParent marks, in a node's parent, the live name of a parent that
// is deleted: a name no target role has, which checkRoleTree reports.
const deletedParent = "\x00deleted:"

// name maps a live role name to its target name.
func (t *roleTree) name(live string) string {
	if n, ok := t.renamed[live]; ok {
		return n
	}
	return live
}

func derefString(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func (b *builder) diffRole(d, o *model.Object) *Change {
	dr := d.Role
	if o == nil {
		if dr.ReportingTo == nil || *dr.ReportingTo == "" {
			b.problem(d, "a new role needs reporting_to: the role it reports to", nil)
			return nil
		}
		return &Change{Key: d.Key, Action: Create, After: d, Fields: fieldDiffs(roleView{}, roleViewOf(dr, d.Key.Name))}
	}
	or := o.Role
	before, after := roleView{Name: o.Key.Name}, roleView{Name: d.Key.Name}
	if dr.ReportingTo != nil {
		after.ReportingTo = dr.ReportingTo
		live := derefString(or.ReportingTo)
		before.ReportingTo = model.Ptr(b.roles.name(live))
		if b.roles.deleted[live] != nil && model.SameName(live, *dr.ReportingTo) {
			// The parent of that name is replaced by another role.
			before.ReportingTo = model.Ptr(live + " (deleted)")
		}
	}
	if dr.Description != nil {
		after.Description, before.Description = dr.Description, orDefault(or.Description, "")
	}
	if dr.ShareWithPeers != nil {
		after.ShareWithPeers, before.ShareWithPeers = dr.ShareWithPeers, orDefault(or.ShareWithPeers, false)
	}
	if dr.ForecastManager != nil {
		after.ForecastManager = model.Ptr(strings.ToLower(*dr.ForecastManager))
		before.ForecastManager = model.Ptr(strings.ToLower(derefString(or.ForecastManager)))
	}
	m := *or
	m.Name = d.Key.Name
	m.ReportingTo = before.ReportingTo
	overlay(&m.ReportingTo, dr.ReportingTo)
	overlay(&m.Description, dr.Description)
	overlay(&m.ShareWithPeers, dr.ShareWithPeers)
	overlay(&m.ForecastManager, dr.ForecastManager)
	return &Change{Key: d.Key, Action: Update, Fields: fieldDiffs(before, after),
		After: &model.Object{Key: d.Key, ID: o.ID, Role: &m}}
}

func roleViewOf(r *model.Role, name string) roleView {
	v := roleView{Name: name, ReportingTo: r.ReportingTo, Description: r.Description, ShareWithPeers: r.ShareWithPeers}
	if r.ForecastManager != nil && *r.ForecastManager != "" {
		v.ForecastManager = model.Ptr(strings.ToLower(*r.ForecastManager))
	}
	return v
}
