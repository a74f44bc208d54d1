package plan

import (
	"github.com/crmsync/crmsync/pkg/model"
)

// checkGlobalPicklistLabels keeps global picklist labels unique, as Zoho
// does ("Duplicate name found", DUPLICATE_DATA, fields.md §9.3), comparing
// them as Zoho compares names (model.Fold): a create or a relabel to a
// label another set holds after the plan is a plan error; to the label of
// a set the plan deletes, too (the delete goes last, and the set may keep
// its label while Zoho's deletion job runs, q11); to a label another set
// gives up in the plan, the write goes after that set's update. It runs
// once the creates and updates of global picklists have their requests.
func (b *builder) checkGlobalPicklistLabels() {
	type holder struct {
		name, live, after string
		change            *Change
	}
	var sets []*holder
	byName := map[string]*holder{}
	for _, o := range b.in.Observed.OfKind(model.KindGlobalPicklist) {
		h := &holder{name: o.Key.Name, live: strOf(o.GlobalPicklist.DisplayLabel)}
		h.after = h.live
		sets, byName[model.Fold(o.Key.Name)] = append(sets, h), h
	}
	for _, c := range b.changes {
		if c.Key.Kind != model.KindGlobalPicklist {
			continue
		}
		h := byName[model.Fold(c.Key.Name)]
		if h == nil {
			h = &holder{name: c.Key.Name}
			sets, byName[model.Fold(c.Key.Name)] = append(sets, h), h
		}
		h.change = c
		if c.Action != Delete {
			h.after = strOf(c.After.GlobalPicklist.DisplayLabel)
		}
	}
	for _, h := range sets {
		if h.change == nil || h.change.Action == Delete || model.Fold(h.after) == model.Fold(h.live) {
			continue
		}
		if h.change.Action == Update && b.checkDeleting(b.desiredOf(h.change), false, h.after) {
			continue
		}
		for _, o := range sets {
			switch {
			case o == h:
			case o.change != nil && o.change.Action == Delete && model.SameName(o.live, h.after):
				b.problem(b.desiredOf(h.change), "display_label %q is the label of the global picklist %s, which this plan deletes last, and Zoho may keep it until the deletion job ends; apply the deletion first, then this label",
					[]any{"display_label"}, h.after, o.name)
			case model.SameName(o.after, h.after) && (o.change == nil || o.name > h.name || model.SameName(o.after, o.live)):
				b.problem(b.desiredOf(h.change), "display_label %q is the label of the global picklist %s after this plan, and Zoho keeps global picklist labels unique (\"Duplicate name found\", DUPLICATE_DATA); choose another label",
					[]any{"display_label"}, h.after, o.name)
			case model.SameName(o.live, h.after) && o.change != nil:
				if id := b.gpWrites[model.Fold(h.name)]; id != 0 {
					b.after(id, b.gpWrites[model.Fold(o.name)])
				}
			}
		}
	}
}

// checkDeleting refuses a set created with the name or label, or relabeled
// to the label, of a set whose deletion Zoho still runs (presence false):
// both stay taken until the job ends (fields.md §9.5, q11).
func (b *builder) checkDeleting(d *model.Object, create bool, label string) bool {
	for name, l := range b.in.Lookups.GlobalPicklistsDeleting {
		switch {
		case create && model.Fold(name) == model.Fold(d.Key.Name):
			b.problem(d, "Zoho is still deleting the global picklist %s (presence false), whose API name this set takes; wait until the deletion ends, then apply again", []any{"api_name"}, name)
		case label != "" && model.SameName(l, label):
			b.problem(d, "Zoho is still deleting the global picklist %s (presence false), whose label %q this set takes; wait until the deletion ends, then apply again, or choose another label", []any{"display_label"}, name, l)
		default:
			continue
		}
		return true
	}
	return false
}
