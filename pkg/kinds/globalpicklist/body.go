package globalpicklist

// The request bodies of global picklist writes [fields.md §9.3, §9.4; OAS
// global_picklists.json]. The plan marshals them; keys left empty are not
// sent.

// Body is the JSON body of a create (POST) or an update (PATCH by id).
type Body struct {
	GlobalPicklists []Item `json:"global_picklists"`
}

// Item is one set of a Body. An update sends its id in the URL only, as
// Zoho's SDK does for writes by id.
type Item struct {
	APIName         string  `json:"api_name,omitempty"`
	DisplayLabel    string  `json:"display_label,omitempty"`
	Description     *string `json:"description,omitempty"`
	SortedLexically *bool   `json:"pick_list_values_sorted_lexically,omitempty"`
	PickListValues  []Value `json:"pick_list_values,omitempty"`
}

// Value is one entry of Item.PickListValues. Without ID it adds a value;
// with ID it edits that value (display_value, type, sequence_number) or,
// with Delete, removes it. Values an update does not mention stay.
type Value struct {
	ID             string `json:"id,omitempty"`
	DisplayValue   string `json:"display_value,omitempty"`
	ActualValue    string `json:"actual_value,omitempty"`
	Type           string `json:"type,omitempty"`
	SequenceNumber int    `json:"sequence_number,omitempty"`
	Delete         bool   `json:"_delete,omitempty"`
}
