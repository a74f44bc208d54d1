package spec

import (
	"bytes"
	"encoding/json"
)

// Request bodies. Each kind's package defines the bodies of its writes as
// types with JSON tags (body.go); the plan builds them and encodes them
// with Encode, and apply sends those bytes. Fields are declared in the
// order of their JSON keys, so that a body reads the same whichever side
// encoded it.

// Encode renders a request body as compact JSON, without HTML escaping
// (names such as "<<" stay as Zoho has them) and without a final newline.
func Encode(body any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(body); err != nil {
		panic(err) // bodies are plain structs, slices and strings
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// NamedRef is a reference by id that also names the object (a profile, a
// custom button): {"id", "name"}.
type NamedRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// FieldRef is a field reference, Zoho's Minified_Field: {"api_name", "id"};
// the id is left out when the fields were not read (the API name is enough).
type FieldRef struct {
	APIName string `json:"api_name"`
	ID      string `json:"id,omitempty"`
}

// Form is one of the documented forms of a disputed part of a body.
type Form int

const (
	// FormNone: the body does not hold the disputed part.
	FormNone Form = iota
	// FormObject: the part is an object ({"id": …}, {"permanent": false}).
	FormObject
	// FormScalar: the part is a scalar (a plain ID, true).
	FormScalar
)

// Other is the form a fallback sends instead of f.
func (f Form) Other() Form {
	if f == FormObject {
		return FormScalar
	}
	return FormObject
}

// Dispute is a part of a kind's request bodies that Zoho documents in more
// than one form. The plan sends the form Zoho's v8 Node SDK sends; apply
// sends the other form (Rewrite) once when Zoho refuses the first as
// Rejects says, or answers SUCCESS but the re-read shows the field
// unchanged (then Narrow keeps only that field). Each kind's dispute is
// defined once, in its package, over its body types.
type Dispute struct {
	// Part names the disputed part in messages and in the JSON plan.
	Part string
	// Fields are the plan field paths the disputed part sets.
	Fields []string
	// Form reports the form a body uses, or FormNone.
	Form func(body []byte) Form
	// Rewrite converts a body to a form.
	Rewrite func(body []byte, f Form) []byte
	// Narrow keeps of a body only what resending field needs.
	Narrow func(body []byte, field string) []byte
	// Describe names a form in messages.
	Describe func(f Form) string
	// Done is the word for a retry that took ("applied", "removed").
	Done string
}

// Rejects is the one trigger of a fallback: Zoho refused the write with a
// 400, which it did not process, for a reason a part in the wrong form
// gives. A 5xx or a lost response never is: that write may have been
// applied.
func Rejects(httpStatus int, code string) bool {
	return httpStatus == 400 && (code == "INVALID_DATA" || code == "UNABLE_TO_PARSE_DATA_TYPE")
}
