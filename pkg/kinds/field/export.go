package field

import (
	"slices"
	"strings"

	"github.com/crmsync/crmsync/pkg/kinds/spec"
	"github.com/crmsync/crmsync/pkg/model"
)

// exportLayout writes one manifest per field under fields/. A custom field
// is written whole; a standard field only with the managed properties that
// differ from an untouched org (export_defaults.go), and not at all when
// none does. No id is ever written.
var exportLayout = spec.Layout{Dir: "fields", Document: document, Complete: complete}

// document writes a live field: whole when it is a custom field of a type
// a manifest can create, else only what differs from the untouched org.
func document(o *model.Object) []spec.Pair {
	f := o.Field
	if f == nil || o.Absent {
		return nil
	}
	if o.System || !wholeType(f) {
		return standardDocument(f)
	}
	d := []spec.Pair{{K: "module", V: f.Module}, {K: "api_name", V: f.APIName}}
	if f.FieldLabel != nil {
		d = append(d, spec.Pair{K: "field_label", V: *f.FieldLabel})
	}
	if f.DataType != nil {
		d = append(d, spec.Pair{K: "data_type", V: *f.DataType})
		d = append(d, sizes(f)...)
	}
	if hasTooltip(f) {
		d = append(d, spec.Pair{K: "tooltip", V: []spec.Pair{{K: "name", V: f.Tooltip.Name}, {K: "value", V: f.Tooltip.Value}}})
	}
	if sortsValues(f) {
		d = append(d, spec.Pair{K: "pick_list_values_sorted_lexically", V: true})
	}
	switch {
	case f.GlobalPicklist != nil && *f.GlobalPicklist != "":
		d = append(d, spec.Pair{K: "global_picklist", V: *f.GlobalPicklist})
	case f.PickListValues != nil && isPicklist(f):
		d = append(d, spec.Pair{K: "pick_list_values", V: valuesDoc(*f.PickListValues)})
	}
	if f.Permissions != nil && len(*f.Permissions) > 0 {
		d = append(d, spec.Pair{K: "permissions", V: permissionsDoc(*f.Permissions, nil)})
	}
	return d
}

// standardDocument writes a standard field (or a custom one a manifest
// could not create again) with its picklist values when they differ from
// the documented default, and the profiles whose permission differs from
// the default; nil when nothing differs.
func standardDocument(f *model.FieldDef) []spec.Pair {
	var body []spec.Pair
	if f.PickListValues != nil && isPicklist(f) && !usesGlobal(f) && !defaultValues(f.Module, f.APIName, *f.PickListValues) {
		body = append(body, spec.Pair{K: "pick_list_values", V: valuesDoc(*f.PickListValues)})
	}
	if f.Permissions != nil {
		if p := permissionsDoc(*f.Permissions, isDefaultPermission); len(p) > 0 {
			body = append(body, spec.Pair{K: "permissions", V: p})
		}
	}
	if body == nil {
		return nil
	}
	return append([]spec.Pair{{K: "module", V: f.Module}, {K: "api_name", V: f.APIName}}, body...)
}

// complete adds what document leaves out at its default, so that planning
// another org against the export resets it there too: for a custom field,
// "tooltip: null" when it has none and, for a local picklist,
// pick_list_values_sorted_lexically false; for a standard field, the
// default picklist values and every profile's permission.
func complete(o *model.Object, doc []spec.Pair) []spec.Pair {
	f := o.Field
	if f == nil {
		return doc
	}
	has := map[string]bool{}
	for _, p := range doc {
		has[p.K] = true
	}
	if !o.System && wholeType(f) {
		if !has["tooltip"] {
			doc = insertAfter(doc, "data_type", spec.Pair{K: "tooltip", V: nil})
		}
		if has["pick_list_values"] && !has["pick_list_values_sorted_lexically"] {
			doc = insertAfter(doc, "tooltip", spec.Pair{K: "pick_list_values_sorted_lexically", V: false})
		}
		return doc
	}
	if !has["pick_list_values"] && f.PickListValues != nil && isPicklist(f) && !usesGlobal(f) {
		doc = append(doc, spec.Pair{K: "pick_list_values", V: valuesDoc(*f.PickListValues)})
	}
	if f.Permissions != nil && len(*f.Permissions) > 0 {
		doc = slices.DeleteFunc(doc, func(p spec.Pair) bool { return p.K == "permissions" })
		doc = append(doc, spec.Pair{K: "permissions", V: permissionsDoc(*f.Permissions, nil)})
	}
	return doc
}

