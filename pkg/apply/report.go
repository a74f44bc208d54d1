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
	// Recovered marks a change whose write had an unknown outcome (or
	// waited behind one) and which apply settled by reading the org again:
	// found applied, or sent again from a fresh plan.
	Recovered bool `json:"recovered,omitempty"`
}

// FormatVersion is the version of the apply report (--report). It moves on
// its own, apart from the JSON plan's (docs/plan-json.md, "The apply
// report"): a minor bump only adds keys. 1.1 added result, summary,
// checked, changes[].recovered and form_retries.
const FormatVersion = "1.1"

// Report is the JSON report of an apply, for CI artefacts. It says what
// the text report says: Verified is true only when every change was
// applied and the re-read matched.
type Report struct {
	FormatVersion string `json:"format_version"`
	// Result is "applied" (every change applied and verified), "failed"
	// (some change failed, is unknown, was skipped or did not take) or
	// "interrupted".
	Result     string     `json:"result"`
	Summary    Summary    `json:"summary"`
	Outcomes   []Outcome  `json:"changes"`
	Mismatches []Mismatch `json:"mismatches,omitempty"`
	Verified   bool       `json:"verified"`
	// Checked says that the org was read again after the writes and the
	// applied changes compared with it (Mismatches lists what differs).
	Checked     bool             `json:"checked"`
	Interrupted bool             `json:"interrupted,omitempty"`
	Calls       []plan.CallCount `json:"calls"`
	// FormRetries lists the fields Zoho accepted but ignored, resent once
	// in their other body form.
	FormRetries []FormRetry `json:"form_retries,omitempty"`
}

// Summary counts the changes by outcome. Failed, Unknown and Skipped are
// what a rerun has to look at: failed, perhaps applied, and still to do.
type Summary struct {
	Created int `json:"created"`
	Updated int `json:"updated"`
	Deleted int `json:"deleted"`
	Failed  int `json:"failed"`
	Unknown int `json:"unknown"`
	Skipped int `json:"skipped"`
}

// The values of Report.Result.
const (
	ResultApplied     = "applied"
	ResultFailed      = "failed"
	ResultInterrupted = "interrupted"
)

// NoChanges is the report of an apply that had nothing to do.
func NoChanges() *Report {
	r := &Report{FormatVersion: FormatVersion, Outcomes: []Outcome{}, Checked: true}
	r.finish()
	return r
}

// finish fills Summary, Verified and Result from the outcomes.
func (r *Report) finish() {
	r.Summary = Summary{}
	allDone := true
	for _, o := range r.Outcomes {
		switch o.Status {
		case Created:
			r.Summary.Created++
		case Updated:
			r.Summary.Updated++
		case Deleted:
			r.Summary.Deleted++
		case Failed:
			r.Summary.Failed++
		case Unknown:
			r.Summary.Unknown++
		default:
			r.Summary.Skipped++
		}
		allDone = allDone && isDone(o.Status)
	}
	r.Verified = r.Checked && !r.Interrupted && allDone && len(r.Mismatches) == 0
	switch {
	case r.Verified:
		r.Result = ResultApplied
	case r.Interrupted:
		r.Result = ResultInterrupted
	default:
		r.Result = ResultFailed
	}
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
	r.finish()
	return r.Verified
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
