package plan

import (
	"encoding/json"
	"fmt"
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

func kindMap(o *model.Object) map[string]any {
	var v any = o.Role
	switch {
	case o.LockingConfig != nil:
		v = o.LockingConfig
	case o.Module != nil:
		v = o.Module
	case o.ContactRole != nil:
		v = o.ContactRole
	}
	data, _ := json.Marshal(v)
	m := map[string]any{}
	_ = json.Unmarshal(data, &m)
	return m
}
