package model

import "strings"

// The JSON tags of the types below are the manifest keys. They must match the
// JSON Schemas in schemas/ exactly; a test in package desired checks this.

// LockingConfig is a module's record locking configuration.
type LockingConfig struct {
	Module                   string         `json:"module"`
	LockType                 *string        `json:"lock_type,omitempty"`
	LockedFor                *string        `json:"locked_for,omitempty"`
	LockExcludedProfiles     *[]string      `json:"lock_excluded_profiles,omitempty"`
	ExcludedFields           *[]string      `json:"excluded_fields,omitempty"`
	RestrictedActions        *[]string      `json:"restricted_actions,omitempty"`
	RestrictedCommunications *[]string      `json:"restricted_communications,omitempty"`
	RestrictedCustomButtons  *[]string      `json:"restricted_custom_buttons,omitempty"`
	LockForPortalUsers       *bool          `json:"lock_for_portal_users,omitempty"`
	LockingRules             *[]LockingRule `json:"locking_rules,omitempty"`
}

// LockingRule is one automatic locking rule, identified by its name inside
// its configuration. ID is set only on observed rules.
type LockingRule struct {
	ID                  string    `json:"id,omitempty"`
	Name                string    `json:"name"`
	LockExistingRecords *bool     `json:"lock_existing_records,omitempty"`
	Criteria            *Criteria `json:"criteria,omitempty"`
}

// Criteria is a rule's condition: either a single condition (Field,
// Comparator, Value) or a group (GroupOperator, Group).
type Criteria struct {
	Field         string     `json:"field,omitempty"`
	Comparator    string     `json:"comparator,omitempty"`
	Value         any        `json:"value,omitempty"`
	GroupOperator string     `json:"group_operator,omitempty"`
	Group         []Criteria `json:"group,omitempty"`
}

// IsGroup reports whether c is a group of conditions.
func (c *Criteria) IsGroup() bool { return c.GroupOperator != "" || len(c.Group) > 0 }

// Module is a custom module's managed settings.
type Module struct {
	APIName       string    `json:"api_name"`
	PluralLabel   *string   `json:"plural_label,omitempty"`
	SingularLabel *string   `json:"singular_label,omitempty"`
	Profiles      *[]string `json:"profiles,omitempty"`
}

// Role is a role in the hierarchy. ReportingTo names the parent role; an
// empty string means the top of the hierarchy.
type Role struct {
	Name            string  `json:"name"`
	ReportingTo     *string `json:"reporting_to,omitempty"`
	Description     *string `json:"description,omitempty"`
	ShareWithPeers  *bool   `json:"share_with_peers,omitempty"`
	ForecastManager *string `json:"forecast_manager,omitempty"`
}

// ContactRole is an entry of the Contacts role picklist.
type ContactRole struct {
	Name           string `json:"name"`
	SequenceNumber *int   `json:"sequence_number,omitempty"`
}

// Ptr returns a pointer to v; handy for building objects in code and tests.
func Ptr[T any](v T) *T { return &v }

// GlobalPicklist is a global picklist: a set of picklist values that fields
// of any module can use. It is identified by its API name.
type GlobalPicklist struct {
	APIName                       string           `json:"api_name"`
	DisplayLabel                  *string          `json:"display_label,omitempty"`
	Description                   *string          `json:"description,omitempty"`
	PickListValuesSortedLexically *bool            `json:"pick_list_values_sorted_lexically,omitempty"`
	PickListValues                *[]PicklistValue `json:"pick_list_values,omitempty"`
}

// PicklistValue is one option of a field's picklist or of a global
// picklist; the list order is the option order. ID is set only on observed
// values; PreviousNames (former display values) only on desired ones.
// ActualValue is the stored value: it cannot change once set, so it pairs
// desired and live options; when a manifest leaves it out it defaults to
// the display value. Type is "used" or "unused" (global picklists).
type PicklistValue struct {
	ID            string   `json:"id,omitempty"`
	DisplayValue  string   `json:"display_value"`
	ActualValue   *string  `json:"actual_value,omitempty"`
	Type          *string  `json:"type,omitempty"`
	PreviousNames []string `json:"previous_names,omitempty"`
}

// Tooltip is a field's help text: Name is static_text or info_icon. A
// Tooltip with an empty Name stands for none: a manifest's "tooltip: null"
// (remove it), or a live field without one.
type Tooltip struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// FieldDef is a field of a module, custom or standard, identified by its
// module and API name (the key's name is "Module.api_name"). Permissions
// maps profile names to read_write, read_only or hidden; profiles left out
// are not managed. A standard field (Object.System on the live object)
// takes only picklist and permission changes.
type FieldDef struct {
	Module         string           `json:"module"`
	APIName        string           `json:"api_name"`
	FieldLabel     *string          `json:"field_label,omitempty"`
	DataType       *string          `json:"data_type,omitempty"`
	Length         *int             `json:"length,omitempty"`
	DecimalPlace   *int             `json:"decimal_place,omitempty"`
	Textarea       *string          `json:"textarea,omitempty"`
	Tooltip        *Tooltip         `json:"tooltip,omitempty"`
	PickListValues *[]PicklistValue `json:"pick_list_values,omitempty"`
	// PickListValuesSortedLexically shows the options in alphabetical
	// order instead of the list order.
	PickListValuesSortedLexically *bool              `json:"pick_list_values_sorted_lexically,omitempty"`
	GlobalPicklist                *string            `json:"global_picklist,omitempty"`
	Permissions                   *map[string]string `json:"permissions,omitempty"`
}

// FieldKeyName is the key name of field apiName of module: "Module.api_name".
func FieldKeyName(module, apiName string) string { return module + "." + apiName }

// SplitFieldKey splits a Field key name into its module and API name; API
// names of modules hold no ".".
func SplitFieldKey(name string) (module, apiName string) {
	module, apiName, _ = strings.Cut(name, ".")
	return module, apiName
}
