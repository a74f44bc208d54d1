package emulator

import (
	"net/http"
	"strconv"
)

// Read-only look-ups [api.md §5].

func profileView(p *Profile, st *state) obj {
	return obj{"id": p.ID, "name": p.Name, "display_label": p.Name, "description": p.Description,
		"custom": p.Custom, "default": p.Name == "Standard", "type": "normal_profile",
		"created_by": nil, "modified_by": nil, "created_time": nil, "modified_time": nil}
}

// profileList serves GET /settings/profiles → {"profiles":[…], "info":
// {"license_limit":…}} [OAS profiles.json].
func (s *Server) profileList(c *call) reply {
	list := make([]obj, len(s.st.profiles))
	for i, p := range s.st.profiles {
		list[i] = profileView(p, s.st)
	}
	return reply{status: http.StatusOK, body: obj{"profiles": list, "info": obj{"license_limit": nil}}}
}

func (s *Server) profileGet(c *call) reply {
	p := s.st.profileByID[c.id]
	if p == nil {
		return errInvalidURLID(c.pathIndex()).reply()
	}
	return reply{status: http.StatusOK, body: obj{"profiles": []obj{profileView(p, s.st)}}}
}

// lookupModule reads the mandatory module parameter of look-ups.
func (s *Server) lookupModule(c *call) (*Module, *apiErr) {
	name := c.q.Get("module")
	if name == "" {
		return nil, errReqParam("module", "param")
	}
	m := s.st.moduleByAPI[name]
	if m == nil {
		return nil, errInvalidModule()
	}
	return m, nil
}

// buttonList serves GET /settings/custom_buttons?module=M: wrapper
// custom_buttons, 204 when none [api.md §5.4, third-party captures].
func (s *Server) buttonList(c *call) reply {
	m, e := s.lookupModule(c)
	if e != nil {
		return e.reply()
	}
	list := make([]obj, len(m.CustomButtons))
	for i, b := range m.CustomButtons {
		list[i] = obj{"id": b.ID, "name": b.Name, "module": obj{"api_name": m.APIName, "id": m.ID}}
	}
	return dataReply("custom_buttons", list)
}

// orgGet serves GET /org. The keys are those of Zoho's v8 SDK Org model
// [sdk:jd:org/org]: "type" is one of its values Production, Sandbox,
// Bigin, Developer, and the edition is license_details.paid_type
// [sdk:jd:org/license_details]; the SDK has no top-level "edition".
func (s *Server) orgGet(c *call) reply {
	o := s.st.org
	return reply{status: http.StatusOK, body: obj{"org": []obj{{"id": o.ID, "company_name": o.CompanyName,
		"type": "Production", "license_details": obj{"paid_type": o.Edition, "paid": true},
		"primary_email": s.st.currentUser().Email}}}}
}

func userView(u *User) obj {
	confirmed := u.Confirmed == nil || *u.Confirmed
	return obj{"id": u.ID, "email": u.Email, "full_name": u.FullName, "first_name": u.FirstName,
		"last_name": u.LastName, "status": u.Status, "confirm": confirmed,
		"role": obj{"id": u.Role.ID, "name": u.Role.Name}, "profile": obj{"id": u.Profile.ID, "name": u.Profile.Name}}
}

// userTypeFilter selects users by the type parameter: the v8 OAS enum plus
// the older AllUsers, AdminUsers and ActiveConfirmedAdmins [api.md §5.3].
func (s *Server) userTypeFilter(typ string) (func(*User) bool, bool) {
	active := func(u *User) bool { return u.Status == "active" }
	confirmed := func(u *User) bool { return u.Confirmed == nil || *u.Confirmed }
	admin := func(u *User) bool { return u.Profile.Name == "Administrator" }
	cur := s.st.currentUser().ID
	filters := map[string]func(*User) bool{
		"":                      func(*User) bool { return true },
		"AllUsers":              func(*User) bool { return true },
		"ActiveUsers":           active,
		"DeactiveUsers":         func(u *User) bool { return !active(u) },
		"ConfirmedUsers":        confirmed,
		"NotConfirmedUsers":     func(u *User) bool { return !confirmed(u) },
		"ActiveConfirmedUsers":  func(u *User) bool { return active(u) && confirmed(u) },
		"AdminUsers":            admin,
		"ActiveConfirmedAdmins": func(u *User) bool { return admin(u) && active(u) && confirmed(u) },
		"CurrentUser":           func(u *User) bool { return u.ID == cur },
	}
	f, ok := filters[typ]
	return f, ok
}

// userList serves GET /users?type=&page=&per_page=&ids=: paginated with
// info {per_page, count, page, more_records}; per_page defaults to 200 and
// larger values are silently capped at 200 [api.md §5.3, inferred]; a page
// past the end answers 204.
func (s *Server) userList(c *call) reply {
	filter, ok := s.userTypeFilter(c.q.Get("type"))
	if !ok {
		return badReq("INVALID_DATA", "invalid data", obj{"param_name": "type"}).reply()
	}
	page, ok1 := intParam(c, "page", 1)
	perPage, ok2 := intParam(c, "per_page", 200)
	if !ok1 || !ok2 {
		return badReq("INVALID_DATA", "invalid data", obj{"param_name": "page/per_page"}).reply()
	}
	perPage = min(perPage, 200)
	ids := splitIDs(c.q.Get("ids"))
	var all []*User
	for _, u := range s.st.users {
		if filter(u) && (len(ids) == 0 || oneOf(u.ID, ids...)) {
			all = append(all, u)
		}
	}
	start := (page - 1) * perPage
	if start >= len(all) {
		return reply{status: http.StatusNoContent}
	}
	end := min(start+perPage, len(all))
	list := make([]obj, 0, end-start)
	for _, u := range all[start:end] {
		list = append(list, userView(u))
	}
	return reply{status: http.StatusOK, body: obj{"users": list, "info": obj{
		"per_page": perPage, "count": len(list), "page": page, "more_records": end < len(all)}}}
}

func intParam(c *call, key string, def int) (int, bool) {
	v := c.q.Get(key)
	if v == "" {
		return def, true
	}
	n, err := strconv.Atoi(v)
	return n, err == nil && n >= 1
}

func (s *Server) userGet(c *call) reply {
	u := s.st.userByID[c.id]
	if u == nil {
		return reply{status: http.StatusNoContent}
	}
	return reply{status: http.StatusOK, body: obj{"users": []obj{userView(u)}}}
}
