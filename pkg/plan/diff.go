package plan

// Design note: the diff rules.
//
// Each pair is turned into two "views", one per side, that hold only what
// the manifest manages: a key the manifest leaves out is nil on both sides,
// so it is never a difference. Both views are normalized the same way:
// documented server defaults are filled in (locked_for defaults to
// all_profiles, lock_for_portal_users to true, "update" is always among the
// restricted actions), order-insensitive lists are sorted, null and empty
// lists are the same, names compare as Zoho compares them, and rule criteria
// become one canonical text. Server-owned keys (IDs, audit times) never enter
// a view. The views are then compared with r3labs/diff, whose change log
// becomes the FieldDiffs, sorted by path. Requests are built separately from
// the merged target state (see requests_*.go), never from the change log.

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/r3labs/diff/v3"
)

// newDiffer returns a differ for one comparison. A diff.Differ keeps the
// change log of the comparison in progress, so it must not be shared:
// plans may be made concurrently.
func newDiffer() *diff.Differ {
	d, err := diff.NewDiffer(diff.DisableStructValues(), diff.SliceOrdering(false))
	if err != nil {
		panic(err)
	}
	return d
}

// lockView is the comparable form of a locking configuration.
type lockView struct {
	LockType                 *string    `diff:"lock_type"`
	LockedFor                *string    `diff:"locked_for"`
	LockExcludedProfiles     *string    `diff:"lock_excluded_profiles"`
	ExcludedFields           *string    `diff:"excluded_fields"`
	RestrictedActions        *string    `diff:"restricted_actions"`
	RestrictedCommunications *string    `diff:"restricted_communications"`
	RestrictedCustomButtons  *string    `diff:"restricted_custom_buttons"`
	LockForPortalUsers       *bool      `diff:"lock_for_portal_users"`
	Rules                    []ruleView `diff:"locking_rules"`
}

// ruleView is the comparable form of one locking rule.
type ruleView struct {
	Name                string  `diff:"name,identifier"`
	LockExistingRecords *bool   `diff:"lock_existing_records"`
	Criteria            *string `diff:"criteria"`
}

type moduleView struct {
	PluralLabel   *string `diff:"plural_label"`
	SingularLabel *string `diff:"singular_label"`
	Profiles      *string `diff:"profiles"`
}

type roleView struct {
	Name            string  `diff:"name"`
	ReportingTo     *string `diff:"reporting_to"`
	Description     *string `diff:"description"`
	ShareWithPeers  *bool   `diff:"share_with_peers"`
	ForecastManager *string `diff:"forecast_manager"`
}

type contactRoleView struct {
	Name           string `diff:"name"`
	SequenceNumber *int   `diff:"sequence_number"`
}

// fieldDiffs compares two views and returns sorted field differences.
func fieldDiffs(before, after any) []FieldDiff {
	log, err := newDiffer().Diff(before, after)
	if err != nil {
		// Views are typed structs of the same type; this cannot happen.
		panic(fmt.Sprintf("plan: diff: %v", err))
	}
	var out []FieldDiff
	for _, c := range log {
		out = append(out, FieldDiff{Path: strings.Join(c.Path, "."), Steps: slices.Clone(c.Path), Old: deref(c.From), New: deref(c.To)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// deref turns view values into plain JSON-friendly values.
func deref(v any) any {
	switch x := v.(type) {
	case *string:
		if x == nil {
			return nil
		}
		return *x
	case *bool:
		if x == nil {
			return nil
		}
		return *x
	case *int:
		if x == nil {
			return nil
		}
		return *x
	case ruleView:
		m := map[string]any{"name": x.Name}
		if x.LockExistingRecords != nil {
			m["lock_existing_records"] = *x.LockExistingRecords
		}
		if x.Criteria != nil {
			m["criteria"] = *x.Criteria
		}
		return m
	}
	return v
}

// setText renders an order-insensitive list as one comparable text: sorted,
// de-duplicated, comma separated, "[]" when empty.
func setText(items []string, fold bool) *string {
	s := slices.Clone(items)
	if fold {
		for i := range s {
			s[i] = strings.ToLower(s[i])
		}
	}
	slices.Sort(s)
	s = slices.Compact(s)
	t := "[" + strings.Join(s, ", ") + "]"
	return &t
}
