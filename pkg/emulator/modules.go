package emulator

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// Modules [api.md §2, seed:update-custom-module, OAS modules.json].

const modKey = "modules"

func (s *Server) moduleByRef(ref string) *Module {
	if m := s.st.moduleByAPI[ref]; m != nil {
		return m
	}
	return s.st.moduleByID[ref]
}

// moduleList serves GET /settings/modules[?status=…]. Each module's
// profiles are truncated to Readings.ModuleListProfileLimit entries with
// has_more_profiles: true; only GET /settings/modules/{x} lists them all.
func (s *Server) moduleList(c *call) reply {
	status := c.q.Get("status")
	if c.q.Has("status") && !oneOf(status, "visible", "user_hidden", "system_hidden", "scheduled_for_deletion") {
		return badReq("INVALID_DATA", "invalid data", obj{"param_name": "status",
			"supported_values": []string{"visible", "user_hidden", "system_hidden", "scheduled_for_deletion"}}).reply()
	}
	var list []obj
	for _, m := range s.st.modules {
		if status == "" || m.Status == status {
			list = append(list, moduleView(m, c.rd.ModuleListProfileLimit))
		}
	}
	return dataReply(modKey, list)
}

func (s *Server) moduleGet(c *call) reply {
	m := s.moduleByRef(c.id)
	if m == nil {
		return errInvalidModule().with("resource_path_index", c.pathIndex()).reply()
	}
	return reply{status: http.StatusOK, body: obj{modKey: []obj{moduleView(m, -1)}}}
}

// moduleUpdate serves PUT /settings/modules/{api_name|id} and PUT
// /settings/modules. One module per call [seed:update-custom-module];
// the bulk form follows Readings.ModulesBulkPut.
func (s *Server) moduleUpdate(c *call) reply {
	var target *Module
	if c.id != "" {
		if target = s.moduleByRef(c.id); target == nil {
			return errInvalidModule().with("resource_path_index", c.pathIndex()).reply()
		}
	}
	raws, e := decodeBody(c.body, modKey)
	if e != nil {
		return e.reply()
	}
	if len(raws) > 1 && (c.id != "" || c.rd.ModulesBulkPut == "single") {
		return badReq("INVALID_DATA", "only one module can be updated in a single API call",
			obj{"api_name": modKey, "json_path": "$." + modKey}).reply()
	}
	var res results
	for i, raw := range raws {
		id, e := s.moduleUpdateItem(c, target, raw, i)
		if e != nil {
			res.fail(e)
			continue
		}
		res.add(id, "module updated successfully")
	}
	return res.reply(modKey, http.StatusOK, c.rd.PartialStatus)
}

// moduleUpdateItem validates and applies one item. A changed api_name is
// NOT_ALLOWED [seed:update-custom-module]; only custom modules can be
// updated ("Update Custom Module").
func (s *Server) moduleUpdateItem(c *call, m *Module, raw json.RawMessage, i int) (string, *apiErr) {
	it, e := asItem(raw, modKey, jpath(modKey, i))
	if e != nil {
		return "", e
	}
	if m == nil {
		if m, e = s.moduleOfItem(it, i); e != nil {
			return "", e
		}
	} else if it.given("id") {
		if id, ok := rawID(it["id"]); !ok || id != m.ID {
			return "", errInvalid("id", jpath(modKey, i, "id"))
		}
	}
	if it.given("api_name") {
		if n, _ := rawString(it["api_name"]); n != m.APIName {
			return "", fieldErr("NOT_ALLOWED", "API name cannot be updated for module", "api_name", jpath(modKey, i, "api_name"))
		}
	}
	if m.GeneratedType != "custom" {
		return "", fieldErr("NOT_SUPPORTED", "only custom modules can be updated", "id", jpath(modKey, i))
	}
	next, e := s.moduleEdit(c, m, it, i)
	if e != nil {
		return "", e
	}
	m.PluralLabel, m.SingularLabel, m.Profiles = next.PluralLabel, next.SingularLabel, next.Profiles
	m.ModifiedTime, m.ModifiedBy = c.stamp, s.st.currentUser()
	c.changed = true
	return m.ID, nil
}

// moduleOfItem finds the module of a bulk PUT item by id or api_name.
func (s *Server) moduleOfItem(it item, i int) (*Module, *apiErr) {
	if it.given("id") {
		id, _ := rawID(it["id"])
		if m := s.st.moduleByID[id]; m != nil {
			return m, nil
		}
		return nil, errInvalid("id", jpath(modKey, i, "id"))
	}
	if it.given("api_name") {
		n, _ := rawString(it["api_name"])
		if m := s.st.moduleByAPI[n]; m != nil {
			return m, nil
		}
		return nil, errInvalid("api_name", jpath(modKey, i, "api_name"))
	}
	return nil, errMandatory("id", jpath(modKey, i, "id"))
}

// mandatoryKeys lists the keys a module PUT must carry
// (Readings.ModulePutMandatory).
func mandatoryKeys(rd Readings) []string {
	switch rd.ModulePutMandatory {
	case "profiles":
		return []string{"profiles"}
	case "labels":
		return []string{"plural_label", "singular_label"}
	case "none":
		return nil
	}
	return []string{"plural_label", "singular_label", "profiles"}
}

