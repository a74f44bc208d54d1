package desired

import (
	"fmt"
	"strconv"

	"github.com/crmsync/crmsync/pkg/kinds/field"
	"github.com/crmsync/crmsync/pkg/model"
)

// checkField checks the keys of a Field that depend on each other: length,
// decimal_place, textarea, pick_list_values and global_picklist only where
// the data type has them, global_picklist exclusive with pick_list_values,
// and picklist values unique. Checks that need the live field (a standard
// field's keys, a new field's API name) are the plan's.
func checkField(f *model.FieldDef, t *tree) []finding {
	var out []finding
	if f.GlobalPicklist != nil && f.PickListValues != nil {
		out = append(out, t.finding("/global_picklist", "a field takes its values either from a global picklist or from pick_list_values, not both: manage the values on the GlobalPicklist %q, or remove global_picklist", *f.GlobalPicklist))
	}
	if f.Tooltip != nil && f.Tooltip.Name == "static_text" && len([]rune(f.Tooltip.Value)) > 35 {
		out = append(out, t.finding("/tooltip/value", "a static_text tooltip holds at most 35 characters (this one has %d); shorten it or use name: info_icon (255)", len([]rune(f.Tooltip.Value))))
	}
	if f.DataType != nil {
		out = append(out, checkFieldType(f, *f.DataType, t)...)
	}
	if f.PickListValues != nil {
		out = append(out, checkPicklistValues(*f.PickListValues, t)...)
	}
	return out
}

func checkFieldType(f *model.FieldDef, dt string, t *tree) []finding {
	var out []finding
	typ := field.Types[dt]
	switch {
	case f.Length != nil && typ.MaxLength == 0 && dt == "textarea":
		out = append(out, t.finding("/length", "a textarea's size is set by textarea (small, large or rich_text), not length"))
	case f.Length != nil && typ.MaxLength == 0:
		out = append(out, t.finding("/length", "a %s field has no length; remove it", dt))
	case f.Length != nil && *f.Length > typ.MaxLength:
		out = append(out, t.finding("/length", "a %s field holds at most %d; got %d", dt, typ.MaxLength, *f.Length))
	}
	if f.DecimalPlace != nil && !typ.Decimals {
		out = append(out, t.finding("/decimal_place", "only double, currency and percent fields have decimal_place; a %s field has none", dt))
	}
	if f.Textarea != nil && dt != "textarea" {
		out = append(out, t.finding("/textarea", "textarea applies to textarea fields only, not %s", dt))
	}
	if f.PickListValues != nil && !field.IsPicklist(dt) {
		out = append(out, t.finding("/pick_list_values", "only picklist and multiselectpicklist fields have pick_list_values, not %s", dt))
	}
	if f.PickListValuesSortedLexically != nil && !field.IsPicklist(dt) {
		out = append(out, t.finding("/pick_list_values_sorted_lexically", "only picklist and multiselectpicklist fields sort their values, not %s", dt))
	}
	if f.GlobalPicklist != nil && dt != "picklist" {
		out = append(out, t.finding("/global_picklist", "only a picklist field can use a global picklist (Zoho's multiselectpicklist has no global_picklist), not %s", dt))
	}
	return out
}

// checkPicklistValues: display values, actual values and previous names
// are unique in the list (Zoho compares display values without regard to
// case: DUPLICATE_DATA "Duplicate option display_value").
func checkPicklistValues(vals []model.PicklistValue, t *tree) []finding {
	var out []finding
	display := map[string]int{}
	actual := map[string]int{}
	former := map[string]int{}
	for i, v := range vals {
		ptr := "/pick_list_values/" + strconv.Itoa(i)
		if v.DisplayValue == "-None-" {
			out = append(out, t.finding(ptr+"/display_value", "-None- is Zoho's entry for no value, not an option; remove it (crmsync leaves it alone)"))
		}
		if j, dup := display[model.Fold(v.DisplayValue)]; dup {
			out = append(out, t.finding(ptr+"/display_value", "the display value %q is used twice in this list (first at line %d); Zoho keeps display values unique, in any case",
				v.DisplayValue, t.pos(fmt.Sprintf("/pick_list_values/%d/display_value", j)).Line))
		} else {
			display[model.Fold(v.DisplayValue)] = i
		}
		a := v.DisplayValue
		if v.ActualValue != nil {
			a = *v.ActualValue
		}
		if j, dup := actual[a]; dup {
			out = append(out, t.finding(ptr, "the actual value %q is used twice in this list (first at line %d); give one option another actual_value",
				a, t.pos(fmt.Sprintf("/pick_list_values/%d", j)).Line))
		} else {
			actual[a] = i
		}
		for k, p := range v.PreviousNames {
			if j, dup := former[model.Fold(p)]; dup && j != i {
				out = append(out, t.finding(fmt.Sprintf("%s/previous_names/%d", ptr, k), "the previous name %q is also a previous name of option %d; one live option can be renamed into one option only", p, j+1))
			}
			former[model.Fold(p)] = i
		}
	}
	return out
}
