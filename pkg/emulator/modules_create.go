package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"unicode"
)

// moduleCreate serves POST /settings/modules (create a custom module,
// [api.md §2.1], HTTP 200 and message "module created" per [OAS
// modules.json]). One module per call, like updates.
func (s *Server) moduleCreate(c *call) reply {
	raws, e := decodeBody(c.body, modKey)
	if e != nil {
		return e.reply()
	}
	if len(raws) > 1 && c.rd.ModulesBulkPut == "single" {
		return badReq("INVALID_DATA", "only one module can be created in a single API call",
			obj{"api_name": modKey, "json_path": "$." + modKey}).reply()
	}
	var res results
	for i, raw := range raws {
		id, e := s.moduleCreateItem(c, raw, i)
		if e != nil {
			res.fail(e)
			continue
		}
		res.add(id, "module created")
	}
	return res.reply(modKey, http.StatusOK, c.rd.PartialStatus)
}

func (s *Server) moduleCreateItem(c *call, raw json.RawMessage, i int) (string, *apiErr) {
	it, e := asItem(raw, modKey, jpath(modKey, i))
	if e != nil {
		return "", e
	}
	// Mandatory on create: both labels and profiles [api.md §2.2].
	for _, k := range []string{"plural_label", "singular_label", "profiles"} {
		if !it.has(k) || (k != "profiles" && it.isNull(k)) {
			return "", errMandatory(k, jpath(modKey, i, k))
		}
	}
	next, e := s.moduleEdit(c, nil, it, i)
	if e != nil {
		return "", e
	}
	apiName := strings.ReplaceAll(next.PluralLabel, " ", "_")
	if it.given("api_name") {
		n, ok := rawString(it["api_name"])
		if !ok || !validAPIName(n) {
			return "", errInvalid("api_name", jpath(modKey, i, "api_name")).with("maximum_length", 50)
		}
		apiName = n
	}
	if s.st.moduleByAPI[apiName] != nil {
		return "", fieldErr("DUPLICATE_DATA", "duplicate data", "api_name", jpath(modKey, i, "api_name"))
	}
	m := &Module{ID: s.st.ids.newID(), APIName: apiName, ModuleName: apiName,
		PluralLabel: next.PluralLabel, SingularLabel: next.SingularLabel, GeneratedType: "custom",
		Status: "visible", Profiles: next.Profiles, ModifiedTime: c.stamp, ModifiedBy: s.st.currentUser(),
		SequenceNumber: len(s.st.modules) + 1,
		Fields: []Field{{ID: s.st.ids.newID(), APIName: "Name", FieldLabel: next.SingularLabel + " Name",
			DataType: "text", Custom: true}}}
	s.st.modules = append(s.st.modules, m)
	s.st.moduleByAPI[m.APIName] = m
	s.st.moduleByID[m.ID] = m
	c.changed = true
	return m.ID, nil
}

// validAPIName: ≤ 50 characters, letters, digits and underscores, starting
// with a letter, no double or trailing underscore [api.md §2.2].
func validAPIName(n string) bool {
	if n == "" || len(n) > 50 || strings.Contains(n, "__") || strings.HasSuffix(n, "_") {
		return false
	}
	for i, r := range n {
		letter := (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
		if i == 0 && !letter {
			return false
		}
		if !letter && !(r >= '0' && r <= '9') && r != '_' {
			return false
		}
	}
	return true
}

// isLabelRune: letters, numbers and spaces only [seed:update-custom-module].
func isLabelRune(r rune) bool {
	return r == ' ' || unicode.IsLetter(r) || unicode.IsDigit(r)
}
