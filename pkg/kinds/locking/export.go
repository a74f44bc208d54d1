package locking

import (
	"slices"

	"github.com/crmsync/crmsync/pkg/kinds/spec"
	"github.com/crmsync/crmsync/pkg/model"
)

// document writes a configuration, leaving out the documented defaults:
// locked_for all_profiles, lock_for_portal_users true, restricted_actions
// [update], and empty lists.
func document(o *model.Object) []pair {
	c := o.LockingConfig
	if c == nil {
		return nil
	}
	d := []pair{{K: "module", V: c.Module}}
	if c.LockType != nil {
		d = append(d, pair{K: "lock_type", V: *c.LockType})
	}
	if c.LockedFor != nil && *c.LockedFor != "all_profiles" {
		d = append(d, pair{K: "locked_for", V: *c.LockedFor})
	}
	lists := []struct {
		key  string
		vals *[]string
	}{
		{"lock_excluded_profiles", c.LockExcludedProfiles},
		{"excluded_fields", c.ExcludedFields},
		{"restricted_actions", c.RestrictedActions},
		{"restricted_communications", c.RestrictedCommunications},
		{"restricted_custom_buttons", c.RestrictedCustomButtons},
	}
	for _, l := range lists {
		if l.vals == nil || len(*l.vals) == 0 {
			continue
		}
		if l.key == "restricted_actions" && len(*l.vals) == 1 && (*l.vals)[0] == "update" {
			continue
		}
		d = append(d, pair{K: l.key, V: spec.Sorted(*l.vals)})
	}
	if c.LockForPortalUsers != nil && !*c.LockForPortalUsers {
		d = append(d, pair{K: "lock_for_portal_users", V: false})
	}
	if c.LockingRules != nil && len(*c.LockingRules) > 0 {
		var rules [][]pair
		for _, r := range *c.LockingRules {
			rules = append(rules, ruleDoc(r))
		}
		d = append(d, pair{K: "locking_rules", V: rules})
	}
	return d
}

func ruleDoc(r model.LockingRule) []pair {
	d := []pair{{K: "name", V: r.Name}}
	if r.LockExistingRecords != nil {
		d = append(d, pair{K: "lock_existing_records", V: *r.LockExistingRecords})
	}
	if r.Criteria != nil {
		d = append(d, pair{K: "criteria", V: criteriaDoc(r.Criteria)})
	}
	return d
}

func criteriaDoc(c *model.Criteria) []pair {
	if c.IsGroup() {
		var group [][]pair
		for i := range c.Group {
			group = append(group, criteriaDoc(&c.Group[i]))
		}
		return []pair{{K: "group_operator", V: c.GroupOperator}, {K: "group", V: group}}
	}
	return []pair{{K: "field", V: c.Field}, {K: "comparator", V: c.Comparator}, {K: "value", V: plainValue(c.Value)}}
}

type pair = spec.Pair

// plainValue keeps a criteria value encodable: lists stay lists.
func plainValue(v any) any {
	if l, ok := v.([]any); ok {
		return slices.Clone(l)
	}
	return v
}
