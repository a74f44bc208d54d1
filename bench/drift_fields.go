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

// Field drift kinds.
const (
	fieldLabel = iota
	fieldPermission
	fieldValues // picklists only; a label change otherwise
	fieldCreate
	fieldDelete
	fieldKinds
)

// fieldBatch is the most fields one create or bulk update carries under
// the harshest reading (fields.md §5, q2); deletes take one call each.
const fieldBatch = 5

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
	kind := map[int]int{}
	for j, i := range w.pick(len(managed), fieldKinds) {
		kind[i] = j % fieldKinds
	}
	perModule := map[string]*Counts{}
	for i, r := range managed {
		mod := w.modules[r.module]
		df := dField{module: mod.apiName, field: cloneField(mod.fields[r.field])}
		df.values = valuesOf(df.field)
		k, ok := kind[i]
		c := perModule[mod.apiName]
		if c == nil {
			c = &Counts{}
			perModule[mod.apiName] = c
		}
		if ok && k == fieldCreate {
			d.fields = append(d.fields, newField(mod.apiName, c.Create+1))
			c.Create++
		} else if ok {
			w.editField(&df, k, c)
		}
		d.fields = append(d.fields, df)
	}
	for _, c := range perModule {
		d.ledger.Fields.Create += c.Create
		d.ledger.Fields.Update += c.Update
		d.ledger.Fields.Delete += c.Delete
		d.ledger.FieldWrites += ceilDiv(c.Create, fieldBatch) + ceilDiv(c.Update, fieldBatch) + c.Delete
	}
}

// editField applies drift kind k to a field manifest and counts it.
func (w *world) editField(df *dField, k int, c *Counts) {
	switch {
	case k == fieldDelete:
		df.absent = true
		c.Delete++
		return
	case k == fieldPermission:
		for p, perm := range df.perms {
			if perm == "hidden" {
				df.perms[p] = "read_only"
			}
		}
	case k == fieldValues && df.dataType == "picklist":
		df.values = driftValues(df.values)
	default:
		df.label += " edited"
	}
	c.Update++
}

// driftValues renames, reorders, adds and removes values in one change,
// with five option entries at most (fields.md §5.1 allows ten per request
// under q3): the fifth value is renamed (its actual value kept), the first
// two swap, the last goes and a new one ends the list.
func driftValues(vs []dValue) []dValue {
	out := slices.Clone(vs)
	out[4].display += " renamed"
	out[0], out[1] = out[1], out[0]
	out = out[:len(out)-1]
	return append(out, dValue{fmt.Sprintf("Choice %02d", len(vs)+1), fmt.Sprintf("Choice %02d", len(vs)+1)})
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
