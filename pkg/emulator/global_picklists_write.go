package emulator

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// Global picklist create and update [fields.md §9.3, §9.4].

var gpKeys = keySet("id", "display_label", "api_name", "description", "pick_list_values_sorted_lexically",
	"pick_list_values")

var gpValueKeys = keySet("id", "display_value", "actual_value", "reference_value", "sequence_number", "type", "_delete")

// gpAPINameRE: letters, digits, underscore, a letter first, no "_" last.
var gpAPINameRE = regexp.MustCompile(`^[A-Za-z]([A-Za-z0-9_]*[A-Za-z0-9])?$`)

// gpCreate serves POST: one set per call, org limit MaxGlobalPicklists
// [fields.md §9.3, q13]; errors are wrapped.
func (s *Server) gpCreate(c *call) reply {
	s.reapGlobalPicklists()
	raws, e := wrappedBody(c.body, gpKey, 1)
	if e != nil {
		return e.reply()
	}
	wrap := func(e *apiErr) reply { return reply{status: http.StatusBadRequest, body: obj{gpKey: []obj{e.json()}}} }
	if len(s.st.globalPicklists) >= c.rd.MaxGlobalPicklists {
		return wrap(badReq("LIMIT_EXCEEDED", "global picklists limit exceeded", obj{"limit": c.rd.MaxGlobalPicklists}))
	}
	it, e := asItem(raws[0], gpKey, jpath(gpKey, 0))
	if e != nil {
		return wrap(e)
	}
	g := &GlobalPicklist{CreatedTime: c.stamp, ModifiedTime: c.stamp, CreatedBy: s.st.currentUser(),
		ModifiedBy: s.st.currentUser()}
	if e := s.gpApply(c, g, it, 0, true); e != nil {
		return wrap(e)
	}
	g.ID = s.st.ids.newID()
	s.st.globalPicklists = append(s.st.globalPicklists, g)
	s.st.gpByID[g.ID] = g
	c.changed = true
	return reply{status: http.StatusCreated, body: obj{gpKey: []obj{success(g.ID, "global picklist added successfully")}}}
}

// gpUpdate serves PATCH with the id in the body (bulk; status
// GlobalBulkPatchStatus) or in the URL [fields.md §9.4, q19].
func (s *Server) gpUpdate(c *call) reply {
	s.reapGlobalPicklists()
	var byURL *GlobalPicklist
	if c.id != "" {
		if byURL = s.st.gpByID[c.id]; byURL == nil {
			return errInvalidURLID(c.pathIndex()).reply()
		}
	}
	raws, e := decodeBody(c.body, gpKey)
	if e != nil {
		return e.reply()
	}
	var res results
	for i, raw := range raws {
		it, e := asItem(raw, gpKey, jpath(gpKey, i))
		g := byURL
		if e == nil && g == nil {
			g, e = s.gpFromBody(it, i)
		}
		if e == nil {
			e = s.gpUpdateOne(c, g, it, i)
		}
		if e != nil {
			res.fail(e)
			continue
		}
		res.add(g.ID, "global picklist updated successfully")
	}
	ok := http.StatusOK
	if byURL == nil {
		ok = c.rd.GlobalBulkPatchStatus
	}
	return multiStatus(&res, gpKey, ok)
}

func (s *Server) gpFromBody(it item, i int) (*GlobalPicklist, *apiErr) {
	if !it.given("id") {
		return nil, errMandatory("id", jpath(gpKey, i, "id"))
	}
	id, _ := rawID(it["id"])
	if g := s.st.gpByID[id]; g != nil {
		return g, nil
	}
	return nil, badReq("INVALID_DATA", "the id given seems to be invalid", obj{"id": id})
}

// gpUpdateOne applies one item to a copy of the set, then commits it and
// refreshes the fields that use it.
func (s *Server) gpUpdateOne(c *call, g *GlobalPicklist, it item, i int) *apiErr {
	switch {
	case !g.customizable():
		return badReq("NOT_ALLOWED", "Updation of system defined global set is not allowed", obj{"id": g.ID})
	case g.DeletePending:
		return badReq("NOT_ALLOWED", "global picklist deletion in progress.", obj{"id": g.ID})
	}
	if c.rd.GlobalUpdateMandatory == "both" {
		for _, k := range []string{"display_label", "pick_list_values"} {
			if !it.given(k) {
				return errMandatory(k, jpath(gpKey, i, k))
			}
		}
	}
	next := *g
	next.Values = append([]PickListOption(nil), g.Values...)
	if e := s.gpApply(c, &next, it, i, false); e != nil {
		return e
	}
	if e := s.gpValuesInUse(c.rd, g, &next, jpath(gpKey, i, "pick_list_values")); e != nil {
		return e
	}
	next.ModifiedTime, next.ModifiedBy = c.stamp, s.st.currentUser()
	*g = next
	s.syncGlobalFields(g)
	c.changed = true
	return nil
}

