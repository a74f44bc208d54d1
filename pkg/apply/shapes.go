package apply

import "encoding/json"

// shape is a part of a request body whose form Zoho's documents disagree
// on. When Zoho refuses a body with a 400 (not processed), apply sends it
// once more in the other form and remembers the form that worked.
type shape struct {
	name string
	// form reports the form a body uses, or formNone.
	form func(body []byte) refForm
	// rewrite converts a body to a form.
	rewrite func(body []byte, f refForm) []byte
}

// shapes are checked in order; a body holds at most one of them.
var shapes = []shape{
	{name: "role references", form: refsForm, rewrite: withRefForm},
	{name: "module profile _delete", form: profileDeleteForm, rewrite: withProfileDeleteForm},
}

// profileDeleteForm reports how a modules body marks removed profiles: the
// OpenAPI file's boolean ("_delete": true, formString here stands for the
// scalar form) or the v8 SDKs' object ({"permanent": false}, formObject).
func profileDeleteForm(body []byte) refForm {
	for _, m := range modulesItems(body) {
		for _, p := range profilesOf(m) {
			switch p["_delete"].(type) {
			case bool:
				return formString
			case map[string]any:
				return formObject
			}
		}
	}
	return formNone
}

// withProfileDeleteForm rewrites every profile removal to form f.
func withProfileDeleteForm(body []byte, f refForm) []byte {
	items := modulesItems(body)
	if items == nil {
		return body
	}
	for _, m := range items {
		for _, p := range profilesOf(m) {
			if _, ok := p["_delete"]; !ok || p["_delete"] == nil {
				continue
			}
			if f == formObject {
				p["_delete"] = map[string]any{"permanent": false}
			} else {
				p["_delete"] = true
			}
		}
	}
	out, err := json.Marshal(map[string]any{"modules": items})
	if err != nil {
		return body
	}
	return out
}

func modulesItems(body []byte) []map[string]any {
	var w struct {
		Modules []map[string]any `json:"modules"`
	}
	if json.Unmarshal(body, &w) != nil {
		return nil
	}
	return w.Modules
}

func profilesOf(m map[string]any) []map[string]any {
	list, _ := m["profiles"].([]any)
	var out []map[string]any
	for _, p := range list {
		if pm, ok := p.(map[string]any); ok {
			out = append(out, pm)
		}
	}
	return out
}
