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
	return ds
}

// claim is one use of a name by an object: its name or a previous name.
type claim struct {
	doc      *document
	ptr      string
	previous bool
}

// checkIdentities: names and previous names are unique per kind across all
// files.
func checkIdentities(docs []*document) Diagnostics {
	var ds Diagnostics
	claims := map[model.Key]claim{}
	for _, d := range docs {
		mine := []claim{{doc: d, ptr: pointer(identityKeys[d.obj.Key.Kind])}}
		for i := range d.obj.PreviousNames {
			mine = append(mine, claim{doc: d, ptr: "/previous_names/" + strconv.Itoa(i), previous: true})
		}
		names := append([]string{d.obj.Key.Name}, d.obj.PreviousNames...)
		for i, c := range mine {
			k := model.Key{Kind: d.obj.Key.Kind, Name: names[i]}
			first, taken := claims[k]
			if !taken {
				claims[k] = c
				continue
			}
			ds = append(ds, d.diag(claimConflict(c, first, names[i])))
		}
	}
	return ds
}

func claimConflict(c, first claim, name string) finding {
	t := c.doc.tree
	where := first.doc.tree.pos(first.ptr).String()
	other := first.doc.obj.Key.String()
	switch {
	case first.doc == c.doc:
		return t.finding(c.ptr, "the previous name %q is this object's own name", name)
	case !c.previous && !first.previous:
		return t.findingAt(t.pos(c.ptr), "", "declared twice (first at %s)", where)
	case !c.previous:
		return t.findingAt(t.pos(c.ptr), "", "the name %q is a previous name of %s at %s", name, other, where)
	case !first.previous:
		return t.finding(c.ptr, "the previous name %q is the name of %s at %s", name, other, where)
	}
	return t.finding(c.ptr, "the previous name %q is also a previous name of %s at %s", name, other, where)
}

// roleIndex is the desired roles by name.
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
		name := d.obj.Key.Name
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
			if _, ok := ix.renamed[p]; !ok {
				ix.renamed[p] = name
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
		if d.obj.Absent && d.obj.TransferTo != "" && d.obj.TransferTo != d.obj.Key.Name {
			if f, bad := ix.checkRef(d, "/transfer_to", d.obj.TransferTo, "transfer the users to a role that stays"); bad {
				ds = append(ds, d.diag(f))
			}
		}
	}
	return ds
}

func (ix roleIndex) checkRef(d *document, ptr, name, fix string) (finding, bool) {
	t := d.tree
	if a := ix.absent[name]; a != nil {
		return t.finding(ptr, "Role %q is absent (%s); %s", name, a.tree.pos("/absent"), fix), true
	}
	if now, ok := ix.renamed[name]; ok && ix.present[name] == nil {
		return t.finding(ptr, "%q is a previous name of Role %q; use its new name", name, now), true
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
		p := *d.obj.Role.ReportingTo
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
		start := d.obj.Key.Name
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
				ds = append(ds, d.diag(cycleFinding(d.tree, append(path, start))))
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
