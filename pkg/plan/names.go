package plan

import (
	"slices"

	"github.com/crmsync/crmsync/pkg/model"
)

// Renames that reuse names. Zoho keeps role and contact-role names unique,
// so a write that gives an object a name (a create, or a rename) must wait
// for the write that frees that name: the delete of the live object that
// has it, or its rename to another name. Where role renames form a cycle
// (A→B and B→A), no order is safe: one of them, the breaker, first goes to
// its temporary name (model.TempName), which frees its live name at once,
// and takes its real name last. Contact roles, written in bulk, use
// temporary names more freely to keep to two calls (see
// contactRoleRequests). A rerun after an interruption finds an object under
// its temporary name again (see pair.go).

// nameDeps is what the requests of one kind must respect.
type nameDeps struct {
	// freer maps a change that takes a name to the change that frees it:
	// a delete, a rename away, or a change that replaces an absent object
	// (and deletes the live one of its name first).
	freer map[*Change]*Change
	// byDelete marks the takers whose name is freed by a delete (of a
	// Delete change, or of the object a change replaces) rather than by a
	// rename.
	byDelete map[*Change]bool
	// breakers go through their temporary name.
	breakers map[*Change]bool
	// freeing are the Delete changes some name waits for.
	freeing map[*Change]bool
}

// takesName reports whether c gives its object a name it did not have.
func takesName(c *Change) bool {
	switch c.Action {
	case Create:
		return true
	case Update:
		return c.Before != nil && !model.SameName(c.Before.Key.Name, c.Key.Name)
	}
	return false
}

// nameDepsOf finds, among the changes of kind, who waits for whom to take
// a name, and which renames go through a temporary name.
func (b *builder) nameDepsOf(kind model.Kind) nameDeps {
	nd := nameDeps{freer: map[*Change]*Change{}, byDelete: map[*Change]bool{}, breakers: map[*Change]bool{}, freeing: map[*Change]bool{}}
	renames := map[string]*Change{} // live ID -> the change that renames it away
	deletes := map[string]*Change{} // live ID -> the change that deletes it
	var takers []*Change
	for _, c := range b.changes {
		if c.Key.Kind != kind {
			continue
		}
		switch {
		case c.Action == Delete:
			deletes[c.ID] = c
		case takesName(c):
			renames[c.ID] = c
		}
		if c.Replaces != nil {
			deletes[c.Replaces.ID] = c
		}
		if takesName(c) {
			takers = append(takers, c)
		}
	}
	live := map[string][]*model.Object{}
	if len(takers) > 0 {
		for _, o := range b.in.Observed.OfKind(kind) {
			live[model.Fold(o.Key.Name)] = append(live[model.Fold(o.Key.Name)], o)
		}
	}
	for _, c := range takers {
		for _, o := range live[model.Fold(c.Key.Name)] {
			if o.ID == c.ID {
				continue
			}
			f, del := renames[o.ID], false
			if d := deletes[o.ID]; d != nil {
				f, del = d, true
			}
			if f == nil {
				b.problem(b.desiredOf(c), "the name %q is taken by the live %s, which this plan keeps (Zoho keeps names unique); rename or delete that one in the same plan, or include it with --target",
					[]any{"name"}, c.Key.Name, o.Key)
				continue
			}
			nd.freer[c], nd.byDelete[c] = f, del
			if f.Action == Delete {
				nd.freeing[f] = true
			}
		}
	}
	nd.breakCycles(takers)
	for _, c := range takers {
		if nd.breakers[c] && kind == model.KindRole { // contact roles: see contactRoleRequests
			b.warn("%s: the renames of %s form a cycle, so it goes through the temporary name %q first; a rerun after an interruption finds it there",
				b.desiredOf(c).Where(), c.Key, model.TempName(kind, c.Key.Name))
		}
	}
	return nd
}

// breakCycles marks one change of each cycle of renames as a breaker: the
// first in key order, so that plans are deterministic.
func (nd nameDeps) breakCycles(takers []*Change) {
	done := map[*Change]bool{}
	for _, start := range takers {
		var path []*Change
		at := map[*Change]int{}
		for c := start; c != nil && !done[c]; c = nd.freer[c] {
			if i, ok := at[c]; ok {
				cycle := slices.Clone(path[i:])
				slices.SortFunc(cycle, func(x, y *Change) int { return x.Key.Compare(y.Key) })
				nd.breakers[cycle[0]] = true
				break
			}
			at[c] = len(path)
			path = append(path, c)
			if nd.breakers[c] || nd.byDelete[c] {
				break
			}
		}
		for _, c := range path {
			done[c] = true
		}
	}
}

// tempName is the name a breaker moves to first.
func tempName(c *Change) *string {
	n := model.TempName(c.Key.Kind, c.Key.Name)
	return &n
}
