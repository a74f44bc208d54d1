package plan

import (
	"fmt"
	"slices"
	"strings"

	krole "github.com/crmsync/crmsync/pkg/kinds/role"
	"github.com/crmsync/crmsync/pkg/model"
)

// checkRoleTree reports references to roles that will not exist, cycles
// through live roles, and kept roles left under a deleted parent.
func (b *builder) checkRoleTree() {
	t := b.roles
	acyclic := map[string]bool{}
	for _, name := range sortedKeys(t.nodes) {
		n := t.nodes[name]
		if n.parent == "" {
			continue
		}
		if _, ok := t.nodes[n.parent]; ok {
			if cyc := t.cycleFrom(name, acyclic); cyc != "" && n.source != nil {
				b.problem(n.source, "reporting_to makes a cycle in the role hierarchy: %s", []any{"reporting_to"}, cyc)
			}
			continue
		}
		if n.source == nil || n.source.Role.ReportingTo == nil { // the parent is the live one
			if o := t.deleted[strings.TrimPrefix(n.parent, deletedParent)]; o != nil {
				d := b.desiredNamed(o.Key.Kind, o.Key.Name)
				switch {
				case d == nil:
					d = &model.Object{Key: o.Key}
				case d.Replaces != nil: // the absent manifest of the replaced role
					d = &model.Object{Key: o.Key, Source: d.Replaces.Source}
				}
				b.problem(d, "role %q still reports to it; delete that role too or move it with reporting_to", nil, name)
			}
			continue
		}
		b.problem(n.source, "reporting_to names role %q, which %s", []any{"reporting_to"}, n.parent, b.missingRole(n.parent))
	}
	for _, live := range sortedKeys(t.deleted) {
		to := t.transfer[live]
		if _, ok := t.nodes[to]; !ok {
			d := b.desiredNamed(model.KindRole, t.deleted[live].Key.Name)
			if d == nil {
				d = &model.Object{Key: t.deleted[live].Key}
			}
			b.problem(d, "transfer_to names role %q, which %s", []any{"transfer_to"}, to, b.missingRole(to))
		}
	}
}

// missingRole says why a referenced role will not exist after the plan: it
// is declared but left out of --target, or it is not declared at all.
func (b *builder) missingRole(name string) string {
	k := model.Key{Kind: model.KindRole, Name: name}
	if d := b.in.Desired.Get(k); d != nil && !d.Absent && !b.targeted(k) {
		return fmt.Sprintf("is declared at %s but outside the target set, so this plan does not create it; add --target Role/%s, or apply it first", d.Where(), name)
	}
	return "will not exist" + hint(name, sortedKeys(b.roles.nodes))
}

// cycleFrom follows parents from name and renders the loop, if any.
func (t *roleTree) cycleFrom(name string, acyclic map[string]bool) string {
	seen := []string{name}
	at := map[string]bool{name: true}
	for cur := t.nodes[name].parent; cur != "" && !acyclic[cur]; {
		if at[cur] {
			return strings.Join(append(seen, cur), " -> ")
		}
		seen, at[cur] = append(seen, cur), true
		n, ok := t.nodes[cur]
		if !ok {
			break
		}
		cur = n.parent
	}
	for _, s := range seen { // every role on the way reaches the top
		acyclic[s] = true
	}
	return ""
}

// depth is a node's distance from the top of the target hierarchy.
func (t *roleTree) depth(name string) int {
	d := 0
	for n, ok := t.nodes[name]; ok && n.parent != "" && d <= len(t.nodes); n, ok = t.nodes[n.parent] {
		d++
	}
	return d
}

// idRef is a role's live ID or the placeholder of a role created earlier.
func (t *roleTree) idRef(name string) string {
	if n, ok := t.nodes[name]; ok && n.id != "" {
		return n.id
	}
	return Placeholder(model.Key{Kind: model.KindRole, Name: name})
}

// roleRequests builds one request per role change: creates and updates
// parents first (by depth in the target hierarchy, so a move never makes a
// cycle on the way), each waiting for its parent's request; deletes
// children first, each moving its users with transfer_to_id.
func (b *builder) roleRequests() {
	var upserts, deletes []*Change
	for _, c := range b.changes {
		switch {
		case c.Key.Kind != model.KindRole:
		case c.Action == Delete:
			deletes = append(deletes, c)
		default:
			upserts = append(upserts, c)
		}
	}
	t := b.roles
	nd := b.nameDepsOf(model.KindRole)
	frees := map[*Change]int{} // the request that frees a change's live name
	for _, c := range upserts {
		if nd.breakers[c] {
			temp := krole.Item{ID: c.ID, Name: tempName(c)}
			frees[c] = b.newRequest("PUT", fmt.Sprintf("%s/%s", rolesPath, c.ID), nil, krole.Key, roleBody(temp), []model.Key{c.Key})
		}
	}
	slices.SortStableFunc(upserts, func(x, y *Change) int { return t.depth(x.Key.Name) - t.depth(y.Key.Name) })
	reqOf := map[string]int{}      // every upsert, by target name
	structural := map[string]int{} // creates and moves only
	for _, c := range upserts {
		id := b.roleUpsert(c)
		reqOf[c.Key.Name] = id
		if frees[c] == 0 {
			frees[c] = id
		}
		if c.Action == Create || changedKeys(c)["reporting_to"] {
			// Only a create or a move depends on the hierarchy above it; an
			// edit of other keys can go at once.
			structural[c.Key.Name] = id
			b.after(id, t.nearestAncestorRequest(c.Key.Name, structural))
		}
	}
	slices.SortStableFunc(deletes, func(x, y *Change) int { return t.liveDepth(y.Key.Name) - t.liveDepth(x.Key.Name) })
	gone := map[string]int{}     // live name -> its delete request
	deleted := map[*Change]int{} // the delete a change makes
	for _, c := range deletes {
		gone[c.Before.Key.Name] = b.roleDelete(c, c.Before, reqOf)
		deleted[c] = gone[c.Before.Key.Name]
	}
	for _, c := range upserts {
		if c.Replaces != nil {
			deleted[c] = b.roleDelete(c, c.Replaces, reqOf)
			gone[c.Replaces.Key.Name] = deleted[c]
			b.freeing[deleted[c]] = true
		}
	}
	b.waitForLeavers(gone, deletes, upserts, reqOf)
	for c, f := range nd.freer {
		if nd.byDelete[c] {
			b.freeing[deleted[f]] = true
			b.after(reqOf[c.Key.Name], deleted[f])
			continue
		}
		b.after(reqOf[c.Key.Name], frees[f])
	}
}

