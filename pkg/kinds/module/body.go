package module

import (
	"encoding/json"

	"github.com/crmsync/crmsync/pkg/kinds/spec"
)

// Path is the modules endpoint; PUT Path/{id} updates one custom module
// [api.md §2.1].
const Path = "/settings/modules"

// Key is the wrapper key of a modules body and of Zoho's answer.
const Key = "modules"

// Body is the body of PUT /settings/modules/{id}: one module in an array
// under "modules". Zoho's update page lists plural_label, singular_label
// and profiles as mandatory [seed:update-custom-module].
type Body struct {
	Modules []Item `json:"modules"`
}

// Item is the module of an update. Profiles is always sent: the complete
// wanted list, plus each profile that loses access with Delete set.
type Item struct {
	PluralLabel   *string   `json:"plural_label,omitempty"`
	Profiles      []Profile `json:"profiles"`
	SingularLabel *string   `json:"singular_label,omitempty"`
}

// Profile is one profile of a module update.
type Profile struct {
	Delete Delete `json:"_delete,omitzero"`
	ID     string `json:"id"`
}

// Delete marks a profile that loses access. Its form is disputed: the
// OpenAPI file and Zoho's v8 Node SDK 2.0.0 send a boolean (true;
// MinifiedProfile.setDelete,
// lib/core/com/zoho/crm/api/profiles/minified_profile.js:67), the SDK's
// later 3.0.0 source the object {"permanent": false} (Object set).
type Delete struct {
	Set    bool
	Object bool
}

// IsZero reports a profile that keeps access (no "_delete" key).
func (d Delete) IsZero() bool { return !d.Set }

// MarshalJSON writes true or {"permanent": false}.
func (d Delete) MarshalJSON() ([]byte, error) {
	if d.Object {
		return []byte(`{"permanent":false}`), nil
	}
	return json.Marshal(d.Set)
}

// UnmarshalJSON reads either form back; null and false keep access.
func (d *Delete) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '{' {
		*d = Delete{Set: true, Object: true}
		return nil
	}
	var v *bool
	err := json.Unmarshal(b, &v)
	*d = Delete{Set: v != nil && *v}
	return err
}

// ProfileDelete is the disputed part of module bodies: the form of
// "_delete" on a profile that loses access.
var ProfileDelete = spec.Dispute{Part: "module profile _delete", Fields: []string{"profiles"},
	Form: deleteForm, Rewrite: withDeleteForm, Narrow: keepBody, Describe: describeDelete, Done: "removed"}

func decodeBody(body []byte) (Body, bool) {
	var b Body
	return b, json.Unmarshal(body, &b) == nil && b.Modules != nil
}

// deleteForm reports how a modules body marks removed profiles.
func deleteForm(body []byte) spec.Form {
	b, _ := decodeBody(body)
	for _, m := range b.Modules {
		for _, p := range m.Profiles {
			switch {
			case p.Delete.Object:
				return spec.FormObject
			case p.Delete.Set:
				return spec.FormScalar
			}
		}
	}
	return spec.FormNone
}

// withDeleteForm rewrites every profile removal to form f.
func withDeleteForm(body []byte, f spec.Form) []byte {
	b, ok := decodeBody(body)
	if !ok {
		return body
	}
	for _, m := range b.Modules {
		for i := range m.Profiles {
			if p := &m.Profiles[i]; p.Delete.Set {
				p.Delete.Object = f == spec.FormObject
			}
		}
	}
	return spec.Encode(b)
}

func describeDelete(f spec.Form) string {
	if f == spec.FormObject {
		return `"_delete": {"permanent": false}`
	}
	return `"_delete": true`
}

// keepBody resends a module body whole: Zoho's update page marks the labels
// and the profile list mandatory.
func keepBody(body []byte, _ string) []byte { return body }
