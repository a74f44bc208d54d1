package jsonplan

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

// readable turns a field change's JSON value back into the form the
// internal plan compares and the text and Markdown views show: a list as
// sorted text "[A, B]", criteria as their canonical text, a whole rule as
// its name, lock_existing_records (false when absent, as Zoho defaults it)
// and criteria text, a field's picklist options and tooltip as the plan
// shows them. Scalars are kept.
func readable(path []string, v any) any {
	last := ""
	if len(path) > 0 {
		last = path[len(path)-1]
	}
	switch x := v.(type) {
	case []any:
		if last == "pick_list_values" && len(path) == 1 {
			return optionsText(x)
		}
		return listText(x)
	case map[string]any:
		if last == "tooltip" && len(path) == 1 {
			return fieldPart(x, func(t *model.Tooltip) any { return plan.TooltipText(t) })
		}
		if len(path) > 0 && path[len(path)-1] == "criteria" {
			return criteriaText(x)
		}
		if len(path) == 2 {
			return ruleText(x)
		}
	}
	return v
}

// optionsText is a field's picklist options as the plan shows them.
func optionsText(list []any) any {
	var vals []model.PicklistValue
	data, err := json.Marshal(list)
	if err != nil || json.Unmarshal(data, &vals) != nil {
		return list
	}
	return plan.OptionsText(vals)
}

// fieldPart decodes a field's sub-object and shows it with show.
func fieldPart[T any](m map[string]any, show func(*T) any) any {
	v := new(T)
	data, err := json.Marshal(m)
	if err != nil || json.Unmarshal(data, v) != nil {
		return m
	}
	return show(v)
}

// listText is the sorted text of a list, as the plan compares sets.
func listText(list []any) any {
	parts := make([]string, 0, len(list))
	for _, e := range list {
		s, ok := e.(string)
		if !ok {
			return list
		}
		parts = append(parts, s)
	}
	slices.Sort(parts)
	return "[" + strings.Join(slices.Compact(parts), ", ") + "]"
}

func criteriaText(m map[string]any) any {
	var c model.Criteria
	data, err := json.Marshal(m)
	if err != nil || json.Unmarshal(data, &c) != nil {
		return m
	}
	return plan.CriteriaText(&c)
}

// ruleText is a whole locking rule as the plan shows one.
func ruleText(m map[string]any) any {
	name, ok := m["name"].(string)
	if !ok {
		return m
	}
	out := map[string]any{"name": name}
	if v, ok := m["lock_existing_records"]; ok {
		out["lock_existing_records"] = v
	}
	if c, ok := m["criteria"].(map[string]any); ok {
		out["criteria"] = criteriaText(c)
	}
	return out
}
