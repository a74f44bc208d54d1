package apply

import (
	"encoding/json"
)

// refKeys are the role keys whose form Zoho's pages disagree on: the create
// page sends reporting_to as {"id": …}, the update page as a plain ID, and
// the OpenAPI file {"id"} everywhere.
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