// roleDelete builds the DELETE of live role o for change c, which moves its
// users to the transfer role and waits for that role's create. A live
// transfer role has its ID already: the delete does not wait for its
// update, which may itself wait for the name this delete frees (the users
// of a replaced role going to the role renamed into its name).
func (b *builder) roleDelete(c *Change, o *model.Object, reqOf map[string]int) int {
	t := b.roles
	to := t.transfer[o.Key.Name]
	q := []Param{{Name: "transfer_to_id", Value: t.idRef(to)}}
	id := b.newRequest("DELETE", rolesPath+"/"+o.ID, q, krole.Key, nil, []model.Key{c.Key})
	if n, ok := t.nodes[to]; !ok || n.id == "" {
		b.after(id, reqOf[to])
	}
	return id
}

// waitForLeavers makes each role delete wait for the roles that leave it:
// its children that are deleted too, and those that move elsewhere.
func (b *builder) waitForLeavers(gone map[string]int, deletes, upserts []*Change, reqOf map[string]int) {
	for _, c := range deletes {
		if p := c.Before.Role.ReportingTo; p != nil && gone[*p] != 0 {
			b.after(gone[*p], gone[c.Before.Key.Name])
		}
	}
	for _, moved := range upserts {
		if moved.Before == nil {
			continue
		}
		if p := moved.Before.Role.ReportingTo; p != nil && gone[*p] != 0 && changedKeys(moved)["reporting_to"] {
			b.after(gone[*p], reqOf[moved.Key.Name])
		}
	}
}

// nearestAncestorRequest is the create or move request of name's nearest
// ancestor in the target hierarchy that has one, or 0. Waiting for the parent's request
// alone is not enough: when a role moves under a role that is today its own
// descendant, the move that takes that role out of its subtree may be a
// grandparent's, and sent first the role's move would make a cycle. The
// ancestor's request waits in turn for its own nearest one, so the whole
// path to the top is in place first.
func (t *roleTree) nearestAncestorRequest(name string, reqOf map[string]int) int {
	seen := map[string]bool{name: true}
	for n := t.nodes[name]; n != nil && n.parent != "" && !seen[n.parent]; n = t.nodes[n.parent] {
		if id := reqOf[n.parent]; id != 0 {
			return id
		}
		seen[n.parent] = true
	}
	return 0
}

// liveDepth is a live role's depth in the current hierarchy.
func (t *roleTree) liveDepth(name string) int {
	d := 0
	for o := t.deleted[name]; o != nil && o.Role.ReportingTo != nil && d < 1000; o = t.deleted[*o.Role.ReportingTo] {
		d++
	}
	return d
}

// roleUpsert builds the POST of a new role or the PUT of a changed one.
// References are sent as {"id": …} on create and update alike: it is the
// only form Zoho's v8 Node SDK can send (class ReportingTo,
// lib/core/com/zoho/crm/api/roles/role.js:54,77 in
// @zohocrm/nodejs-sdk-8.0 2.0.0), and the v8 OpenAPI file's form. The older
// v6 update page sends plain IDs; apply keeps that form as the fallback,
// tried once when Zoho rejects the object or accepts it without applying it
// (role.References in pkg/kinds/role/body.go).
func (b *builder) roleUpsert(c *Change) int {
	d := b.desiredOf(c)
	r := c.After.Role
	keys := changedKeys(c)
	// An update names the role in the URL only, as Zoho's SDK does
	// (RolesOperations.updateRole); the id is mandatory in the body only
	// when the URL has none [seed:update-role].
	var item krole.Item
	if keys["name"] || c.Action == Create {
		item.Name = &c.Key.Name
	}
	if keys["reporting_to"] && r.ReportingTo != nil {
		item.ReportingTo = krole.RefTo(b.roles.idRef(*r.ReportingTo))
	}
	if keys["description"] {
		item.Description = r.Description
	}
	if keys["share_with_peers"] {
		item.ShareWithPeers = r.ShareWithPeers
	}
	switch {
	case !keys["forecast_manager"] || r.ForecastManager == nil:
	case *r.ForecastManager == "":
		item.ForecastManager = krole.Ref{Clear: true} // forecast_manager: "" clears it
	default:
		item.ForecastManager = krole.RefTo(b.userID(d, *r.ForecastManager, "forecast_manager"))
	}
	if c.Action == Create {
		return b.newRequest("POST", rolesPath, nil, krole.Key, roleBody(item), []model.Key{c.Key})
	}
	return b.newRequest("PUT", fmt.Sprintf("%s/%s", rolesPath, c.ID), nil, krole.Key, roleBody(item), []model.Key{c.Key})
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// roleBody wraps one role item.
func roleBody(it krole.Item) krole.Body { return krole.Body{Roles: []krole.Item{it}} }
