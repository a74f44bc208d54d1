package emulator

import (
	"net/http"
)

// DELETE /settings/fields/{id}?module=M, and what record locking does with
// the fields and options it uses [fields.md §6, §10 q6, q8].

// fieldDelete deletes one custom field: system-defined → NOT_ALLOWED; used
// by a locking configuration → NOT_ALLOWED "The custom field has already
// used in other places" (FieldInLockingUse); an unknown id →
// FieldDeleteUnknownID [fields.md §6].
func (s *Server) fieldDelete(c *call) reply {
	s.reapGlobalPicklists()
	m, e := s.fieldsModule(c, true)
	if e != nil {
		return e.reply()
	}
	f := findField(m, "", c.id)
	if f == nil || !isNumericID(c.id) {
		if c.rd.FieldDeleteUnknownID == "404" {
			return errURLPattern().reply()
		}
		return errInvalidURLID(c.pathIndex()).reply()
	}
	if !f.Custom {
		return badReq("NOT_ALLOWED", "system-defined fields cannot be deleted", obj{"resource_path_index": c.pathIndex()}).reply()
	}
	if s.fieldInLocking(m, f.APIName, nil) {
		if c.rd.FieldInLockingUse == "refused" {
			return badReq("NOT_ALLOWED", "The custom field has already used in other places",
				obj{"resource_path_index": c.pathIndex()}).reply()
		}
		s.dropLockingField(m, f.APIName, nil)
	}
	id := f.ID
	for i := range m.Fields {
		if m.Fields[i].ID == id {
			m.Fields = append(m.Fields[:i], m.Fields[i+1:]...)
			break
		}
	}
	c.changed = true
	return reply{status: http.StatusOK, body: obj{fieldsKey: []obj{success(id, "field deleted")}}}
}

// fieldInLocking reports whether the module's locking configuration uses
// the field (excluded_fields or a rule's criteria), or, with values, one
// of those values in a rule's criteria.
func (s *Server) fieldInLocking(m *Module, apiName string, values []string) bool {
	l := s.st.lockByModule[m.APIName]
	if l == nil {
		return false
	}
	if values == nil {
		for _, f := range l.ExcludedFields {
			if f.APIName == apiName {
				return true
			}
		}
	}
	for _, r := range l.LockingRules {
		if criteriaUses(r.Criteria, apiName, values) {
			return true
		}
	}
	return false
}

// dropLockingField removes the field from excluded_fields (values nil) and
// the rules whose criteria use it or one of the values (the "allowed"
// reading, [inferred]).
func (s *Server) dropLockingField(m *Module, apiName string, values []string) {
	l := s.st.lockByModule[m.APIName]
	if l == nil {
		return
	}
	if values == nil {
		kept := l.ExcludedFields[:0]
		for _, f := range l.ExcludedFields {
			if f.APIName != apiName {
				kept = append(kept, f)
			}
		}
		l.ExcludedFields = kept
	}
	rules := l.LockingRules[:0]
	for _, r := range l.LockingRules {
		if !criteriaUses(r.Criteria, apiName, values) {
			rules = append(rules, r)
		}
	}
	l.LockingRules = rules
}

// criteriaUses reports whether a criteria tree names the field (values
// nil) or compares it with one of values.
func criteriaUses(c *Criteria, apiName string, values []string) bool {
	if c == nil {
		return false
	}
	for i := range c.Group {
		if criteriaUses(&c.Group[i], apiName, values) {
			return true
		}
	}
	if c.Field == nil || c.Field.APIName != apiName {
		return false
	}
	if values == nil {
		return true
	}
	vals := []any{c.Value}
	if list, ok := c.Value.([]any); ok {
		vals = list
	}
	for _, v := range vals {
		if s, ok := v.(string); ok && oneOf(s, values...) {
			return true
		}
	}
	return false
}

// optionsInUse refuses removing options a locking rule compares with
// ("The picklist option is used in features", NOT_ALLOWED) under the
// "refused" reading [fields.md §5.1, q8].
func (s *Server) optionsInUse(rd Readings, m *Module, old *Field, next Field, path string) *apiErr {
	gone := removedValues(old.PickListOptions, next.PickListOptions)
	if len(gone) == 0 || rd.FieldInLockingUse != "refused" || !s.fieldInLocking(m, old.APIName, gone) {
		return nil
	}
	return notAllowed("The picklist option is used in features", "pick_list_values", path)
}

// dropLockingValues applies the "allowed" reading after a removal.
func (s *Server) dropLockingValues(m *Module, old *Field, next Field) {
	if gone := removedValues(old.PickListOptions, next.PickListOptions); len(gone) > 0 {
		s.dropLockingField(m, old.APIName, gone)
	}
}
