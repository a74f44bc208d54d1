package emulator

import (
	"net/http"
	"strings"
)

// Global picklists, reads and delete [fields.md §9, OAS
// global_picklists.json]. Wrapper key global_picklists.

const gpKey = "global_picklists"

// gpView renders a set; values, used_in_modules and associated_fields_count
// only when asked [fields.md §9.2].
func (s *Server) gpView(g *GlobalPicklist, values bool, include map[string]bool) obj {
	var desc any
	if g.Description != nil {
		desc = *g.Description
	}
	o := obj{"id": g.ID, "api_name": g.APIName, "display_label": g.DisplayLabel, "actual_label": g.DisplayLabel,
		"description": desc, "source": "crm", "customizable": g.customizable(), "presence": !g.DeletePending,
		"pick_list_values_sorted_lexically": g.SortedLexically, "created_time": nilIfEmpty(g.CreatedTime),
		"modified_time": g.ModifiedTime}
	if g.CreatedBy != nil { // created_by and modified_by are not nullable [OAS]
		o["created_by"] = userRefView(g.CreatedBy, false)
	}
	if g.ModifiedBy != nil {
		o["modified_by"] = userRefView(g.ModifiedBy, false)
	}
	if values {
		vals := make([]obj, len(g.Values))
		for i, v := range g.Values {
			vals[i] = obj{"id": v.ID, "display_value": v.DisplayValue, "actual_value": v.ActualValue,
				"reference_value": v.ActualValue, "sequence_number": v.SequenceNumber, "type": v.Type}
		}
		o["pick_list_values"] = vals
	}
	fields, modules := s.gpUsers(g)
	if include["used_in_modules"] {
		list := make([]obj, len(modules))
		for i, m := range modules {
			list[i] = obj{"api_name": m.APIName, "id": m.ID, "plural_label": m.PluralLabel}
		}
		o["used_in_modules"] = list
	}
	if include["associated_fields_count"] {
		o["associated_fields_count"] = fields
	}
	return o
}

// gpUsers counts the fields that use a set and lists their modules.
func (s *Server) gpUsers(g *GlobalPicklist) (int, []*Module) {
	n := 0
	var mods []*Module
	for _, m := range s.st.modules {
		used := false
		for _, f := range m.Fields {
			if f.GlobalPicklist != nil && f.GlobalPicklist.ID == g.ID {
				n++
				used = true
			}
		}
		if used {
			mods = append(mods, m)
		}
	}
	return n, mods
}

func includeSet(c *call) map[string]bool {
	out := map[string]bool{}
	for _, k := range strings.Split(c.q.Get("include"), ",") {
		out[strings.TrimSpace(k)] = true
	}
	return out
}

// gpList serves GET /settings/global_picklists[?include=][&fields=]
// [&filters=][&inner_details_filters=]: 204 when none; values per
// GlobalListValues; fields=k1,k2 keeps those keys and id [fields.md §9.1,
// §9.2, q14].
func (s *Server) gpList(c *call) reply {
	inc := includeSet(c)
	values := inc["pick_list_values"] || c.rd.GlobalListValues == "always"
	sets, inner, e := gpFilters(c)
	if e != nil {
		return e.reply()
	}
	list := make([]obj, 0, len(s.st.globalPicklists))
	for _, g := range s.st.globalPicklists {
		v := s.gpView(g, values, inc)
		if !sets.match(func(k string) any { return v[k] }) {
			continue
		}
		filterValues(v, inner)
		list = append(list, onlyKeys(v, c.q.Get("fields")))
	}
	return dataReply(gpKey, list)
}

// gpGet answers one set, always with its values [fields.md §9.1].
func (s *Server) gpGet(c *call) reply {
	g := s.st.gpByID[c.id]
	if g == nil {
		return errInvalidURLID(c.pathIndex()).reply()
	}
	v := onlyKeys(s.gpView(g, true, includeSet(c)), c.q.Get("fields"))
	return reply{status: http.StatusOK, body: obj{gpKey: []obj{v}}}
}

func onlyKeys(o obj, keys string) obj {
	if keys == "" {
		return o
	}
	out := obj{"id": o["id"]}
	for _, k := range strings.Split(keys, ",") {
		if v, ok := o[strings.TrimSpace(k)]; ok {
			out[strings.TrimSpace(k)] = v
		}
	}
	return out
}

