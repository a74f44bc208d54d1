package plan

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/crmsync/crmsync/pkg/kinds/field"
	"github.com/crmsync/crmsync/pkg/model"
)

// fieldView is the comparable form of a field: only the keys the manifest
// manages are set. Picklist values compare as one ordered text; permissions
// by profile name.
type fieldView struct {
	FieldLabel     *string           `diff:"field_label"`
	DataType       *string           `diff:"data_type"`
	Length         *int              `diff:"length"`
	DecimalPlace   *int              `diff:"decimal_place"`
	Textarea       *string           `diff:"textarea"`
	Tooltip        *string           `diff:"tooltip"`
	GlobalPicklist *string           `diff:"global_picklist"`
	PickListValues *string           `diff:"pick_list_values"`
	Sorted         *bool             `diff:"pick_list_values_sorted_lexically"`
	Permissions    map[string]string `diff:"permissions"`
}

func (b *builder) diffField(d, o *model.Object) *Change {
	if code := b.in.Lookups.FieldErrors[d.Field.Module]; code != "" {
		b.problem(d, "no module with API name %q in the org (Zoho answers %s to the read of its fields); name the module by its exact API name, for example Accounts",
			[]any{"module"}, d.Field.Module, code)
		return nil
	}
	if o == nil {
		return b.createField(d)
	}
	df, of := d.Field, o.Field
	if !b.fieldUpdatable(d, o) || !b.checkLabelFree(d, o) {
		return nil
	}
	m := *of
	m.Module, m.APIName = df.Module, df.APIName
	overlay(&m.FieldLabel, df.FieldLabel)
	overlay(&m.Length, df.Length)
	overlay(&m.DecimalPlace, df.DecimalPlace)
	overlay(&m.Tooltip, df.Tooltip)
	if df.GlobalPicklist != nil && of.GlobalPicklist != nil && model.SameName(*df.GlobalPicklist, *of.GlobalPicklist) {
		df = cloneFieldDef(df)
		df.GlobalPicklist = of.GlobalPicklist // names compare folded
	}
	overlay(&m.GlobalPicklist, df.GlobalPicklist)
	overlay(&m.PickListValuesSortedLexically, df.PickListValuesSortedLexically)
	var removed []model.PicklistValue
	if df.PickListValues != nil && m.GlobalPicklist == nil {
		vals, gone := pairOptions(*df.PickListValues, list(of.PickListValues))
		if !b.checkActualValues(d, vals, gone) {
			return nil
		}
		m.PickListValues, removed = &vals, gone
	}
	if df.Permissions != nil && permsDiffer(*df.Permissions, deref2(of.Permissions)) {
		perms := maps.Clone(deref2(of.Permissions))
		if perms == nil {
			perms = map[string]string{}
		}
		maps.Copy(perms, *df.Permissions)
		m.Permissions = &perms
	}
	after := &model.Object{Key: d.Key, ID: o.ID, System: o.System, Field: &m}
	c := &Change{Key: d.Key, Action: Update, After: after, Fields: fieldDiffs(fieldViewOf(df, of), fieldViewOf(df, &m))}
	b.optionsDestroyed(c, df, of, removed)
	b.warnStandard(d, o, c)
	b.noteValues(d.Key, &m)
	return c
}

// permsDiffer says whether a listed permission is not the live one. When none
// differs, the update keeps the live map as it is: no copy of every profile's
// entry for each field.
func permsDiffer(want, live map[string]string) bool {
	for p, v := range want {
		if x, ok := live[p]; !ok || x != v {
			return true
		}
	}
	return false
}

// warnStandard says that Zoho may refuse a change to a standard field:
// its documents disagree on whether the API changes any of them (q5).
func (b *builder) warnStandard(d, o *model.Object, c *Change) {
	if o.System && len(c.Fields) > 0 && !b.opts.replan {
		b.warn("%s: %s is a standard field; Zoho's documents disagree on whether its API changes standard fields at all (the v8 page allows all but the label, older pages and the OpenAPI text refuse), so Zoho may refuse this update with NOT_ALLOWED: then make the change in Zoho's setup pages",
			d.Where(), d.Key.Name)
	}
}

// optionsDestroyed marks an update destructive that removes options, or
// switches a field from its own options to a global picklist's.
func (b *builder) optionsDestroyed(c *Change, df, of *model.FieldDef, removed []model.PicklistValue) {
	if len(removed) > 0 {
		c.Destructive = true
		c.Destroys = fmt.Sprintf("removes the option %s of %s: %s", quoted(removed), c.Key.Name, field.OptionRemoval) +
			b.lockingUnread(df.Module, "a rule compares with it", "removal")
	}
	if df.GlobalPicklist != nil && of.GlobalPicklist == nil && len(list(of.PickListValues)) > 0 {
		c.Destructive = true
		c.Destroys = joinDestroys(c.Destroys, fmt.Sprintf("switches %s to the global picklist %q: its own options %s go, and records that hold them keep no documented value (Zoho documents mapping each option to a value of the set, which crmsync does not send)",
			c.Key.Name, *df.GlobalPicklist, quoted(list(of.PickListValues))))
	}
}

