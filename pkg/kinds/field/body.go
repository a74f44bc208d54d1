package field

import "encoding/json"

// Request bodies of the field API (fields.md §2, §5, §5.1, §5.2), which the
// plan marshals. Pointers and omitempty keep out every key a request does
// not send: a body carries only what changes.

// Key is the resource key that wraps a field body: {"fields": [...]}.
const Key = "fields"

// Item is one field of a create (POST) or bulk update (PATCH) body. An
// update carries ID and the changed keys only.
type Item struct {
	ID         string `json:"id,omitempty"`
	APIName    string `json:"api_name,omitempty"`
	FieldLabel string `json:"field_label,omitempty"`
	DataType   string `json:"data_type,omitempty"`
	Length     *int   `json:"length,omitempty"`
	// DecimalPlace may be 0, so it is a pointer.
	DecimalPlace *int      `json:"decimal_place,omitempty"`
	Textarea     *Textarea `json:"textarea,omitempty"`
	// Tooltip is the JSON of {name, value}, or null to remove it.
	Tooltip        json.RawMessage `json:"tooltip,omitempty"`
	GlobalPicklist *Ref            `json:"global_picklist,omitempty"`
	// SortedLexically is pick_list_values_sorted_lexically.
	SortedLexically *bool     `json:"pick_list_values_sorted_lexically,omitempty"`
	PickListValues  []Option  `json:"pick_list_values,omitempty"`
	Profiles        []Profile `json:"profiles,omitempty"`
}

// Textarea is a new textarea field's kind: small, large or rich_text.
type Textarea struct {
	Type string `json:"type"`
}

// TooltipBody is a tooltip as sent.
type TooltipBody struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Ref names a global picklist by ID (mandatory) and API name.
type Ref struct {
	ID      string `json:"id"`
	APIName string `json:"api_name,omitempty"`
}

// Option is one pick_list_values entry: a new option (DisplayValue and
// ActualValue, always both: the request schema requires actual_value), a
// rename ({id, display_value}), a move ({id, sequence_number}) or a removal
// ({id, "_delete": true}, the form of Zoho's Node SDK).
type Option struct {
	ID             string `json:"id,omitempty"`
	DisplayValue   string `json:"display_value,omitempty"`
	ActualValue    string `json:"actual_value,omitempty"`
	SequenceNumber int    `json:"sequence_number,omitempty"`
	Delete         bool   `json:"_delete,omitempty"`
}

// Profile is one profile's access to the field.
type Profile struct {
	ID             string `json:"id"`
	PermissionType string `json:"permission_type"`
}

// TooltipJSON renders a tooltip for Item.Tooltip: null when it has no
// name (removal).
func TooltipJSON(name, value string) json.RawMessage {
	if name == "" {
		return json.RawMessage("null")
	}
	b, _ := json.Marshal(TooltipBody{Name: name, Value: value})
	return b
}
