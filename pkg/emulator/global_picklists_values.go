package emulator

import (
	"sort"
	"strings"
)

// Values of a global picklist [fields.md §9.3, §9.4].

// gpCounts tracks the per-request limits of an update.
type gpCounts struct{ deleted, unused, toUsed int }

// gpValues applies pick_list_values: on create every entry is new; on
// update an entry without id adds, with id edits (display_value,
// actual_value/reference_value, type, sequence_number), with
// "_delete": true removes; values not mentioned stay. One delete and one
// move to unused per request (LIMIT_EXCEEDED limit 1); a set used by more
// than 15 fields allows no delete and at most 50 values added or moved to
// used per request [fields.md §9.4].
func (s *Server) gpValues(c *call, g *GlobalPicklist, it item, path string, create bool) *apiErr {
	if !it.given("pick_list_values") {
		return nil
	}
	entries, e := asItems(it["pick_list_values"], "pick_list_values", path)
	if e != nil {
		return e
	}
	var n gpCounts
	var moves []move
	for j, en := range entries {
		ep := path + "[" + itoa(j) + "]"
		mv, e := s.gpValue(c, g, en, ep, create, &n)
		if e == nil && !create && c.rd.GlobalValueUniqueness == "each" {
			e = duplicateValue(g.Values, ep)
		}
		if e != nil {
			return e
		}
		if mv != nil {
			moves = append(moves, *mv)
		}
	}
	fields, _ := s.gpUsers(g)
	switch {
	case !create && (n.deleted > 1 || n.unused > 1):
		return limitErr(1, "pick_list_values", path)
	case fields > 15 && n.deleted > 0:
		return notAllowed("values cannot be deleted from a global picklist used by more than 15 fields", "pick_list_values", path)
	case fields > 15 && n.toUsed > 50:
		return limitErr(50, "pick_list_values", path)
	}
	g.Values = applyMoves(g.Values, moves)
	if g.SortedLexically {
		sort.SliceStable(g.Values, func(i, j int) bool {
			return strings.ToLower(g.Values[i].DisplayValue) < strings.ToLower(g.Values[j].DisplayValue)
		})
		renumber(g.Values)
	}
	return gpValueTotals(g.Values, path)
}

// gpValueTotals: at least one used value, ≤ 1000 used, ≤ 500 unused, no
// duplicate display or actual value [fields.md §9.3].
func gpValueTotals(vals []PickListOption, path string) *apiErr {
	used, unused := 0, 0
	for _, v := range vals {
		if v.Type == "unused" {
			unused++
		} else {
			used++
		}
	}
	if e := duplicateValue(vals, path); e != nil {
		return e
	}
	switch {
	case used == 0:
		return fieldErr("INVALID_DATA", "Values in the pick list field cannot be empty.", "pick_list_values", path)
	case used > 1000:
		return limitErr(1000, "pick_list_values", path)
	case unused > 500:
		return limitErr(500, "pick_list_values", path)
	}
	return nil
}

// duplicateValue answers DUPLICATE_DATA when two values share a display
// or an actual value, in any case [fields.md §9.3].
func duplicateValue(vals []PickListOption, path string) *apiErr {
	disp, actual := map[string]bool{}, map[string]bool{}
	for _, v := range vals {
		d, a := strings.ToLower(strings.TrimSpace(v.DisplayValue)), strings.ToLower(v.ActualValue)
		if disp[d] || actual[a] {
			return fieldErr("DUPLICATE_DATA", "Duplicate option found. Enter a unique option.", "pick_list_values", path)
		}
		disp[d], actual[a] = true, true
	}
	return nil
}

// gpValue applies one entry.
func (s *Server) gpValue(c *call, g *GlobalPicklist, en item, ep string, create bool, n *gpCounts) (*move, *apiErr) {
	if e := unknownKey(en, func(k string) string { return ep + "." + k }, gpValueKeys); e != nil {
		return nil, e
	}
	disp, hasDisp, e := strKey(en, "display_value", ep+".display_value", false, 120)
	if e == nil && hasDisp && (specialChars(disp) || strings.TrimSpace(disp) == "" || disp == "-None-") {
		e = errInvalid("display_value", ep+".display_value")
	}
	if e != nil {
		return nil, e
	}
	actual, hasActual, e := strKey(en, "actual_value", ep+".actual_value", false, 120)
	if e == nil && !hasActual {
		actual, hasActual, e = strKey(en, "reference_value", ep+".reference_value", false, 120)
	}
	if e != nil {
		return nil, e
	}
	typ, hasType, e := strKey(en, "type", ep+".type", false, 0)
	if e == nil && hasType && !oneOf(typ, "used", "unused") {
		e = errInvalid("type", ep+".type").with("regex", "used|unused")
	}
	if e != nil {
		return nil, e
	}
	seq, hasSeq, e := intKey(en, "sequence_number", ep+".sequence_number", 1, 100000)
	if e != nil {
		return nil, e
	}
	if !en.given("id") || create {
		if !hasDisp {
			return nil, errMandatory("display_value", ep+".display_value")
		}
		if !hasType && c.rd.GlobalValueType == "required" {
			return nil, errMandatory("type", ep+".type")
		}
		v := PickListOption{ID: s.st.ids.newID(), DisplayValue: disp, ActualValue: disp, Type: "used",
			SequenceNumber: len(g.Values) + 1}
		if hasActual {
			v.ActualValue = actual
		}
		if hasType {
			v.Type = typ
		}
		if v.Type == "used" {
			n.toUsed++
		}
		g.Values = append(g.Values, v)
		return seqMove(v.ID, seq, hasSeq), nil
	}
	return s.gpEditValue(g, en, ep, disp, hasDisp, actual, hasActual, typ, seqMove("", seq, hasSeq), n)
}

func seqMove(id string, seq int, has bool) *move {
	if !has {
		return nil
	}
	return &move{id: id, seq: seq}
}

// gpEditValue edits or deletes the value an entry's id names.
func (s *Server) gpEditValue(g *GlobalPicklist, en item, ep, disp string, hasDisp bool, actual string,
	hasActual bool, typ string, mv *move, n *gpCounts) (*move, *apiErr) {
	id, _ := rawID(en["id"])
	i := optionIndex(g.Values, id, "")
	if i < 0 {
		return nil, errInvalid("id", ep+".id").with("id", id)
	}
	del, _, e := boolKey(en, "_delete", ep+"._delete")
	if e != nil {
		return nil, e
	}
	if del {
		n.deleted++
		g.Values = append(g.Values[:i:i], g.Values[i+1:]...)
		return nil, nil
	}
	v := &g.Values[i]
	if hasDisp {
		v.DisplayValue = disp
	}
	if hasActual {
		v.ActualValue = actual
	}
	if typ != "" && typ != v.Type {
		if typ == "unused" {
			n.unused++
		} else {
			n.toUsed++
		}
		v.Type = typ
	}
	if mv != nil {
		mv.id = v.ID
	}
	return mv, nil
}
