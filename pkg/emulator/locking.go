package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
)

// Record locking configurations [api.md §1, seed:update-record-locking-
// configuration, seed:kaizen, OAS record_locking_configuration.json].

const (
	lockKey         = "record_locking_configurations"
	lockedForAll    = "all_profiles"
	lockedForExcept = "all_profiles_except_excluded_profiles"
	maxLockingRules = 5 // "up to five rules per module" [seed:kaizen]
	msgLockCreated  = "record locking configuration created successfully"
	msgLockUpdated  = "record locking configuration updated successfully"
	msgLockDeleted  = "record locking configuration deleted successfully"
)

// lockSupportedDefault lists the standard modules that support record
// locking; Products only from v8 on [api.md §1.1]. Custom modules
// (generated_type custom) are supported too.
func lockSupportedDefault(apiName string, version float64) bool {
	switch apiName {
	case "Leads", "Contacts", "Accounts", "Deals", "Quotes", "Sales_Orders", "Purchase_Orders",
		"Invoices", "Vendors", "Price_Books", "Cases", "Solutions", "Tasks":
		return true
	case "Products":
		return version >= 8
	}
	return false
}

// lockModule checks the version and the mandatory module parameter shared
// by every call [api.md §1.1].
func (s *Server) lockModule(c *call) (*Module, *apiErr) {
	if c.version < 3 { // the API exists since v3 [api.md §1.1]
		return nil, badReq("API_NOT_SUPPORTED", "the API is not supported in this version", obj{"supported_version": 3})
	}
	name := c.q.Get("module")
	if name == "" {
		return nil, errReqParam("module", "param")
	}
	m := s.st.moduleByAPI[name]
	if m == nil {
		return nil, errInvalidModule()
	}
	if !(m.GeneratedType == "custom" || (m.GeneratedType == "default" && lockSupportedDefault(m.APIName, c.version))) {
		return nil, badReq("NOT_SUPPORTED", "the given module is not supported", obj{"param_name": "module"})
	}
	if ft, ok := c.q["feature_type"]; ok && (len(ft) != 1 || ft[0] != "record_locking") {
		return nil, badReq("INVALID_DATA", "invalid data", obj{"param_name": "feature_type"})
	}
	return m, nil
}

// lockByPathID finds the module's config named by the URL id.
func (s *Server) lockByPathID(c *call, m *Module) (*LockingConfig, *apiErr) {
	l := s.st.lockByModule[m.APIName]
	if !isNumericID(c.id) || l == nil || l.ID != c.id {
		return nil, errInvalidURLID(c.pathIndex())
	}
	return l, nil
}

func (s *Server) lockList(c *call) reply {
	m, e := s.lockModule(c)
	if e != nil {
		return e.reply()
	}
	l := s.st.lockByModule[m.APIName]
	if l == nil {
		if c.rd.EmptyLockingGet == "empty" {
			return reply{status: http.StatusOK, body: obj{lockKey: []obj{}}}
		}
		return reply{status: http.StatusNoContent}
	}
	return reply{status: http.StatusOK, body: obj{lockKey: []obj{lockView(l)}}}
}

func (s *Server) lockGet(c *call) reply {
	m, e := s.lockModule(c)
	if e != nil {
		return e.reply()
	}
	l, e := s.lockByPathID(c, m)
	if e != nil {
		return e.reply()
	}
	return reply{status: http.StatusOK, body: obj{lockKey: []obj{lockView(l)}}}
}

// lockCreate serves POST (HTTP 201 [OAS]). A module holds one configuration:
// a POST when one exists is LIMIT_EXCEEDED [seed:update-record-locking-
// configuration].
func (s *Server) lockCreate(c *call) reply {
	m, e := s.lockModule(c)
	if e != nil {
		return e.reply()
	}
	raws, e := decodeBody(c.body, lockKey)
	if e != nil {
		return e.reply()
	}
	var res results
	for i, raw := range raws {
		id, e := s.lockCreateItem(c, m, raw, i)
		if e != nil {
			res.fail(e)
			continue
		}
		res.add(id, msgLockCreated)
	}
	return res.reply(lockKey, http.StatusCreated, c.rd.PartialStatus)
}

