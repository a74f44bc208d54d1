package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
)

// Roles [api.md §3, seed:update-role, OAS roles.json].

const roleKey = "roles"

func (s *Server) roleList(c *call) reply {
	list := make([]obj, len(s.st.roles))
	for i, r := range s.st.roles {
		list[i] = roleView(r)
	}
	return dataReply(roleKey, list)
}

// roleGet answers 204 for an unknown id ([OAS roles.json] lists 204) and
// INVALID_DATA for a malformed one.
func (s *Server) roleGet(c *call) reply {
	if !isNumericID(c.id) {
		return errInvalidURLID(c.pathIndex()).reply()
	}
	r := s.st.roleByID[c.id]
	if r == nil {
		return reply{status: http.StatusNoContent}
	}
	return reply{status: http.StatusOK, body: obj{roleKey: []obj{roleView(r)}}}
}

// oneRole decodes a roles body that must hold exactly one role: more is
// INVALID_DATA "invalid data" [seed:update-role]; create is treated the
// same [api.md §3.1, inferred].
func oneRole(body []byte) (item, *apiErr) {
	raws, e := decodeBody(body, roleKey)
	if e != nil {
		return nil, e
	}
	if len(raws) != 1 {
		return nil, badReq("INVALID_DATA", "invalid data", obj{"api_name": roleKey, "json_path": "$." + roleKey})
	}
	return asItem(raws[0], roleKey, jpath(roleKey, 0))
}

// roleCreate serves POST /settings/roles (HTTP 201, [OAS roles.json]).
func (s *Server) roleCreate(c *call) reply {
	it, e := oneRole(c.body)
	if e != nil {
		return e.reply()
	}
	r := &Role{}
	if !it.given("name") {
		return wrapRole(errMandatory("name", jpath(roleKey, 0, "name")))
	}
	// reporting_to: every role but the top one has a parent; the top role
	// exists already, so it is mandatory here [inferred].
	if !it.given("reporting_to") {
		return wrapRole(errMandatory("reporting_to", jpath(roleKey, 0, "reporting_to")))
	}
	if e := s.roleEdit(c, r, it, false); e != nil {
		return wrapRole(e)
	}
	r.ID = s.st.ids.newID()
	me := s.st.currentUser()
	r.CreatedBy, r.ModifiedBy, r.CreatedTime, r.ModifiedTime = me, me, c.stamp, c.stamp
	s.st.roles = append(s.st.roles, r)
	s.st.roleByID[r.ID] = r
	c.changed = true
	return reply{status: http.StatusCreated, body: obj{roleKey: []obj{success(r.ID, "Role added")}}}
}

func wrapRole(e *apiErr) reply {
	return reply{status: e.reply().status, body: obj{roleKey: []obj{e.json()}}}
}

// roleUpdate serves PUT /settings/roles and /settings/roles/{id}: exactly
// one role; id mandatory unless in the URL [seed:update-role]. The answer's
// shape follows Readings.RoleUpdateResponse.
func (s *Server) roleUpdate(c *call) reply {
	it, e := oneRole(c.body)
	if e != nil {
		return e.reply()
	}
	id, e := s.roleUpdateItem(c, it)
	bare := c.rd.RoleUpdateResponse == "bare" || (c.rd.RoleUpdateResponse == "by_version" && c.version < 8)
	switch {
	case e != nil && bare:
		return e.reply()
	case e != nil:
		return wrapRole(e)
	case bare:
		return reply{status: http.StatusOK, body: success(id, "Role updated")}
	}
	return reply{status: http.StatusOK, body: obj{roleKey: []obj{success(id, "Role updated")}}}
}