// quoted lists options' display values, quoted, comma-separated.
func quoted(vals []model.PicklistValue) string {
	names := make([]string, len(vals))
	for i, v := range vals {
		names[i] = fmt.Sprintf("%q", v.DisplayValue)
	}
	return strings.Join(names, ", ")
}

func joinDestroys(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// fieldViewOf is the view of f restricted to the keys manifest df manages.
func fieldViewOf(df, f *model.FieldDef) fieldView {
	var v fieldView
	if df.PickListValuesSortedLexically != nil {
		v.Sorted = orDefault(f.PickListValuesSortedLexically, false)
	}
	if df.FieldLabel != nil {
		v.FieldLabel = orDefault(f.FieldLabel, "")
	}
	if df.DataType != nil {
		v.DataType = orDefault(f.DataType, "")
	}
	if df.Length != nil {
		v.Length = f.Length
	}
	if df.DecimalPlace != nil {
		v.DecimalPlace = f.DecimalPlace
	}
	if df.Textarea != nil {
		v.Textarea = orDefault(f.Textarea, "")
	}
	if df.Tooltip != nil {
		v.Tooltip = model.Ptr(tooltipText(f.Tooltip))
	}
	if df.GlobalPicklist != nil {
		v.GlobalPicklist = orDefault(f.GlobalPicklist, "")
	}
	if df.PickListValues != nil {
		vals := list(f.PickListValues)
		if sortsValues(df, f) {
			vals = lexically(vals)
		}
		v.PickListValues = model.Ptr(optionsText(vals))
	}
	if df.Permissions != nil {
		v.Permissions = map[string]string{}
		live := deref2(f.Permissions)
		for p := range *df.Permissions {
			if x, ok := live[p]; ok {
				v.Permissions[p] = x
			}
		}
	}
	return v
}

// TooltipText is a tooltip as the plan compares and shows it; readers of
// saved plans use it to show them the same.
func TooltipText(t *model.Tooltip) string { return tooltipText(t) }

// OptionsText is picklist options as the plan compares and shows them.
func OptionsText(vals []model.PicklistValue) string { return optionsText(vals) }

func tooltipText(t *model.Tooltip) string {
	if t == nil || t.Name == "" {
		return "none"
	}
	return t.Name + ": " + t.Value
}

// optionsText renders options in order: the display value, with the actual
// value in brackets when it differs.
func optionsText(vals []model.PicklistValue) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		parts[i] = v.DisplayValue
		if a := actualOf(v); a != v.DisplayValue {
			parts[i] += " (" + a + ")"
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// actualOf is an option's actual value; a manifest that leaves it out
// means the display value.
func actualOf(v model.PicklistValue) string {
	if v.ActualValue != nil {
		return *v.ActualValue
	}
	return v.DisplayValue
}

func deref2(p *map[string]string) map[string]string {
	if p == nil {
		return nil
	}
	return *p
}

// fieldDeleted: deleting a custom field destroys its data in every record.
func fieldDeleted(b *builder, c *Change) {
	module, name := model.SplitFieldKey(c.Key.Name)
	c.Destructive = true
	c.Destroys = fmt.Sprintf("deletes the custom field %s of module %s and its value in every %s record", name, module, module) +
		b.lockingUnread(module, "it names the field", "delete")
}

// lockingUnread is what a removal or delete says when the plan did not
// read the record locking configuration of module (no manifest manages
// it): whether that configuration uses the option or field is unknown,
// and Zoho then refuses the write or drops the use (q6, q8).
func (b *builder) lockingUnread(module, uses, write string) string {
	if b.desiredFolded(model.Key{Kind: model.KindLockingConfig, Name: module}) != nil {
		return ""
	}
	return fmt.Sprintf("; the record locking configuration of %s was not read: if %s, Zoho refuses the %s or drops that use from the configuration (manage it with a RecordLockingConfig manifest to have the plan check it)",
		module, uses, write)
}

// noteValues records the values a picklist field will have after apply,
// which locking criteria are checked against.
func (b *builder) noteValues(k model.Key, f *model.FieldDef) {
	if f.PickListValues == nil {
		return
	}
	vals := make([]string, 0, len(*f.PickListValues))
	for _, v := range *f.PickListValues {
		vals = append(vals, actualOf(v))
	}
	if b.fieldValues == nil {
		b.fieldValues = map[model.Key][]string{}
	}
	b.fieldValues[model.FoldKey(k)] = vals
}

func cloneFieldDef(f *model.FieldDef) *model.FieldDef {
	c := *f
	return &c
}

// sortsValues reports whether the field shows its values alphabetically
// after apply (the manifest's setting, else the live one): the order of
// pick_list_values then does not count.
func sortsValues(df, f *model.FieldDef) bool {
	if df.PickListValuesSortedLexically != nil {
		return *df.PickListValuesSortedLexically
	}
	return f.PickListValuesSortedLexically != nil && *f.PickListValuesSortedLexically
}

// lexically returns vals sorted by display value, as both sides compare
// when the field sorts its values.
func lexically(vals []model.PicklistValue) []model.PicklistValue {
	out := slices.Clone(vals)
	slices.SortStableFunc(out, func(a, b model.PicklistValue) int {
		return strings.Compare(strings.ToLower(a.DisplayValue), strings.ToLower(b.DisplayValue))
	})
	return out
}
