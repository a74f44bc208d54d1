package desired

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
)

// Checks of picklist values, shared by every kind that lists them (a
// GlobalPicklist's values, a picklist Field's options). Zoho compares
// display values and actual values without regard to case or surrounding
// spaces ("Duplicate option found", fields.md §9.3), so these do too.

// checkGlobalPicklist: its label and values have no surrounding spaces,
// its values are well-formed, at least one and at most 1000 are used
// ("Values in the pick list field cannot be empty"), and at most 500
// unused (fields.md §9.3).
func checkGlobalPicklist(g *model.GlobalPicklist, t *tree) []finding {
	out := spaced(t, "/display_label", g.DisplayLabel)
	if g.PickListValues == nil {
		return out
	}
	out = append(out, checkPicklistValues(*g.PickListValues, t, "/pick_list_values")...)
	used, unused := 0, 0
	for i, v := range *g.PickListValues {
		at := "/pick_list_values/" + strconv.Itoa(i)
		out = append(out, spaced(t, at+"/display_value", &v.DisplayValue)...)
		out = append(out, spaced(t, at+"/actual_value", v.ActualValue)...)
		if v.Unused() {
			unused++
		} else {
			used++
		}
	}
	switch {
	case used == 0:
		out = append(out, t.finding("/pick_list_values", "a global picklist needs at least one used value: remove type: unused from one of them"))
	case used > maxUsedValues:
		out = append(out, t.finding("/pick_list_values", "%d used values, and Zoho keeps at most %d used values in a global picklist (LIMIT_EXCEEDED); remove some, or make them unused", used, maxUsedValues))
	}
	if unused > maxUnusedValues {
		out = append(out, t.finding("/pick_list_values", "%d unused values, and Zoho keeps at most %d unused values in a global picklist (LIMIT_EXCEEDED); remove some", unused, maxUnusedValues))
	}
	return out
}

// spaced reports a text that starts or ends with spaces: Zoho compares
// names without them and may store them trimmed, and the plan compares
// texts exactly, so it would find the same change on every run.
func spaced(t *tree, ptr string, s *string) []finding {
	if s == nil || *s == strings.TrimSpace(*s) {
		return nil
	}
	return []finding{t.finding(ptr, "%q starts or ends with spaces, which Zoho may drop (the plan would then find a change on every run); remove them", *s)}
}

// The most used and unused values of a global picklist (fields.md §9.3).
const (
	maxUsedValues   = 1000
	maxUnusedValues = 500
)

// checkPicklistValues reports, at the value's position: a display value or
// an actual value given twice, a -None- value, and previous names that
// cannot tell which live value is renamed (a name still in the list, the
// value's own name, or one given by two values).
func checkPicklistValues(values []model.PicklistValue, t *tree, ptr string) []finding {
	var out []finding
	display, actual, prev := map[string]int{}, map[string]int{}, map[string]int{}
	line := func(i int, key string) int { return t.pos(fmt.Sprintf("%s/%d/%s", ptr, i, key)).Line }
	for i, v := range values {
		at := ptr + "/" + strconv.Itoa(i)
		if j, dup := display[model.Fold(v.DisplayValue)]; dup {
			out = append(out, t.finding(at+"/display_value", "the display value %q is in the list twice (first at line %d); values that differ only in case or spaces are the same",
				v.DisplayValue, line(j, "display_value")))
		} else {
			display[model.Fold(v.DisplayValue)] = i
		}
		if v.DisplayValue == "-None-" {
			out = append(out, t.finding(at+"/display_value", "-None- is Zoho's empty choice, not a value; remove it"))
		}
		// A value without actual_value stores its display value (two such
		// values that collide are the display value twice, reported above).
		if j, dup := actual[model.Fold(v.Stored())]; dup && (v.ActualValue != nil || values[j].ActualValue != nil) {
			out = append(out, duplicateActual(t, ptr, i, j, values))
		} else if !dup {
			actual[model.Fold(v.Stored())] = i
		}
	}
	for i, v := range values {
		for k, p := range v.PreviousNames {
			at := fmt.Sprintf("%s/%d/previous_names/%d", ptr, i, k)
			switch j, inList := display[model.Fold(p)]; {
			case inList && j == i:
				out = append(out, t.finding(at, "the previous name %q is this value's own display value; remove it", p))
			case inList:
				out = append(out, t.finding(at, "the previous name %q is the display value of another value of the list (line %d), so it cannot also be renamed; remove one of the two, or name each value by its actual_value to pass display values from value to value (a swap, a chain of renames)",
					p, line(j, "display_value")))
			}
			if j, dup := prev[model.Fold(p)]; dup && j != i {
				out = append(out, t.finding(at, "the previous name %q is also a previous name of the value at line %d; only one value can be renamed from it", p, line(j, "display_value")))
			} else {
				prev[model.Fold(p)] = i
			}
		}
	}
	return out
}

// duplicateActual reports value i, whose stored value is value j's.
func duplicateActual(t *tree, ptr string, i, j int, values []model.PicklistValue) finding {
	at, first := fmt.Sprintf("%s/%d", ptr, i), fmt.Sprintf("%s/%d", ptr, j)
	if values[i].ActualValue != nil {
		at += "/actual_value"
	}
	if values[j].ActualValue != nil {
		first += "/actual_value"
	}
	why := ""
	if values[i].ActualValue == nil || values[j].ActualValue == nil {
		why = ", as a value without actual_value stores its display value"
	}
	return t.finding(at, "the actual value %q is in the list twice (first at line %d%s); each value needs its own",
		values[i].Stored(), t.pos(first).Line, why)
}
