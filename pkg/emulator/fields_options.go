package emulator

import (
	"strconv"
	"strings"
)

// Picklist options, global picklist use and profile permissions of a field
// write [fields.md §2, §5.1, §5.2, §9.7].

// optionKeys are the keys of one pick_list_values entry: those of [OAS
// fields.json] pick_list_values, which are also the SDK's PickListValue
// keys (json_details.json fields/pick_list_value). The Stage keys
// (probability, forecast_*, deal_category) are accepted and not kept.
var optionKeys = keySet("id", "display_value", "actual_value", "reference_value", "colour_code",
	"sequence_number", "_delete", "_global_picklist_value", "type", "deal_category", "probability",
	"forecast_category", "forecast_type", "expected_data_type", "sys_ref_name", "maps", "show_value")

// applyOptions reads pick_list_values. On create every entry is new. On
// update [fields.md §5.1]: options not mentioned stay; an entry with id,
// or whose actual_value names an option, edits it (display_value renames;
// actual_value cannot change); "_delete": true removes it (the
// PicklistOptionDelete reading); sequence_number moves it (PicklistReorder);
// other entries add options at the end.
func (s *Server) applyOptions(c *call, f *Field, it item, p func(...string) string, create bool) *apiErr {
	if !it.given("pick_list_values") {
		return nil
	}
	path := p("pick_list_values")
	if !isPicklist(f.DataType) {
		return errInvalid("pick_list_values", path)
	}
	if f.GlobalPicklist != nil && !it.given("global_picklist") {
		return notAllowed("the options of a global picklist cannot be changed at field level", "pick_list_values", path)
	}
	entries, e := asItems(it["pick_list_values"], "pick_list_values", path)
	if e != nil {
		return e
	}
	if f.GlobalPicklist != nil {
		return nil // the options follow the global picklist
	}
	maxText, perRequest := optionMax(c.rd)
	if perRequest > 0 && len(entries) > perRequest {
		return limitErr(perRequest, "pick_list_values", path)
	}
	opts := append([]PickListOption(nil), f.PickListOptions...)
	var moves []move
	for j, en := range entries {
		ep := path + "[" + strconv.Itoa(j) + "]"
		var mv *move
		opts, mv, e = s.applyOption(c, opts, en, ep, maxText, create)
		if e != nil {
			return e
		}
		if mv != nil {
			moves = append(moves, *mv)
		}
	}
	opts = applyMoves(opts, moves)
	if len(opts) == 0 {
		return errInvalid("pick_list_values", path).with("minimum_length", 1)
	}
	if e := duplicateDisplay(opts, path); e != nil {
		return e
	}
	f.PickListOptions = opts
	return nil
}

// move is a requested sequence_number for an option id.
type move struct {
	id  string
	seq int
}

// applyOption applies one entry to the options.
func (s *Server) applyOption(c *call, opts []PickListOption, en item, ep string, maxText int, create bool) ([]PickListOption, *move, *apiErr) {
	if e := unknownKey(en, func(k string) string { return ep + "." + k }, optionKeys); e != nil {
		return nil, nil, e
	}
	disp, hasDisp, e := strKey(en, "display_value", ep+".display_value", false, maxText)
	if e == nil && hasDisp && strings.TrimSpace(disp) == "" {
		e = errInvalid("display_value", ep+".display_value")
	}
	if e != nil {
		return nil, nil, e
	}
	actual, hasActual, e := strKey(en, "actual_value", ep+".actual_value", false, maxText)
	if e == nil && hasActual && actual == "" {
		e = errInvalid("actual_value", ep+".actual_value")
	}
	if e != nil {
		return nil, nil, e
	}
	seq, hasSeq, e := intKey(en, "sequence_number", ep+".sequence_number", 1, 100000)
	if e != nil {
		return nil, nil, e
	}
	del, _, e := boolKey(en, "_delete", ep+"._delete")
	if e != nil {
		return nil, nil, e
	}
	if en.has("_delete") && c.rd.PicklistOptionDelete == "rejected" {
		return nil, nil, errInvalid("_delete", ep+"._delete")
	}
	idx := -1
	if en.given("id") {
		id, ok := rawID(en["id"])
		if idx = optionIndex(opts, id, ""); !ok || idx < 0 || create {
			return nil, nil, errInvalid("id", ep+".id").with("id", id)
		}
		if hasActual && actual != opts[idx].ActualValue {
			return nil, nil, notAllowed("the actual_value of an option cannot be changed", "actual_value", ep+".actual_value")
		}
	} else if hasActual && !create {
		idx = optionIndex(opts, "", actual)
	}
	if del {
		if idx < 0 {
			return nil, nil, errMandatory("id", ep+".id")
		}
		return append(opts[:idx:idx], opts[idx+1:]...), nil, nil
	}
	if idx < 0 {
		if opts, e = s.newOption(c, opts, disp, hasDisp, actual, hasActual, ep); e != nil {
			return nil, nil, e
		}
		idx = len(opts) - 1
	} else if hasDisp {
		opts[idx].DisplayValue = disp
	}
	if hasSeq && (c.rd.PicklistReorder == "sequence_number" || create) {
		return opts, &move{id: opts[idx].ID, seq: seq}, nil
	}
	return opts, nil, nil
}