func (s *Server) roleUpdateItem(c *call, it item) (string, *apiErr) {
	id := c.id
	if it.given("id") {
		bodyID, ok := rawID(it["id"])
		if !ok || (id != "" && id != bodyID) {
			return "", errInvalid("id", jpath(roleKey, 0, "id"))
		}
		id = bodyID
	}
	if id == "" {
		return "", errMandatory("id", jpath(roleKey, 0, "id"))
	}
	r := s.st.roleByID[id]
	if r == nil {
		e := errInvalid("id", jpath(roleKey, 0, "id"))
		e.message = "the given role id seems invalid"
		return "", e
	}
	next := *r
	if e := s.roleEdit(c, &next, it, true); e != nil {
		return "", e
	}
	next.ModifiedBy, next.ModifiedTime = s.st.currentUser(), c.stamp
	*r = next
	s.renameRoleRefs(r)
	c.changed = true
	return r.ID, nil
}

// renameRoleRefs refreshes the {id, name} copies of a role after a rename.
func (s *Server) renameRoleRefs(r *Role) {
	for _, x := range s.st.roles {
		if x.ReportingTo != nil && x.ReportingTo.ID == r.ID {
			x.ReportingTo.Name = r.Name
		}
	}
	for _, u := range s.st.users {
		if u.Role.ID == r.ID {
			u.Role.Name = r.Name
		}
	}
}

// roleEdit applies name, reporting_to, forecast_manager, description and
// share_with_peers to r (a copy).
func (s *Server) roleEdit(c *call, r *Role, it item, put bool) *apiErr {
	if it.has("name") {
		n, ok := rawString(it["name"])
		if !ok || strings.TrimSpace(n) == "" {
			return errInvalid("name", jpath(roleKey, 0, "name"))
		}
		if o := s.st.roleByName(n); o != nil && o.ID != r.ID {
			e := fieldErr("DUPLICATE_DATA", "Failed to add role since role with same name is already exist", "name", jpath(roleKey, 0, "name"))
			return e
		}
		r.Name = n
	}
	if it.has("reporting_to") {
		if e := s.setReportingTo(c, r, it, put); e != nil {
			return e
		}
	}
	if it.has("forecast_manager") {
		if e := s.setForecastManager(c, r, it, put); e != nil {
			return e
		}
	}
	if it.has("description") {
		r.Description = nil
		if !it.isNull("description") {
			d, ok := rawString(it["description"])
			if !ok {
				return errType("description", jpath(roleKey, 0, "description"), "string")
			}
			r.Description = &d
		}
	}
	if it.given("share_with_peers") {
		b, ok := rawBool(it["share_with_peers"])
		if !ok {
			return errType("share_with_peers", jpath(roleKey, 0, "share_with_peers"), "boolean")
		}
		r.ShareWithPeers = b
	}
	return nil
}

// refForm tells which forms of a role reference are accepted
// (Readings.RoleRefForm).
func refForm(rd Readings, put bool) (object, str bool) {
	switch rd.RoleRefForm {
	case "object":
		return true, false
	case "string":
		return false, true
	case "doc":
		return !put, put // object on create, string on update
	}
	return true, true
}

// refIgnored reports whether a reference in the object form (or the string
// form) is answered SUCCESS but not applied (Readings.RoleRefForm
// "ignore_string", "ignore_object"; updates only).
func refIgnored(rd Readings, put, object bool) bool {
	if !put {
		return false
	}
	return (rd.RoleRefForm == "ignore_object" && object) || (rd.RoleRefForm == "ignore_string" && !object)
}

// parseRoleRef reads an id given as {"id": …} or as a plain id. It returns
// "" and no error for a reference the reading ignores.
func parseRoleRef(raw json.RawMessage, key, path string, rd Readings, put bool) (string, *apiErr) {
	object, str := refForm(rd, put)
	isObject := false
	if t := bytes.TrimSpace(raw); len(t) > 0 && t[0] == '{' {
		isObject = true
	}
	if refIgnored(rd, put, isObject) {
		return "", nil
	}
	if isObject {
		if !object {
			return "", errType(key, path, "string")
		}
		it, e := asItem(raw, key, path)
		if e != nil {
			return "", e
		}
		id, ok := rawID(it["id"])
		if !ok {
			return "", errInvalid(key, path+".id")
		}
		return id, nil
	}
	if !str {
		return "", errType(key, path, "jsonobject")
	}
	id, ok := rawID(raw)
	if !ok {
		return "", errInvalid(key, path)
	}
	return id, nil
}
