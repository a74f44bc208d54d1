package contactrole

// Path is the contact roles endpoint: POST and PUT carry up to
// Caps.BatchSize roles, DELETE takes ?ids=a,b [api.md §4].
const Path = "/Contacts/roles"

// Key is the wrapper key of a contact roles body and of Zoho's answer.
const Key = "contact_roles"

// Body is the body of POST and PUT /Contacts/roles.
type Body struct {
	ContactRoles []Item `json:"contact_roles"`
}

// Item is one contact role of a write: the id on an update, and the keys
// that change.
type Item struct {
	ID             string  `json:"id,omitempty"`
	Name           *string `json:"name,omitempty"`
	SequenceNumber *int    `json:"sequence_number,omitempty"`
}
