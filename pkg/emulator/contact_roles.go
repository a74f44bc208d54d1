package emulator

import (
	"encoding/json"
	"net/http"
	"sort"
	"strings"
)

// Contact roles [api.md §4, seed:update-contact-roles, OAS
// contact_roles.json]. Path /Contacts/roles, wrapper contact_roles.

const (
	crKey     = "contact_roles"
	crMaxName = 50  // [OAS] maxLength 50
	crMaxBulk = 100 // per POST/PUT/DELETE [api.md §4.1]
)

func crView(c *ContactRole) obj {
	return obj{"id": c.ID, "name": c.Name, "sequence_number": c.SequenceNumber}
}

// crList answers the roles in picklist order; 204 when there are none.
func (s *Server) crList(c *call) reply {
	roles := append([]*ContactRole(nil), s.st.contactRoles...)
	sort.SliceStable(roles, func(i, j int) bool { return roles[i].SequenceNumber < roles[j].SequenceNumber })
	list := make([]obj, len(roles))
	for i, r := range roles {
		list[i] = crView(r)
	}
	return dataReply(crKey, list)
}

// crGet answers 204 for an unknown id: the OAS lists only 200, 204 and 500.
func (s *Server) crGet(c *call) reply {
	r := s.st.crByID[c.id]
	if r == nil {
		return reply{status: http.StatusNoContent}
	}
	return reply{status: http.StatusOK, body: obj{crKey: []obj{crView(r)}}}
}

// tooMany answers more than crMaxBulk objects or ids. The docs give the
// limit but not the error; LIMIT_EXCEEDED with limit is chosen, the code
// Zoho uses for limits elsewhere ([OAS] Limit_Exceeded_2 {param, limit}).
func tooMany(param string) *apiErr {
	return badReq("LIMIT_EXCEEDED", "the maximum limit is exceeded", obj{"param": param, "limit": crMaxBulk})
}

// crBody decodes a contact_roles body of at most 100 items.
func crBody(body []byte) ([]json.RawMessage, *apiErr) {
	raws, e := decodeBody(body, crKey)
	if e != nil {
		return nil, e
	}
	if len(raws) > crMaxBulk {
		return nil, tooMany(crKey)
	}
	return raws, nil
}

// crCreate serves POST /Contacts/roles (HTTP 200 per [OAS]; message
// "contact role added").
func (s *Server) crCreate(c *call) reply {
	raws, e := crBody(c.body)
	if e != nil {
		return e.reply()
	}
	s.crSnapshot(c)
	var res results
	for i, raw := range raws {
		it, e := asItem(raw, crKey, jpath(crKey, i))
		if e == nil && !it.given("name") {
			e = errMandatory("name", jpath(crKey, i, "name"))
		}
		r := &ContactRole{SequenceNumber: s.nextSequence()}
		if e == nil {
			e = s.crEdit(c, r, it, i)
		}
		if e != nil {
			res.fail(e)
			continue
		}
		r.ID = s.st.ids.newID()
		s.st.contactRoles = append(s.st.contactRoles, r)
		s.st.crByID[r.ID] = r
		c.changed = true
		res.add(r.ID, "contact role added")
	}
	return res.reply(crKey, http.StatusOK, c.rd.PartialStatus)
}

func (s *Server) nextSequence() int {
	n := 0
	for _, r := range s.st.contactRoles {
		if r.SequenceNumber > n {
			n = r.SequenceNumber
		}
	}
	return n + 1
}

// crUpdate serves PUT /Contacts/roles (ids in the body) and
// /Contacts/roles/{id}. Items are processed in order, each on its own; the
// answer lists one result per item in input order [seed:update-contact-roles].
func (s *Server) crUpdate(c *call) reply {
	if c.id != "" && s.st.crByID[c.id] == nil {
		return errInvalidURLID(c.pathIndex()).reply()
	}
	raws, e := crBody(c.body)
	if e != nil {
		return e.reply()
	}
	if c.id != "" && len(raws) > 1 {
		return badReq("INVALID_DATA", "invalid data", obj{"api_name": crKey, "json_path": "$." + crKey}).reply()
	}
	s.crSnapshot(c)
	var res results
	for i, raw := range raws {
		id, e := s.crUpdateItem(c, raw, i)
		if e != nil {
			res.fail(e)
			continue
		}
		res.add(id, "contact role updated")
	}
	return res.reply(crKey, http.StatusOK, c.rd.PartialStatus)
}

