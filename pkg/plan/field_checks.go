package plan

import (
	"fmt"
	"strings"

	"github.com/crmsync/crmsync/pkg/kinds/field"
	"github.com/crmsync/crmsync/pkg/model"
)

// createField checks and plans a new custom field (fields.md §2, §3).
func (b *builder) createField(d *model.Object) *Change {
	f := d.Field
	ok := true
	need := func(key string, set bool, why string) {
		if !set {
			b.problem(d, "a new field needs %s (%s); no live field %s exists", []any{"api_name"}, key, why, d.Key.Name)
			ok = false
		}
	}
	need("field_label", f.FieldLabel != nil, "its label")
	need("data_type", f.DataType != nil, "for example text or picklist")
	if !ok {
		return nil
	}
	dt := *f.DataType
	switch {
	case !field.Types[dt].Creatable:
		b.problem(d, "crmsync cannot create a %s field: Zoho needs a %s definition crmsync does not manage; create it in Zoho, then manage its label, tooltip and permissions here", []any{"data_type"}, dt, dt)
		return nil
	case field.IsPicklist(dt) && f.PickListValues == nil && f.GlobalPicklist == nil:
		b.problem(d, "a new %s field needs pick_list_values (or global_picklist): Zoho requires its values on create", []any{"data_type"}, dt)
		return nil
	case f.Textarea != nil && f.Length != nil:
		b.problem(d, "a textarea's size is set by textarea, not length", []any{"length"})
		return nil
	}
	if !b.checkNewAPIName(d) {
		return nil
	}
	if n := len([]rune(*f.FieldLabel)); n > field.MaxCreateLabel {
		b.warn("%s: the label of the new field %s has %d characters; Zoho's create schema allows %d, so the create may be refused: shorten it, and rename it once it exists",
			d.Where(), d.Key.Name, n, field.MaxCreateLabel)
	}
	if f.PickListValues != nil {
		vals, _ := pairOptions(*f.PickListValues, nil)
		after := *d
		nf := *f
		nf.PickListValues = &vals
		after.Field = &nf
		b.warnLongTexts(d, vals, nil)
		b.noteValues(d.Key, &nf)
		return &Change{Key: d.Key, Action: Create, After: &after, Fields: fieldDiffs(fieldView{}, fieldViewOf(f, &nf))}
	}
	return &Change{Key: d.Key, Action: Create, After: d, Fields: fieldDiffs(fieldView{}, fieldViewOf(f, f))}
}

// checkNewAPIName refuses a new field whose API name Zoho would not give
// it: under one reading Zoho derives the name from the label whatever the
// request says (q1), so the manifest's name must be the derived one; a
// reserved name, or one an existing field has in any case (Zoho would add
// a suffix or refuse, q17), cannot be created.
func (b *builder) checkNewAPIName(d *model.Object) bool {
	f := d.Field
	derived := field.DeriveAPIName(*f.FieldLabel)
	if derived != f.APIName {
		suggest := ""
		if l := strings.ReplaceAll(f.APIName, "_", " "); field.DeriveAPIName(l) == f.APIName {
			suggest = fmt.Sprintf(", or set field_label to %q, which gives it", l)
		}
		b.problem(d, "Zoho may ignore the api_name of a new field and derive it from field_label: %q gives %q, not %q; set api_name: %s%s (rename the label once the field exists)",
			[]any{"api_name"}, *f.FieldLabel, derived, f.APIName, derived, suggest)
		return false
	}
	if field.IsReserved(f.APIName) {
		b.problem(d, "%q is a name Zoho keeps for a system key of records (RESERVED_KEYWORD_NOT_ALLOWED); choose another field_label and api_name", []any{"api_name"}, f.APIName)
		return false
	}
	for _, live := range b.in.Lookups.Fields[f.Module] {
		switch {
		case strings.EqualFold(live.APIName, f.APIName):
			b.problem(d, "module %s already has a field %q, which differs only in case; Zoho keeps API names unique in any case (it would add a suffix or refuse): name the manifest %q, or choose another label and api_name",
				[]any{"api_name"}, f.Module, live.APIName, live.APIName)
			return false
		case live.Label != "" && model.SameName(live.Label, *f.FieldLabel):
			b.problem(d, "module %s already has a field labelled %q (%s); Zoho keeps labels unique (DUPLICATE_DATA): choose another field_label",
				[]any{"field_label"}, f.Module, live.Label, live.APIName)
			return false
		}
	}
	return true
}

