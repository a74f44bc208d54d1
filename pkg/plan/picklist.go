package plan

import (
	"slices"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
)

// Picklist values, for every kind that lists them (GlobalPicklist today).
//
// A manifest's pick_list_values is the complete ordered list. Each desired
// value names a live one, strongest first: by its actual_value (the stored
// value, which cannot change once set), by its display value, by one of its
// previous_names (former display values), and last by its display value
// taken as the actual value it defaults to. Names compare as Zoho compares
// them (model.Fold). A live value is taken once; desired values left
// unpaired are new, and live values no desired value names are removed.

// pairValues returns, for each desired value, the index of the live value
// it names, or -1 for a new value.
func pairValues(desired, live []model.PicklistValue) []int {
	match := make([]int, len(desired))
	for i := range match {
		match[i] = -1
	}
	taken := make([]bool, len(live))
	byDisplay, byStored := map[string][]int{}, map[string][]int{}
	for j, l := range live {
		byDisplay[model.Fold(l.DisplayValue)] = append(byDisplay[model.Fold(l.DisplayValue)], j)
		byStored[model.Fold(l.Stored())] = append(byStored[model.Fold(l.Stored())], j)
	}
	find := func(index map[string][]int, want string) int {
		for _, j := range index[model.Fold(want)] {
			if !taken[j] {
				return j
			}
		}
		return -1
	}
	passes := []func(d model.PicklistValue) int{
		func(d model.PicklistValue) int { // by actual value
			if d.ActualValue == nil {
				return -1
			}
			return find(byStored, *d.ActualValue)
		},
		func(d model.PicklistValue) int { // by display value
			if d.ActualValue != nil {
				return -1
			}
			return find(byDisplay, d.DisplayValue)
		},
		func(d model.PicklistValue) int { // by a previous display value
			for _, p := range d.PreviousNames {
				if j := find(byDisplay, p); j >= 0 && d.ActualValue == nil {
					return j
				}
			}
			return -1
		},
		func(d model.PicklistValue) int { // by the actual value it defaults to
			if d.ActualValue != nil {
				return -1
			}
			return find(byStored, d.DisplayValue)
		},
	}
	for _, pass := range passes {
		for i, d := range desired {
			if match[i] >= 0 {
				continue
			}
			if j := pass(d); j >= 0 {
				match[i], taken[j] = j, true
			}
		}
	}
	return match
}

// mergeValues is the target list: the desired values in order, each with
// the id and actual value of the live value it names (a new value keeps
// the actual value its manifest gives, if any: left out, Zoho gives it the
// display value, and it pairs by display value once it exists) and its
// type (used when left out). Previous names are dropped: the pairing is
// done.
func mergeValues(desired, live []model.PicklistValue) []model.PicklistValue {
	match := pairValues(desired, live)
	out := make([]model.PicklistValue, len(desired))
	for i, d := range desired {
		v := model.PicklistValue{DisplayValue: d.DisplayValue, ActualValue: d.ActualValue,
			Type: model.Ptr(model.PicklistUsed)}
		if d.Unused() {
			v.Type = model.Ptr(model.PicklistUnused)
		}
		if j := match[i]; j >= 0 {
			v.ID, v.ActualValue = live[j].ID, model.Ptr(live[j].Stored())
		}
		out[i] = v
	}
	return out
}

// valueDiffs lists what changes from the live values to the target ones:
// renames and type changes (path pick_list_values.<actual value>.<key>),
// added and removed values (pick_list_values.<actual value>), and the
// order (pick_list_values.(order)) when values must move. ordered is false
// when Zoho sorts the values itself.
func valueDiffs(before, after []model.PicklistValue, ordered bool) []FieldDiff {
	var out []FieldDiff
	add := func(old, new any, steps ...string) {
		steps = append([]string{"pick_list_values"}, steps...)
		out = append(out, FieldDiff{Path: strings.Join(steps, "."), Steps: steps, Old: old, New: new})
	}
	byID := map[string]model.PicklistValue{}
	for _, v := range before {
		byID[v.ID] = v
	}
	kept := map[string]bool{}
	for _, v := range after {
		b, ok := byID[v.ID]
		if v.ID == "" || !ok {
			add(nil, pickText(v), v.Stored())
			continue
		}
		kept[v.ID] = true
		if b.DisplayValue != v.DisplayValue {
			add(b.DisplayValue, v.DisplayValue, b.Stored(), "display_value")
		}
		if b.Unused() != v.Unused() {
			add(typeOf(b), typeOf(v), b.Stored(), "type")
		}
	}
	for _, b := range before {
		if !kept[b.ID] {
			add(pickText(b), nil, b.Stored())
		}
	}
	if ordered && reordered(before, after) {
		add(orderText(before), orderText(after), "(order)")
	}
	return out
}

