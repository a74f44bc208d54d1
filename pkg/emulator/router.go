package emulator

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// call is one API request after routing.
type call struct {
	r       *http.Request
	version float64 // 2, 2.1, 3 ... 10
	segs    []string
	id      string // the {id} path segment, "" on collection paths
	q       url.Values
	body    []byte
	rd      Readings
	stamp   string
	changed bool // set by handlers that modified the state
	// crBefore holds the contact-role names (lower-cased) and ids as they
	// were before the call, under Readings.ContactRoleNameCheck before_call.
	crBefore map[string]string
}

type handlerFunc func(s *Server, c *call) reply

// route is one resource: a fixed path, its collection methods and its
// {id} methods. badMethod is the status of INVALID_REQUEST_METHOD: 403 on
// the record locking page, 400 elsewhere
// [seed:update-record-locking-configuration, api.md §8].
type route struct {
	path      string
	coll      map[string]handlerFunc
	byID      map[string]handlerFunc
	badMethod int
}

func routes() []route {
	return []route{
		{path: "settings/record_locking_configurations", badMethod: http.StatusForbidden,
			coll: map[string]handlerFunc{"GET": (*Server).lockList, "POST": (*Server).lockCreate,
				"PUT": (*Server).lockUpdate, "DELETE": (*Server).lockDeleteMany},
			byID: map[string]handlerFunc{"GET": (*Server).lockGet, "PUT": (*Server).lockUpdate,
				"DELETE": (*Server).lockDelete}},
		{path: "settings/modules",
			coll: map[string]handlerFunc{"GET": (*Server).moduleList, "POST": (*Server).moduleCreate,
				"PUT": (*Server).moduleUpdate},
			byID: map[string]handlerFunc{"GET": (*Server).moduleGet, "PUT": (*Server).moduleUpdate}},
		{path: "settings/roles",
			coll: map[string]handlerFunc{"GET": (*Server).roleList, "POST": (*Server).roleCreate,
				"PUT": (*Server).roleUpdate},
			byID: map[string]handlerFunc{"GET": (*Server).roleGet, "PUT": (*Server).roleUpdate,
				"DELETE": (*Server).roleDelete}},
		{path: "Contacts/roles",
			coll: map[string]handlerFunc{"GET": (*Server).crList, "POST": (*Server).crCreate,
				"PUT": (*Server).crUpdate, "DELETE": (*Server).crDeleteMany},
			byID: map[string]handlerFunc{"GET": (*Server).crGet, "PUT": (*Server).crUpdate,
				"DELETE": (*Server).crDelete}},
		{path: "settings/profiles", coll: map[string]handlerFunc{"GET": (*Server).profileList},
			byID: map[string]handlerFunc{"GET": (*Server).profileGet}},
		{path: "settings/fields",
			coll: map[string]handlerFunc{"GET": (*Server).fieldList, "POST": (*Server).fieldCreate,
				"PATCH": (*Server).fieldUpdate},
			byID: map[string]handlerFunc{"GET": (*Server).fieldGet, "PATCH": (*Server).fieldUpdate,
				"DELETE": (*Server).fieldDelete}},
		{path: "settings/global_picklists",
			coll: map[string]handlerFunc{"GET": (*Server).gpList, "POST": (*Server).gpCreate,
				"PATCH": (*Server).gpUpdate, "DELETE": (*Server).gpDeleteMany},
			byID: map[string]handlerFunc{"GET": (*Server).gpGet, "PATCH": (*Server).gpUpdate,
				"DELETE": (*Server).gpDelete}},
		{path: "settings/custom_buttons", coll: map[string]handlerFunc{"GET": (*Server).buttonList}},
		{path: "users", coll: map[string]handlerFunc{"GET": (*Server).userList},
			byID: map[string]handlerFunc{"GET": (*Server).userGet}},
		{path: "org", coll: map[string]handlerFunc{"GET": (*Server).orgGet}},
	}
}

// parseVersion accepts v2, v2.1 and v3 ... v10 [api.md §9].
func parseVersion(seg string) (float64, bool) {
	num, ok := strings.CutPrefix(seg, "v")
	if !ok || num == "" || strings.HasPrefix(num, "0") {
		return 0, false
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v < 2 || v > 10 || (v != float64(int(v)) && num != "2.1") {
		return 0, false
	}
	return v, true
}

// api serves /crm/{version}/...: authentication, routing, then the handler
// under the state lock.
func (s *Server) api(r *http.Request, body []byte) reply {
	segs := strings.Split(strings.TrimPrefix(r.URL.Path, "/crm/"), "/")
	version, ok := parseVersion(segs[0])
	if !ok {
		return errURLPattern().reply()
	}
	if e := s.authenticate(r); e != nil {
		return e.reply()
	}
	h, id, e := match(r.Method, segs[1:])
	if e != nil {
		return e.reply()
	}
	c := &call{r: r, version: version, segs: segs[1:], id: id, q: r.URL.Query(), body: body,
		rd: s.Readings(), stamp: s.stamp()}
	return s.run(h, c)
}

// match finds the handler of a path and method.
func match(method string, segs []string) (handlerFunc, string, *apiErr) {
	for _, seg := range segs {
		if seg == "" {
			return nil, "", errURLPattern()
		}
	}
	for _, rt := range routes() {
		fixed := strings.Split(rt.path, "/")
		if len(segs) < len(fixed) || len(segs) > len(fixed)+1 || strings.Join(segs[:len(fixed)], "/") != rt.path {
			continue
		}
		table, id := rt.coll, ""
		if len(segs) == len(fixed)+1 {
			table, id = rt.byID, segs[len(fixed)]
			if table == nil {
				return nil, "", errURLPattern()
			}
		}
		h, ok := table[method]
		if !ok {
			st := rt.badMethod
			if st == 0 {
				st = http.StatusBadRequest
			}
			return nil, "", newErr(st, "INVALID_REQUEST_METHOD", "The http request method type is not a valid one", obj{})
		}
		return h, id, nil
	}
	return nil, "", errURLPattern()
}

// run executes a handler under the state lock (shared for GET) and
// persists the state after a write that changed it.
func (s *Server) run(h handlerFunc, c *call) reply {
	if c.r.Method == http.MethodGet {
		s.mu.RLock()
		defer s.mu.RUnlock()
		return h(s, c)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rep := h(s, c)
	if c.changed && s.opts.StateFile != "" {
		if err := saveState(s.opts.StateFile, s.st.toSeed()); err != nil {
			return errInternal().with("reason", err.Error()).reply()
		}
	}
	return rep
}

// authenticate checks "Authorization: Zoho-oauthtoken <token>" [api.md
// conventions]: no header (or another scheme) is AUTHENTICATION_FAILURE, an
// unknown or expired token INVALID_TOKEN, both 401 [api.md §8].
func (s *Server) authenticate(r *http.Request) *apiErr {
	h := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(h, "Zoho-oauthtoken ")
	if !ok || strings.TrimSpace(tok) == "" {
		return newErr(http.StatusUnauthorized, "AUTHENTICATION_FAILURE", "Authentication failed", obj{})
	}
	if !s.auth.valid(strings.TrimSpace(tok), s.opts.Now()) {
		return newErr(http.StatusUnauthorized, "INVALID_TOKEN", "invalid oauth token", obj{})
	}
	return nil
}

// pathIndex is the resource_path_index of the {id} segment: its index
// among the segments after /crm/{version} [OAS common.json InvalidUrlDetails].
func (c *call) pathIndex() int { return len(c.segs) - 1 }