// fieldUpdatable refuses what Zoho never changes on a live field: its data
// type, its textarea kind, and on a standard field anything but its
// picklist values and permissions (q5: under one reading even those are
// refused, which apply then reports as the org's refusal).
func (b *builder) fieldUpdatable(d, o *model.Object) bool {
	df, of := d.Field, o.Field
	ok := true
	fixed := func(key string, want, live *string, fix string) {
		if want != nil && *want != derefString(live) {
			b.problem(d, "%s cannot change: it is %q on the live field and the manifest says %q; %s", []any{key}, key, derefString(live), *want, fix)
			ok = false
		}
	}
	fixed("data_type", df.DataType, of.DataType, "Zoho converts no field to another type: create a new field (another api_name) and delete this one with absent: true, which loses its data, or set data_type to the live type")
	fixed("textarea", df.Textarea, of.Textarea, "Zoho sets a textarea's kind on create only; set the live kind")
	if o.System {
		fixed("field_label", df.FieldLabel, of.FieldLabel, "this is a standard field, whose label Zoho's API does not change; set the live label or remove field_label")
		for _, k := range standardRefused(df, of) {
			b.problem(d, "%s is a standard field: Zoho's API changes only its pick_list_values and permissions; remove %s", []any{k}, d.Key.Name, k)
			ok = false
		}
	}
	if df.PickListValues != nil {
		switch {
		case of.PickListValues == nil:
			b.problem(d, "%s is a %s field, which has no picklist values; remove pick_list_values", []any{"pick_list_values"}, d.Key.Name, derefString(of.DataType))
			ok = false
		case of.GlobalPicklist != nil && df.GlobalPicklist == nil:
			b.problem(d, "%s takes its values from the global picklist %q: manage them on that GlobalPicklist, and remove pick_list_values here", []any{"pick_list_values"}, d.Key.Name, *of.GlobalPicklist)
			ok = false
		}
	}
	ok = b.sizesUpdatable(d, of) && ok
	if df.GlobalPicklist != nil && derefString(of.DataType) != "picklist" {
		b.problem(d, "only a picklist field can use a global picklist; %s is %s", []any{"global_picklist"}, d.Key.Name, derefString(of.DataType))
		ok = false
	}
	return ok
}

// sizesUpdatable refuses a length or decimal_place change the live
// field's type does not take (fields.md §4, §5: a textarea's length never
// changes).
func (b *builder) sizesUpdatable(d *model.Object, of *model.FieldDef) bool {
	df, dt := d.Field, derefString(of.DataType)
	typ, ok := field.Types[dt], true
	if l := df.Length; l != nil && (of.Length == nil || *l != *of.Length) {
		switch {
		case typ.MaxLength == 0:
			b.problem(d, "the length of a %s field cannot be set or changed; remove length", []any{"length"}, dt)
			ok = false
		case *l > typ.MaxLength:
			b.problem(d, "a %s field holds at most %d; length is %d", []any{"length"}, dt, typ.MaxLength, *l)
			ok = false
		}
	}
	if p := df.DecimalPlace; p != nil && !typ.Decimals && (of.DecimalPlace == nil || *p != *of.DecimalPlace) {
		b.problem(d, "a %s field has no decimal_place; remove it", []any{"decimal_place"}, dt)
		ok = false
	}
	return ok
}

// standardRefused lists the keys a manifest of a standard field sets to
// something else than the live value, besides picklist values and
// permissions.
func standardRefused(df, of *model.FieldDef) []string {
	var out []string
	if df.Length != nil && (of.Length == nil || *df.Length != *of.Length) {
		out = append(out, "length")
	}
	if df.DecimalPlace != nil && (of.DecimalPlace == nil || *df.DecimalPlace != *of.DecimalPlace) {
		out = append(out, "decimal_place")
	}
	if df.Tooltip != nil && tooltipText(df.Tooltip) != tooltipText(of.Tooltip) {
		out = append(out, "tooltip")
	}
	if df.GlobalPicklist != nil && derefString(df.GlobalPicklist) != derefString(of.GlobalPicklist) {
		out = append(out, "global_picklist")
	}
	return out
}

// warnLongTexts warns about option texts a request sends that are over the
// 25 characters of Zoho's request schema (q3); texts that do not change
// are never sent.
func (b *builder) warnLongTexts(d *model.Object, vals []model.PicklistValue, live map[string]string) {
	for _, v := range vals {
		if v.ID != "" && live[v.ID] == v.DisplayValue {
			continue
		}
		if n := len([]rune(v.DisplayValue)); n > field.MaxOptionText {
			b.warn("%s: the option %q of %s has %d characters; Zoho's request schema allows %d, so the write may be refused", d.Where(), v.DisplayValue, d.Key.Name, n, field.MaxOptionText)
		}
	}
}