// wholeTypes are the data types a manifest creates from the keys crmsync
// manages (fields.md §2, §4). Lookups, formulas, auto-numbers, roll-ups,
// uploads and the like need sub-objects a manifest has no key for, so a
// custom field of such a type is written like a standard one.
var wholeTypes = []string{"text", "textarea", "email", "phone", "website", "picklist", "multiselectpicklist",
	"date", "datetime", "integer", "bigint", "double", "currency", "percent", "boolean"}

// wholeType reports whether a custom field is written whole: its type is
// one a manifest creates, or not known (nothing then says otherwise).
func wholeType(f *model.FieldDef) bool {
	return f.DataType == nil || slices.Contains(wholeTypes, strings.ToLower(*f.DataType))
}

func isPicklist(f *model.FieldDef) bool {
	return f.DataType == nil || *f.DataType == "picklist" || *f.DataType == "multiselectpicklist"
}

func usesGlobal(f *model.FieldDef) bool { return f.GlobalPicklist != nil && *f.GlobalPicklist != "" }

// lengthTypes take a length and decimalTypes a decimal_place (fields.md §4):
// email and percent lengths are not settable, and a textarea's length
// follows its textarea kind.
var (
	lengthTypes  = []string{"text", "phone", "website", "integer", "bigint", "double", "currency"}
	decimalTypes = []string{"double", "currency", "percent"}
)

// sizes writes length, decimal_place and textarea where the type has them.
// They are written even at Zoho's values for an omitted key, which the
// documents do not give (fields.md §4, q18).
func sizes(f *model.FieldDef) []spec.Pair {
	var d []spec.Pair
	dt := strings.ToLower(*f.DataType)
	if f.Length != nil && slices.Contains(lengthTypes, dt) {
		d = append(d, spec.Pair{K: "length", V: *f.Length})
	}
	if f.DecimalPlace != nil && slices.Contains(decimalTypes, dt) {
		d = append(d, spec.Pair{K: "decimal_place", V: *f.DecimalPlace})
	}
	if f.Textarea != nil && *f.Textarea != "" && dt == "textarea" {
		d = append(d, spec.Pair{K: "textarea", V: *f.Textarea})
	}
	return d
}

// sortsValues reports whether a picklist shows its values in alphabetical
// order (Zoho's default is false, the list order: fields.md §2).
func sortsValues(f *model.FieldDef) bool {
	return f.PickListValuesSortedLexically != nil && *f.PickListValuesSortedLexically
}

// hasTooltip reports whether f has a tooltip (a Tooltip without a name
// stands for none).
func hasTooltip(f *model.FieldDef) bool { return f.Tooltip != nil && f.Tooltip.Name != "" }

// valuesDoc writes options in order: the display value, and the actual
// value when it differs (a manifest's defaults to the display value).
func valuesDoc(vs []model.PicklistValue) [][]spec.Pair {
	out := make([][]spec.Pair, 0, len(vs))
	for _, v := range vs {
		p := []spec.Pair{{K: "display_value", V: v.DisplayValue}}
		if v.ActualValue != nil && *v.ActualValue != v.DisplayValue {
			p = append(p, spec.Pair{K: "actual_value", V: *v.ActualValue})
		}
		out = append(out, p)
	}
	return out
}

// permissionsDoc writes the permissions by profile name, sorted, leaving
// out those skip accepts.
func permissionsDoc(perms map[string]string, skip func(string) bool) []spec.Pair {
	names := make([]string, 0, len(perms))
	for n, p := range perms {
		if skip == nil || !skip(p) {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	out := make([]spec.Pair, len(names))
	for i, n := range names {
		out[i] = spec.Pair{K: n, V: perms[n]}
	}
	return out
}

// insertAfter inserts p after the pair keyed after and the size keys that
// follow it, keeping the document's key order.
func insertAfter(doc []spec.Pair, after string, p spec.Pair) []spec.Pair {
	i := slices.IndexFunc(doc, func(q spec.Pair) bool { return q.K == after })
	for i >= 0 && i+1 < len(doc) && slices.Contains([]string{"length", "decimal_place", "textarea"}, doc[i+1].K) {
		i++
	}
	return slices.Insert(doc, i+1, p)
}
