package model

// Ref is a live object's ID and name, as read from a look-up API.
type Ref struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// FieldInfo is a module's field, as read from the fields API.
type FieldInfo struct {
	ID       string   `json:"id"`
	APIName  string   `json:"api_name"`
	Label    string   `json:"label,omitempty"`
	PickList []string `json:"pick_list,omitempty"`
	// GlobalPicklist is the global picklist the field takes its values
	// from, if any.
	GlobalPicklist *Ref `json:"global_picklist,omitempty"`
}

// User is a CRM user, matched by email.
type User struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name,omitempty"`
}

// ModuleInfo is one module of the org, standard or custom, as listed by
// the modules API: what label checks and module suggestions need.
type ModuleInfo struct {
	APIName       string `json:"api_name"`
	PluralLabel   string `json:"plural_label,omitempty"`
	SingularLabel string `json:"singular_label,omitempty"`
	// GeneratedType is Zoho's default, web, custom or linking.
	GeneratedType string `json:"generated_type,omitempty"`
}

// Lookups are the live look-up tables that names in manifests resolve
// against. A nil map or slice means "not read".
type Lookups struct {
	Profiles []Ref                  `json:"profiles,omitempty"`
	Fields   map[string][]FieldInfo `json:"fields,omitempty"`
	Buttons  map[string][]Ref       `json:"buttons,omitempty"`
	Users    []User                 `json:"users,omitempty"`
	// Modules is every module of the org, standard ones included.
	Modules []ModuleInfo `json:"modules,omitempty"`
	// LockingErrors maps a module to the error code Zoho answered when its
	// locking configuration was read (INVALID_MODULE: no such module;
	// NOT_SUPPORTED: the module has no record locking;
	// FEATURE_NOT_SUPPORTED: the org's edition has none), so that the plan
	// reports it at the manifest instead of failing the read.
	LockingErrors map[string]string `json:"locking_errors,omitempty"`
	// FieldErrors maps a module to the error code Zoho answered when its
	// fields were read (INVALID_MODULE: no such module), so that the plan
	// reports it at the Field manifests of that module.
	FieldErrors map[string]string `json:"field_errors,omitempty"`
}

// Scope says what observe must read for a set of manifests: one list GET per
// listed kind, one locking-configuration GET per module, and the look-ups.
// A saved plan records it so that apply can read the same objects again.
type Scope struct {
	Kinds []Kind `json:"kinds,omitempty"`
	// Modules are the custom modules whose full profile list is needed when
	// the module list truncates it; AllModules asks for every one (export).
	Modules        []string `json:"modules,omitempty"`
	AllModules     bool     `json:"all_modules,omitempty"`
	LockingModules []string `json:"locking_modules,omitempty"`
	// LockingBestEffort skips, with a warning, modules whose locking
	// configuration cannot be read (export probes every module).
	LockingBestEffort bool     `json:"locking_best_effort,omitempty"`
	Profiles          bool     `json:"profiles,omitempty"`
	FieldModules      []string `json:"field_modules,omitempty"`
	// Fields are the fields Field manifests name (key names
	// "Module.api_name"); their modules are in FieldModules. The named
	// fields and every custom field of those modules become Field objects
	// (custom fields no manifest names are listed as unmanaged);
	// AllFields makes every field read an object (export).
	Fields        []string `json:"fields,omitempty"`
	AllFields     bool     `json:"all_fields,omitempty"`
	ButtonModules []string `json:"button_modules,omitempty"`
	Users         bool     `json:"users,omitempty"`
}
