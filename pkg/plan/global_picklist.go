package plan

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/crmsync/crmsync/pkg/model"
)

// gpView is the comparable form of a global picklist's own keys; its
// values are compared by valueDiffs.
type gpView struct {
	DisplayLabel *string `diff:"display_label"`
	Description  *string `diff:"description"`
	Sorted       *bool   `diff:"pick_list_values_sorted_lexically"`
}

func (b *builder) diffGlobalPicklist(d, o *model.Object) *Change {
	dg := d.GlobalPicklist
	if o == nil {
		return b.createGlobalPicklist(d)
	}
	og := o.GlobalPicklist
	var before, after gpView
	if dg.DisplayLabel != nil {
		after.DisplayLabel, before.DisplayLabel = dg.DisplayLabel, orDefault(og.DisplayLabel, "")
	}
	if dg.Description != nil {
		after.Description, before.Description = dg.Description, orDefault(og.Description, "")
	}
	if dg.PickListValuesSortedLexically != nil {
		after.Sorted, before.Sorted = dg.PickListValuesSortedLexically, orDefault(og.PickListValuesSortedLexically, false)
	}
	m := *og
	m.APIName = d.Key.Name
	overlay(&m.DisplayLabel, dg.DisplayLabel)
	overlay(&m.Description, dg.Description)
	overlay(&m.PickListValuesSortedLexically, dg.PickListValuesSortedLexically)
	fields := fieldDiffs(before, after)
	if dg.PickListValues != nil {
		live := list(og.PickListValues)
		values := mergeValues(*dg.PickListValues, live)
		m.PickListValues = &values
		fields = append(fields, valueDiffs(live, values, !*orDefault(m.PickListValuesSortedLexically, false))...)
		sort.SliceStable(fields, func(i, j int) bool { return fields[i].Path < fields[j].Path })
	}
	c := &Change{Key: d.Key, Action: Update, Fields: fields,
		After: &model.Object{Key: d.Key, ID: o.ID, System: o.System, GlobalPicklist: &m}}
	if len(fields) > 0 && o.System {
		b.problem(d, "%s is a system-defined global picklist, which Zoho does not let anyone change (NOT_ALLOWED); remove the keys that differ: %s",
			nil, d.Key.Name, strings.Join(fieldPaths(fields), ", "))
		return nil
	}
	b.checkValueActuals(d, values(c.After.GlobalPicklist))
	b.warnSpecial(d, c.Fields)
	if gone := removedValues(values(og), c.After.GlobalPicklist); len(gone) > 0 {
		c.Destructive = true
		c.Destroys = fmt.Sprintf("removes %s from the set: Zoho documents no value for the records that hold %s (it documents only replacing a value in records, which crmsync does not do); fields that use the set no longer offer %s",
			quoteList(gone, ", "), them(len(gone)), them(len(gone)))
	}
	return c
}

// createGlobalPicklist plans a new set, which Zoho creates only with a
// display_label and at least one value (fields.md §9.3).
func (b *builder) createGlobalPicklist(d *model.Object) *Change {
	dg := d.GlobalPicklist
	for _, o := range b.in.Observed.OfKind(model.KindGlobalPicklist) {
		if model.Fold(o.Key.Name) == model.Fold(d.Key.Name) {
			b.problem(d, "the org has the global picklist %q, and API names are unique without regard to case; write api_name: %s", []any{"api_name"}, o.Key.Name, o.Key.Name)
			return nil
		}
	}
	var missing []string
	if dg.DisplayLabel == nil {
		missing = append(missing, "display_label")
	}
	if dg.PickListValues == nil {
		missing = append(missing, "pick_list_values")
	}
	if len(missing) > 0 {
		b.problem(d, "no global picklist %q in the org, and Zoho creates one only with %s: add them", []any{"api_name"}, d.Key.Name, strings.Join(missing, " and "))
		return nil
	}
	if b.checkDeleting(d, true, *dg.DisplayLabel) {
		return nil
	}
	m := *dg
	vals := mergeValues(*dg.PickListValues, nil)
	m.PickListValues = &vals
	after := gpView{DisplayLabel: m.DisplayLabel, Description: m.Description, Sorted: m.PickListValuesSortedLexically}
	fields := append(fieldDiffs(gpView{}, after), valueDiffs(nil, vals, false)...)
	b.warnSpecial(d, fields)
	return &Change{Key: d.Key, Action: Create, Fields: fields, After: &model.Object{Key: d.Key, GlobalPicklist: &m}}
}

// safeRunes are the characters besides letters and digits that a global
// picklist's label and values may surely hold.
const safeRunes = " _-.,&/()'+:#"

// warnSpecial warns about a label or value the plan writes that holds
// other characters: Zoho refuses "special characters" there without
// listing them (fields.md §9.3, q20), so the write may be refused.
func (b *builder) warnSpecial(d *model.Object, fields []FieldDiff) {
	for _, f := range fields {
		text, ok := f.New.(string)
		if !ok || (f.Path != "display_label" && !strings.HasPrefix(f.Path, "pick_list_values.")) || strings.HasSuffix(f.Path, ".type") ||
			strings.HasSuffix(f.Path, "(order)") {
			continue
		}
		text = strings.TrimSuffix(text, " (unused)")
		if i := strings.IndexFunc(text, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(safeRunes, r)
		}); i >= 0 {
			b.warn("%s: %s: %q holds %q, and Zoho refuses special characters in global picklist labels and values without listing them (letters, digits, spaces and %s are safe); the write may be refused",
				d.Where(), d.Key, text, []rune(text[i:])[0], strings.TrimSpace(safeRunes))
		}
	}
}

// checkValueActuals refuses two target values with one actual value: a new
// value whose display value is the actual value of a live one it does not
// rename would take that live value's stored value.
func (b *builder) checkValueActuals(d *model.Object, vals []model.PicklistValue) {
	seen := map[string]string{}
	for i, v := range vals {
		k := model.Fold(v.Stored())
		if other, dup := seen[k]; dup {
			b.problem(d, "the value %q would get the actual value %q, which the value %q holds in the org; give it an actual_value of its own, or rename %q instead (previous_names)",
				[]any{"pick_list_values", i}, v.DisplayValue, v.Stored(), other, other)
			continue
		}
		seen[k] = v.DisplayValue
	}
}

func values(g *model.GlobalPicklist) []model.PicklistValue {
	if g == nil {
		return nil
	}
	return list(g.PickListValues)
}

// removedValues are the display values of the live values that target g
// no longer holds (none when g does not manage its values).
func removedValues(live []model.PicklistValue, g *model.GlobalPicklist) []string {
	if g.PickListValues == nil {
		return nil
	}
	kept := map[string]bool{}
	for _, a := range *g.PickListValues {
		kept[a.ID] = a.ID != ""
	}
	var out []string
	for _, v := range live {
		if !kept[v.ID] {
			out = append(out, v.DisplayValue)
		}
	}
	return out
}

func gpDeleted(_ *builder, c *Change) {
	c.Destructive = true
	c.Destroys = fmt.Sprintf("deletes the global picklist %s and its values; Zoho may finish the deletion as a background job, refuses it while more than 15 fields use the set, and does not document what the fields that use it keep", c.Key.Name)
}

func fieldPaths(fs []FieldDiff) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Path
	}
	return out
}

func them(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
