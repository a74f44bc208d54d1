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
// and criteria text. Scalars are kept.
func readable(path []string, v any) any {
	switch x := v.(type) {
	case []any:
		return listText(x)
	case map[string]any:
		if len(path) > 0 && path[len(path)-1] == "criteria" {
			return criteriaText(x)
		}
		if len(path) == 2 {
			return ruleText(x)
		}
	}
	return v
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
