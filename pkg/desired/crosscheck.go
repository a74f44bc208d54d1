package desired

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
)

// Checks that span documents. They see only documents that passed their
// schema, in load order, and report at the later document.

// document is one decoded, schema-valid manifest document.
type document struct {
	index int // 1-based position in its file
	tree  *tree
	obj   *model.Object
}

func (d *document) diag(f finding) Diagnostic {
	return Diagnostic{Source: f.src, Key: d.obj.Key.String(), Message: f.msg}
}

func crossCheck(docs []*document) Diagnostics {
	var ds Diagnostics
	ds = append(ds, checkIdentities(docs)...)
	ds = append(ds, checkRoleRefs(docs)...)
	ds = append(ds, checkRoleCycles(docs)...)
	ds = append(ds, checkSequenceNumbers(docs)...)
	ds = append(ds, checkSelfTransfer(docs)...)
	ds = append(ds, checkLockingValues(docs)...)
	return ds
}

// checkSelfTransfer: an absent role cannot transfer its users to its own
// name, unless a present role takes that name in the same plan (a
// replacement): the users then go to that role.
func checkSelfTransfer(docs []*document) Diagnostics {
	heirs := map[string]bool{}
	for _, d := range docs {
		if d.obj.Key.Kind == model.KindRole && !d.obj.Absent {
			heirs[model.Fold(d.obj.Key.Name)] = true
		}
	}
	var ds Diagnostics
	for _, d := range docs {
		o := d.obj
		if o.Key.Kind == model.KindRole && o.Absent && model.SameName(o.TransferTo, o.Key.Name) && !heirs[model.Fold(o.Key.Name)] {
			ds = append(ds, d.diag(d.tree.finding("/transfer_to", "a role cannot transfer its users to itself")))
		}
	}
	return ds
}

// claim is one use of a name by an object: its name or a previous name.
type claim struct {
	doc      *document
	ptr      string
	name     string
	previous bool
}

// checkIdentities: names and previous names are unique per kind across all
// files, compared without regard to case or leading and trailing spaces.
// Two uses of one name are allowed, as they say what happens to the live
// object of that name without doubt: a present object's name and another
// present object's previous name (the live one is renamed away and a new
// one takes its name), and an absent object with a present one that has
// previous_names (the live one is deleted and another is renamed into its
// name).
func checkIdentities(docs []*document) Diagnostics {
	var ds Diagnostics
	claims := map[model.Key][]claim{}
	for _, d := range docs {
		mine := []claim{{doc: d, ptr: pointer(identityKey(d.obj.Key.Kind)), name: d.obj.Key.Name}}
		for i, p := range d.obj.PreviousNames {
			mine = append(mine, claim{doc: d, ptr: "/previous_names/" + strconv.Itoa(i), name: p, previous: true})
		}
		for _, c := range mine {
			k := model.FoldKey(model.Key{Kind: d.obj.Key.Kind, Name: c.name})
			for _, first := range claims[k] {
				if !compatible(c, first) {
					ds = append(ds, d.diag(claimConflict(c, first)))
					break
				}
			}
			claims[k] = append(claims[k], c)
		}
	}
	return ds
}

// compatible reports whether two uses of one name can stand together.
func compatible(a, b claim) bool {
	if a.doc == b.doc {
		return false
	}
	switch {
	case a.previous && b.previous:
		return false
	case a.previous != b.previous: // a name and another's previous name
		named := a
		if a.previous {
			named = b
		}
		return !named.doc.obj.Absent
	case a.doc.obj.Absent == b.doc.obj.Absent:
		return false
	}
	present := a.doc.obj
	if present.Absent {
		present = b.doc.obj
	}
	return len(present.PreviousNames) > 0
}

func claimConflict(c, first claim) finding {
	t := c.doc.tree
	name := c.name
	where := first.doc.tree.pos(first.ptr).String()
	other := first.doc.obj.Key.String()
	switch {
	case first.doc == c.doc:
		return t.finding(c.ptr, "the previous name %q is this object's own name", name)
	case !c.previous && !first.previous && c.doc.obj.Absent != first.doc.obj.Absent:
		return t.findingAt(t.pos(c.ptr), "", "declared twice, once absent (first at %s); to delete the live %q and rename another object to this name, give the one that is not absent previous_names with the name it has now", where, first.name)
	case !c.previous && !first.previous && c.name != first.name:
		return t.findingAt(t.pos(c.ptr), "", "the name %q differs from %q (at %s) only in case or spaces, and Zoho keeps names unique; rename one of them", name, first.name, where)
	case !c.previous && !first.previous:
		return t.findingAt(t.pos(c.ptr), "", "declared twice (first at %s)", where)
	case !c.previous:
		return t.findingAt(t.pos(c.ptr), "", "the name %q is a previous name of %s at %s, which renames the live %q; an absent object cannot name it too", name, other, where, name)
	case !first.previous:
		return t.finding(c.ptr, "the previous name %q is the name of the absent %s at %s; remove one of the two", name, other, where)
	}
	return t.finding(c.ptr, "the previous name %q is also a previous name of %s at %s", name, other, where)
}

// roleIndex is the desired roles by folded name (see model.Fold).
type roleIndex struct {
	present, absent map[string]*document
	renamed         map[string]string // previous name -> current name
	order           []*document       // present roles in load order
}

