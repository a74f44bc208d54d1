package emulator

import (
	"net/http"
)

// POST /settings/fields?module=M: create custom fields [fields.md §2, §3].

// createKeys are the keys a create item may carry [fields.md §2].
var createKeys = keySet("field_label", "data_type", "api_name", "length", "tooltip", "profiles",
	"pick_list_values", "pick_list_values_sorted_lexically", "enable_colour_code", "default_value",
	"global_picklist", "decimal_place", "currency", "textarea", "unique", "external", "crypt",
	"encrypt_case", "private", "hipaa_compliance_enabled", "history_tracking", "history_tracking_enabled",
	"association_details", "filterable", "separator", "lookup", "multiselectlookup", "multiuserlookup",
	"auto_number", "formula", "rollup_summary", "display_label")

// neededSub is the sub-object some data types need [fields.md §2].
var neededSub = map[string]string{"lookup": "lookup", "multiselectlookup": "multiselectlookup",
	"formula": "formula", "autonumber": "auto_number", "rollup_summary": "rollup_summary"}

// fieldCreate processes the items one by one: 201 all created, 207 mixed,
// 400 all failed [fields.md §2].
func (s *Server) fieldCreate(c *call) reply {
	s.reapGlobalPicklists()
	m, e := s.fieldsModule(c, true)
	if e != nil {
		return e.reply()
	}
	raws, e := wrappedBody(c.body, fieldsKey, c.rd.FieldsPerCall)
	if e != nil {
		return e.reply()
	}
	var res results
	for i, raw := range raws {
		it, e := asItem(raw, fieldsKey, jpath(fieldsKey, i))
		if e == nil {
			e = s.customLimit(m, c.rd)
		}
		var f *Field
		if e == nil {
			f, e = s.newField(c, m, it, i)
		}
		if e != nil {
			res.fail(e)
			continue
		}
		m.Fields = append(m.Fields, *f)
		c.changed = true
		res.add(f.ID, "field created")
	}
	return multiStatus(&res, fieldsKey, http.StatusCreated)
}

// customLimit refuses a field past MaxCustomFields [fields.md §7, q7].
func (s *Server) customLimit(m *Module, rd Readings) *apiErr {
	n := 0
	for _, f := range m.Fields {
		if f.Custom {
			n++
		}
	}
	if n >= rd.MaxCustomFields {
		return badReq("FIELD_LIMIT_EXCEEDED", "the maximum number of custom fields is reached", obj{"limit": rd.MaxCustomFields})
	}
	return nil
}

// newField validates one create item and builds the field.
func (s *Server) newField(c *call, m *Module, it item, i int) (*Field, *apiErr) {
	p := func(k ...string) string { return jpath(fieldsKey, i, k...) }
	if e := unknownKey(it, func(k string) string { return p(k) }, createKeys); e != nil {
		return nil, e
	}
	label, _, e := strKey(it, "field_label", p("field_label"), true, labelMax(c.rd, true))
	if e != nil {
		return nil, e
	}
	if fieldByLabelFold(m, label) != nil {
		return nil, fieldErr("DUPLICATE_DATA", "Field label duplicate", "field_label", p("field_label"))
	}
	dt, _, e := strKey(it, "data_type", p("data_type"), true, 0)
	if e != nil {
		return nil, e
	}
	if _, ok := creatableTypes[dt]; !ok {
		return nil, errInvalid("data_type", p("data_type"))
	}
	if sub := neededSub[dt]; sub != "" && !it.given(sub) {
		return nil, errMandatory(sub, p(sub))
	}
	f := &Field{FieldLabel: label, DataType: dt, Custom: true, CreatedTime: c.stamp, ModifiedTime: c.stamp}
	if f.APIName, e = s.newAPIName(c.rd, m, it, label, p("api_name")); e != nil {
		return nil, e
	}
	steps := []func(*call, *Field, item, func(...string) string, bool) *apiErr{
		applySizes, applyCurrency, applyTooltip, applyFlags, s.applyGlobalPicklist, s.applyOptions, s.applyPermissions,
	}
	for _, step := range steps {
		if e := step(c, f, it, p, true); e != nil {
			return nil, e
		}
	}
	if isPicklist(dt) && len(f.PickListOptions) == 0 {
		return nil, errMandatory("pick_list_values", p("pick_list_values"))
	}
	f.ID = s.st.ids.newID()
	fillSizes(f)
	sortLexically(f)
	syncValues(f)
	return f, nil
}

// newAPIName picks the field's API name: the given one under the
// "honoured" reading, else one derived from the label [fields.md §3, q1,
// q17]. Reserved words are RESERVED_KEYWORD_NOT_ALLOWED, a taken name
// DUPLICATE_DATA "API NAME DUPLICATE".
func (s *Server) newAPIName(rd Readings, m *Module, it item, label, path string) (string, *apiErr) {
	given, has, e := strKey(it, "api_name", path, false, 50)
	if e != nil {
		return "", e
	}
	dup := fieldErr("DUPLICATE_DATA", "API NAME DUPLICATE", "api_name", path)
	reserved := fieldErr("RESERVED_KEYWORD_NOT_ALLOWED", "System keyword not allowed in api name", "api_name", path)
	if has && rd.FieldAPINameOnCreate == "honoured" {
		switch {
		case !apiNameRE.MatchString(given):
			return "", errInvalid("api_name", path)
		case isReserved(given):
			return "", reserved
		case fieldByAPIFold(m, given) != nil:
			return "", dup
		}
		return given, nil
	}
	name := deriveAPIName(label)
	if isReserved(name) {
		return "", reserved
	}
	if fieldByAPIFold(m, name) != nil {
		if rd.GeneratedAPINameCollision == "error" {
			return "", dup
		}
		name = uniqueAPIName(m, name)
	}
	return name, nil
}