// gpDeleteMany serves DELETE /settings/global_picklists?ids= (one id, or
// several under the "csv" reading); per-id errors are wrapped with
// details.id [fields.md §9.5, q12].
func (s *Server) gpDeleteMany(c *call) reply {
	s.reapGlobalPicklists()
	raw := c.q.Get("ids")
	if raw == "" {
		return errReqParam("ids", "param_name").reply()
	}
	ids := splitIDs(raw)
	if len(ids) > 1 && c.rd.GlobalDeleteIDs == "single" {
		return badReq("INVALID_DATA", "invalid data", obj{"param_name": "ids"}).reply()
	}
	var res results
	status := http.StatusOK
	for _, id := range ids {
		g := s.st.gpByID[id]
		if g == nil {
			res.fail(badReq("INVALID_DATA", "the id given seems to be invalid", obj{"id": id}))
			continue
		}
		item, e := s.gpDeleteOne(c, g)
		if e != nil {
			res.fail(e.with("id", id))
			continue
		}
		res.items, res.ok = append(res.items, item), res.ok+1
	}
	if c.rd.GlobalDelete == "scheduled" {
		status = http.StatusAccepted
	}
	return multiStatus(&res, gpKey, status)
}

// gpDelete serves DELETE /settings/global_picklists/{id}; errors are top
// level with resource_path_index [fields.md §9.5].
func (s *Server) gpDelete(c *call) reply {
	s.reapGlobalPicklists()
	g := s.st.gpByID[c.id]
	if g == nil {
		return errInvalidURLID(c.pathIndex()).reply()
	}
	item, e := s.gpDeleteOne(c, g)
	if e != nil {
		return e.with("resource_path_index", c.pathIndex()).reply()
	}
	status := http.StatusOK
	if c.rd.GlobalDelete == "scheduled" {
		status = http.StatusAccepted
	}
	return reply{status: status, body: obj{gpKey: []obj{item}}}
}

// gpDeleteOne refuses a system set, a scheduled one and one used by more
// than 15 fields; otherwise it schedules the deletion (202 SCHEDULED,
// presence false until the next write) or deletes at once [fields.md
// §9.5, q11].
func (s *Server) gpDeleteOne(c *call, g *GlobalPicklist) (obj, *apiErr) {
	n, _ := s.gpUsers(g)
	switch {
	case !g.customizable():
		return nil, badReq("NOT_ALLOWED", "system defined global set cannot be deleted", obj{})
	case g.DeletePending:
		return nil, badReq("NOT_ALLOWED", "global picklist deletion already scheduled", obj{})
	case n > 15:
		return nil, badReq("NOT_ALLOWED", "global picklist is associated with more than 15 fields", obj{"limit": 15})
	}
	c.changed = true
	if c.rd.GlobalDelete == "scheduled" {
		g.DeletePending, g.deleteAfter = true, 2
		return obj{"code": "SCHEDULED", "details": obj{"job_id": s.st.ids.newID()},
			"message": "Deletion scheduled", "status": "success"}, nil
	}
	s.removeGlobalPicklist(g)
	return success(g.ID, "global picklist deleted successfully"), nil
}

// reapGlobalPicklists ends the scheduled deletions. It runs at the start
// of every field and global picklist write: the two writes after a
// scheduled deletion still find the set (presence false, refusals
// "deletion in progress", "already scheduled"), the third finds it gone;
// GETs in between see presence false [fields.md §9.5, q11].
func (s *Server) reapGlobalPicklists() {
	for _, g := range append([]*GlobalPicklist(nil), s.st.globalPicklists...) {
		switch {
		case !g.DeletePending:
		case g.deleteAfter > 0:
			g.deleteAfter--
		default:
			s.removeGlobalPicklist(g)
		}
	}
}

// removeGlobalPicklist deletes a set; the fields that used it keep its
// used values as a local picklist with new option ids [fields.md §10
// q15, inferred].
func (s *Server) removeGlobalPicklist(g *GlobalPicklist) {
	for _, m := range s.st.modules {
		for i := range m.Fields {
			f := &m.Fields[i]
			if f.GlobalPicklist == nil || f.GlobalPicklist.ID != g.ID {
				continue
			}
			f.GlobalPicklist = nil
			f.PickListOptions = globalOptions(g)
			for j := range f.PickListOptions {
				f.PickListOptions[j].ID = s.st.ids.newID()
			}
			syncValues(f)
		}
	}
	s.st.globalPicklists = removeAt(s.st.globalPicklists, g)
	delete(s.st.gpByID, g.ID)
}