func indexRoles(docs []*document) roleIndex {
	ix := roleIndex{present: map[string]*document{}, absent: map[string]*document{}, renamed: map[string]string{}}
	for _, d := range docs {
		if d.obj.Role == nil {
			continue
		}
		name := model.Fold(d.obj.Key.Name)
		if d.obj.Absent {
			if ix.absent[name] == nil {
				ix.absent[name] = d
			}
			continue
		}
		if ix.present[name] == nil {
			ix.present[name] = d
			ix.order = append(ix.order, d)
		}
		for _, p := range d.obj.PreviousNames {
			if _, ok := ix.renamed[model.Fold(p)]; !ok {
				ix.renamed[model.Fold(p)] = d.obj.Key.Name
			}
		}
	}
	return ix
}

// checkRoleRefs: reporting_to and transfer_to name roles by their current
// name, and never a role that is absent.
func checkRoleRefs(docs []*document) Diagnostics {
	ix := indexRoles(docs)
	var ds Diagnostics
	for _, d := range docs {
		if d.obj.Role == nil {
			continue
		}
		if rt := d.obj.Role.ReportingTo; rt != nil && !d.obj.Absent {
			if f, bad := ix.checkRef(d, "/reporting_to", *rt, "report to a role that stays"); bad {
				ds = append(ds, d.diag(f))
			}
		}
		if d.obj.Absent && d.obj.TransferTo != "" && !model.SameName(d.obj.TransferTo, d.obj.Key.Name) {
			if f, bad := ix.checkRef(d, "/transfer_to", d.obj.TransferTo, "transfer the users to a role that stays"); bad {
				ds = append(ds, d.diag(f))
			}
		}
	}
	return ds
}

func (ix roleIndex) checkRef(d *document, ptr, name, fix string) (finding, bool) {
	t := d.tree
	written := name
	name = model.Fold(name)
	if ix.present[name] != nil {
		return finding{}, false
	}
	if a := ix.absent[name]; a != nil {
		return t.finding(ptr, "Role %q is absent (%s); %s", a.obj.Key.Name, a.tree.pos("/absent"), fix), true
	}
	if now, ok := ix.renamed[name]; ok {
		return t.finding(ptr, "%q is a previous name of Role %q; use its new name", written, now), true
	}
	return finding{}, false
}

// checkRoleCycles: following reporting_to among the desired roles never
// comes back to where it started. Each cycle is reported once, at the
// member that comes first in load order.
func checkRoleCycles(docs []*document) Diagnostics {
	ix := indexRoles(docs)
	parentOf := func(name string) (string, bool) {
		d := ix.present[name]
		if d == nil || d.obj.Role.ReportingTo == nil {
			return "", false
		}
		p := model.Fold(*d.obj.Role.ReportingTo)
		return p, ix.present[p] != nil
	}
	var ds Diagnostics
	reported := map[string]bool{}
	// acyclic holds the roles whose chain of parents is known to end
	// without a cycle, so that each chain is walked once: the check is
	// linear in the number of roles rather than roles × depth.
	acyclic := map[string]bool{}
	var path []string
	seen := map[string]bool{}
	for _, d := range ix.order {
		start := model.Fold(d.obj.Key.Name)
		if reported[start] || acyclic[start] {
			continue
		}
		path = append(path[:0], start)
		clear(seen)
		seen[start] = true
		for cur := start; ; {
			p, ok := parentOf(cur)
			if !ok || acyclic[p] {
				for _, n := range path {
					acyclic[n] = true
				}
				break
			}
			if seen[p] && p != start {
				break // start leads into a cycle, reported from its first member
			}
			if p == start {
				for _, n := range path {
					reported[n] = true
				}
				cycle := make([]string, 0, len(path)+1)
				for _, n := range append(path, start) {
					cycle = append(cycle, ix.present[n].obj.Key.Name)
				}
				ds = append(ds, d.diag(cycleFinding(d.tree, cycle)))
				break
			}
			seen[p] = true
			path = append(path, p)
			cur = p
		}
	}
	return ds
}

func cycleFinding(t *tree, cycle []string) finding {
	if len(cycle) == 2 {
		return t.finding("/reporting_to", "a role cannot report to itself")
	}
	quoted := make([]string, len(cycle))
	for i, n := range cycle {
		quoted[i] = fmt.Sprintf("%q", n)
	}
	return t.finding("/reporting_to", "the role hierarchy has a cycle: %s", strings.Join(quoted, " -> "))
}

// checkSequenceNumbers: two contact roles that stay do not share a
// position.
func checkSequenceNumbers(docs []*document) Diagnostics {
	var ds Diagnostics
	first := map[int]*document{}
	for _, d := range docs {
		cr := d.obj.ContactRole
		if cr == nil || d.obj.Absent || cr.SequenceNumber == nil {
			continue
		}
		n := *cr.SequenceNumber
		if f, dup := first[n]; dup {
			ds = append(ds, d.diag(d.tree.finding("/sequence_number", "%d is also the sequence number of %s at %s",
				n, f.obj.Key, f.tree.pos("/sequence_number"))))
			continue
		}
		first[n] = d
	}
	return ds
}
