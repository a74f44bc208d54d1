package apply

import (
	"encoding/json"
)

// refKeys are the role keys whose form Zoho's sources disagree on: the
// create page, the v8 OpenAPI file and Zoho's v8 SDK (class ReportingTo,
// lib/core/com/zoho/crm/api/roles/role.js:54,77) send {"id": …}, the older
// update page a plain ID.
var refKeys = []string{"reporting_to", "forecast_manager"}

// refForm is the form of the references in a roles body.
type refForm int

const (
	formNone refForm = iota
	formObject
	formString
)

// refsForm reports which form a roles body uses.
func refsForm(body []byte) refForm {
	for _, it := range rolesItems(body) {
		for _, k := range refKeys {
			switch it[k].(type) {
			case map[string]any:
				return formObject
			case string:
				return formString
			}
		}
	}
	return formNone
}

// withRefForm rewrites every reference of a roles body to the given form.
func withRefForm(body []byte, form refForm) []byte {
	items := rolesItems(body)
	if items == nil {
		return body
	}
	for _, it := range items {
		for _, k := range refKeys {
			switch v := it[k].(type) {
			case map[string]any:
				if form == formString {
					it[k] = v["id"]
				}
			case string:
				if form == formObject {
					it[k] = map[string]any{"id": v}
				}
			}
		}
	}
	out, err := json.Marshal(map[string]any{"roles": items})
	if err != nil {
		return body
	}
	return out
}

func other(f refForm) refForm {
	if f == formObject {
		return formString
	}
	return formObject
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

func describeRef(f refForm) string {
	if f == formString {
		return "a plain ID"
	}
	return `{"id": …}`
}

// narrowRoles keeps of a roles body the id and the one reference field.
func narrowRoles(body []byte, field string) []byte {
	items := rolesItems(body)
	if items == nil {
		return body
	}
	for i, it := range items {
		keep := map[string]any{field: it[field]}
		if id, ok := it["id"]; ok {
			keep["id"] = id
		}
		items[i] = keep
	}
	out, err := json.Marshal(map[string]any{"roles": items})
	if err != nil {
		return body
	}
	return out
}
