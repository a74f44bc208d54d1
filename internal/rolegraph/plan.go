package rolegraph

import (
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

// FromPlan draws the part of the role hierarchy that p changes: every
// created, moved, changed or deleted role, with its current and former
// parents as context. It returns nil when p changes no role.
func FromPlan(p *plan.Plan) *Graph {
	g := New()
	for _, ch := range p.Changes {
		if ch.Key.Kind != model.KindRole {
			continue
		}
		before, after := roleOf(ch.Before), roleOf(ch.After)
		name := ch.Key.Name
		n := g.Node(name)
		switch ch.Action {
		case plan.Create:
			n.Mark = Created
			g.Link(parentOf(after), name, false)
		case plan.Delete:
			n.Mark = Deleted
			g.Link(parentOf(before), name, true)
		case plan.Update:
			n.Mark = Changed
			oldParent, newParent := parentOf(before), parentOf(after)
			if oldParent != newParent {
				n.Mark = Moved
				g.Link(oldParent, name, true)
			}
			g.Link(newParent, name, false)
		}
		if ch.PreviousName != "" && ch.PreviousName != name {
			n.Label = name + " (was " + ch.PreviousName + ")"
		}
	}
	if g.Len() == 0 {
		return nil
	}
	return g
}

func roleOf(o *model.Object) *model.Role {
	if o == nil {
		return nil
	}
	return o.Role
}

func parentOf(r *model.Role) string {
	if r == nil || r.ReportingTo == nil {
		return ""
	}
	return *r.ReportingTo
}
