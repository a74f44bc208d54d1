package emulator

import (
	"encoding/json"
	"strings"
)

// filters and inner_details_filters of GET /settings/global_picklists: a
// single criteria or one group; filters on api_name and source (equal,
// not_equal, a string) and customizable (equal, a boolean); other keys are
// NOT_SUPPORTED; inner_details_filters filters the values by type
// [fields.md §9.2].

type gpCriteria struct {
	GroupOperator string       `json:"group_operator"`
	Group         []gpCriteria `json:"group"`
	Field         *struct {
		APIName string `json:"api_name"`
	} `json:"field"`
	Comparator string `json:"comparator"`
	Value      any    `json:"value"`
}

// parseGPFilter decodes a filter parameter; allowed maps a key to its
// comparators and whether its value is a boolean.
func parseGPFilter(raw, param string, allowed map[string]bool) (*gpCriteria, *apiErr) {
	if raw == "" {
		return nil, nil
	}
	var c gpCriteria
	if json.Unmarshal([]byte(raw), &c) != nil {
		return nil, badReq("INVALID_DATA", "invalid data", obj{"param_name": param})
	}
	members := []gpCriteria{c}
	if c.GroupOperator != "" {
		op := strings.ToLower(c.GroupOperator)
		if (op != "and" && op != "or") || len(c.Group) == 0 {
			return nil, badReq("INVALID_DATA", "invalid data", obj{"param_name": param})
		}
		members = c.Group
	}
	for _, m := range members {
		if m.Field == nil || m.GroupOperator != "" {
			return nil, badReq("INVALID_DATA", "invalid data", obj{"param_name": param})
		}
		isBool, ok := allowed[m.Field.APIName]
		_, valueIsBool := m.Value.(bool)
		_, valueIsString := m.Value.(string)
		cmpOK := m.Comparator == "equal" || (m.Comparator == "not_equal" && !isBool)
		if !ok || !cmpOK || (isBool && !valueIsBool) || (!isBool && !valueIsString) {
			return nil, badReq("NOT_SUPPORTED", "the filter is not supported", obj{"param_name": param,
				"api_name": m.Field.APIName})
		}
	}
	return &c, nil
}

// match evaluates a criteria against a value lookup.
func (c *gpCriteria) match(get func(key string) any) bool {
	if c == nil {
		return true
	}
	if c.GroupOperator != "" {
		and := strings.EqualFold(c.GroupOperator, "and")
		for i := range c.Group {
			if c.Group[i].match(get) != and {
				return !and
			}
		}
		return and
	}
	v := get(c.Field.APIName)
	eq := v == c.Value
	if s, ok := v.(string); ok {
		if w, ok := c.Value.(string); ok {
			eq = strings.EqualFold(s, w)
		}
	}
	if c.Comparator == "not_equal" {
		return !eq
	}
	return eq
}

var (
	gpFilterKeys      = map[string]bool{"api_name": false, "source": false, "customizable": true}
	gpInnerFilterKeys = map[string]bool{"type": false}
)

// gpFilters reads both parameters of a list GET.
func gpFilters(c *call) (sets, values *gpCriteria, e *apiErr) {
	if sets, e = parseGPFilter(c.q.Get("filters"), "filters", gpFilterKeys); e != nil {
		return nil, nil, e
	}
	values, e = parseGPFilter(c.q.Get("inner_details_filters"), "inner_details_filters", gpInnerFilterKeys)
	return sets, values, e
}

// filterValues keeps the values of a rendered set that match.
func filterValues(o obj, c *gpCriteria) {
	vals, ok := o["pick_list_values"].([]obj)
	if !ok || c == nil {
		return
	}
	kept := []obj{}
	for _, v := range vals {
		if c.match(func(k string) any { return v[k] }) {
			kept = append(kept, v)
		}
	}
	o["pick_list_values"] = kept
}