// applySizes reads length, decimal_place and textarea [fields.md §4]. On
// update a textarea's length and type cannot change [fields.md §5].
func applySizes(c *call, f *Field, it item, p func(...string) string, create bool) *apiErr {
	r := creatableTypes[f.DataType]
	if it.given("textarea") || (f.DataType == "textarea" && it.given("length")) {
		if !create {
			return notAllowed("textarea length and type cannot be changed", "textarea", p("textarea"))
		}
		if f.DataType != "textarea" || it.given("length") {
			return errInvalid("textarea", p("textarea"))
		}
		sub, e := subItem(it, "textarea", p("textarea"))
		if e != nil {
			return e
		}
		t, _, e := strKey(sub, "type", p("textarea", "type"), true, 0)
		if _, ok := textareaLengths[t]; e == nil && !ok {
			e = errInvalid("type", p("textarea", "type")).with("supported_values", []string{"small", "large", "rich_text"})
		}
		if e != nil {
			return e
		}
		f.TextareaType = t
	}
	if it.given("length") {
		if r.maxLength == 0 {
			return errInvalid("length", p("length"))
		}
		n, _, e := intKey(it, "length", p("length"), 1, r.maxLength)
		if e != nil {
			return e
		}
		f.Length = &n
	}
	if it.given("decimal_place") {
		if !r.decimals {
			return errInvalid("decimal_place", p("decimal_place"))
		}
		n, _, e := intKey(it, "decimal_place", p("decimal_place"), 0, 9)
		if e != nil {
			return e
		}
		f.DecimalPlace = &n
	}
	return nil
}

// applyCurrency checks currency {rounding_option, precision}: currency
// fields only, both keys mandatory, rounding_option normal, round_off,
// round_up or round_down, precision below decimal_place [fields.md §2].
// The emulator checks the object and does not keep it.
func applyCurrency(c *call, f *Field, it item, p func(...string) string, create bool) *apiErr {
	sub, e := subItem(it, "currency", p("currency"))
	if e != nil || sub == nil {
		return e
	}
	if f.DataType != "currency" {
		return errInvalid("currency", p("currency"))
	}
	opts := []string{"normal", "round_off", "round_up", "round_down"}
	ro, _, e := strKey(sub, "rounding_option", p("currency", "rounding_option"), true, 0)
	if e == nil && !oneOf(ro, opts...) {
		e = errInvalid("rounding_option", p("currency", "rounding_option")).with("supported_values", opts)
	}
	if e != nil {
		return e
	}
	if !sub.given("precision") {
		return errMandatory("precision", p("currency", "precision"))
	}
	raw := sub["precision"]
	if s, ok := rawString(raw); ok { // a string in OAS-yaml, an integer in OAS
		raw = []byte(s)
	}
	n, ok := rawInt(raw)
	dec := 2
	if f.DecimalPlace != nil {
		dec = *f.DecimalPlace
	}
	if !ok || n < 0 || int(n) >= dec {
		return errInvalid("precision", p("currency", "precision")).with("range", obj{"from": 0, "to": dec - 1})
	}
	return nil
}

// applyTooltip reads tooltip {name: static_text|info_icon, value}, value
// ≤ 35 or ≤ 255 characters; null removes it [fields.md §2].
func applyTooltip(c *call, f *Field, it item, p func(...string) string, create bool) *apiErr {
	if it.isNull("tooltip") {
		f.Tooltip = nil
		return nil
	}
	sub, e := subItem(it, "tooltip", p("tooltip"))
	if e != nil || sub == nil {
		return e
	}
	name, _, e := strKey(sub, "name", p("tooltip", "name"), true, 0)
	if e != nil {
		return e
	}
	max := map[string]int{"static_text": 35, "info_icon": 255}[name]
	if max == 0 {
		return errInvalid("name", p("tooltip", "name")).with("supported_values", []string{"static_text", "info_icon"})
	}
	value, _, e := strKey(sub, "value", p("tooltip", "value"), true, max)
	if e != nil {
		return e
	}
	f.Tooltip = &Tooltip{Name: name, Value: value}
	return nil
}

// applyFlags reads the picklist booleans and external [fields.md §2, §5].
func applyFlags(c *call, f *Field, it item, p func(...string) string, create bool) *apiErr {
	if it.has("external") && !create {
		return notAllowed("the external attribute cannot be changed", "external", p("external"))
	}
	for key, dst := range map[string]*bool{"pick_list_values_sorted_lexically": &f.SortedLexically,
		"enable_colour_code": &f.EnableColorCode} {
		b, has, e := boolKey(it, key, p(key))
		if e != nil {
			return e
		}
		if has && !isPicklist(f.DataType) {
			return errInvalid(key, p(key))
		}
		if has {
			*dst = b
		}
	}
	if it.given("external") {
		f.External = true
	}
	return nil
}
