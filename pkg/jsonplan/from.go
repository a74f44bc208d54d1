package jsonplan

import (
	"encoding/json"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

// Options are what FromPlan needs besides the plan.
type Options struct {
	// Fallbacks returns the other forms apply may send a body in (package
	// apply's FallbackForms); nil leaves fallback_forms out.
	Fallbacks func(body json.RawMessage) []FallbackForm
}

// FromPlan builds the JSON plan of p. p is not changed.
func FromPlan(p *plan.Plan, o Options) *Plan {
	out := &Plan{
		FormatVersion: FormatVersion, APIDomain: p.APIDomain, APIVersion: p.APIVersion,
		ManifestDigest: p.ManifestDigest, Prune: p.Prune, Scope: p.Scope,
		Fingerprints: convert(p.Fingerprints, func(f plan.Fingerprint) Fingerprint { return Fingerprint(f) }),
		Changes:      convert(p.Changes, fromChange),
		Requests:     convert(p.Requests, func(r plan.Request) Request { return fromRequest(r, o) }),
		Unmanaged:    convert(p.Unmanaged, func(u plan.Unmanaged) Unmanaged { return Unmanaged(u) }),
		Warnings:     p.Warnings,
		Summary:      Summary(p.Summary),
		Calls:        fromCalls(p.Calls),
	}
	if p.Org != nil {
		out.Org = &Org{ID: p.Org.ID, Name: p.Org.Name}
	}
	return out
}

// convert maps a slice, keeping nil as nil and empty as empty.
func convert[T, U any](in []T, f func(T) U) []U {
	if in == nil {
		return nil
	}
	out := make([]U, len(in))
	for i, x := range in {
		out[i] = f(x)
	}
	return out
}

func fromCalls(c plan.Calls) Calls {
	cc := func(x plan.CallCount) CallCount { return CallCount(x) }
	return Calls{Made: convert(c.Made, cc), Planned: convert(c.Planned, cc)}
}

func fromChange(c plan.Change) Change {
	return Change{
		Key: c.Key, Action: string(c.Action), Source: c.Source, PreviousName: c.PreviousName,
		ID: c.ID, Before: c.Before, After: c.After, Requests: c.Requests,
		Fields:   convert(c.Fields, func(f plan.FieldDiff) FieldChange { return fromField(c, f) }),
		Destroys: c.Destroys, TransferTo: c.TransferTo, Replaces: c.Replaces,
		Destructive: c.Destructive, Audit: c.Audit,
	}
}

func fromRequest(r plan.Request, o Options) Request {
	out := Request{
		ID: r.ID, Method: r.Method, Path: r.Path, Key: r.Key, Body: r.Body, Changes: r.Changes,
		After: r.After, Wait: r.Wait,
		Query: convert(r.Query, func(q plan.Param) Param { return Param(q) }),
		Refs:  convert(r.Refs, func(x plan.Ref) Ref { return Ref(x) }),
	}
	if o.Fallbacks != nil && len(r.Body) > 0 {
		out.FallbackForms = o.Fallbacks(r.Body)
	}
	return out
}

// steps are a field's path as steps; plans older than Steps split Path.
func steps(f plan.FieldDiff) []string {
	if len(f.Steps) > 0 {
		return f.Steps
	}
	return strings.Split(f.Path, ".")
}

// fromField gives a field change real JSON values. The plan's values are
// real for scalars, and it compares documented defaults (locked_for is
// all_profiles when absent) and marks references to deleted objects, so
// they are kept; but it compares lists and rule criteria as text, so where
// either object holds a list or an object at the path, both sides are the
// objects' values instead.
func fromField(c plan.Change, f plan.FieldDiff) FieldChange {
	path := steps(f)
	before, _ := valueAt(c.Before, path)
	after, _ := valueAt(c.After, path)
	if !composite(before) && !composite(after) {
		before, after = f.Old, f.New
	}
	return FieldChange{Path: path, Before: before, After: after}
}

// composite reports whether v is a JSON array or object.
func composite(v any) bool {
	switch v.(type) {
	case []any, map[string]any:
		return true
	}
	return false
}

// valueAt walks an object's settings (its JSON form, under the kind's
// key) along path: a key of an object, or the name of an item of a list.
// ok is false when a step is missing.
func valueAt(o *model.Object, path []string) (any, bool) {
	if o == nil {
		return nil, false
	}
	var cur any = settingsOf(o)
	for _, step := range path {
		switch x := cur.(type) {
		case map[string]any:
			v, ok := x[step]
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			item, ok := named(x, step)
			if !ok {
				return nil, false
			}
			cur = item
		default:
			return nil, false
		}
	}
	return cur, true
}

// settingsOf is the JSON form of an object's kind part: the one nested
// object beside the envelope keys (key, source, audit, replaces).
func settingsOf(o *model.Object) map[string]any {
	data, err := json.Marshal(o)
	if err != nil {
		return nil
	}
	var m map[string]any
	if json.Unmarshal(data, &m) != nil {
		return nil
	}
	for k, v := range m {
		if s, ok := v.(map[string]any); ok && !envelope[k] {
			return s
		}
	}
	return nil
}

// envelope are the object keys that are not the kind's settings.
var envelope = map[string]bool{"key": true, "source": true, "audit": true, "replaces": true}

// named finds the item of a list whose "name" is step, exactly or, as
// Zoho compares names, without regard to case.
func named(list []any, step string) (any, bool) {
	var fold any
	found := false
	for _, it := range list {
		m, ok := it.(map[string]any)
		if !ok {
			continue
		}
		name, _ := m["name"].(string)
		if name == step {
			return m, true
		}
		if !found && strings.EqualFold(strings.TrimSpace(name), strings.TrimSpace(step)) {
			fold, found = m, true
		}
	}
	return fold, found
}
