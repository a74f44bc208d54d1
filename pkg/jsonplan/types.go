package jsonplan

import (
	"encoding/json"

	"github.com/crmsync/crmsync/pkg/model"
)

// FormatVersion is the version of the JSON plan. A minor bump only adds
// keys; a major bump may remove or change them. 2.0 replaced 1.0's text
// values and dotted paths (docs/plan-json.md, "Compatibility").
const FormatVersion = "2.1"

// Plan is the JSON plan: what `crmsync plan --format json` prints and what
// `crmsync plan --out` saves. It carries everything apply needs, so that a
// saved plan reads back into the internal plan (Read).
type Plan struct {
	FormatVersion  string        `json:"format_version"`
	Org            *Org          `json:"org,omitempty"`
	APIDomain      string        `json:"api_domain,omitempty"`
	APIVersion     string        `json:"api_version,omitempty"`
	ManifestDigest string        `json:"manifest_digest,omitempty"`
	Prune          bool          `json:"prune,omitempty"`
	Scope          model.Scope   `json:"scope"`
	Fingerprints   []Fingerprint `json:"fingerprints"`
	Changes        []Change      `json:"changes"`
	Requests       []Request     `json:"requests"`
	Unmanaged      []Unmanaged   `json:"unmanaged"`
	Warnings       []string      `json:"warnings,omitempty"`
	Summary        Summary       `json:"summary"`
	Calls          Calls         `json:"calls"`
}

// Org is the org a plan was made against.
type Org struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// Change is one object's change. Before is the live object (update,
// delete), After the object after apply (create, update); Fields are the
// managed keys that differ, with real JSON values.
type Change struct {
	Key          model.Key     `json:"key"`
	Action       string        `json:"action"`
	Source       *model.Source `json:"source,omitempty"`
	PreviousName string        `json:"previous_name,omitempty"`
	ID           string        `json:"id,omitempty"`
	Before       *model.Object `json:"before,omitempty"`
	After        *model.Object `json:"after,omitempty"`
	Fields       []FieldChange `json:"fields,omitempty"`
	Requests     []int         `json:"requests"`
	Destroys     string        `json:"destroys,omitempty"`
	TransferTo   string        `json:"transfer_to,omitempty"`
	Replaces     *model.Object `json:"replaces,omitempty"`
	Destructive  bool          `json:"destructive,omitempty"`
	Audit        *model.Audit  `json:"audit,omitempty"`
}

// FieldChange is one differing key. Path is its steps from the object's
// settings: a key, then for a list of named items (locking rules) the
// item's name, then a key of the item. Before and After are JSON values as
// the objects hold them (lists as arrays, criteria as objects); null when
// absent.
type FieldChange struct {
	Path   []string `json:"path"`
	Before any      `json:"before"`
	After  any      `json:"after"`
}

// Request is one API call apply makes, with the body it sends first.
type Request struct {
	ID      int             `json:"id"`
	Method  string          `json:"method"`
	Path    string          `json:"path"`
	Query   []Param         `json:"query,omitempty"`
	Key     string          `json:"key"`
	Body    json.RawMessage `json:"body,omitempty"`
	Refs    []Ref           `json:"refs,omitempty"`
	Changes []model.Key     `json:"changes"`
	After   []int           `json:"after,omitempty"`
	Wait    []int           `json:"wait,omitempty"`
	// FallbackForms are the other documented forms of a disputed part of
	// the body, which apply sends instead when Zoho refuses or ignores the
	// first. Read ignores them: apply derives them again from the body.
	FallbackForms []FallbackForm `json:"fallback_forms,omitempty"`
}

// FallbackForm is the body of a request with one disputed part in its
// other documented form.
type FallbackForm struct {
	// Part names the disputed part ("role references").
	Part string `json:"part"`
	// Form describes the form Body uses, Instead the form of the first body.
	Form    string `json:"form"`
	Instead string `json:"instead"`
	// Body is the whole body in Form; an accepted-but-ignored retry sends
	// only the ignored field's part of it (docs/plan-json.md).
	Body json.RawMessage `json:"body"`
}

// Param is one query parameter.
type Param struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Ref says that Placeholder, in a body or query, stands for the ID of Key,
// which an earlier create returns.
type Ref struct {
	Placeholder string    `json:"placeholder"`
	Key         model.Key `json:"key"`
}

// Fingerprint is a digest of a live object as read for the plan.
type Fingerprint struct {
	Key  model.Key `json:"key"`
	ID   string    `json:"id"`
	Hash string    `json:"hash"`
}

// Unmanaged is a live object that no manifest names.
type Unmanaged struct {
	Key  model.Key `json:"key"`
	ID   string    `json:"id,omitempty"`
	Note string    `json:"note,omitempty"`
}

// Summary counts changes by action.
type Summary struct {
	Create int `json:"create"`
	Update int `json:"update"`
	Delete int `json:"delete"`
}

// CallCount is a number of API calls of one method and endpoint.
type CallCount struct {
	Method   string `json:"method"`
	Endpoint string `json:"endpoint"`
	Count    int    `json:"count"`
}

// Calls are the API calls made to build the plan and those apply makes.
type Calls struct {
	Made    []CallCount `json:"made"`
	Planned []CallCount `json:"planned"`
}
