package emulator

// Seed is the whole state of an emulated org. It is what Options.Seed and
// Options.SeedFile provide, what Snapshot returns and what Options.StateFile
// holds. References between objects (a role's reporting_to, a module's
// profiles, a locking rule's field...) may give an id, a name, or both; New
// resolves them and fills in the other half. Missing ids are generated
// (19-digit numeric strings).
type Seed struct {
	Org            Org             `json:"org" yaml:"org"`
	Profiles       []Profile       `json:"profiles,omitempty" yaml:"profiles,omitempty"`
	Modules        []Module        `json:"modules,omitempty" yaml:"modules,omitempty"`
	Users          []User          `json:"users,omitempty" yaml:"users,omitempty"`
	Roles          []Role          `json:"roles,omitempty" yaml:"roles,omitempty"`
	ContactRoles   []ContactRole   `json:"contact_roles,omitempty" yaml:"contact_roles,omitempty"`
	LockingConfigs []LockingConfig `json:"record_locking_configurations,omitempty" yaml:"record_locking_configurations,omitempty"`
	// GlobalPicklists are the org's global picklists (fields_seed.go).
	GlobalPicklists []GlobalPicklist `json:"global_picklists,omitempty" yaml:"global_picklists,omitempty"`
}

// Org is the organisation answered by GET /org.
type Org struct {
	ID          string `json:"id,omitempty" yaml:"id,omitempty"`
	CompanyName string `json:"company_name,omitempty" yaml:"company_name,omitempty"`
	// Edition is informational ("enterprise" by default).
	Edition string `json:"edition,omitempty" yaml:"edition,omitempty"`
}

// Ref names another object by id, by name, or both.
type Ref struct {
	ID   string `json:"id,omitempty" yaml:"id,omitempty"`
	Name string `json:"name,omitempty" yaml:"name,omitempty"`
}

// FieldRef names a field by api_name, id, or both (Minified_Field in
// [OAS fields.json]).
type FieldRef struct {
	APIName string `json:"api_name,omitempty" yaml:"api_name,omitempty"`
	ID      string `json:"id,omitempty" yaml:"id,omitempty"`
}

// UserRef is a Minified_User {id, name, email} ([OAS users.json]) used in
// audit keys.
type UserRef struct {
	ID    string `json:"id,omitempty" yaml:"id,omitempty"`
	Name  string `json:"name,omitempty" yaml:"name,omitempty"`
	Email string `json:"email,omitempty" yaml:"email,omitempty"`
}

// Profile is a CRM profile ([OAS profiles.json] Profile).
type Profile struct {
	ID          string `json:"id,omitempty" yaml:"id,omitempty"`
	Name        string `json:"name" yaml:"name"`
	Description string `json:"description,omitempty" yaml:"description,omitempty"`
	Custom      bool   `json:"custom,omitempty" yaml:"custom,omitempty"`
}

// Module is a CRM module ([OAS modules.json] modules). Profiles nil in a
// seed means "all profiles".
type Module struct {
	ID             string   `json:"id,omitempty" yaml:"id,omitempty"`
	APIName        string   `json:"api_name" yaml:"api_name"`
	ModuleName     string   `json:"module_name,omitempty" yaml:"module_name,omitempty"`
	PluralLabel    string   `json:"plural_label,omitempty" yaml:"plural_label,omitempty"`
	SingularLabel  string   `json:"singular_label,omitempty" yaml:"singular_label,omitempty"`
	GeneratedType  string   `json:"generated_type,omitempty" yaml:"generated_type,omitempty"`
	Status         string   `json:"status,omitempty" yaml:"status,omitempty"`
	Profiles       []Ref    `json:"profiles,omitempty" yaml:"profiles,omitempty"`
	Fields         []Field  `json:"fields,omitempty" yaml:"fields,omitempty"`
	CustomButtons  []Ref    `json:"custom_buttons,omitempty" yaml:"custom_buttons,omitempty"`
	ModifiedTime   string   `json:"modified_time,omitempty" yaml:"modified_time,omitempty"`
	ModifiedBy     *UserRef `json:"modified_by,omitempty" yaml:"modified_by,omitempty"`
	SequenceNumber int      `json:"sequence_number,omitempty" yaml:"sequence_number,omitempty"`
}

