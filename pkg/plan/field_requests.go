package plan

import (
	"fmt"

	"github.com/crmsync/crmsync/pkg/kinds/field"
	"github.com/crmsync/crmsync/pkg/model"
)

const fieldsPath = "/settings/fields"

// fieldWrite is one field change cut into request items: the create item
// or first update item, the further updates of the same field (options
// and profiles past the per-request limits, fields.md §5.1, §7, q3), and
// the option removals, which go after the locking changes.
type fieldWrite struct {
	c        *Change
	module   string
	first    *field.Item
	rest     []field.Item
	removals []field.Item
}

// Field writes per module (fields.md §2, §5, §6): creates in POSTs of at
// most five fields, updates in bulk PATCHes of at most five, each item
// with its id and the changed keys only, further rounds of the same
// fields after the first, and deletes one DELETE per field (no bulk
// delete exists), which wait for everything else like every delete.

// fieldRequests builds the creates and updates of every field change.
func (b *builder) fieldRequests() {
	modules, byModule := b.fieldChanges()
	for _, module := range modules {
		var creates, updates []*fieldWrite
		for _, c := range byModule[module] {
			switch c.Action {
			case Create:
				creates = append(creates, b.createWrite(c))
			case Update:
				updates = append(updates, b.updateWrite(c))
			case Delete:
				b.checkFieldDelete(c)
				b.fieldDeletes = append(b.fieldDeletes, c)
			}
		}
		q := []Param{{Name: "module", Value: module}}
		b.fieldRound("POST", q, creates, func(w *fieldWrite) *field.Item { return w.first })
		b.fieldRound("PATCH", q, updates, func(w *fieldWrite) *field.Item { return w.first })
		all := append(creates, updates...)
		for r := 0; ; r++ {
			n := b.fieldRound("PATCH", q, all, func(w *fieldWrite) *field.Item {
				if r < len(w.rest) {
					return &w.rest[r]
				}
				return nil
			})
			if n == 0 {
				break
			}
		}
		for _, w := range all {
			if len(w.removals) > 0 {
				b.fieldRemovals[module] = append(b.fieldRemovals[module], w)
			}
		}
	}
}

// fieldRemovalRequests builds the option removals, after the locking
// changes (a rule that stops using an option goes first), and the deletes.
func (b *builder) fieldRemovalRequests() {
	modules, _ := b.fieldChanges()
	for _, module := range modules {
		ws := b.fieldRemovals[module]
		q := []Param{{Name: "module", Value: module}}
		for r := 0; ; r++ {
			n := b.fieldRound("PATCH", q, ws, func(w *fieldWrite) *field.Item {
				if r < len(w.removals) {
					return &w.removals[r]
				}
				return nil
			})
			if n == 0 {
				break
			}
		}
	}
	for _, c := range b.fieldDeletes {
		b.newRequest("DELETE", fieldsPath+"/"+c.ID, []Param{{Name: "module", Value: fieldModule(c)}}, field.Key, nil, []model.Key{c.Key})
	}
}

// fieldRound sends the item pick gives each write (nil: none this round)
// in requests of at most field.BatchSize items; each waits for the
// previous requests of its fields. It returns the number of items sent.
func (b *builder) fieldRound(method string, q []Param, ws []*fieldWrite, pick func(*fieldWrite) *field.Item) int {
	var items []any
	var keys []model.Key
	var batch []*fieldWrite
	sent := 0
	flush := func() {
		if len(items) == 0 {
			return
		}
		id := b.newRequest(method, fieldsPath, q, field.Key, items, keys)
		for _, w := range batch {
			b.after(id, b.fieldMain[w.c.Key]...)
			for _, k := range b.fieldWaits[w.c.Key] {
				b.waitForKey(id, k)
			}
			b.fieldMain[w.c.Key] = append(b.fieldMain[w.c.Key], id)
		}
		items, keys, batch = nil, nil, nil
	}
	for _, w := range ws {
		it := pick(w)
		if it == nil {
			continue
		}
		items, keys, batch = append(items, *it), append(keys, w.c.Key), append(batch, w)
		sent++
		if len(items) == field.BatchSize {
			flush()
		}
	}
	flush()
	return sent
}

