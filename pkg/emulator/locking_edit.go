package emulator

import "strconv"

// lockEdit applies one POST or PUT item to a configuration. All checks run
// on a copy; the caller commits only when apply returns nil.
type lockEdit struct {
	s      *Server
	c      *call
	m      *Module
	it     item
	i      int
	create bool
}

func (ed *lockEdit) path(parts ...string) string { return jpath(lockKey, ed.i, parts...) }

func (ed *lockEdit) apply(l *LockingConfig) *apiErr {
	steps := []func(*LockingConfig) *apiErr{
		ed.scalars, ed.actions, ed.communications, ed.excludedFields,
		ed.excludedProfiles, ed.buttons, ed.rules, ed.dependents,
	}
	for _, step := range steps {
		if e := step(l); e != nil {
			return e
		}
	}
	return nil
}

// supported is an INVALID_DATA naming the valid values.
func (ed *lockEdit) supported(key string, values []string) *apiErr {
	return errInvalid(key, ed.path(key)).with("supported_values", values)
}

// scalars: lock_type (mandatory on create, enum manual|automatic|both),
// locked_for (enum, default all_profiles), feature_type (only
// record_locking), lock_for_portal_users (boolean, default true)
// [seed:update-record-locking-configuration].
func (ed *lockEdit) scalars(l *LockingConfig) *apiErr {
	it := ed.it
	if !it.given("lock_type") {
		if ed.create {
			return errMandatory("lock_type", ed.path("lock_type"))
		}
	} else if v, ok := rawString(it["lock_type"]); !ok || !oneOf(v, lockTypeValues()...) {
		return ed.supported("lock_type", lockTypeValues())
	} else {
		l.LockType = v
	}
	if it.given("locked_for") {
		v, ok := rawString(it["locked_for"])
		if !ok || !oneOf(v, lockedForAll, lockedForExcept) {
			return ed.supported("locked_for", []string{lockedForAll, lockedForExcept})
		}
		l.LockedFor = v
	}
	if it.given("feature_type") {
		if v, ok := rawString(it["feature_type"]); !ok || v != "record_locking" {
			return ed.supported("feature_type", []string{"record_locking"})
		}
	}
	if it.given("lock_for_portal_users") {
		v, ok := rawBool(it["lock_for_portal_users"])
		if !ok {
			return errType("lock_for_portal_users", ed.path("lock_for_portal_users"), "boolean")
		}
		l.LockForPortalUsers = &v
	}
	return nil
}

// listMode tells how a list key of the item applies: skip (absent, or null
// kept under NullOnPut=keep), clear (null), or set.
func (ed *lockEdit) listMode(key string) string {
	switch {
	case !ed.it.has(key):
		return "skip"
	case ed.it.isNull(key):
		if !ed.create && ed.c.rd.NullOnPut == "keep" {
			return "skip"
		}
		return "clear"
	}
	return "set"
}

// actions: restricted_actions; "update" is always restricted
// [seed:update-record-locking-configuration].
func (ed *lockEdit) actions(l *LockingConfig) *apiErr {
	switch ed.listMode("restricted_actions") {
	case "clear":
		l.RestrictedActions = []string{"update"}
	case "set":
		valid := []string{"update", "delete", "tags", "convert", "change_owner"}
		v, ok := rawStrings(ed.it["restricted_actions"])
		if !ok || !allOneOf(v, valid) {
			return ed.supported("restricted_actions", valid)
		}
		l.RestrictedActions = withUpdate(v)
	}
	return nil
}

// communications: the error text of the update page lists send_mail,
// send_survery [sic] and send_portal_invitation as valid values.
func (ed *lockEdit) communications(l *LockingConfig) *apiErr {
	switch ed.listMode("restricted_communications") {
	case "clear":
		l.RestrictedCommunications = nil
	case "set":
		valid := []string{"send_mail", "send_survery", "send_portal_invitation"}
		v, ok := rawStrings(ed.it["restricted_communications"])
		if !ok || !allOneOf(v, valid) {
			return ed.supported("restricted_communications", valid)
		}
		l.RestrictedCommunications = dedupe(v)
		if len(v) == 0 {
			l.RestrictedCommunications = nil
		}
	}
	return nil
}

