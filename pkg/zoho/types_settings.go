package zoho

import (
	"bytes"
	"encoding/json"
)

// Write types choose the keys they send: a nil pointer, an empty string or
// a nil slice leaves the key out; a non-nil empty slice sends []. Read
// types reuse the same JSON keys.

// UnmarshalJSON accepts {"id": …, "name": …} and, for robustness, a bare id
// (string or number).
func (r *NamedRef) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '{' {
		type plain NamedRef
		var p plain
		if err := json.Unmarshal(b, &p); err != nil {
			return err
		}
		*r = NamedRef(p)
		return nil
	}
	var id ID
	if err := id.UnmarshalJSON(b); err != nil {
		return err
	}
	*r = NamedRef{ID: id}
	return nil
}

// Module is one entry of GET /settings/modules or GET /settings/modules/{x}
// [api.md §2]. Profiles, HasMoreProfiles and ProfileCount are filled by the
// single-module GET.
type Module struct {
	ID              ID         `json:"id"`
	APIName         string     `json:"api_name"`
	ModuleName      string     `json:"module_name,omitempty"`
	PluralLabel     string     `json:"plural_label,omitempty"`
	SingularLabel   string     `json:"singular_label,omitempty"`
	GeneratedType   string     `json:"generated_type,omitempty"` // default | web | custom | linking
	Status          string     `json:"status,omitempty"`
	Profiles        []NamedRef `json:"profiles,omitempty"`
	HasMoreProfiles *bool      `json:"has_more_profiles,omitempty"`
	ProfileCount    *int       `json:"profile_count,omitempty"`
	ModifiedTime    string     `json:"modified_time,omitempty"`
	ModifiedBy      *UserRef   `json:"modified_by,omitempty"`
}

// Role is one entry of GET /settings/roles [api.md §3.2].
type Role struct {
	ID              ID        `json:"id"`
	Name            string    `json:"name"`
	DisplayLabel    string    `json:"display_label,omitempty"`
	ReportingTo     *NamedRef `json:"reporting_to,omitempty"`
	ForecastManager *NamedRef `json:"forecast_manager,omitempty"`
	Description     *string   `json:"description,omitempty"`
	ShareWithPeers  *bool     `json:"share_with_peers,omitempty"`
	AdminUser       bool      `json:"admin_user,omitempty"`
	CreatedBy       *UserRef  `json:"created_by__s,omitempty"`
	CreatedTime     string    `json:"created_time__s,omitempty"`
	ModifiedBy      *UserRef  `json:"modified_by__s,omitempty"`
	ModifiedTime    string    `json:"modified_time__s,omitempty"`
}

// ContactRole is a contact role, read and written [api.md §4.2].
type ContactRole struct {
	ID             ID     `json:"id,omitempty"`
	Name           string `json:"name,omitempty"`
	SequenceNumber *int   `json:"sequence_number,omitempty"`
}

// LockingConfig is a record locking configuration, read and written
// [api.md §1.2]. The audit fields (CreatedTime, ModifiedTime, CreatedBy,
// ModifiedBy) and SystemDefined are read-only and never sent; ID is sent
// by no write method (PUT and DELETE take it in the URL).
type LockingConfig struct {
	ID                       ID            `json:"id,omitempty"`
	LockType                 string        `json:"lock_type,omitempty"`  // manual | automatic | both
	LockedFor                string        `json:"locked_for,omitempty"` // all_profiles | all_profiles_except_excluded_profiles
	LockExcludedProfiles     []NamedRef    `json:"lock_excluded_profiles,omitzero"`
	ExcludedFields           []FieldRef    `json:"excluded_fields,omitzero"`
	RestrictedActions        []string      `json:"restricted_actions,omitzero"`
	RestrictedCommunications []string      `json:"restricted_communications,omitzero"`
	RestrictedCustomButtons  []NamedRef    `json:"restricted_custom_buttons,omitzero"`
	LockForPortalUsers       *bool         `json:"lock_for_portal_users,omitempty"`
	LockingRules             []LockingRule `json:"locking_rules,omitzero"`
	FeatureType              string        `json:"feature_type,omitempty"` // record_locking
	SystemDefined            bool          `json:"system_defined,omitempty"`
	CreatedTime              string        `json:"created_time,omitempty"`
	ModifiedTime             string        `json:"modified_time,omitempty"`
	CreatedBy                *UserRef      `json:"created_by,omitempty"`
	ModifiedBy               *UserRef      `json:"modified_by,omitempty"`
}

// LockingRule is one automatic locking rule. A rule with an ID edits that
// rule, one without adds a rule, and Delete sends "_delete": true to remove
// the rule with that ID [api.md §1.2].
type LockingRule struct {
	ID                  ID        `json:"id,omitempty"`
	Name                string    `json:"name,omitempty"`
	LockExistingRecords *bool     `json:"lock_existing_records,omitempty"`
	Criteria            *Criteria `json:"criteria,omitempty"`
	Delete              bool      `json:"_delete,omitempty"`
}

// Criteria is a locking-rule condition, or a group of them (recursive).
// Value holds what the JSON holds: string, json.Number, bool, []any or
// map[string]any (numbers never go through float64).
type Criteria struct {
	Comparator    string     `json:"comparator,omitempty"`
	Field         *FieldRef  `json:"field,omitempty"`
	Value         any        `json:"value,omitempty"`
	GroupOperator string     `json:"group_operator,omitempty"` // AND | OR
	Group         []Criteria `json:"group,omitempty"`
}

// UnmarshalJSON decodes numbers in Value as json.Number, whatever decoder
// the caller uses.
func (c *Criteria) UnmarshalJSON(b []byte) error {
	type plain Criteria
	var p plain
	if err := decodeJSON(b, &p); err != nil {
		return err
	}
	*c = Criteria(p)
	return nil
}
