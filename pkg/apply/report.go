package apply

import (
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

// Status is what happened to one change.
type Status string

// The statuses of a change after apply.
const (
	Created Status = "created"
	Updated Status = "updated"
	Deleted Status = "deleted"
	Failed  Status = "failed"
	Skipped Status = "skipped"
	// Unknown is a write whose response was lost (a 5xx or a broken
	// connection): it may or may not have been applied.
	Unknown Status = "unknown"
)

// Outcome is the result of one change.
type Outcome struct {
	Key     model.Key     `json:"key"`
	Action  plan.Action   `json:"action"`
	Status  Status        `json:"status"`
	Source  *model.Source `json:"source,omitempty"`
	ID      string        `json:"id,omitempty"`
	Code    string        `json:"code,omitempty"`
	Message string        `json:"message,omitempty"`
}

// FormatVersion is the version of the apply report (--report). It moves on
// its own, apart from the JSON plan's (docs/plan-json.md, "The apply
// report"): a minor bump only adds keys.
const FormatVersion = "1.0"

// Report is the JSON report of an apply, for CI artefacts.
type Report struct {
	FormatVersion string           `json:"format_version"`
	Outcomes      []Outcome        `json:"changes"`
	Mismatches    []Mismatch       `json:"mismatches,omitempty"`
	Verified      bool             `json:"verified"`
	Interrupted   bool             `json:"interrupted,omitempty"`
	Calls         []plan.CallCount `json:"calls"`
	// FormRetries lists the fields Zoho accepted but ignored, resent once
	// in their other body form.
	FormRetries []FormRetry `json:"form_retries,omitempty"`
}

// Mismatch is a field that did not take: after apply, the live value still
// differs from the plan.
type Mismatch struct {
	Key  model.Key `json:"key"`
	Path string    `json:"path"`
	Want any       `json:"want"`
	Got  any       `json:"got"`
}

// OK reports whether every change was applied and verified.
func (r *Report) OK() bool {
	if !r.Verified || r.Interrupted || len(r.Mismatches) > 0 {
		return false
	}
	for _, o := range r.Outcomes {
		switch o.Status {
		case Created, Updated, Deleted:
		default:
			return false
		}
	}
	return true
}

func doneStatus(a plan.Action) Status {
	switch a {
	case plan.Create:
		return Created
	case plan.Delete:
		return Deleted
	}
	return Updated
}