// limit checks an undocumented LIMIT_EXCEEDED limit (0 = none) with the
// details of [OAS] Limit_Exceeded_1.
func (ed *lockEdit) limit(key string, n, max int) *apiErr {
	if max <= 0 || n <= max {
		return nil
	}
	return badReq("LIMIT_EXCEEDED", "the maximum limit is exceeded",
		obj{"api_name": key, "json_path": ed.path(key), "limit": max, "available_limit": 0})
}

func (ed *lockEdit) excludedFields(l *LockingConfig) *apiErr {
	switch ed.listMode("excluded_fields") {
	case "clear":
		l.ExcludedFields = nil
	case "set":
		items, e := asItems(ed.it["excluded_fields"], "excluded_fields", ed.path("excluded_fields"))
		if e != nil {
			return e
		}
		var out []FieldRef
		for j, it := range items {
			f, e := resolveField(ed.m, it, ed.path("excluded_fields", "["+strconv.Itoa(j)+"]"), false)
			if e != nil {
				return e
			}
			out = appendFieldOnce(out, f)
		}
		if e := ed.limit("excluded_fields", len(out), ed.c.rd.MaxExcludedFields); e != nil {
			return e
		}
		l.ExcludedFields = out
	}
	return nil
}

func (ed *lockEdit) excludedProfiles(l *LockingConfig) *apiErr {
	key := "lock_excluded_profiles"
	switch ed.listMode(key) {
	case "clear":
		l.LockExcludedProfiles = nil
	case "set":
		refs, e := ed.refs(key, func(r Ref) *Ref {
			p := ed.s.st.profileByID[r.ID]
			if r.ID == "" {
				p = ed.s.st.profileByName(r.Name)
			}
			if p == nil || (r.Name != "" && r.Name != p.Name) {
				return nil
			}
			return &Ref{ID: p.ID, Name: p.Name}
		})
		if e != nil {
			return e
		}
		if e := ed.limit(key, len(refs), ed.c.rd.MaxExcludedProfiles); e != nil {
			return e
		}
		l.LockExcludedProfiles = refs
	}
	return nil
}

func (ed *lockEdit) buttons(l *LockingConfig) *apiErr {
	key := "restricted_custom_buttons"
	switch ed.listMode(key) {
	case "clear":
		l.RestrictedCustomButtons = nil
	case "set":
		refs, e := ed.refs(key, func(r Ref) *Ref {
			b := findButton(ed.m, r)
			if b == nil || (r.Name != "" && r.Name != b.Name) {
				return nil
			}
			return b
		})
		if e != nil {
			return e
		}
		if e := ed.limit(key, len(refs), ed.c.rd.MaxRestrictedButtons); e != nil {
			return e
		}
		l.RestrictedCustomButtons = refs
	}
	return nil
}

// refs parses [{id, name}] and resolves each entry; an unknown id or name
// (or an id and a name of different objects) is INVALID_DATA.
func (ed *lockEdit) refs(key string, find func(Ref) *Ref) ([]Ref, *apiErr) {
	items, e := asItems(ed.it[key], key, ed.path(key))
	if e != nil {
		return nil, e
	}
	var out []Ref
	for j, it := range items {
		p := ed.path(key, "["+strconv.Itoa(j)+"]")
		r, ok := parseRef(it)
		var found *Ref
		if ok {
			found = find(r)
		}
		if found == nil {
			return nil, errInvalid(key, p)
		}
		out = appendRefOnce(out, *found)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// parseRef reads {id, name} (the docs call the name api_name for profiles,
// the samples send name [api.md §1.2]; both are accepted).
func parseRef(it item) (Ref, bool) {
	var r Ref
	if it.given("id") {
		id, ok := rawID(it["id"])
		if !ok {
			return r, false
		}
		r.ID = id
	}
	for _, k := range []string{"name", "api_name"} {
		if it.given(k) {
			n, ok := rawString(it[k])
			if !ok {
				return r, false
			}
			r.Name = n
		}
	}
	return r, r.ID != "" || r.Name != ""
}
