package role

import (
	"encoding/json"

	"github.com/crmsync/crmsync/pkg/kinds/spec"
)

// Path is the roles endpoint; one role per write, its id in the URL for an
// update or a delete (DELETE takes transfer_to_id) [api.md §3].
const Path = "/settings/roles"

// Key is the wrapper key of a roles body and of Zoho's answer.
const Key = "roles"

// Body is the body of POST /settings/roles and PUT /settings/roles/{id}:
// one role in an array under "roles".
type Body struct {
	Roles []Item `json:"roles"`
}

// Item is one role of a write. A nil pointer or a zero Ref leaves its key
// out. An update names the role in the URL only, as Zoho's SDK does; the
// id is sent only by the move to a temporary name.
type Item struct {
	Description     *string `json:"description,omitempty"`
	ForecastManager Ref     `json:"forecast_manager,omitzero"`
	ID              string  `json:"id,omitempty"`
	Name            *string `json:"name,omitempty"`
	ReportingTo     Ref     `json:"reporting_to,omitzero"`
	ShareWithPeers  *bool   `json:"share_with_peers,omitempty"`
}

// Ref is a reference to a role or a user. Zoho's documents disagree on its
// form: the create page, the v8 OpenAPI file and Zoho's v8 Node SDK (class
// ReportingTo, lib/core/com/zoho/crm/api/roles/role.js:54,77 in
// @zohocrm/nodejs-sdk-8.0 2.0.0) send {"id": …}, the older update page a
// plain ID [seed:update-role]. Clear sends null (no forecast manager).
type Ref struct {
	ID     string
	Scalar bool
	Clear  bool
}

// RefTo is a reference in the form Zoho's v8 SDK sends.
func RefTo(id string) Ref { return Ref{ID: id} }

// IsZero reports a reference that is not sent.
func (r Ref) IsZero() bool { return r.ID == "" && !r.Clear }

// MarshalJSON writes {"id": …}, a plain ID, or null.
func (r Ref) MarshalJSON() ([]byte, error) {
	switch {
	case r.Clear:
		return []byte("null"), nil
	case r.Scalar:
		return spec.Encode(r.ID), nil
	}
	return spec.Encode(struct {
		ID string `json:"id"`
	}{r.ID}), nil
}

// UnmarshalJSON reads any of the three forms back.
func (r *Ref) UnmarshalJSON(b []byte) error {
	switch {
	case string(b) == "null":
		*r = Ref{Clear: true}
		return nil
	case len(b) > 0 && b[0] == '{':
		var o struct {
			ID string `json:"id"`
		}
		err := json.Unmarshal(b, &o)
		*r = Ref{ID: o.ID}
		return err
	}
	*r = Ref{Scalar: true}
	return json.Unmarshal(b, &r.ID)
}

// refs are the references of an item, by plan field path.
func (it *Item) refs() map[string]*Ref {
	return map[string]*Ref{"reporting_to": &it.ReportingTo, "forecast_manager": &it.ForecastManager}
}

// refFields are the role keys whose form Zoho's sources disagree on.
var refFields = []string{"reporting_to", "forecast_manager"}

// References is the disputed part of role bodies: the form of reporting_to
// and forecast_manager.
var References = spec.Dispute{Part: "role references", Fields: refFields, Form: refsForm,
	Rewrite: withRefForm, Narrow: narrow, Describe: describeRef, Done: "applied"}

func decodeBody(body []byte) (Body, bool) {
	var b Body
	return b, json.Unmarshal(body, &b) == nil && b.Roles != nil
}

// refsForm reports the form of the first reference a roles body holds.
func refsForm(body []byte) spec.Form {
	b, _ := decodeBody(body)
	for i := range b.Roles {
		for _, k := range refFields {
			if r := b.Roles[i].refs()[k]; r.ID != "" && !r.Clear {
				if r.Scalar {
					return spec.FormScalar
				}
				return spec.FormObject
			}
		}
	}
	return spec.FormNone
}

// withRefForm rewrites every reference of a roles body to form f.
func withRefForm(body []byte, f spec.Form) []byte {
	b, ok := decodeBody(body)
	if !ok {
		return body
	}
	for i := range b.Roles {
		for _, r := range b.Roles[i].refs() {
			if r.ID != "" && !r.Clear {
				r.Scalar = f == spec.FormScalar
			}
		}
	}
	return spec.Encode(b)
}

// narrow keeps of a roles body the id and the one reference field.
func narrow(body []byte, field string) []byte {
	b, ok := decodeBody(body)
	if !ok {
		return body
	}
	for i, it := range b.Roles {
		keep := Item{ID: it.ID}
		if r := it.refs()[field]; r != nil {
			*keep.refs()[field] = *r
		}
		b.Roles[i] = keep
	}
	return spec.Encode(b)
}

func describeRef(f spec.Form) string {
	if f == spec.FormScalar {
		return "a plain ID"
	}
	return `{"id": …}`
}
