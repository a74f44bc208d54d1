package apply

import (
	"encoding/json"
)

var refKeys = []string{"reporting_to", "forecast_manager"}

// hasObjectRefs reports whether a roles body sends a reference as {"id"}.
func hasObjectRefs(body []byte) bool {
	items := rolesItems(body)
	for _, it := range items {
		for _, k := range refKeys {
			if _, ok := it[k].(map[string]any); ok {
				return true
			}
		}
	}
	return false
}

// stringRefs rewrites {"reporting_to": {"id": "1"}} to {"reporting_to": "1"}.
func stringRefs(body []byte) []byte {
	items := rolesItems(body)
	if items == nil {
		return body
	}
	for _, it := range items {
		for _, k := range refKeys {
			if m, ok := it[k].(map[string]any); ok {
				it[k] = m["id"]
			}
		}
	}
	out, err := json.Marshal(map[string]any{"roles": items})
	if err != nil {
		return body
	}
	return out
}

func rolesItems(body []byte) []map[string]any {
	var w struct {
		Roles []map[string]any `json:"roles"`
	}
	if json.Unmarshal(body, &w) != nil {
		return nil
	}
	return w.Roles
}
