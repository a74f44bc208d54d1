package locking

import "github.com/crmsync/crmsync/pkg/kinds/spec"

// Path is the record locking endpoint; every call takes ?module=M, and PUT
// and DELETE the configuration's id in the URL [api.md §1].
const Path = "/settings/record_locking_configurations"

// Key is the wrapper key of a locking body and of Zoho's answer.
const Key = "record_locking_configurations"

// Body is the body of POST Path and PUT Path/{id}.
type Body struct {
	Configs []Item `json:"record_locking_configurations"`
}

// Item is one configuration of a write. A nil pointer or a nil slice
// leaves its key out; a non-nil empty slice sends []. A reference that
// could not be resolved is a nil element (sent as null; the plan then has
// a problem and is not applied).
type Item struct {
	ExcludedFields           []*spec.FieldRef `json:"excluded_fields,omitzero"`
	ID                       string           `json:"id,omitempty"`
	LockExcludedProfiles     []*spec.NamedRef `json:"lock_excluded_profiles,omitzero"`
	LockForPortalUsers       *bool            `json:"lock_for_portal_users,omitempty"`
	LockType                 *string          `json:"lock_type,omitempty"`
	LockedFor                *string          `json:"locked_for,omitempty"`
	LockingRules             []Rule           `json:"locking_rules,omitzero"`
	RestrictedActions        []string         `json:"restricted_actions,omitzero"`
	RestrictedCommunications []string         `json:"restricted_communications,omitzero"`
	RestrictedCustomButtons  []*spec.NamedRef `json:"restricted_custom_buttons,omitzero"`
}

// Rule is one automatic locking rule: with an id it edits that rule,
// without one it adds a rule, and with Delete it removes the rule of that
// id [api.md §1.2].
type Rule struct {
	Delete              bool      `json:"_delete,omitempty"`
	Criteria            *Criteria `json:"criteria,omitempty"`
	ID                  string    `json:"id,omitempty"`
	LockExistingRecords *bool     `json:"lock_existing_records,omitempty"`
	Name                string    `json:"name,omitempty"`
}

// Criteria is a rule's condition {comparator, field, value}, or a group
// {group_operator, group} of them; the seeds write each without the other's
// keys. Field is nil when the field could not be resolved.
type Criteria struct {
	Comparator    string
	Field         *spec.FieldRef
	Value         any
	GroupOperator string
	Group         []Criteria
}

// MarshalJSON writes a group with its two keys and a condition with its
// three, always present. Group is non-nil for a group.
func (c Criteria) MarshalJSON() ([]byte, error) {
	if c.Group != nil {
		return spec.Encode(struct {
			Group         []Criteria `json:"group"`
			GroupOperator string     `json:"group_operator"`
		}{c.Group, c.GroupOperator}), nil
	}
	return spec.Encode(struct {
		Comparator string         `json:"comparator"`
		Field      *spec.FieldRef `json:"field"`
		Value      any            `json:"value"`
	}{c.Comparator, c.Field, c.Value}), nil
}