// newOption adds an option: display_value mandatory, actual_value too
// under the "request" reading (else the display value) [fields.md §5.1].
func (s *Server) newOption(c *call, opts []PickListOption, disp string, hasDisp bool, actual string, hasActual bool, ep string) ([]PickListOption, *apiErr) {
	if !hasDisp {
		return nil, errMandatory("display_value", ep+".display_value")
	}
	if !hasActual && c.rd.FieldRequestLimits == "request" {
		return nil, errMandatory("actual_value", ep+".actual_value")
	}
	if !hasActual {
		actual = disp
	}
	if optionIndex(opts, "", actual) >= 0 {
		return nil, fieldErr("DUPLICATE_DATA", "Duplicate option actual_value", "actual_value", ep+".actual_value")
	}
	o := PickListOption{ID: s.st.ids.newID(), DisplayValue: disp, ActualValue: actual, Type: "used",
		SequenceNumber: len(opts) + 1}
	return append(opts, o), nil
}

func optionIndex(opts []PickListOption, id, actual string) int {
	for i, o := range opts {
		if (id != "" && o.ID == id) || (actual != "" && o.ActualValue == actual) {
			return i
		}
	}
	return -1
}

// applyMoves places each moved option at its sequence_number (1-based,
// clamped), in ascending order of the requested numbers, then renumbers.
func applyMoves(opts []PickListOption, moves []move) []PickListOption {
	sortMoves(moves)
	for _, mv := range moves {
		i := optionIndex(opts, mv.id, "")
		if i < 0 { // moved, then deleted by a later entry
			continue
		}
		o := opts[i]
		opts = append(opts[:i:i], opts[i+1:]...)
		at := min(max(mv.seq-1, 0), len(opts))
		opts = append(opts[:at], append([]PickListOption{o}, opts[at:]...)...)
	}
	renumber(opts)
	return opts
}

func sortMoves(m []move) {
	for i := 1; i < len(m); i++ {
		for j := i; j > 0 && m[j].seq < m[j-1].seq; j-- {
			m[j], m[j-1] = m[j-1], m[j]
		}
	}
}

// duplicateDisplay answers DUPLICATE_DATA "Duplicate option display_value"
// [fields.md §8].
func duplicateDisplay(opts []PickListOption, path string) *apiErr {
	seen := map[string]bool{}
	for _, o := range opts {
		k := strings.ToLower(strings.TrimSpace(o.DisplayValue))
		if seen[k] {
			return fieldErr("DUPLICATE_DATA", "Duplicate option display_value", "display_value", path)
		}
		seen[k] = true
	}
	return nil
}

// applyGlobalPicklist reads global_picklist {id (mandatory), api_name?}:
// picklist fields only; the field takes the set's used values [fields.md
// §2, §5.1, §9.7].
func (s *Server) applyGlobalPicklist(c *call, f *Field, it item, p func(...string) string, create bool) *apiErr {
	if !it.given("global_picklist") {
		return nil
	}
	path := p("global_picklist")
	if f.DataType != "picklist" {
		return errInvalid("global_picklist", path)
	}
	sub, e := subItem(it, "global_picklist", path)
	if e != nil {
		return e
	}
	if !sub.given("id") {
		return errMandatory("id", path+".id")
	}
	id, _ := rawID(sub["id"])
	g := s.st.gpByID[id]
	if g == nil {
		return errInvalid("id", path+".id").with("id", id)
	}
	if g.DeletePending {
		return notAllowed("global picklist deletion in progress.", "global_picklist", path)
	}
	f.GlobalPicklist = &FieldRef{ID: g.ID, APIName: g.APIName}
	f.PickListOptions = globalOptions(g)
	return nil
}

// applyPermissions reads profiles [{id, permission_type}] [fields.md §5.2].
// On create the profiles left out get FieldCreateOmittedProfiles
// (without the key every profile gets read_write); on update only the
// listed profiles change. At most 50 (create) or 10 (update, under the
// "request" reading) entries [fields.md §7].
func (s *Server) applyPermissions(c *call, f *Field, it item, p func(...string) string, create bool) *apiErr {
	path := p("profiles")
	if !it.given("profiles") {
		if create {
			f.Profiles, _ = s.st.resolvePermissions(nil)
		}
		return nil
	}
	entries, e := asItems(it["profiles"], "profiles", path)
	if e != nil {
		return e
	}
	limit := 50
	if !create && c.rd.FieldRequestLimits == "request" {
		limit = 10
	}
	if len(entries) > limit {
		return limitErr(limit, "profiles", path)
	}
	perms := map[string]string{}
	for j, en := range entries {
		ep := path + "[" + strconv.Itoa(j) + "]"
		if !en.given("id") {
			return errMandatory("id", ep+".id")
		}
		id, _ := rawID(en["id"])
		if s.st.profileByID[id] == nil {
			return errInvalid("id", ep+".id").with("id", id)
		}
		pt, _, e := strKey(en, "permission_type", ep+".permission_type", true, 0)
		if e == nil && !oneOf(pt, permissionTypes...) {
			e = errInvalid("permission_type", ep+".permission_type").with("supported_values", permissionTypes)
		}
		if e != nil {
			return e
		}
		perms[id] = pt
	}
	f.Profiles = s.mergePermissions(f.Profiles, perms, create, c.rd)
	return nil
}

// mergePermissions builds one entry per profile, in profile order.
func (s *Server) mergePermissions(old []FieldPermission, perms map[string]string, create bool, rd Readings) []FieldPermission {
	prev := map[string]string{}
	for _, fp := range old {
		prev[fp.ID] = fp.PermissionType
	}
	out := make([]FieldPermission, 0, len(s.st.profiles))
	for _, pr := range s.st.profiles {
		pt, ok := perms[pr.ID]
		switch {
		case ok:
		case create:
			pt = rd.FieldCreateOmittedProfiles
		case prev[pr.ID] != "":
			pt = prev[pr.ID]
		default:
			pt = "read_write"
		}
		out = append(out, FieldPermission{ID: pr.ID, Name: pr.Name, PermissionType: pt})
	}
	return out
}
