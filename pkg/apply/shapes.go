package apply

import "encoding/json"

// shape is a part of a request body that Zoho takes in more than one
// documented form. The plan sends first the form Zoho's v8 Node SDK sends
// (@zohocrm/nodejs-sdk-8.0 2.0.0); apply sends the other form once when
// Zoho refuses the first with a 400 (not processed, execute.go), or when
// Zoho answers SUCCESS but the re-read shows the field unchanged (accepted
// but ignored, ignored.go). The form that worked is remembered for the run.
// This is the one place that knows the forms.
type shape struct {
	name string
	// fields are the plan field paths the disputed part sets.
	fields []string
	// form reports the form a body uses, or formNone.
	form func(body []byte) refForm
	// rewrite converts a body to a form.
	rewrite func(body []byte, f refForm) []byte
	// narrow keeps of a body only what resending field needs.
	narrow func(body []byte, field string) []byte
	// describe names a form in messages; done is the word for a retry
	// that took.
	describe func(f refForm) string
	done     string
}

// shapes are checked in order; a body holds at most one of them.
var shapes = []shape{
	{name: "role references", fields: refKeys, form: refsForm, rewrite: withRefForm,
		narrow: narrowRoles, describe: describeRef, done: "applied"},
	{name: "module profile _delete", fields: []string{"profiles"}, form: profileDeleteForm,
		rewrite: withProfileDeleteForm, narrow: keepBody, describe: describeProfileDelete, done: "removed"},
}

// covers reports whether the shape sets the plan field path.
func (sh shape) covers(path string) bool {
	for _, f := range sh.fields {
		if f == path {
			return true
		}
	}
	return false
}

// profileDeleteForm reports how a modules body marks removed profiles: a
// boolean ("_delete": true; formString here stands for the scalar form),
// which the OpenAPI file and the 2.0.0 SDK send (MinifiedProfile.setDelete,
// lib/core/com/zoho/crm/api/profiles/minified_profile.js:67), or the object
// ({"permanent": false}, formObject) of the SDK's later 3.0.0 source.
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

func describeProfileDelete(f refForm) string {
	if f == formObject {
		return `"_delete": {"permanent": false}`
	}
	return `"_delete": true`
}

// keepBody resends a module body whole: Zoho's update page marks the labels
// and the profile list mandatory.
func keepBody(body []byte, _ string) []byte { return body }

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