func typeOf(v model.PicklistValue) string {
	if v.Unused() {
		return model.PicklistUnused
	}
	return model.PicklistUsed
}

func pickText(v model.PicklistValue) string {
	if v.Unused() {
		return v.DisplayValue + " (unused)"
	}
	return v.DisplayValue
}

func orderText(vs []model.PicklistValue) string {
	names := make([]string, len(vs))
	for i, v := range vs {
		names[i] = v.DisplayValue
	}
	return "[" + strings.Join(names, ", ") + "]"
}

// sequenceMoves returns the sequence numbers one update must send for the
// values to end in after's order: by index in after, and by id for the live
// values a later request removes. The update removes the live values of
// gone (by id) and appends the new values at the end; the live values
// removed later keep their places. From the first place where that list
// and the target differ, every value gets its target place (1-based) as
// sequence_number; from the first place of all when a place before that
// one holds a live value whose number Zoho answered is not its place (gaps
// left by removals, or by this update's own removal), and also when the
// live numbers have such a gap and the update only adds values at the end
// (Zoho may number a new value by the count of values, which a gap puts
// before the last ones). This is right
// whether Zoho inserts each numbered value at its number in increasing
// order, numbers the values and sorts them, or keeps the numbers it has
// and sorts; numbering only the values whose place changes is not right
// when Zoho inserts.
func sequenceMoves(before, after []model.PicklistValue, gone []string) (byIndex map[int]int, byID map[string]int) {
	slots := moveSlots(before, after, gone)
	byIndex, byID, settled := numberSlots(slots, false)
	fresh := slices.ContainsFunc(slots, func(s moveSlot) bool { return s.fresh })
	if !settled && (len(byIndex)+len(byID) > 0 || fresh) {
		byIndex, byID, _ = numberSlots(slots, true)
	}
	return byIndex, byID
}

// reordered reports whether values must move for before to end in after's
// order (new values go at the end).
func reordered(before, after []model.PicklistValue) bool {
	byIndex, byID, _ := numberSlots(moveSlots(before, after, nil), false)
	return len(byIndex)+len(byID) > 0
}

// moveSlot is one place of the list as an update leaves it before any
// move: an after index, or a live value a later request removes (index -1,
// id), with the live value's sequence number (0 for a new value, fresh, or
// when not known).
type moveSlot struct {
	index int
	id    string
	seq   int
	fresh bool
}

func moveSlots(before, after []model.PicklistValue, gone []string) []moveSlot {
	inAfter := map[string]int{}
	for i, v := range after {
		if v.ID != "" {
			inAfter[v.ID] = i
		}
	}
	var slots []moveSlot
	for _, b := range before {
		if slices.Contains(gone, b.ID) {
			continue
		}
		if i, ok := inAfter[b.ID]; ok {
			slots = append(slots, moveSlot{index: i, seq: b.SequenceNumber})
		} else {
			slots = append(slots, moveSlot{index: -1, id: b.ID, seq: b.SequenceNumber})
		}
	}
	for i, v := range after {
		if _, live := inAfter[v.ID]; !live {
			slots = append(slots, moveSlot{index: i, fresh: true})
		}
	}
	return slots
}

// numberSlots numbers the slots from the first one out of place (from the
// first of all with all), and reports whether each slot before that one
// holds its place as its live number (or an unknown one).
func numberSlots(slots []moveSlot, all bool) (byIndex map[int]int, byID map[string]int, settled bool) {
	byIndex, byID, settled = map[int]int{}, map[string]int{}, true
	next, moving := 0, all // next: the after index the next kept place takes
	for pos, cur := range slots {
		if cur.index >= 0 {
			moving = moving || cur.index != next
		}
		if !moving && cur.seq != 0 && cur.seq != pos+1 {
			settled = false
		}
		switch {
		case cur.index < 0 && moving:
			byID[cur.id] = pos + 1
		case cur.index >= 0:
			if moving {
				byIndex[next] = pos + 1
			}
			next++
		}
	}
	return byIndex, byID, settled
}
