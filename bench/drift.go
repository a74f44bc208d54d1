package bench

import (
	"fmt"
	"math"
	"slices"
)

// Counts are changes of one kind, by action.
type Counts struct{ Create, Update, Delete int }

// Total is the number of changed objects.
func (c Counts) Total() int { return c.Create + c.Update + c.Delete }

// Ledger is what the generated manifests change in the org, counted by
// the generator itself.
type Ledger struct {
	Modules, Locking, Roles, ContactRoles, Fields Counts
	// FieldWrites is the fewest write calls of the field changes: per
	// module, creates and updates in batches of five, deletes one by one.
	FieldWrites int
	// RoleChain is the longest chain of new roles each reporting to the one
	// before: their creates must run one after another, since a role's
	// create needs its parent's ID. It is 1 when no new role reports to
	// another new role, 0 without new roles.
	RoleChain int
}

// Changes is the number of changed objects.
func (l Ledger) Changes() int {
	return l.Modules.Total() + l.Locking.Total() + l.Roles.Total() + l.ContactRoles.Total() + l.Fields.Total()
}

// contactRoleBatch is Zoho's limit of contact roles per bulk call.
const contactRoleBatch = 100

// MinWrites is the fewest write calls that make the changes: one per
// module, locking configuration and role (each API takes one object per
// call), and one per 100 contact roles for each of create, update and
// delete (the bulk endpoints), and the field writes (FieldWrites).
func (l Ledger) MinWrites() int {
	batches := func(n int) int { return (n + contactRoleBatch - 1) / contactRoleBatch }
	cr := l.ContactRoles
	return l.Modules.Total() + l.Locking.Total() + l.Roles.Total() + batches(cr.Create) + batches(cr.Update) + batches(cr.Delete) +
		l.FieldWrites
}

// The desired side: what the manifests say.

type dRole struct {
	name, prev, transferTo string
	absent                 bool
	reportingTo            string // target name of the parent; "" for the top role
	desc                   string
	share                  bool
	fm                     string // forecast manager email; "" leaves the key out
}

type dContactRole struct {
	name, prev string
	seq        int
	absent     bool
}

type dModule struct {
	module
}

type dLock struct {
	lock
	absent bool
}

// drifted is the desired state and its ledger.
type drifted struct {
	ledger       Ledger
	roles        []dRole
	contactRoles []dContactRole
	modules      []dModule
	locks        []dLock
	fields       []dField
}

// pick chooses which objects of a kind drift: round(Drift × n), at least
// one, or at least kinds with EveryKind; never more than n.
func (w *world) pick(n, kinds int) []int {
	k := max(1, int(math.Round(w.cfg.Drift*float64(n))))
	if w.cfg.EveryKind {
		k = max(k, kinds)
	}
	return w.rng.Perm(n)[:min(k, n)]
}

func (w *world) drift() *drifted {
	d := &drifted{}
	w.driftRoles(d)
	w.driftContactRoles(d)
	w.driftModules(d)
	w.driftLocks(d)
	w.driftFields(d)
	return d
}

// Role drift kinds, in the order they are dealt to the chosen roles.
const (
	roleDesc = iota
	roleShare
	roleMove
	roleCreate
	roleRename
	roleForecast
	roleDelete
	roleKinds
)

func (w *world) driftRoles(d *drifted) {
	n := len(w.roles)
	kind := make([]int, n)
	for i := range kind {
		kind[i] = -1
	}
	for j, i := range w.pick(n-1, roleKinds) {
		i++ // the top role never drifts
		kind[i] = j % roleKinds
		switch {
		case kind[i] == roleDelete && w.children[i] > 0:
			kind[i] = roleDesc // only leaves are deleted: their children would be orphaned
		case kind[i] == roleMove && i < 2:
			kind[i] = roleDesc // the top role is the only role above role 1
		}
	}
	names := make([]string, n)
	for i, r := range w.roles {
		names[i] = r.name
		if kind[i] == roleRename {
			names[i] = r.name + " renamed"
		}
	}
	var created []dRole
	for i := range w.roles {
		d.roles = append(d.roles, w.driftRole(d, i, kind, names, &created))
	}
	d.roles = append(d.roles, created...)
	d.ledger.Roles.Create += len(created)
}