func (s *Server) crUpdateItem(c *call, raw json.RawMessage, i int) (string, *apiErr) {
	it, e := asItem(raw, crKey, jpath(crKey, i))
	if e != nil {
		return "", e
	}
	id := c.id
	if it.given("id") {
		bodyID, ok := rawID(it["id"])
		if !ok || (id != "" && bodyID != id) {
			return "", errInvalid("id", jpath(crKey, i, "id")).with("id", bodyID)
		}
		id = bodyID
	}
	if id == "" {
		return "", errMandatory("id", jpath(crKey, i, "id"))
	}
	r := s.st.crByID[id]
	if r == nil {
		return "", badReq("INVALID_DATA", "invalid data", obj{"id": id})
	}
	next := *r
	if e := s.crEdit(c, &next, it, i); e != nil {
		return "", e
	}
	*r = next
	c.changed = true
	return r.ID, nil
}

// crEdit applies name (≤ 50 characters, unique) and sequence_number (an
// integer, INVALID_DATA otherwise) [seed:update-contact-roles, OAS].
func (s *Server) crEdit(c *call, r *ContactRole, it item, i int) *apiErr {
	if it.has("name") {
		n, ok := rawString(it["name"])
		switch {
		case !ok:
			return errType("name", jpath(crKey, i, "name"), "string")
		case strings.TrimSpace(n) == "":
			return errInvalid("name", jpath(crKey, i, "name"))
		case len([]rune(n)) > crMaxName:
			return errInvalid("name", jpath(crKey, i, "name")).with("maximum_length", crMaxName)
		}
		for _, o := range s.st.contactRoles {
			if o.ID != r.ID && strings.EqualFold(o.Name, n) {
				return s.crDuplicate(c, o, i)
			}
		}
		if id, ok := c.crBefore[strings.ToLower(n)]; ok && id != r.ID {
			return s.crDuplicate(c, &ContactRole{ID: id}, i)
		}
		r.Name = n
	}
	if it.given("sequence_number") {
		n, ok := rawInt(it["sequence_number"])
		if !ok || n < 1 {
			return errType("sequence_number", jpath(crKey, i, "sequence_number"), "integer")
		}
		r.SequenceNumber = int(n)
	}
	return nil
}

// crSnapshot records the names before a bulk write, when every item is
// checked against them too (Readings.ContactRoleNameCheck).
func (s *Server) crSnapshot(c *call) {
	if c.rd.ContactRoleNameCheck != "before_call" {
		return
	}
	c.crBefore = make(map[string]string, len(s.st.contactRoles))
	for _, o := range s.st.contactRoles {
		c.crBefore[strings.ToLower(o.Name)] = o.ID
	}
}

// crDuplicate is DUPLICATE_DATA {api_name, json_path} (seed) or
// INVALID_DATA {id, api_name} naming the existing role (OAS), per
// Readings.ContactRoleDuplicateCode.
func (s *Server) crDuplicate(c *call, existing *ContactRole, i int) *apiErr {
	if c.rd.ContactRoleDuplicateCode == "DUPLICATE_DATA" {
		return fieldErr("DUPLICATE_DATA", "duplicate data", "name", jpath(crKey, i, "name"))
	}
	return badReq("INVALID_DATA", "invalid data", obj{"id": existing.ID, "api_name": "name"})
}

// crDeleteMany serves DELETE /Contacts/roles?ids=a,b (≤ 100 ids;
// REQUIRED_PARAM_MISSING without ids, [api.md §4.1]).
func (s *Server) crDeleteMany(c *call) reply {
	ids := splitIDs(c.q.Get("ids"))
	if len(ids) == 0 {
		return errReqParam("ids", "param").reply()
	}
	if len(ids) > crMaxBulk {
		return tooMany("ids").reply()
	}
	var res results
	for _, id := range ids {
		if e := s.crRemove(c, id); e != nil {
			res.fail(e)
			continue
		}
		res.add(id, "contact role deleted")
	}
	return res.reply(crKey, http.StatusOK, c.rd.PartialStatus)
}

func (s *Server) crDelete(c *call) reply {
	if s.st.crByID[c.id] == nil {
		return errInvalidURLID(c.pathIndex()).reply()
	}
	s.crRemove(c, c.id)
	return reply{status: http.StatusOK, body: obj{crKey: []obj{success(c.id, "contact role deleted")}}}
}

func (s *Server) crRemove(c *call, id string) *apiErr {
	r := s.st.crByID[id]
	if r == nil {
		return badReq("INVALID_DATA", "invalid data", obj{"id": id})
	}
	delete(s.st.crByID, id)
	s.st.contactRoles = removeAt(s.st.contactRoles, r)
	c.changed = true
	return nil
}
