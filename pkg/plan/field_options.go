package plan

import (
	"strconv"

	"github.com/crmsync/crmsync/pkg/model"
)

// Picklist options pair by what cannot change: the actual value (fields.md
// §5.1: it cannot change once set). An option whose manifest leaves the
// actual value out pairs with the live option of its display value, else
// the live option whose actual value is its display value (the default),
// else the live option named by one of its previous_names (a rename).
// Live options no manifest option takes are removed.

// pairOptions returns the desired options resolved against the live ones
// (IDs and actual values of the live options they pair with; new options
// without an ID and with their actual value filled in), and the live
// options that are removed, in live order.
func pairOptions(desired, live []model.PicklistValue) ([]model.PicklistValue, []model.PicklistValue) {
	taken := make([]bool, len(live))
	match := make([]int, len(desired))
	for i := range match {
		match[i] = -1
	}
	// Each rule runs over every option before the next, weaker, rule: an
	// exact match is never taken by another option's weaker one.
	for _, rule := range optionMatchers {
		for i, d := range desired {
			for j, o := range live {
				if match[i] < 0 && !taken[j] && rule(d, o) {
					match[i], taken[j] = j, true
				}
			}
		}
	}
	out := make([]model.PicklistValue, len(desired))
	for i, d := range desired {
		v := model.PicklistValue{DisplayValue: d.DisplayValue, ActualValue: model.Ptr(actualOf(d))}
		if j := match[i]; j >= 0 {
			v.ID, v.ActualValue = live[j].ID, model.Ptr(actualOf(live[j]))
		}
		out[i] = v
	}
	var removed []model.PicklistValue
	for j, o := range live {
		if !taken[j] {
			removed = append(removed, o)
		}
	}
	return out, removed
}

// optionMatchers are the rules that pair desired option d with live
// option o, strongest first.
var optionMatchers = []func(d, o model.PicklistValue) bool{
	func(d, o model.PicklistValue) bool { return d.ActualValue != nil && actualOf(o) == *d.ActualValue },
	func(d, o model.PicklistValue) bool { return d.ActualValue == nil && o.DisplayValue == d.DisplayValue },
	func(d, o model.PicklistValue) bool { return d.ActualValue == nil && actualOf(o) == d.DisplayValue },
	func(d, o model.PicklistValue) bool {
		for _, p := range d.PreviousNames {
			if model.SameName(p, o.DisplayValue) {
				return true
			}
		}
		return false
	},
}

// optionEdits are the option entries of an update that keep or add
// options (renames, additions, moves), in the order they must be sent, and
// the removals. live is the live order; target the resolved desired order
// (pairOptions). Renames send {id, display_value}, additions {display_value,
// actual_value}; when the order differs, every option from the first that
// is out of place carries its sequence_number (1-based), with the removed
// options after the kept ones, so that moves processed in ascending order
// give the target order under every reading of sequence_number, and the
// removals then leave exactly the target. A field that sorts its values
// alphabetically (sorted) gets no moves.
type optionEdit struct {
	id, display, actual string
	seq                 int
	isNew, rename       bool
}

func optionEdits(target, live []model.PicklistValue, removed []model.PicklistValue, sorted bool) (edits []optionEdit, removals []string) {
	liveByID := map[string]model.PicklistValue{}
	for _, o := range live {
		liveByID[o.ID] = o
	}
	// The order after the additions (appended) and before the removals.
	var cur []string
	for _, o := range live {
		cur = append(cur, o.ID)
	}
	for i, v := range target {
		if v.ID == "" {
			cur = append(cur, newOptionKey(i))
		}
	}
	want := make([]string, 0, len(cur))
	for i, v := range target {
		if v.ID == "" {
			want = append(want, newOptionKey(i))
		} else {
			want = append(want, v.ID)
		}
	}
	for _, r := range removed {
		want = append(want, r.ID)
		removals = append(removals, r.ID)
	}
	first := -1
	if !sorted && !sameWithout(cur, want[:len(target)], removals) {
		for i := range want {
			if i >= len(cur) || cur[i] != want[i] {
				first = i
				break
			}
		}
	}
	for i, v := range target {
		e := optionEdit{id: v.ID, display: v.DisplayValue, actual: actualOf(v), isNew: v.ID == ""}
		if !e.isNew && liveByID[v.ID].DisplayValue != v.DisplayValue {
			e.rename = true
		}
		if first >= 0 && i >= first {
			e.seq = i + 1
		}
		if e.isNew || e.rename || e.seq > 0 {
			edits = append(edits, e)
		}
	}
	if first >= 0 {
		for k, r := range removed {
			if len(target)+k >= first {
				edits = append(edits, optionEdit{id: r.ID, seq: len(target) + k + 1})
			}
		}
	}
	return edits, removals
}

// newOptionKey stands for the ID of new option i, which no live ID equals.
func newOptionKey(i int) string { return "\x00new" + strconv.Itoa(i) }

// sameWithout reports whether cur without the removed IDs equals want.
func sameWithout(cur, want, removed []string) bool {
	gone := map[string]bool{}
	for _, r := range removed {
		gone[r] = true
	}
	var kept []string
	for _, id := range cur {
		if !gone[id] {
			kept = append(kept, id)
		}
	}
	if len(kept) != len(want) {
		return false
	}
	for i := range kept {
		if kept[i] != want[i] {
			return false
		}
	}
	return true
}
