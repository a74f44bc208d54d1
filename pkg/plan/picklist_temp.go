package plan

import (
	"fmt"
	"regexp"

	"github.com/crmsync/crmsync/pkg/model"
)

// Temporary display values, for every kind whose picklist values keep
// their display values unique (Field options, GlobalPicklist values).
//
// The documents do not say whether Zoho checks that uniqueness after each
// entry of a request or once on what the request leaves. When renames swap
// display values or pass them along a chain (Gold → Silver while Silver →
// Gold or → Copper), or a new value takes the display value of a value
// being renamed, each live value whose display value another value takes
// first gets a temporary one ("crmsync tmp N", free in the list) in a
// request of its own; the main request then gives every value its final
// display value, and no request names one display value twice however
// Zoho checks. Renames to display values nobody holds need no such
// request. A value left under its temporary display value by an
// interrupted apply pairs back by its actual value (or id) on the next
// plan, which renames it again.

// nameClaim is a display value an edit gives: to live value id (a
// rename), or to a new value (id "").
type nameClaim struct{ id, display string }

// tempRename is a temporary display value for live value id.
type tempRename struct{ id, name string }

// tempRenames are the temporary display values to send first, in live
// order, for the claims of one update of the live values.
func tempRenames(claims []nameClaim, live []model.PicklistValue) []tempRename {
	renamed, wantedBy := map[string]bool{}, map[string][]string{}
	for _, c := range claims {
		if c.id != "" {
			renamed[c.id] = true
		}
		wantedBy[model.Fold(c.display)] = append(wantedBy[model.Fold(c.display)], c.id)
	}
	taken := map[string]bool{} // a temporary name matches no value's names
	for _, o := range live {
		taken[model.Fold(o.DisplayValue)], taken[model.Fold(o.Stored())] = true, true
	}
	for _, c := range claims {
		taken[model.Fold(c.display)] = true
	}
	var out []tempRename
	n := 0
	for _, o := range live {
		if !renamed[o.ID] || !takenByOther(wantedBy[model.Fold(o.DisplayValue)], o.ID) {
			continue
		}
		name := ""
		for name == "" || taken[model.Fold(name)] {
			n++
			name = fmt.Sprintf("crmsync tmp %d", n)
		}
		taken[model.Fold(name)] = true
		out = append(out, tempRename{id: o.ID, name: name})
	}
	return out
}

// takenByOther reports whether a claimant other than id is among by.
func takenByOther(by []string, id string) bool {
	for _, c := range by {
		if c != id {
			return true
		}
	}
	return false
}

var tempNamePattern = regexp.MustCompile(`(?i)^crmsync tmp \d+$`)

// isTempName reports whether a display value is one tempRenames gives.
func isTempName(display string) bool { return tempNamePattern.MatchString(display) }

// refuseTempRemovals refuses to remove a live value that holds a temporary
// display value: an apply was interrupted between its requests, and the
// manifest names the value in a way that no longer finds it (by display
// value or previous_names); its records must not lose it.
func (b *builder) refuseTempRemovals(d *model.Object, removed []model.PicklistValue) {
	for _, v := range removed {
		if isTempName(v.DisplayValue) {
			b.problem(d, "the value %q (actual value %q) holds a temporary display value from an interrupted apply, and no value of the manifest names it, so the plan would remove it; name it with `actual_value: %s` in pick_list_values",
				[]any{"pick_list_values"}, v.DisplayValue, v.Stored(), v.Stored())
		}
	}
}