// fieldChanges lists the modules of the plan's field changes, in order,
// and the changes of each.
func (b *builder) fieldChanges() ([]string, map[string][]*Change) {
	var out []string
	by := map[string][]*Change{}
	for _, c := range b.changes {
		if c.Key.Kind != model.KindField {
			continue
		}
		m := fieldModule(c)
		if by[m] == nil {
			out = append(out, m)
		}
		by[m] = append(by[m], c)
	}
	return out, by
}

func fieldModule(c *Change) string {
	m, _ := model.SplitFieldKey(c.Key.Name)
	return m
}

// createWrite builds a new field's items. A create lists every profile
// when the manifest manages permissions: Zoho may hide the profiles a
// non-empty list leaves out (q4); the ones the manifest leaves out get
// read_write, as without a list.
func (b *builder) createWrite(c *Change) *fieldWrite {
	d := b.desiredOf(c)
	f := c.After.Field
	it := field.Item{APIName: f.APIName, FieldLabel: derefString(f.FieldLabel), DataType: derefString(f.DataType),
		Length: f.Length, DecimalPlace: f.DecimalPlace}
	if f.Textarea != nil {
		it.Textarea = &field.Textarea{Type: *f.Textarea}
	}
	if f.Tooltip != nil && f.Tooltip.Name != "" {
		it.Tooltip = field.TooltipJSON(f.Tooltip.Name, f.Tooltip.Value)
	}
	if f.GlobalPicklist != nil {
		it.GlobalPicklist = b.globalPicklistRef(d, c.Key, *f.GlobalPicklist)
	}
	it.SortedLexically = f.PickListValuesSortedLexically
	var opts []field.Option
	for _, v := range list(f.PickListValues) {
		opts = append(opts, field.Option{DisplayValue: v.DisplayValue, ActualValue: actualOf(v)})
	}
	var profiles []field.Profile
	if f.Permissions != nil {
		profiles = b.createProfiles(d, *f.Permissions)
	}
	w := &fieldWrite{c: c, module: f.Module}
	first, rest := split(opts, field.MaxOptionsPerRequest), []field.Option(nil)
	if len(opts) > len(first) {
		rest = opts[len(first):]
	}
	it.PickListValues = first
	pfirst := split(profiles, field.MaxProfilesOnCreate)
	it.Profiles = pfirst
	w.first = &it
	w.rest = chunks(Placeholder(c.Key), rest, profiles[len(pfirst):])
	return w
}

// createProfiles lists every profile of the org: the manifest's first,
// with their access, then the others with read_write.
func (b *builder) createProfiles(d *model.Object, perms map[string]string) []field.Profile {
	var out []field.Profile
	for _, name := range sortedKeys(perms) {
		if ref := b.profileRef(d, name, "permissions", name); ref != nil {
			out = append(out, field.Profile{ID: fmt.Sprint(ref["id"]), PermissionType: perms[name]})
		}
	}
	for _, p := range b.in.Lookups.Profiles {
		if _, listed := perms[p.Name]; !listed {
			out = append(out, field.Profile{ID: p.ID, PermissionType: field.DefaultPermission})
		}
	}
	return out
}

// chunks cuts options and profiles into update items of id, at most ten
// of each per item.
func chunks(id string, opts []field.Option, profiles []field.Profile) []field.Item {
	var out []field.Item
	for len(opts) > 0 || len(profiles) > 0 {
		o, p := split(opts, field.MaxOptionsPerRequest), split(profiles, field.MaxProfilesPerRequest)
		out = append(out, field.Item{ID: id, PickListValues: o, Profiles: p})
		opts, profiles = opts[len(o):], profiles[len(p):]
	}
	return out
}

func split[T any](s []T, n int) []T {
	if len(s) > n {
		return s[:n]
	}
	return s
}
