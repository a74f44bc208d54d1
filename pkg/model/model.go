package model

import (
	"fmt"
	"slices"
)

// Kind names a kind of managed object, as written in a manifest's "kind" key.
type Kind string

// The managed kinds.
const (
	KindModule         Kind = "Module"
	KindRole           Kind = "Role"
	KindContactRole    Kind = "ContactRole"
	KindLockingConfig  Kind = "RecordLockingConfig"
	KindGlobalPicklist Kind = "GlobalPicklist"
	KindField          Kind = "Field"
)

// kindOrder is the fixed order used to sort plans and output: modules
// first, then roles, contact roles, global picklists, fields and locking
// configurations (a field may use a global picklist, and a locking rule a
// field). The registry
// of kinds (package kinds) lists its descriptors in the same order; a test
// there checks it.
var kindOrder = [...]Kind{KindModule, KindRole, KindContactRole, KindGlobalPicklist, KindField, KindLockingConfig}

// Rank is the position of k in the sort order, after every known kind for
// an unknown one.
func (k Kind) Rank() int {
	if i := slices.Index(kindOrder[:], k); i >= 0 {
		return i
	}
	return len(kindOrder)
}

// Key identifies an object: its kind plus its natural name (the module API
// name for modules and locking configurations, the name for roles and
// contact roles).
type Key struct {
	Kind Kind   `json:"kind"`
	Name string `json:"name"`
}

// String renders the key as Kind "name", the form used in every message.
func (k Key) String() string { return fmt.Sprintf("%s %q", k.Kind, k.Name) }

// Less orders keys by kind rank, then by name.
func (k Key) Less(o Key) bool {
	if k.Kind != o.Kind {
		return k.Kind.Rank() < o.Kind.Rank()
	}
	return k.Name < o.Name
}

// Compare is the three-way form of Less, for slices.SortFunc.
func (k Key) Compare(o Key) int {
	switch {
	case k.Less(o):
		return -1
	case o.Less(k):
		return 1
	}
	return 0
}

// Source is where a desired object was declared.
type Source struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// String renders file:line:col.
func (s Source) String() string { return fmt.Sprintf("%s:%d:%d", s.File, s.Line, s.Column) }

// Audit is who last changed a live object and when, where Zoho reports it.
type Audit struct {
	ModifiedBy   string `json:"modified_by,omitempty"`
	ModifiedTime string `json:"modified_time,omitempty"`
}

// Object is one managed object of any kind. Exactly one of the kind fields
// (LockingConfig, Module, Role, ContactRole, GlobalPicklist, Field) is set, matching Key.Kind.
//
// Desired objects carry Source and may carry Absent, PreviousNames and
// TransferTo. Observed objects carry ID and may carry Audit.
type Object struct {
	Key Key `json:"key"`

	Source        *Source  `json:"source,omitempty"`
	Absent        bool     `json:"absent,omitempty"`
	PreviousNames []string `json:"previous_names,omitempty"`
	// TransferTo names the role that receives an absent role's users.
	TransferTo string `json:"transfer_to,omitempty"`
	// Replaces is the absent manifest declared under the same name as this
	// renamed object: the live object that has the name now is deleted, and
	// the object found under one of PreviousNames is renamed into it.
	Replaces *Object `json:"replaces,omitempty"`

	ID    string `json:"id,omitempty"`
	Audit *Audit `json:"audit,omitempty"`
	// System marks a live object that cannot be deleted, such as the top
	// role of the hierarchy or a system-defined locking configuration.
	System bool `json:"system,omitempty"`

	LockingConfig  *LockingConfig  `json:"locking_config,omitempty"`
	Module         *Module         `json:"module,omitempty"`
	Role           *Role           `json:"role,omitempty"`
	ContactRole    *ContactRole    `json:"contact_role,omitempty"`
	GlobalPicklist *GlobalPicklist `json:"global_picklist,omitempty"`
	Field          *FieldDef       `json:"field,omitempty"`
}

// Where renders the object's source position, or its key when it has none.
func (o *Object) Where() string {
	if o.Source != nil {
		return o.Source.String()
	}
	return o.Key.String()
}