// Field is a module field ([OAS fields.json] fields). PickListValues is the
// seed shorthand for a picklist's actual values (display value = actual
// value); PickListOptions is the full form and wins when both are given.
// The state keeps both in step (PickListValues = the actual values of the
// options), so criteria checks read PickListValues. The keys after
// PickListValues are described in fields_seed.go.
type Field struct {
	ID             string   `json:"id,omitempty" yaml:"id,omitempty"`
	APIName        string   `json:"api_name" yaml:"api_name"`
	FieldLabel     string   `json:"field_label,omitempty" yaml:"field_label,omitempty"`
	DataType       string   `json:"data_type,omitempty" yaml:"data_type,omitempty"`
	Custom         bool     `json:"custom_field,omitempty" yaml:"custom_field,omitempty"`
	PickListValues []string `json:"pick_list_values,omitempty" yaml:"pick_list_values,omitempty"`

	PickListOptions []PickListOption  `json:"pick_list_options,omitempty" yaml:"pick_list_options,omitempty"`
	Length          *int              `json:"length,omitempty" yaml:"length,omitempty"`
	DecimalPlace    *int              `json:"decimal_place,omitempty" yaml:"decimal_place,omitempty"`
	Tooltip         *Tooltip          `json:"tooltip,omitempty" yaml:"tooltip,omitempty"`
	TextareaType    string            `json:"textarea_type,omitempty" yaml:"textarea_type,omitempty"`
	SortedLexically bool              `json:"pick_list_values_sorted_lexically,omitempty" yaml:"pick_list_values_sorted_lexically,omitempty"`
	EnableColorCode bool              `json:"enable_colour_code,omitempty" yaml:"enable_colour_code,omitempty"`
	GlobalPicklist  *FieldRef         `json:"global_picklist,omitempty" yaml:"global_picklist,omitempty"`
	Profiles        []FieldPermission `json:"profiles,omitempty" yaml:"profiles,omitempty"`
	External        bool              `json:"external,omitempty" yaml:"external,omitempty"`
	CreatedTime     string            `json:"created_time,omitempty" yaml:"created_time,omitempty"`
	ModifiedTime    string            `json:"modified_time,omitempty" yaml:"modified_time,omitempty"`
}

// User is a CRM user ([OAS users.json] users). Status is "active",
// "disabled" or "deleted"; Confirmed nil means true.
type User struct {
	ID        string `json:"id,omitempty" yaml:"id,omitempty"`
	FirstName string `json:"first_name,omitempty" yaml:"first_name,omitempty"`
	LastName  string `json:"last_name" yaml:"last_name"`
	FullName  string `json:"full_name,omitempty" yaml:"full_name,omitempty"`
	Email     string `json:"email" yaml:"email"`
	Status    string `json:"status,omitempty" yaml:"status,omitempty"`
	Confirmed *bool  `json:"confirm,omitempty" yaml:"confirm,omitempty"`
	Role      Ref    `json:"role" yaml:"role"`
	Profile   Ref    `json:"profile" yaml:"profile"`
}

// Role is a role of the hierarchy ([OAS roles.json] Role). Exactly one role
// has no ReportingTo: the top role, which is also the admin_user role.
type Role struct {
	ID              string   `json:"id,omitempty" yaml:"id,omitempty"`
	Name            string   `json:"name" yaml:"name"`
	ReportingTo     *Ref     `json:"reporting_to,omitempty" yaml:"reporting_to,omitempty"`
	ForecastManager *Ref     `json:"forecast_manager,omitempty" yaml:"forecast_manager,omitempty"`
	Description     *string  `json:"description,omitempty" yaml:"description,omitempty"`
	ShareWithPeers  bool     `json:"share_with_peers,omitempty" yaml:"share_with_peers,omitempty"`
	AdminUser       bool     `json:"admin_user,omitempty" yaml:"admin_user,omitempty"`
	CreatedBy       *UserRef `json:"created_by__s,omitempty" yaml:"created_by__s,omitempty"`
	CreatedTime     string   `json:"created_time__s,omitempty" yaml:"created_time__s,omitempty"`
	ModifiedBy      *UserRef `json:"modified_by__s,omitempty" yaml:"modified_by__s,omitempty"`
	ModifiedTime    string   `json:"modified_time__s,omitempty" yaml:"modified_time__s,omitempty"`
}

