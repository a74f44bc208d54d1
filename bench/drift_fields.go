package bench

import (
	"fmt"
	"slices"
)

// Field manifests (Config.Fields): every module with a locking
// configuration in the org gets a manifest for each of its generated
// custom fields, written whole, and a standard module's Status picklist a
// manifest of its values, so that the fields GET of those modules is shared
// with the locking look-ups. Standard fields never drift: the harshest
// reading refuses every change to them (fields.md §5, q5).

// Field drift kinds. The two kinds of value changes go to picklists.
const (
	fieldLabel = iota
	fieldPermission
	fieldValues      // a rename, a move and an addition in one change
	fieldValueRemove // a value removed
	fieldCreate
	fieldDelete
	fieldKinds
)

// fieldBatch is the most fields one create or bulk update carries under
// the harshest reading (fields.md §5, q2); deletes take one call each.
// Option removals go in updates of their own, after the locking changes
// (docs/fields-design.md, "Batching and ordering": a locking rule may
// compare with the value), so they are batched apart from the other
// updates of their module.
const fieldBatch = 5

// fieldTally counts a module's field changes.
type fieldTally struct{ create, update, removal, delete int }

// dField is a field manifest.
type dField struct {
	module   string
	standard bool
	field
	absent bool
	// values are the picklist's options; an actual value is written when
	// it differs from the display value.
	values []dValue
}

type dValue struct{ display, actual string }

func valuesOf(f field) []dValue {
	out := make([]dValue, len(f.picklist))
	for i, v := range f.picklist {
		out[i] = dValue{v, v}
	}
	return out
}

// fieldModules are the modules whose fields the manifests manage.
func (w *world) fieldModules() []int {
	var out []int
	for _, l := range w.locks {
		out = append(out, l.module)
	}
	slices.Sort(out)
	return out
}

func (w *world) driftFields(d *drifted) {
	if !w.cfg.Fields {
		return
	}
	type ref struct{ module, field int }
	var managed []ref
	for _, m := range w.fieldModules() {
		mod := w.modules[m]
		if !mod.custom {
			d.fields = append(d.fields, dField{module: mod.apiName, standard: true,
				field: field{apiName: "Status", dataType: "picklist", picklist: statusValues}, values: valuesOf(field{picklist: statusValues})})
			continue
		}
		for i, f := range mod.fields {
			if f.label != "" {
				managed = append(managed, ref{m, i})
			}
		}
	}
	isPicklist := func(i int) bool { return w.modules[managed[i].module].fields[managed[i].field].dataType == "picklist" }
	kind := fieldDrift(w.pick(len(managed), fieldKinds), len(managed), isPicklist)
	perModule := map[string]*fieldTally{}
	for i, r := range managed {
		mod := w.modules[r.module]
		df := dField{module: mod.apiName, field: cloneField(mod.fields[r.field])}
		df.values = valuesOf(df.field)
		k, ok := kind[i]
		c := perModule[mod.apiName]
		if c == nil {
			c = &fieldTally{}
			perModule[mod.apiName] = c
		}
		if ok && k == fieldCreate {
			d.fields = append(d.fields, newField(mod.apiName, c.create+1))
			c.create++
		} else if ok {
			editField(&df, k, c)
		}
		d.fields = append(d.fields, df)
	}
	for _, c := range perModule {
		d.ledger.Fields.Create += c.create
		d.ledger.Fields.Update += c.update + c.removal
		d.ledger.Fields.Delete += c.delete
		d.ledger.FieldWrites += ceilDiv(c.create, fieldBatch) + ceilDiv(c.update, fieldBatch) + ceilDiv(c.removal, fieldBatch) + c.delete
	}
}

// fieldDrift deals the drift kinds to the chosen fields (indexes into the
// n managed fields), moving a value kind dealt to a field that is not a
// picklist to the next picklist not chosen (a label change when there is
// none).
func fieldDrift(chosen []int, n int, isPicklist func(int) bool) map[int]int {
	kind := map[int]int{}
	for j, i := range chosen {
		kind[i] = j % fieldKinds
	}
	for _, i := range chosen {
		k := kind[i]
		if (k != fieldValues && k != fieldValueRemove) || isPicklist(i) {
			continue
		}
		kind[i] = fieldLabel
		for j := i + 1; j < n; j++ {
			if _, taken := kind[j]; !taken && isPicklist(j) {
				delete(kind, i)
				kind[j] = k
				break
			}
		}
	}
	return kind
}

// editField applies drift kind k to a field manifest and counts it.
func editField(df *dField, k int, c *fieldTally) {
	switch k {
	case fieldDelete:
		df.absent = true
		c.delete++
		return
	case fieldPermission:
		for p, perm := range df.perms {
			if perm == "hidden" {
				df.perms[p] = "read_only"
			}
		}
	case fieldValues:
		df.values = driftValues(df.values)
	case fieldValueRemove:
		df.values = slices.Delete(slices.Clone(df.values), 9, 10)
		c.removal++
		return
	default:
		df.label += " edited"
	}
	c.update++
}

// driftValues renames, reorders and adds values in one change: the fifth
// value is renamed (its actual value kept), the last two swap, and a new
// value ends the list. A client that gives every option from the first one
// out of place its sequence number, as the plan does so that any reading of
// sequence_number gives the target order, sends four option entries, under
// the ten per request of the harshest reading (fields.md §5.1, q3).
func driftValues(vs []dValue) []dValue {
	out := slices.Clone(vs)
	n := len(out)
	out[4].display += " renamed"
	out[n-2], out[n-1] = out[n-1], out[n-2]
	return append(out, dValue{fmt.Sprintf("Choice %02d", n+1), fmt.Sprintf("Choice %02d", n+1)})
}

// newField is the n-th new custom field of a module: a text field whose
// API name is the one Zoho derives from its label (fields.md §3). It lists
// no permissions, so every profile gets read_write (fields.md §5.2).
func newField(module string, n int) dField {
	return dField{module: module, field: field{apiName: fmt.Sprintf("Bench_New_Field_%02d", n),
		label: fmt.Sprintf("Bench New Field %02d", n), dataType: "text", length: 50}}
}

func cloneField(f field) field {
	f.picklist = slices.Clone(f.picklist)
	perms := make(map[int]string, len(f.perms))
	for p, v := range f.perms {
		perms[p] = v
	}
	f.perms = perms
	return f
}
