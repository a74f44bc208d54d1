package plan

import "github.com/crmsync/crmsync/pkg/model"

const lockingPath = "/settings/record_locking_configurations"

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
		b.newRequest("POST", lockingPath, q, "record_locking_configurations", []any{item}, []model.Key{c.Key})
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
		item["id"] = c.ID
		b.newRequest("PUT", lockingPath+"/"+c.ID, q, "record_locking_configurations", []any{item}, []model.Key{c.Key})
	case Delete:
		b.newRequest("DELETE", lockingPath+"/"+c.ID, q, "record_locking_configurations", nil, []model.Key{c.Key})
	}
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
func (b *builder) lockingItem(d *model.Object, cfg, live *model.LockingConfig, keys map[string]bool) map[string]any {
	item := map[string]any{}
	module := cfg.Module
	if keys["lock_type"] && cfg.LockType != nil {
		item["lock_type"] = *cfg.LockType
	}
	if keys["locked_for"] && cfg.LockedFor != nil {
		item["locked_for"] = *cfg.LockedFor
	}
	if keys["lock_excluded_profiles"] {
		refs := []any{}
		for i, name := range list(cfg.LockExcludedProfiles) {
			refs = append(refs, b.profileRef(d, name, "lock_excluded_profiles", i))
		}
		item["lock_excluded_profiles"] = refs
	}
	if keys["excluded_fields"] {
		refs := []any{}
		for i, name := range list(cfg.ExcludedFields) {
			f, _ := b.fieldRef(d, module, name, "excluded_fields", i)
			refs = append(refs, f)
		}
		item["excluded_fields"] = refs
	}
	if keys["restricted_actions"] {
		item["restricted_actions"] = withItem(nonNil(list(cfg.RestrictedActions)), "update")
	}
	if keys["restricted_communications"] {
		item["restricted_communications"] = nonNil(list(cfg.RestrictedCommunications))
	}
	if keys["restricted_custom_buttons"] {
		refs := []any{}
		for i, name := range list(cfg.RestrictedCustomButtons) {
			refs = append(refs, b.buttonRef(d, module, name, "restricted_custom_buttons", i))
		}
		item["restricted_custom_buttons"] = refs
	}
	if keys["lock_for_portal_users"] && cfg.LockForPortalUsers != nil {
		item["lock_for_portal_users"] = *cfg.LockForPortalUsers
	}
	if keys["locking_rules"] {
		item["locking_rules"] = b.rulesItem(d, module, cfg, live)
	}
	return item
}

// rulesItem renders the wanted rules plus deletions of live rules the
// manifest no longer names.
func (b *builder) rulesItem(d *model.Object, module string, cfg, live *model.LockingConfig) []any {
	rules := []any{}
	wanted := map[string]bool{}
	for i, r := range list(cfg.LockingRules) {
		wanted[r.Name] = true
		item := map[string]any{"name": r.Name}
		if r.ID != "" {
			item["id"] = r.ID
		}
		if r.LockExistingRecords != nil {
			item["lock_existing_records"] = *r.LockExistingRecords
		}
		if r.Criteria != nil {
			item["criteria"] = b.criteriaItem(d, module, r.Criteria, "locking_rules", i, "criteria")
		}
		rules = append(rules, item)
	}
	if live != nil && cfg.LockingRules != nil {
		for _, r := range list(live.LockingRules) {
			if !wanted[r.Name] && r.ID != "" {
				rules = append(rules, map[string]any{"id": r.ID, "_delete": true})
			}
		}
	}
	return rules
}

// criteriaItem renders criteria with each field resolved to {api_name, id}.
func (b *builder) criteriaItem(d *model.Object, module string, c *model.Criteria, path ...any) map[string]any {
	if c.IsGroup() {
		group := []any{}
		for i := range c.Group {
			group = append(group, b.criteriaItem(d, module, &c.Group[i], at(path, "group", i)...))
		}
		return map[string]any{"group_operator": c.GroupOperator, "group": group}
	}
	f, field := b.fieldRef(d, module, c.Field, at(path, "field")...)
	b.checkPicklist(d, field, c.Value, at(path, "value")...)
	return map[string]any{"comparator": c.Comparator, "field": f, "value": c.Value}
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
