package emulator

import "net/http"

// setReportingTo moves r under another role. An unknown id is INVALID_DATA
// "the id given seems to be invalid" [seed:update-role]; the top
// (admin_user) role cannot be moved, and a role cannot report to itself or
// to one of its descendants [api.md §3, inferred].
func (s *Server) setReportingTo(c *call, r *Role, it item, put bool) *apiErr {
	path := jpath(roleKey, 0, "reporting_to")
	if r.ID != "" && r.ReportingTo == nil { // the top role
		if it.isNull("reporting_to") {
			return nil
		}
		e := errInvalid("reporting_to", path)
		e.message = "the top role cannot report to another role"
		return e
	}
	if it.isNull("reporting_to") {
		return errInvalid("reporting_to", path)
	}
	id, e := parseRoleRef(it["reporting_to"], "reporting_to", path, c.rd, put)
	if e != nil || id == "" {
		return e
	}
	p := s.st.roleByID[id]
	if p == nil || (r.ID != "" && (p.ID == r.ID || s.isDescendant(p, r.ID))) {
		e := errInvalid("reporting_to", path)
		e.message = "the id given seems to be invalid"
		return e
	}
	r.ReportingTo = &Ref{ID: p.ID, Name: p.Name}
	return nil
}

// setForecastManager sets the forecast manager (a user id); null clears it.
func (s *Server) setForecastManager(c *call, r *Role, it item, put bool) *apiErr {
	path := jpath(roleKey, 0, "forecast_manager")
	if it.isNull("forecast_manager") {
		r.ForecastManager = nil
		return nil
	}
	id, e := parseRoleRef(it["forecast_manager"], "forecast_manager", path, c.rd, put)
	if e != nil || id == "" {
		return e
	}
	u := s.st.userByID[id]
	if u == nil {
		return errInvalid("forecast_manager", path)
	}
	r.ForecastManager = &Ref{ID: u.ID, Name: u.FullName}
	return nil
}

// isDescendant reports whether x is below the role ancestorID.
func (s *Server) isDescendant(x *Role, ancestorID string) bool {
	for p := s.st.parentOf(x); p != nil; p = s.st.parentOf(p) {
		if p.ID == ancestorID {
			return true
		}
	}
	return false
}

// roleDelete serves DELETE /settings/roles/{id}?transfer_to_id=X:
// transfer_to_id is mandatory (REQUIRED_PARAM_MISSING) and the users of the
// role move to it [api.md §3.1]. The top role cannot be deleted; child roles
// follow Readings.RoleDeleteChildren.
func (s *Server) roleDelete(c *call) reply {
	if !isNumericID(c.id) {
		return errInvalidURLID(c.pathIndex()).reply()
	}
	transfer := c.q.Get("transfer_to_id")
	if transfer == "" {
		return errReqParam("transfer_to_id", "param_name").reply()
	}
	r := s.st.roleByID[c.id]
	if r == nil {
		return errInvalidURLID(c.pathIndex()).reply()
	}
	if r.ReportingTo == nil {
		return badReq("INVALID_DATA", "the top role cannot be deleted", obj{"id": r.ID}).reply()
	}
	dest := s.st.roleByID[transfer]
	if dest == nil || dest == r {
		return badReq("INVALID_DATA", "invalid data", obj{"param_name": "transfer_to_id"}).reply()
	}
	if e := s.moveChildren(c, r, dest); e != nil {
		return e.reply()
	}
	for _, u := range s.st.users {
		if u.Role.ID == r.ID {
			u.Role = Ref{ID: dest.ID, Name: dest.Name}
		}
	}
	delete(s.st.roleByID, r.ID)
	s.st.roles = removeAt(s.st.roles, r)
	c.changed = true
	return reply{status: http.StatusOK, body: obj{roleKey: []obj{success(r.ID, "Role deleted")}}}
}

func (s *Server) moveChildren(c *call, r, dest *Role) *apiErr {
	var children []*Role
	for _, x := range s.st.roles {
		if x.ReportingTo != nil && x.ReportingTo.ID == r.ID {
			children = append(children, x)
		}
	}
	if len(children) == 0 {
		return nil
	}
	var parent *Role
	switch c.rd.RoleDeleteChildren {
	case "transfer":
		if s.isDescendant(dest, r.ID) {
			return badReq("INVALID_DATA", "the transfer role is below the deleted role", obj{"param_name": "transfer_to_id"})
		}
		parent = dest
	case "reparent":
		parent = s.st.parentOf(r)
	default:
		return badReq("INVALID_DATA", "the role has subordinate roles", obj{"id": r.ID})
	}
	for _, x := range children {
		x.ReportingTo = &Ref{ID: parent.ID, Name: parent.Name}
	}
	return nil
}