func (s *Server) lockCreateItem(c *call, m *Module, raw json.RawMessage, i int) (string, *apiErr) {
	it, e := asItem(raw, lockKey, jpath(lockKey, i))
	if e != nil {
		return "", e
	}
	if s.st.lockByModule[m.APIName] != nil {
		return "", badReq("LIMIT_EXCEEDED", "record locking configuration is already configured for the module",
			obj{"api_name": lockKey, "json_path": jpath(lockKey, i), "limit": 1, "available_limit": 0})
	}
	t := true
	l := &LockingConfig{Module: m.APIName, LockedFor: lockedForAll, FeatureType: "record_locking",
		LockForPortalUsers: &t, RestrictedActions: []string{"update"}}
	ed := &lockEdit{s: s, c: c, m: m, it: it, i: i, create: true}
	if e := ed.apply(l); e != nil {
		return "", e
	}
	l.ID = s.st.ids.newID()
	me := s.st.currentUser()
	l.CreatedTime, l.ModifiedTime, l.CreatedBy, l.ModifiedBy = c.stamp, c.stamp, me, me
	s.st.locks = append(s.st.locks, l)
	s.st.lockByModule[m.APIName] = l
	c.changed = true
	return l.ID, nil
}

// lockUpdate serves PUT with the id in the URL (one item) or in each item.
func (s *Server) lockUpdate(c *call) reply {
	m, e := s.lockModule(c)
	if e != nil {
		return e.reply()
	}
	raws, e := decodeBody(c.body, lockKey)
	if e != nil {
		return e.reply()
	}
	if c.id != "" {
		if _, e := s.lockByPathID(c, m); e != nil {
			return e.reply()
		}
		if len(raws) > 1 {
			return badReq("INVALID_DATA", "only one record locking configuration can be updated with the id in the URL",
				obj{"api_name": lockKey, "json_path": "$." + lockKey}).reply()
		}
	}
	var res results
	for i, raw := range raws {
		id, e := s.lockUpdateItem(c, m, raw, i)
		if e != nil {
			res.fail(e)
			continue
		}
		res.add(id, msgLockUpdated)
	}
	return res.reply(lockKey, http.StatusOK, c.rd.PartialStatus)
}

func (s *Server) lockUpdateItem(c *call, m *Module, raw json.RawMessage, i int) (string, *apiErr) {
	it, e := asItem(raw, lockKey, jpath(lockKey, i))
	if e != nil {
		return "", e
	}
	id := c.id
	if it.given("id") {
		bodyID, ok := rawID(it["id"])
		if !ok || (id != "" && bodyID != id) {
			return "", errInvalid("id", jpath(lockKey, i, "id"))
		}
		id = bodyID
	}
	if id == "" {
		return "", errMandatory("id", jpath(lockKey, i, "id"))
	}
	cur := s.st.lockByModule[m.APIName]
	if cur == nil || cur.ID != id {
		return "", errInvalid("id", jpath(lockKey, i, "id"))
	}
	if c.rd.LockingPutLockType == "required" && !it.given("lock_type") {
		return "", errMandatory("lock_type", jpath(lockKey, i, "lock_type"))
	}
	next := cloneLock(cur)
	ed := &lockEdit{s: s, c: c, m: m, it: it, i: i}
	if e := ed.apply(next); e != nil {
		return "", e
	}
	next.ModifiedTime, next.ModifiedBy = c.stamp, s.st.currentUser()
	*cur = *next
	c.changed = true
	return cur.ID, nil
}

func (s *Server) lockDelete(c *call) reply {
	m, e := s.lockModule(c)
	if e != nil {
		return e.reply()
	}
	l, e := s.lockByPathID(c, m)
	if e != nil {
		return e.reply()
	}
	s.removeLock(c, l)
	return reply{status: http.StatusOK, body: obj{lockKey: []obj{success(l.ID, msgLockDeleted)}}}
}

// lockDeleteMany serves DELETE ?module=M&ids=a,b [OAS only].
func (s *Server) lockDeleteMany(c *call) reply {
	m, e := s.lockModule(c)
	if e != nil {
		return e.reply()
	}
	ids := splitIDs(c.q.Get("ids"))
	if len(ids) == 0 {
		return errReqParam("ids", "param").reply()
	}
	var res results
	for _, id := range ids {
		l := s.st.lockByModule[m.APIName]
		if l == nil || l.ID != id {
			res.fail(badReq("INVALID_DATA", "the id given seems to be invalid", obj{"id": id}))
			continue
		}
		s.removeLock(c, l)
		res.add(id, msgLockDeleted)
	}
	return res.reply(lockKey, http.StatusOK, c.rd.PartialStatus)
}

func (s *Server) removeLock(c *call, l *LockingConfig) {
	delete(s.st.lockByModule, l.Module)
	s.st.locks = removeAt(s.st.locks, l)
	c.changed = true
}

// splitIDs splits a comma-separated ids parameter, dropping empty entries.
func splitIDs(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func cloneLock(l *LockingConfig) *LockingConfig {
	b, err := json.Marshal(l)
	if err != nil {
		panic("emulator: clone locking config: " + err.Error())
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var out LockingConfig
	if err := d.Decode(&out); err != nil {
		panic("emulator: clone locking config: " + err.Error())
	}
	return &out
}
