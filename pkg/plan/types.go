package plan

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
)

// FormatVersion is the version of this internal plan structure. It is not
// the JSON contract: the JSON plan and the saved plan file are package
// jsonplan's, with their own version (docs/plan-json.md).
const FormatVersion = "1.0"

// Action is what a change does to its object.
type Action string

// The actions. NoOp changes are never stored in a plan.
const (
	Create Action = "create"
	Update Action = "update"
	Delete Action = "delete"
	NoOp   Action = "no-op"
)

// Symbol is the one-character sign of the action in text output.
func (a Action) Symbol() string {
	switch a {
	case Create:
		return "+"
	case Update:
		return "~"
	case Delete:
		return "-"
	}
	return " "
}

// Plan is the result of diffing desired and observed state.
type Plan struct {
	FormatVersion string `json:"format_version"`
	// Org and APIDomain identify the org the plan was made against; set when
	// the plan is saved for a later apply.
	Org            *Org   `json:"org,omitempty"`
	APIDomain      string `json:"api_domain,omitempty"`
	APIVersion     string `json:"api_version,omitempty"`
	ManifestDigest string `json:"manifest_digest,omitempty"`
	// Prune says whether unmanaged objects were planned for deletion.
	Prune bool `json:"prune,omitempty"`
	// Scope is what was read, so that apply can read it again.
	Scope        model.Scope   `json:"scope"`
	Fingerprints []Fingerprint `json:"fingerprints"`
	Changes      []Change      `json:"changes"`
	Requests     []Request     `json:"requests"`
	Unmanaged    []Unmanaged   `json:"unmanaged"`
	Warnings     []string      `json:"warnings,omitempty"`
	Summary      Summary       `json:"summary"`
	Calls        Calls         `json:"calls"`
}

// Org is the org a plan was made against.
type Org struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// Change is one object's change.
//
// Before is the observed object (nil for create); After is the desired
// object merged over the observed one, that is the state the object will
// have after apply (nil for delete). Fields lists the managed keys that
// differ. Requests holds the IDs of the requests that carry the change;
// contact roles share batched requests.
type Change struct {
	Key    model.Key     `json:"key"`
	Action Action        `json:"action"`
	Source *model.Source `json:"source,omitempty"`
	// PreviousName is the live name of a renamed object.
	PreviousName string        `json:"previous_name,omitempty"`
	ID           string        `json:"id,omitempty"`
	Before       *model.Object `json:"before,omitempty"`
	After        *model.Object `json:"after,omitempty"`
	Fields       []FieldDiff   `json:"fields,omitempty"`
	Requests     []int         `json:"requests"`
	// Destroys says what a delete destroys, for the reviewer.
	Destroys string `json:"destroys,omitempty"`
	// TransferTo names the role that receives a deleted role's users (for
	// a replacement, the users of Replaces).
	TransferTo string `json:"transfer_to,omitempty"`
	// Replaces is the live object that has this change's name today and is
	// deleted before the object is renamed into it: an absent manifest
	// declared under the same name (see model.Object.Replaces).
	Replaces *model.Object `json:"replaces,omitempty"`
	// Destructive marks changes that lose data or unlock records.
	Destructive bool `json:"destructive,omitempty"`
	// Audit is who last changed the live object, for drift reports.
	Audit *model.Audit `json:"audit,omitempty"`
}

// FieldDiff is one differing key. Path is dotted (locking_rules.Closed Won.criteria)
// for messages and matching; Steps are the same path as separate steps, which
// stay unambiguous when a name holds a "." (the JSON plan writes them). Old
// and New are normalized values, nil when absent: sets as sorted text, rule
// criteria as one canonical text.
type FieldDiff struct {
	Path  string   `json:"path"`
	Steps []string `json:"steps,omitempty"`
	Old   any      `json:"old"`
	New   any      `json:"new"`
}

// Request is one API call an apply will make. Path is relative to
// {api_domain}/crm/{version}. Body is the exact JSON body, in which each Ref
// marks a value only known after an earlier request ran (a new role's ID).
type Request struct {
	ID     int             `json:"id"`
	Method string          `json:"method"`
	Path   string          `json:"path"`
	Query  []Param         `json:"query,omitempty"`
	Key    string          `json:"key"`
	Body   json.RawMessage `json:"body,omitempty"`
	Refs   []Ref           `json:"refs,omitempty"`
	// Changes are the objects the request carries, in body order.
	Changes []model.Key `json:"changes"`
	// After lists the IDs of requests that must succeed first.
	After []int `json:"after,omitempty"`
	// Wait lists the IDs of requests that must have finished first, with
	// any outcome: whole-object deletes wait for everything else, but an
	// unrelated failure does not stop them.
	Wait []int `json:"wait,omitempty"`
}

// Param is one query parameter.
type Param struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Ref is a placeholder in a request body or query: Placeholder stands for the
// ID of Key, which the request that creates Key returns.
type Ref struct {
	Placeholder string    `json:"placeholder"`
	Key         model.Key `json:"key"`
}

// Placeholder is the text that stands in a body for the ID of a new object:
// ${id:Kind/name}, where the characters of the name that JSON escapes or
// that end the placeholder (", \, }, %, control characters) are written as
// %XX, so that the placeholder reads the same in a body and in a query.
func Placeholder(k model.Key) string {
	var name strings.Builder
	for _, r := range k.Name {
		if r == '"' || r == '\\' || r == '}' || r == '%' || r < 0x20 {
			fmt.Fprintf(&name, "%%%02X", r)
			continue
		}
		name.WriteRune(r)
	}
	return fmt.Sprintf("${id:%s/%s}", k.Kind, name.String())
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

// Empty reports whether there is nothing to do.
func (s Summary) Empty() bool { return s.Create+s.Update+s.Delete == 0 }

// CallCount is a number of API calls of one method and endpoint.
type CallCount struct {
	Method   string `json:"method"`
	Endpoint string `json:"endpoint"`
	Count    int    `json:"count"`
}

// Calls are the API calls made to build the plan and those an apply makes.
type Calls struct {
	Made    []CallCount `json:"made"`
	Planned []CallCount `json:"planned"`
}