// moduleEdit validates a module PUT (or POST, m nil) item and returns the
// edited copy.
func (s *Server) moduleEdit(c *call, m *Module, it item, i int) (*Module, *apiErr) {
	for _, k := range mandatoryKeys(c.rd) {
		if !it.has(k) || (k != "profiles" && it.isNull(k)) {
			return nil, errMandatory(k, jpath(modKey, i, k))
		}
	}
	var next Module
	if m != nil {
		next = *m
	}
	for _, k := range []string{"plural_label", "singular_label"} {
		if !it.has(k) {
			continue
		}
		v, e := s.checkLabel(c, m, it, k, jpath(modKey, i, k))
		if e != nil {
			return nil, e
		}
		if k == "plural_label" {
			next.PluralLabel = v
		} else {
			next.SingularLabel = v
		}
	}
	if it.has("profiles") {
		ps, e := s.moduleProfiles(c, m, it, jpath(modKey, i, "profiles"))
		if e != nil {
			return nil, e
		}
		next.Profiles = ps
	}
	return &next, nil
}

// checkLabel: ≤ 25 characters, letters, digits and spaces, not empty,
// unique across modules [seed:update-custom-module].
func (s *Server) checkLabel(c *call, self *Module, it item, key, path string) (string, *apiErr) {
	v, ok := rawString(it[key])
	if !ok {
		return "", errType(key, path, "string")
	}
	if strings.TrimSpace(v) == "" {
		return "", errInvalid(key, path).with("minimum_length", 1)
	}
	if len([]rune(v)) > 25 {
		return "", errInvalid(key, path).with("maximum_length", 25)
	}
	for _, r := range v {
		if !isLabelRune(r) {
			return "", errInvalid(key, path).with("regex", `^[\p{L}\p{N} ]+$`)
		}
	}
	for _, o := range s.st.modules {
		if o != self && (strings.EqualFold(o.PluralLabel, v) || strings.EqualFold(o.SingularLabel, v)) {
			return "", fieldErr(c.rd.ModuleDuplicateLabelCode, "duplicate data", key, path)
		}
	}
	return v, nil
}

// moduleProfiles computes the new profile set of a module PUT: at least one
// profile (MINIMUM_DATA_NOT_FOUND when empty or null, [seed:update-custom-
// module]); "_delete" per Readings.ProfileDeleteForm; the list replaces or
// merges per Readings.ModuleProfilesPut.
func (s *Server) moduleProfiles(c *call, m *Module, it item, path string) ([]Ref, *apiErr) {
	minimum := badReq("MINIMUM_DATA_NOT_FOUND", "Minimum one profile is needed", obj{"api_name": "profiles", "json_path": path})
	if it.isNull("profiles") {
		return nil, minimum
	}
	items, e := asItems(it["profiles"], "profiles", path)
	if e != nil {
		return nil, e
	}
	if len(items) == 0 {
		return nil, minimum
	}
	var add, del []Ref
	for j, pit := range items {
		p := path + "[" + strconv.Itoa(j) + "]"
		ref, ok := parseRef(pit)
		prof := s.st.profileByID[ref.ID]
		if ref.ID == "" {
			prof = s.st.profileByName(ref.Name)
		}
		if !ok || prof == nil || (ref.Name != "" && ref.Name != prof.Name) {
			return nil, errInvalid("id", p+".id")
		}
		gone, e := profileDeleted(pit, c.rd.ProfileDeleteForm, p+"._delete")
		if e != nil {
			return nil, e
		}
		r := Ref{ID: prof.ID, Name: prof.Name}
		if gone {
			del = appendRefOnce(del, r)
		} else {
			add = appendRefOnce(add, r)
		}
	}
	var cur []Ref
	if m != nil {
		cur = m.Profiles
	}
	out := mergeProfiles(cur, add, del, c.rd.ModuleProfilesPut == "merge")
	if len(out) == 0 {
		return nil, minimum
	}
	return out, nil
}

func mergeProfiles(cur, add, del []Ref, merge bool) []Ref {
	var out []Ref
	if merge {
		out = append(out, cur...)
	}
	for _, r := range add {
		out = appendRefOnce(out, r)
	}
	kept := out[:0]
	for _, r := range out {
		if !containsRef(del, r.ID) {
			kept = append(kept, r)
		}
	}
	return kept
}

func containsRef(list []Ref, id string) bool {
	for _, r := range list {
		if r.ID == id {
			return true
		}
	}
	return false
}

// profileDeleted reads "_delete" of a module profile entry. Absent or null
// means not deleted in every reading ([seed:update-custom-module] sends
// "_delete": null for a kept profile).
func profileDeleted(it item, form, path string) (bool, *apiErr) {
	if !it.given("_delete") {
		return false, nil
	}
	raw := it["_delete"]
	switch form {
	case "bool":
		b, ok := rawBool(raw)
		if !ok {
			return false, errType("_delete", path, "boolean")
		}
		return b, nil
	case "object", "object_ignore_bool":
		var o map[string]json.RawMessage
		if json.Unmarshal(raw, &o) == nil && o != nil {
			return true, nil
		}
		if _, isBool := rawBool(raw); isBool && form == "object_ignore_bool" {
			return false, nil // answered SUCCESS, not applied
		}
		return false, errType("_delete", path, "jsonobject")
	}
	return true, nil
}
