package jsonplan

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/crmsync/crmsync/pkg/plan"
)

// ErrOldFormat is returned by Read for a plan saved by a crmsync that wrote
// format 1.0, whose values and paths this version no longer reads.
var ErrOldFormat = errors.New("this plan was saved by an older crmsync (format 1.0); run crmsync plan --out again")

// ErrNotPlan is returned by Read for a file that is not a JSON plan.
var ErrNotPlan = errors.New("not a crmsync plan")

// Read decodes a saved JSON plan into the internal plan that apply runs.
// It refuses a plan of another major format version.
func Read(data []byte) (*plan.Plan, error) {
	var head struct {
		FormatVersion *string `json:"format_version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotPlan, err)
	}
	if head.FormatVersion == nil {
		return nil, fmt.Errorf("%w: it has no format_version", ErrNotPlan)
	}
	major, _, _ := strings.Cut(*head.FormatVersion, ".")
	want, _, _ := strings.Cut(FormatVersion, ".")
	switch {
	case major == "1":
		return nil, ErrOldFormat
	case major != want:
		return nil, fmt.Errorf("it has plan format %q; this crmsync reads %s.x: use the crmsync that made it, or run crmsync plan --out again", *head.FormatVersion, want)
	}
	var jp Plan
	if err := json.Unmarshal(data, &jp); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotPlan, err)
	}
	return ToPlan(&jp), nil
}

// ToPlan converts a JSON plan back into the internal plan. Field values
// return to the plan's readable form, so that a saved plan shows as it did
// when it was made (apply verifies against the After objects, not them);
// fallback forms are dropped, since apply derives them again.
func ToPlan(jp *Plan) *plan.Plan {
	p := &plan.Plan{
		FormatVersion: plan.FormatVersion, APIDomain: jp.APIDomain, APIVersion: jp.APIVersion,
		ManifestDigest: jp.ManifestDigest, Prune: jp.Prune, Scope: jp.Scope,
		Fingerprints: convert(jp.Fingerprints, func(f Fingerprint) plan.Fingerprint { return plan.Fingerprint(f) }),
		Changes:      convert(jp.Changes, toChange),
		Requests:     convert(jp.Requests, toRequest),
		Unmanaged:    convert(jp.Unmanaged, func(u Unmanaged) plan.Unmanaged { return plan.Unmanaged(u) }),
		Warnings:     jp.Warnings,
		Summary:      plan.Summary(jp.Summary),
		Calls:        toCalls(jp.Calls),
	}
	if jp.Org != nil {
		p.Org = &plan.Org{ID: jp.Org.ID, Name: jp.Org.Name}
	}
	return p
}

func toCalls(c Calls) plan.Calls {
	cc := func(x CallCount) plan.CallCount { return plan.CallCount(x) }
	return plan.Calls{Made: convert(c.Made, cc), Planned: convert(c.Planned, cc)}
}

func toChange(c Change) plan.Change {
	return plan.Change{
		Key: c.Key, Action: plan.Action(c.Action), Source: c.Source, PreviousName: c.PreviousName,
		ID: c.ID, Before: c.Before, After: c.After, Requests: c.Requests,
		Fields:   convert(c.Fields, toField),
		Destroys: c.Destroys, TransferTo: c.TransferTo, Replaces: c.Replaces,
		Destructive: c.Destructive, Audit: c.Audit,
	}
}

func toField(f FieldChange) plan.FieldDiff {
	return plan.FieldDiff{Path: strings.Join(f.Path, "."), Steps: f.Path,
		Old: readable(f.Path, f.Before), New: readable(f.Path, f.After)}
}

func toRequest(r Request) plan.Request {
	return plan.Request{
		ID: r.ID, Method: r.Method, Path: r.Path, Key: r.Key, Body: r.Body,
		Changes: r.Changes, After: r.After, Wait: r.Wait,
		Query: convert(r.Query, func(q Param) plan.Param { return plan.Param(q) }),
		Refs:  convert(r.Refs, func(x Ref) plan.Ref { return plan.Ref(x) }),
	}
}
