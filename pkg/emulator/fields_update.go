package emulator

import (
	"encoding/json"
	"net/http"
)

// PATCH /settings/fields?module=M (each item carries its id) and
// PATCH /settings/fields/{id}?module=M [fields.md §5].

// updateKeys are the keys an update item may carry: those of create plus
// id [fields.md §5 "all the cases of create apply to update"].
var updateKeys = func() map[string]bool {
	m := keySet("id")
	for k := range createKeys {
		m[k] = true
	}
	return m
}()

// fieldUpdate serves both forms; the by-id form takes one item whose id,
// if any, must be the URL's (the SDK sends the id in the URL only).
func (s *Server) fieldUpdate(c *call) reply {
	s.reapGlobalPicklists()
	m, e := s.fieldsModule(c, true)
	if e != nil {
		return e.reply()
	}
	var f0 *Field
	if c.id != "" {
		if f0 = findField(m, "", c.id); f0 == nil || !isNumericID(c.id) {
			return errInvalidURLID(c.pathIndex()).reply()
		}
	}
	limit := c.rd.FieldsPerCall
	if c.id != "" {
		limit = 1
	}
	raws, e := wrappedBody(c.body, fieldsKey, limit)
	if e != nil {
		return e.reply()
	}
	var res results
	for i, raw := range raws {
		f, e := s.updateOne(c, m, f0, raw, i)
		if e != nil {
			res.fail(e)
			continue
		}
		res.add(f.ID, "field updated")
	}
	return multiStatus(&res, fieldsKey, http.StatusOK)
}

// updateOne validates one item on a copy of the field, then commits it.
func (s *Server) updateOne(c *call, m *Module, f0 *Field, raw json.RawMessage, i int) (*Field, *apiErr) {
	p := func(k ...string) string { return jpath(fieldsKey, i, k...) }
	it, e := asItem(raw, fieldsKey, jpath(fieldsKey, i))
	if e != nil {
		return nil, e
	}
	f := f0
	if it.given("id") {
		id, ok := rawID(it["id"])
		if g := findField(m, "", id); ok && g != nil && (f0 == nil || g == f0) {
			f = g
		} else {
			return nil, errInvalid("id", p("id")).with("id", id)
		}
	}
	if f == nil {
		return nil, errMandatory("id", p("id"))
	}
	next, e := s.editedField(c, m, f, it, p)
	if e != nil {
		return nil, e
	}
	if e := s.optionsInUse(c.rd, m, f, next, p("pick_list_values")); e != nil {
		return nil, e
	}
	s.dropLockingValues(m, f, next)
	next.ModifiedTime = c.stamp
	sortLexically(&next)
	syncValues(&next)
	*f = next
	c.changed = true
	return f, nil
}

// editedField applies an item to a copy of f.
func (s *Server) editedField(c *call, m *Module, f *Field, it item, p func(...string) string) (Field, *apiErr) {
	next := cloneField(f)
	if e := unknownKey(it, func(k string) string { return p(k) }, updateKeys); e != nil {
		return next, e
	}
	if e := systemFieldRule(c.rd, f, it, p); e != nil {
		return next, e
	}
	if it.has("data_type") {
		return next, errInvalid("data_type", p("data_type"))
	}
	if name, has, _ := strKey(it, "api_name", p("api_name"), false, 0); has && name != f.APIName {
		return next, notAllowed("the api_name can be changed only in the UI", "api_name", p("api_name"))
	}
	if it.has("field_label") {
		label, _, e := strKey(it, "field_label", p("field_label"), true, labelMax(c.rd, false))
		if e != nil {
			return next, e
		}
		if g := fieldByLabelFold(m, label); g != nil && g != f {
			return next, fieldErr("DUPLICATE_DATA", "Field label duplicate", "field_label", p("field_label"))
		}
		next.FieldLabel = label
	}
	steps := []func(*call, *Field, item, func(...string) string, bool) *apiErr{
		applySizes, applyCurrency, applyTooltip, applyFlags, s.applyGlobalPicklist, s.applyOptions, s.applyPermissions,
	}
	for _, step := range steps {
		if e := step(c, &next, it, p, false); e != nil {
			return next, e
		}
	}
	return next, nil
}

// systemFieldRule applies the SystemFieldUpdate reading to a
// system-defined (not custom) field [fields.md §5, q5].
func systemFieldRule(rd Readings, f *Field, it item, p func(...string) string) *apiErr {
	if f.Custom {
		return nil
	}
	msg := "system-defined fields cannot be updated"
	for k := range it {
		if k == "id" {
			continue
		}
		switch rd.SystemFieldUpdate {
		case "refused":
			return notAllowed(msg, k, p(k))
		case "all_but_label":
			if k == "field_label" {
				return notAllowed("the label of a system-defined field cannot be updated", k, p(k))
			}
		case "options_and_permissions":
			if k != "pick_list_values" && k != "profiles" {
				return notAllowed(msg, k, p(k))
			}
		}
	}
	return nil
}

func cloneField(f *Field) Field {
	n := *f
	n.PickListOptions = append([]PickListOption(nil), f.PickListOptions...)
	n.Profiles = append([]FieldPermission(nil), f.Profiles...)
	return n
}

// removedValues lists the actual values of old options the new ones lack.
func removedValues(old, next []PickListOption) []string {
	var out []string
	for _, o := range old {
		if optionIndex(next, "", o.ActualValue) < 0 {
			out = append(out, o.ActualValue)
		}
	}
	return out
}