// driftRole is the manifest of live role i, with its drift applied and
// counted; a create drift adds a chain of new roles under it to created.
func (w *world) driftRole(d *drifted, i int, kind []int, names []string, created *[]dRole) dRole {
	r := w.roles[i]
	dr := dRole{name: names[i], desc: r.desc, share: r.share}
	if r.parent >= 0 {
		dr.reportingTo = names[r.parent]
	}
	if r.fm >= 0 {
		dr.fm = w.users[r.fm].email
	}
	if kind[i] >= 0 {
		d.ledger.Roles.Update++
	}
	switch kind[i] {
	case roleDesc:
		dr.desc += " (edited)"
	case roleShare:
		dr.share = !dr.share
	case roleMove:
		dr.reportingTo = names[w.newParent(i, kind)]
	case roleCreate:
		chain := w.newRoleChain(names[i], 1+len(*created)%3, len(*created))
		*created = append(*created, chain...)
		d.ledger.RoleChain = max(d.ledger.RoleChain, len(chain))
		d.ledger.Roles.Update-- // the chosen role itself does not change
	case roleRename:
		dr.prev = r.name
	case roleForecast:
		u := i % len(w.users)
		if r.fm >= 0 {
			u = (r.fm + 1) % len(w.users)
		}
		dr.fm = w.users[u].email
	case roleDelete:
		d.ledger.Roles.Update--
		d.ledger.Roles.Delete++
		return dRole{name: r.name, absent: true, transferTo: names[r.parent]}
	}
	return dr
}

// newParent is a role earlier than i that is neither its parent nor being
// deleted. Parents always come before their children, so the move cannot
// make a cycle, at any point of an apply.
func (w *world) newParent(i int, kind []int) int {
	for {
		p := w.rng.IntN(i)
		if p != w.roles[i].parent && kind[p] != roleDelete {
			return p
		}
	}
}

// newRoleChain makes n new roles, the first under parent, each next one
// under the one before.
func (w *world) newRoleChain(parent string, n, seq int) []dRole {
	var out []dRole
	for k := range n {
		name := fmt.Sprintf("New Role %05d", seq+k+1)
		out = append(out, dRole{name: name, reportingTo: parent, desc: "A new role", share: k%2 == 0})
		parent = name
	}
	return out
}

// Contact role drift kinds.
const (
	crRename = iota
	crSequence
	crCreate
	crDelete
	crKinds
)

func (w *world) driftContactRoles(d *drifted) {
	n := len(w.contactRoles)
	kind := map[int]int{}
	for j, i := range w.pick(n, crKinds) {
		kind[i] = j % crKinds
	}
	creates := 0
	for i, c := range w.contactRoles {
		dc := dContactRole{name: c.name, seq: c.seq}
		k, ok := kind[i]
		switch {
		case !ok:
		case k == crRename:
			dc.name, dc.prev = c.name+" renamed", c.name
			d.ledger.ContactRoles.Update++
		case k == crSequence:
			dc.seq = n + 1 + i
			d.ledger.ContactRoles.Update++
		case k == crCreate:
			creates++
			d.contactRoles = append(d.contactRoles, dContactRole{name: fmt.Sprintf("New Contact Role %04d", creates), seq: 2*n + creates})
			d.ledger.ContactRoles.Create++
		case k == crDelete:
			dc = dContactRole{name: c.name, absent: true}
			d.ledger.ContactRoles.Delete++
		}
		d.contactRoles = append(d.contactRoles, dc)
	}
}

func (w *world) driftModules(d *drifted) {
	first := w.firstCustom()
	chosen := map[int]int{}
	for j, i := range w.pick(w.numCustom, 2) {
		chosen[first+i] = j % 2
	}
	for i := first; i < len(w.modules); i++ {
		m := w.modules[i]
		m.profiles = slices.Clone(m.profiles)
		k, ok := chosen[i]
		switch {
		case !ok:
		case k == 0:
			m.plural += " v2"
		default:
			m.profiles = swapProfile(m.profiles)
		}
		if ok {
			d.ledger.Modules.Update++
		}
		d.modules = append(d.modules, dModule{m})
	}
}

// swapProfile removes the last profile (never Administrator, the first)
// and adds the first profile the module lacks.
func swapProfile(ps []int) []int {
	out := slices.Clone(ps[:len(ps)-1])
	for p := 1; p < NumProfiles; p++ {
		if !slices.Contains(ps, p) {
			return sortedInts(append(out, p))
		}
	}
	return out
}
