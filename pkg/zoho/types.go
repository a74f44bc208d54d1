package zoho

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// ID is a Zoho id. Zoho sends ids as JSON strings, but accepts (and a Kaizen
// sample sends) bare numbers [api.md conventions]. ID unmarshals from a
// JSON string or an integer literal, never through float64, and marshals
// as a string. JSON null unmarshals to "".
type ID string

// UnmarshalJSON accepts "123", 123 and null.
func (id *ID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*id = ""
		return nil
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("id: %w", err)
		}
		*id = ID(s)
		return nil
	}
	var n json.Number
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&n); err != nil {
		return fmt.Errorf("id: want a string or an integer, got %.40s", b)
	}
	if !isDigits(n.String()) {
		return fmt.Errorf("id: want an integer, got %s", n)
	}
	*id = ID(n.String())
	return nil
}

// MarshalJSON writes the id as a JSON string.
func (id ID) MarshalJSON() ([]byte, error) { return json.Marshal(string(id)) }

// String returns the id.
func (id ID) String() string { return string(id) }

// NamedRef is an {id, name} reference (profiles, roles, custom buttons).
type NamedRef struct {
	ID   ID     `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
}

// UserRef is Zoho's Minified_User: {id, name, email}.
type UserRef struct {
	ID    ID     `json:"id,omitempty"`
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
}

// FieldRef is Zoho's Minified_Field: {api_name, id}. Either is enough in
// writes [api.md §1.2].
type FieldRef struct {
	APIName string `json:"api_name,omitempty"`
	ID      ID     `json:"id,omitempty"`
}

// RefOrID is a reference written either as an object {"id": "…"} (the
// default, as the SDKs send it) or as a bare id string (AsString, as the
// Update Role page documents it) [api.md §3.2, open question 2]. It
// unmarshals from either form.
type RefOrID struct {
	ID       ID
	AsString bool
}

// RefObject returns a reference written as {"id": id}.
func RefObject(id ID) *RefOrID { return &RefOrID{ID: id} }

// RefString returns a reference written as the bare string id.
func RefString(id ID) *RefOrID { return &RefOrID{ID: id, AsString: true} }

// MarshalJSON writes {"id": "…"} or "…".
func (r RefOrID) MarshalJSON() ([]byte, error) {
	if r.AsString {
		return json.Marshal(string(r.ID))
	}
	return json.Marshal(struct {
		ID ID `json:"id"`
	}{r.ID})
}

// UnmarshalJSON accepts {"id": …}, "…" and a bare number.
func (r *RefOrID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '{' {
		var o struct {
			ID ID `json:"id"`
		}
		if err := json.Unmarshal(b, &o); err != nil {
			return err
		}
		*r = RefOrID{ID: o.ID}
		return nil
	}
	var id ID
	if err := id.UnmarshalJSON(b); err != nil {
		return err
	}
	*r = RefOrID{ID: id, AsString: true}
	return nil
}

// Org is the organisation (GET /org).
type Org struct {
	ID           ID     `json:"id"`
	CompanyName  string `json:"company_name"`
	Alias        string `json:"alias,omitempty"`
	PrimaryEmail string `json:"primary_email,omitempty"`
	DomainName   string `json:"domain_name,omitempty"`
	TimeZone     string `json:"time_zone,omitempty"`
	CountryCode  string `json:"country_code,omitempty"`
	ISOCode      string `json:"iso_code,omitempty"`
	ZGID         ID     `json:"zgid,omitempty"`
	Type         string `json:"type,omitempty"`
}

// Profile is one entry of GET /settings/profiles [api.md §5.1].
type Profile struct {
	ID           ID     `json:"id"`
	Name         string `json:"name"`
	DisplayLabel string `json:"display_label,omitempty"`
	Description  string `json:"description,omitempty"`
	Default      bool   `json:"default,omitempty"`
	Custom       bool   `json:"custom,omitempty"`
	Type         string `json:"type,omitempty"` // normal_profile | lite_profile
}

// Field is one entry of GET /settings/fields?module=M [api.md §5.2].
type Field struct {
	ID             ID              `json:"id"`
	APIName        string          `json:"api_name"`
	FieldLabel     string          `json:"field_label,omitempty"`
	DisplayLabel   string          `json:"display_label,omitempty"`
	DataType       string          `json:"data_type,omitempty"`
	ReadOnly       bool            `json:"read_only,omitempty"`
	CustomField    bool            `json:"custom_field,omitempty"`
	PickListValues []PickListValue `json:"pick_list_values,omitempty"`
	// The keys below are what the Field kind manages [fields.md §2, §5].
	Length          *int           `json:"length,omitempty"`
	DecimalPlace    *int           `json:"decimal_place,omitempty"`
	Tooltip         *FieldTooltip  `json:"tooltip,omitempty"`
	Textarea        *FieldTextarea `json:"textarea,omitempty"`
	SortedLexically bool           `json:"pick_list_values_sorted_lexically,omitempty"`
	GlobalPicklist  *NamedAPIRef   `json:"global_picklist,omitempty"`
	Profiles        []FieldProfile `json:"profiles,omitempty"`
}

// PickListValue is one value of a picklist field.
type PickListValue struct {
	DisplayValue   string `json:"display_value"`
	ActualValue    string `json:"actual_value"`
	ID             ID     `json:"id,omitempty"`
	SequenceNumber *int   `json:"sequence_number,omitempty"`
	Type           string `json:"type,omitempty"`
}

// FieldTooltip is a field's tooltip {name, value} [fields.md §2].
type FieldTooltip struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// FieldTextarea is a textarea field's kind {type} [fields.md §2].
type FieldTextarea struct {
	Type string `json:"type"`
}

// NamedAPIRef is {id, api_name}, as a field names its global picklist
// [fields.md §9.7].
type NamedAPIRef struct {
	ID      ID     `json:"id"`
	APIName string `json:"api_name,omitempty"`
}

// FieldProfile is one profile's access to a field [fields.md §5.2].
type FieldProfile struct {
	ID             ID     `json:"id"`
	Name           string `json:"name,omitempty"`
	PermissionType string `json:"permission_type"`
}

// User is one entry of GET /users [api.md §5.3].
type User struct {
	ID       ID        `json:"id"`
	Email    string    `json:"email,omitempty"`
	FullName string    `json:"full_name,omitempty"`
	Status   string    `json:"status,omitempty"`
	Role     *NamedRef `json:"role,omitempty"`
	Profile  *NamedRef `json:"profile,omitempty"`
}

// CustomButton is one entry of GET /settings/custom_buttons?module=M
// (undocumented API [api.md §5.4]).
type CustomButton struct {
	ID   ID     `json:"id"`
	Name string `json:"name"`
}