// gpApply validates the keys of a create or update item into g.
func (s *Server) gpApply(c *call, g *GlobalPicklist, it item, i int, create bool) *apiErr {
	p := func(k ...string) string { return jpath(gpKey, i, k...) }
	keys := gpKeys
	if e := unknownKey(it, func(k string) string { return p(k) }, keys); e != nil {
		return e
	}
	if label, has, e := strKey(it, "display_label", p("display_label"), create, 50); e != nil {
		return e
	} else if has {
		if e := s.gpLabel(g, label, p("display_label")); e != nil {
			return e
		}
	}
	name, has, e := strKey(it, "api_name", p("api_name"), false, 50)
	if e != nil {
		return e
	}
	if !has && create {
		name, has = deriveAPIName(g.DisplayLabel), true
	}
	if has {
		if !gpAPINameRE.MatchString(name) {
			return errInvalid("api_name", p("api_name")).with("regex", gpAPINameRE.String())
		}
		if o := s.st.gpByAPI(name); o != nil && o.ID != g.ID {
			return fieldErr("DUPLICATE_DATA", "Duplicate name found, enter a unique name.", "api_name", p("api_name"))
		}
		g.APIName = name
	}
	if d, has, e := strKey(it, "description", p("description"), false, 1000); e != nil {
		return e
	} else if has {
		g.Description = &d
	} else if it.isNull("description") {
		g.Description = nil
	}
	if b, has, e := boolKey(it, "pick_list_values_sorted_lexically", p("pick_list_values_sorted_lexically")); e != nil {
		return e
	} else if has {
		g.SortedLexically = b
	}
	if create && !it.given("pick_list_values") {
		return errMandatory("pick_list_values", p("pick_list_values"))
	}
	return s.gpValues(c, g, it, p("pick_list_values"), create)
}

// gpLabel checks a label: no special characters, unique in the org.
func (s *Server) gpLabel(g *GlobalPicklist, label, path string) *apiErr {
	if specialChars(label) {
		return fieldErr("INVALID_DATA", "Special characters in name", "display_label", path)
	}
	for _, o := range s.st.globalPicklists {
		if o.ID != g.ID && strings.EqualFold(strings.TrimSpace(o.DisplayLabel), strings.TrimSpace(label)) {
			return fieldErr("DUPLICATE_DATA", "Duplicate name found, enter a unique name.", "display_label", path)
		}
	}
	g.DisplayLabel = label
	return nil
}

// syncGlobalFields gives the fields that use g its used values.
func (s *Server) syncGlobalFields(g *GlobalPicklist) {
	for _, m := range s.st.modules {
		for i := range m.Fields {
			f := &m.Fields[i]
			if f.GlobalPicklist != nil && f.GlobalPicklist.ID == g.ID {
				f.GlobalPicklist.APIName = g.APIName
				f.PickListOptions = globalOptions(g)
				syncValues(f)
			}
		}
	}
}

// gpValuesInUse refuses removing (or moving to unused) a value that a
// locking rule compares with, on any field that uses the set
// (FieldInLockingUse "refused"); under "allowed" those rules are dropped.
func (s *Server) gpValuesInUse(rd Readings, old, next *GlobalPicklist, path string) *apiErr {
	gone := removedValues(globalOptions(old), globalOptions(next))
	if len(gone) == 0 {
		return nil
	}
	for _, m := range s.st.modules {
		for _, f := range m.Fields {
			if f.GlobalPicklist == nil || f.GlobalPicklist.ID != old.ID || !s.fieldInLocking(m, f.APIName, gone) {
				continue
			}
			if rd.FieldInLockingUse == "refused" {
				return notAllowed("The picklist option is used in features", "pick_list_values", path)
			}
			s.dropLockingField(m, f.APIName, gone)
		}
	}
	return nil
}

func itoa(i int) string { return strconv.Itoa(i) }