// ContactRole is an entry of the Contacts role picklist ([OAS
// contact_roles.json] Contact_Role).
type ContactRole struct {
	ID             string `json:"id,omitempty" yaml:"id,omitempty"`
	Name           string `json:"name" yaml:"name"`
	SequenceNumber int    `json:"sequence_number,omitempty" yaml:"sequence_number,omitempty"`
}

// LockingConfig is the record locking configuration of one module ([OAS
// record_locking_configuration.json] Record_Lock, [seed:kaizen] GET sample).
// Module names the module by api_name; it is not a wire key. Empty lists
// are answered as null, like the Kaizen GET sample.
type LockingConfig struct {
	ID                       string        `json:"id,omitempty" yaml:"id,omitempty"`
	Module                   string        `json:"module" yaml:"module"`
	LockType                 string        `json:"lock_type" yaml:"lock_type"`
	LockedFor                string        `json:"locked_for,omitempty" yaml:"locked_for,omitempty"`
	LockExcludedProfiles     []Ref         `json:"lock_excluded_profiles,omitempty" yaml:"lock_excluded_profiles,omitempty"`
	ExcludedFields           []FieldRef    `json:"excluded_fields,omitempty" yaml:"excluded_fields,omitempty"`
	RestrictedActions        []string      `json:"restricted_actions,omitempty" yaml:"restricted_actions,omitempty"`
	RestrictedCommunications []string      `json:"restricted_communications,omitempty" yaml:"restricted_communications,omitempty"`
	RestrictedCustomButtons  []Ref         `json:"restricted_custom_buttons,omitempty" yaml:"restricted_custom_buttons,omitempty"`
	LockForPortalUsers       *bool         `json:"lock_for_portal_users,omitempty" yaml:"lock_for_portal_users,omitempty"`
	FeatureType              string        `json:"feature_type,omitempty" yaml:"feature_type,omitempty"`
	SystemDefined            bool          `json:"system_defined,omitempty" yaml:"system_defined,omitempty"`
	LockingRules             []LockingRule `json:"locking_rules,omitempty" yaml:"locking_rules,omitempty"`
	CreatedTime              string        `json:"created_time,omitempty" yaml:"created_time,omitempty"`
	CreatedBy                *UserRef      `json:"created_by,omitempty" yaml:"created_by,omitempty"`
	ModifiedTime             string        `json:"modified_time,omitempty" yaml:"modified_time,omitempty"`
	ModifiedBy               *UserRef      `json:"modified_by,omitempty" yaml:"modified_by,omitempty"`
}

// LockingRule is one automatic locking rule ([OAS] locking_rules).
type LockingRule struct {
	ID                  string    `json:"id,omitempty" yaml:"id,omitempty"`
	Name                string    `json:"name" yaml:"name"`
	LockExistingRecords bool      `json:"lock_existing_records,omitempty" yaml:"lock_existing_records,omitempty"`
	Criteria            *Criteria `json:"criteria,omitempty" yaml:"criteria,omitempty"`
}

// Criteria is a condition {comparator, field, value} or a group
// {group_operator, group} ([OAS] Criteria, recursive).
type Criteria struct {
	GroupOperator string     `json:"group_operator,omitempty" yaml:"group_operator,omitempty"`
	Group         []Criteria `json:"group,omitempty" yaml:"group,omitempty"`
	Comparator    string     `json:"comparator,omitempty" yaml:"comparator,omitempty"`
	Field         *FieldRef  `json:"field,omitempty" yaml:"field,omitempty"`
	Value         any        `json:"value,omitempty" yaml:"value,omitempty"`
}
