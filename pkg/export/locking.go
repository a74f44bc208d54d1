package export

import (
	"slices"

	"github.com/crmsync/crmsync/pkg/model"
)

// lockingDoc writes a configuration, leaving out the documented defaults:
// locked_for all_profiles, lock_for_portal_users true, restricted_actions
// [update], and empty lists.
func lockingDoc(c *model.LockingConfig) []pair {
	d := append(header(model.KindLockingConfig), pair{"module", c.Module})
	if c.LockType != nil {
		d = append(d, pair{"lock_type", *c.LockType})
	}
	if c.LockedFor != nil && *c.LockedFor != "all_profiles" {
		d = append(d, pair{"locked_for", *c.LockedFor})
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
		d = append(d, pair{l.key, sorted(*l.vals)})
	}
	if c.LockForPortalUsers != nil && !*c.LockForPortalUsers {
		d = append(d, pair{"lock_for_portal_users", false})
	}
	if c.LockingRules != nil && len(*c.LockingRules) > 0 {
		var rules [][]pair
		for _, r := range *c.LockingRules {
			rules = append(rules, ruleDoc(r))
		}
		d = append(d, pair{"locking_rules", rules})
	}
	return d
}

func ruleDoc(r model.LockingRule) []pair {
	d := []pair{{"name", r.Name}}
	if r.LockExistingRecords != nil {
		d = append(d, pair{"lock_existing_records", *r.LockExistingRecords})
	}
	if r.Criteria != nil {
		d = append(d, pair{"criteria", criteriaDoc(r.Criteria)})
	}
	return d
}

func criteriaDoc(c *model.Criteria) []pair {
	if c.IsGroup() {
		var group [][]pair
		for i := range c.Group {
			group = append(group, criteriaDoc(&c.Group[i]))
		}
		return []pair{{"group_operator", c.GroupOperator}, {"group", group}}
	}
	return []pair{{"field", c.Field}, {"comparator", c.Comparator}, {"value", plainValue(c.Value)}}
}

// plainValue keeps a criteria value encodable: lists stay lists.
func plainValue(v any) any {
	if l, ok := v.([]any); ok {
		return slices.Clone(l)
	}
	return v
}
