package emulator

import (
	"encoding/json"
	"strconv"
)

// Criteria of locking rules [api.md §1.2, seed:update-record-locking-
// configuration, OAS Criteria]: a condition {comparator, field, value} or a
// group {group_operator: AND|OR, group: [criteria…]}.

func comparators(rd Readings) []string {
	if rd.Comparators == "common" {
		return []string{"equal", "not_equal", "in", "not_in", "contains", "not_contains", "starts_with",
			"ends_with", "greater_than", "greater_equal", "less_than", "less_equal", "between", "not_between"}
	}
	return []string{"equal"}
}

func parseCriteria(m *Module, raw json.RawMessage, path string, rd Readings) (*Criteria, *apiErr) {
	it, e := asItem(raw, "criteria", path)
	if e != nil {
		return nil, e
	}
	if it.given("group_operator") || it.given("group") {
		return parseGroup(m, it, path, rd)
	}
	c := &Criteria{}
	if !it.given("comparator") {
		return nil, errMandatory("comparator", path+".comparator")
	}
	cmp, ok := rawString(it["comparator"])
	if !ok || !oneOf(cmp, comparators(rd)...) {
		return nil, errInvalid("comparator", path+".comparator").with("supported_values", comparators(rd))
	}
	c.Comparator = cmp
	if !it.given("field") {
		return nil, expectedField(path + ".field")
	}
	fit, e := asItem(it["field"], "field", path+".field")
	if e != nil {
		return nil, e
	}
	f, e := resolveField(m, fit, path+".field", true)
	if e != nil {
		return nil, e
	}
	c.Field = &f
	if !it.given("value") {
		return nil, errMandatory("value", path+".value")
	}
	c.Value = rawValue(it["value"])
	return c, checkValue(m, c, path, rd)
}

func parseGroup(m *Module, it item, path string, rd Readings) (*Criteria, *apiErr) {
	op, ok := rawString(it["group_operator"])
	if !it.given("group_operator") {
		return nil, errMandatory("group_operator", path+".group_operator")
	}
	if !ok || !oneOf(op, "AND", "OR") {
		return nil, errInvalid("group_operator", path+".group_operator").with("supported_values", []string{"AND", "OR"})
	}
	if !it.given("group") {
		return nil, errMandatory("group", path+".group")
	}
	var raws []json.RawMessage
	if json.Unmarshal(it["group"], &raws) != nil || len(raws) == 0 {
		return nil, errType("group", path+".group", "jsonarray")
	}
	c := &Criteria{GroupOperator: op}
	seen := map[string]bool{}
	for k, raw := range raws {
		p := path + ".group[" + strconv.Itoa(k) + "]"
		sub, e := parseCriteria(m, raw, p, rd)
		if e != nil {
			return nil, e
		}
		key := criteriaKey(sub, rd)
		if seen[key] {
			return nil, fieldErr("DUPLICATE_DATA", "duplicate data", "criteria", p)
		}
		seen[key] = true
		c.Group = append(c.Group, *sub)
	}
	return c, nil
}

func expectedField(path string) *apiErr {
	return badReq("EXPECTED_FIELD_MISSING", "expected field missing", obj{"expected_fields": []obj{
		{"api_name": "api_name", "json_path": path + ".api_name"},
		{"api_name": "id", "json_path": path + ".id"}}})
}

// resolveField resolves {api_name, id}. Either is enough; when both are
// given and only one is valid the valid one is used; when both are valid but
// name different fields it is AMBIGUITY_DURING_PROCESSING; neither given is
// EXPECTED_FIELD_MISSING in criteria [seed:update-record-locking-
// configuration] and INVALID_DATA elsewhere; unknown is INVALID_DATA.
func resolveField(m *Module, it item, path string, inCriteria bool) (FieldRef, *apiErr) {
	var byName, byID *Field
	nameGiven, idGiven := it.given("api_name"), it.given("id")
	if !nameGiven && !idGiven {
		if inCriteria {
			return FieldRef{}, expectedField(path)
		}
		return FieldRef{}, errInvalid("api_name", path+".api_name")
	}
	if nameGiven {
		if n, ok := rawString(it["api_name"]); ok {
			byName = findField(m, n, "")
		}
	}
	if idGiven {
		if id, ok := rawID(it["id"]); ok {
			byID = findField(m, "", id)
		}
	}
	if byName != nil && byID != nil && byName != byID {
		return FieldRef{}, badReq("AMBIGUITY_DURING_PROCESSING", "ambiguity during processing", obj{
			"ambiguity_due_to": []obj{{"api_name": "api_name", "json_path": path + ".api_name"},
				{"api_name": "id", "json_path": path + ".id"}}})
	}
	f := byName
	if f == nil {
		f = byID
	}
	if f == nil {
		key := "api_name"
		if !nameGiven {
			key = "id"
		}
		return FieldRef{}, errInvalid(key, path+"."+key)
	}
	return FieldRef{APIName: f.APIName, ID: f.ID}, nil
}

// checkValue: Tasks accepts only Status = Closed (NOT_SUPPORTED otherwise);
// a picklist value must be one of the field's values
// [seed:update-record-locking-configuration].
func checkValue(m *Module, c *Criteria, path string, rd Readings) *apiErr {
	if m.APIName == "Tasks" {
		if c.Field.APIName != "Status" {
			return fieldErr("NOT_SUPPORTED", "field in criteria is not supported", "field", path+".field")
		}
		if v, ok := c.Value.(string); !ok || v != "Closed" || c.Comparator != "equal" {
			return fieldErr("NOT_SUPPORTED", "value in criteria is not supported", "value", path+".value")
		}
		return nil
	}
	f := findField(m, c.Field.APIName, "")
	if f == nil || f.DataType != "picklist" {
		return nil
	}
	values := []any{c.Value}
	if list, ok := c.Value.([]any); ok {
		values = list
	}
	for _, v := range values {
		s, ok := v.(string)
		if !ok || !oneOf(s, f.PickListValues...) {
			return fieldErr(rd.PicklistValueCode, "value in criteria is not supported", "value", path+".value")
		}
	}
	return nil
}
