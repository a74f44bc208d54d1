package plan

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
)

// Stale lists what makes a saved plan stale against the org's state now:
// an object the plan would create that now exists, and every object whose
// fingerprint changed or that was deleted, with the fields that differ
// where the plan kept the object's old state. Empty means the plan still
// applies.
func Stale(pl *Plan, now *model.State) []string {
	before := map[model.Key]*model.Object{}
	for _, c := range pl.Changes {
		if c.Before != nil {
			before[c.Before.Key] = c.Before
		}
		if c.Action == Create && now.Get(c.Key) != nil {
			return []string{fmt.Sprintf("%s now exists; the plan would create it", c.Key)}
		}
	}
	var out []string
	for _, f := range pl.Fingerprints {
		o := now.Get(f.Key)
		switch {
		case o == nil:
			out = append(out, fmt.Sprintf("%s was deleted", f.Key))
		case FingerprintOf(o) != f.Hash:
			out = append(out, fmt.Sprintf("%s changed%s", f.Key, fieldsChanged(before[f.Key], o)))
		}
	}
	return out
}

// fieldsChanged names the top-level keys that differ between two objects.
func fieldsChanged(a, b *model.Object) string {
	if a == nil {
		return ""
	}
	am, bm := kindMap(a), kindMap(b)
	var keys []string
	for k := range am {
		if fmt.Sprint(am[k]) != fmt.Sprint(bm[k]) {
			keys = append(keys, k)
		}
	}
	for k := range bm {
		if _, ok := am[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	if len(keys) == 0 {
		return " (IDs)"
	}
	return ": " + strings.Join(slices.Compact(keys), ", ")
}

// kindMap is the object's settings (its kind's struct) as a JSON map,
// found without naming the kind: every kind field of model.Object is an
// omitempty pointer to a struct and exactly one is set, so once the
// structured common fields are left out, the object's JSON holds that one
// struct besides its key and scalars.
func kindMap(o *model.Object) map[string]any {
	c := *o
	c.Source, c.Audit, c.Replaces = nil, nil, nil
	data, _ := json.Marshal(&c)
	var top map[string]any
	_ = json.Unmarshal(data, &top)
	delete(top, "key")
	m := map[string]any{}
	for _, v := range top {
		if inner, ok := v.(map[string]any); ok {
			maps.Copy(m, inner)
		}
	}
	return m
}
