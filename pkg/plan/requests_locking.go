package plan

import (
	klocking "github.com/crmsync/crmsync/pkg/kinds/locking"
	"github.com/crmsync/crmsync/pkg/kinds/spec"
	"github.com/crmsync/crmsync/pkg/model"
)

const lockingPath = klocking.Path

// lockingRequests builds the one request of a locking-configuration change.
//
// Update bodies carry the id, lock_type (the update page lists it as
// mandatory), the keys that changed, and the keys the API requires with
// them: locking_rules whenever the lock type is automatic or both, and
// lock_excluded_profiles whenever locked_for excludes profiles
// (DEPENDENT_FIELD_MISSING otherwise). Rules are sent as the complete wanted
// set (kept rules with their id, new rules without, removed rules as
// {"id", "_delete": true}), which is correct whether Zoho keeps or drops
// rules a PUT does not mention.
func (b *builder) lockingRequests(c *Change) {
	q := []Param{{Name: "module", Value: c.Key.Name}}
	d := b.desiredOf(c)
	switch c.Action {
	case Create:
		item := b.lockingItem(d, c.After.LockingConfig, nil, allLockingKeys(c.After.LockingConfig))
		b.newRequest("POST", lockingPath, q, klocking.Key, lockingBody(item), []model.Key{c.Key})
	case Update:
		cfg := c.After.LockingConfig
		keys := changedKeys(c)
		keys["lock_type"] = true
		if t := deref(cfg.LockType); t == "automatic" || t == "both" {
			keys["locking_rules"] = true
		}
		if deref(cfg.LockedFor) == lockedForExcept && (keys["locked_for"] || keys["lock_excluded_profiles"]) {
			keys["locked_for"], keys["lock_excluded_profiles"] = true, true
		}
		item := b.lockingItem(d, cfg, c.Before.LockingConfig, keys)
		item.ID = c.ID
		b.newRequest("PUT", lockingPath+"/"+c.ID, q, klocking.Key, lockingBody(item), []model.Key{c.Key})
	case Delete:
		b.newRequest("DELETE", lockingPath+"/"+c.ID, q, klocking.Key, nil, []model.Key{c.Key})
	}
}

func lockingBody(it klocking.Item) klocking.Body {
	return klocking.Body{Configs: []klocking.Item{it}}
}

func allLockingKeys(cfg *model.LockingConfig) map[string]bool {
	keys := map[string]bool{"lock_type": true}
	set := func(k string, managed bool) {
		if managed {
			keys[k] = true
		}
	}
	set("locked_for", cfg.LockedFor != nil)
	set("lock_excluded_profiles", cfg.LockExcludedProfiles != nil)
	set("excluded_fields", cfg.ExcludedFields != nil)
	set("restricted_actions", cfg.RestrictedActions != nil)
	set("restricted_communications", cfg.RestrictedCommunications != nil)
	set("restricted_custom_buttons", cfg.RestrictedCustomButtons != nil)
	set("lock_for_portal_users", cfg.LockForPortalUsers != nil)
	set("locking_rules", cfg.LockingRules != nil)
	return keys
}

// lockingItem renders the keys of cfg (the target state) into one body item.
// live is the observed configuration, whose rules missing from cfg are sent
// as deletions; nil for a create.
func (b *builder) lockingItem(d *model.Object, cfg, live *model.LockingConfig, keys map[string]bool) klocking.Item {
	var item klocking.Item
	module := cfg.Module
	if keys["lock_type"] {
		item.LockType = cfg.LockType
	}
	if keys["locked_for"] {
		item.LockedFor = cfg.LockedFor
	}
	if keys["lock_excluded_profiles"] {
		item.LockExcludedProfiles = []*spec.NamedRef{}
		for i, name := range list(cfg.LockExcludedProfiles) {
			item.LockExcludedProfiles = append(item.LockExcludedProfiles, b.profileRef(d, name, "lock_excluded_profiles", i))
		}
	}
	if keys["excluded_fields"] {
		item.ExcludedFields = []*spec.FieldRef{}
		for i, name := range list(cfg.ExcludedFields) {
			f, _ := b.fieldRef(d, module, name, "excluded_fields", i)
			item.ExcludedFields = append(item.ExcludedFields, f)
		}
	}
	if keys["restricted_actions"] {
		item.RestrictedActions = withItem(nonNil(list(cfg.RestrictedActions)), "update")
	}
	if keys["restricted_communications"] {
		item.RestrictedCommunications = nonNil(list(cfg.RestrictedCommunications))
	}
	if keys["restricted_custom_buttons"] {
		item.RestrictedCustomButtons = []*spec.NamedRef{}
		for i, name := range list(cfg.RestrictedCustomButtons) {
			item.RestrictedCustomButtons = append(item.RestrictedCustomButtons, b.buttonRef(d, module, name, "restricted_custom_buttons", i))
		}
	}
	if keys["lock_for_portal_users"] {
		item.LockForPortalUsers = cfg.LockForPortalUsers
	}
	if keys["locking_rules"] {
		item.LockingRules = b.rulesItem(d, module, cfg, live)
	}
	return item
}

// rulesItem renders the wanted rules plus deletions of live rules the
// manifest no longer names.
func (b *builder) rulesItem(d *model.Object, module string, cfg, live *model.LockingConfig) []klocking.Rule {
	rules := []klocking.Rule{}
	wanted := map[string]bool{}
	for i, r := range list(cfg.LockingRules) {
		wanted[r.Name] = true
		item := klocking.Rule{Name: r.Name, ID: r.ID, LockExistingRecords: r.LockExistingRecords}
		if r.Criteria != nil {
			item.Criteria = b.criteriaItem(d, module, r.Criteria, "locking_rules", i, "criteria")
		}
		rules = append(rules, item)
	}
	if live != nil && cfg.LockingRules != nil {
		for _, r := range list(live.LockingRules) {
			if !wanted[r.Name] && r.ID != "" {
				rules = append(rules, klocking.Rule{ID: r.ID, Delete: true})
			}
		}
	}
	return rules
}

// criteriaItem renders criteria with each field resolved to {api_name, id}.
func (b *builder) criteriaItem(d *model.Object, module string, c *model.Criteria, path ...any) *klocking.Criteria {
	if c.IsGroup() {
		group := []klocking.Criteria{}
		for i := range c.Group {
			group = append(group, *b.criteriaItem(d, module, &c.Group[i], at(path, "group", i)...))
		}
		return &klocking.Criteria{GroupOperator: c.GroupOperator, Group: group}
	}
	f, field := b.fieldRef(d, module, c.Field, at(path, "field")...)
	b.checkPicklist(d, field, c.Value, at(path, "value")...)
	return &klocking.Criteria{Comparator: c.Comparator, Field: f, Value: c.Value}
}

// at extends a key path without sharing the caller's backing array.
func at(path []any, more ...any) []any {
	return append(append(make([]any, 0, len(path)+len(more)), path...), more...)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
