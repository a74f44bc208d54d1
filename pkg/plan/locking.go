package plan

import (
	"slices"

	"github.com/crmsync/crmsync/pkg/model"
)

// Documented server defaults of a locking configuration (update record
// locking configuration page): locked_for defaults to all_profiles,
// lock_for_portal_users to true, and "update" is always restricted.
const (
	defaultLockedFor = "all_profiles"
	lockedForExcept  = "all_profiles_except_excluded_profiles"
)

func (b *builder) diffLocking(d, o *model.Object) *Change {
	if b.lockingRefused(d) {
		return nil
	}
	dc := d.LockingConfig
	var oc *model.LockingConfig
	if o != nil {
		oc = o.LockingConfig
	}
	before, after := lockViews(dc, oc)
	if o == nil {
		b.checkRuleDuplicates(d, list(dc.LockingRules))
		// Compared with nothing, not with Zoho's defaults: a new
		// configuration shows every key it sets.
		return &Change{Key: d.Key, Action: Create, After: d, Fields: fieldDiffs(lockView{}, after)}
	}
	c := &Change{Key: d.Key, Action: Update, Fields: fieldDiffs(before, after)}
	c.After = &model.Object{Key: d.Key, ID: o.ID, LockingConfig: mergeLocking(dc, oc)}
	b.checkRuleDuplicates(d, list(c.After.LockingConfig.LockingRules))
	return c
}

// lockViews builds the comparable views of the desired and observed
// configurations; oc is nil for a create.
func lockViews(dc, oc *model.LockingConfig) (before, after lockView) {
	if oc == nil {
		oc = &model.LockingConfig{}
	}
	if dc.LockType != nil {
		after.LockType, before.LockType = dc.LockType, oc.LockType
	}
	if dc.LockedFor != nil {
		after.LockedFor, before.LockedFor = dc.LockedFor, orDefault(oc.LockedFor, defaultLockedFor)
	}
	sets := []struct {
		d, o  *[]string
		a, bf **string
		extra string
	}{
		{dc.LockExcludedProfiles, oc.LockExcludedProfiles, &after.LockExcludedProfiles, &before.LockExcludedProfiles, ""},
		{dc.ExcludedFields, oc.ExcludedFields, &after.ExcludedFields, &before.ExcludedFields, ""},
		{dc.RestrictedActions, oc.RestrictedActions, &after.RestrictedActions, &before.RestrictedActions, "update"},
		{dc.RestrictedCommunications, oc.RestrictedCommunications, &after.RestrictedCommunications, &before.RestrictedCommunications, ""},
		{dc.RestrictedCustomButtons, oc.RestrictedCustomButtons, &after.RestrictedCustomButtons, &before.RestrictedCustomButtons, ""},
	}
	for _, s := range sets {
		if s.d == nil {
			continue
		}
		*s.a, *s.bf = setText(withItem(*s.d, s.extra), false), setText(withItem(list(s.o), s.extra), false)
	}
	if dc.LockForPortalUsers != nil {
		after.LockForPortalUsers, before.LockForPortalUsers = dc.LockForPortalUsers, orDefault(oc.LockForPortalUsers, true)
	}
	if dc.LockingRules != nil {
		before.Rules, after.Rules = ruleViews(*dc.LockingRules, list(oc.LockingRules))
	}
	return before, after
}

// ruleViews pairs rules by name. A key a desired rule leaves out is masked
// on the observed rule of the same name.
func ruleViews(desired, observed []model.LockingRule) (before, after []ruleView) {
	managed := map[string]model.LockingRule{}
	for _, r := range desired {
		managed[r.Name] = r
		after = append(after, ruleView{Name: r.Name, LockExistingRecords: r.LockExistingRecords, Criteria: criteriaPtr(r.Criteria)})
	}
	for _, r := range observed {
		v := ruleView{Name: r.Name, LockExistingRecords: orDefault(r.LockExistingRecords, false), Criteria: criteriaPtr(r.Criteria)}
		if d, ok := managed[r.Name]; ok {
			if d.LockExistingRecords == nil {
				v.LockExistingRecords = nil
			}
			if d.Criteria == nil {
				v.Criteria = nil
			}
		}
		before = append(before, v)
	}
	return before, after
}

func criteriaPtr(c *model.Criteria) *string {
	if c == nil {
		return nil
	}
	t := criteriaText(c)
	return &t
}

// mergeLocking overlays the managed keys of dc on oc.
func mergeLocking(dc, oc *model.LockingConfig) *model.LockingConfig {
	m := *oc
	m.Module = dc.Module
	overlay(&m.LockType, dc.LockType)
	overlay(&m.LockedFor, dc.LockedFor)
	overlay(&m.LockExcludedProfiles, dc.LockExcludedProfiles)
	overlay(&m.ExcludedFields, dc.ExcludedFields)
	overlay(&m.RestrictedActions, dc.RestrictedActions)
	overlay(&m.RestrictedCommunications, dc.RestrictedCommunications)
	overlay(&m.RestrictedCustomButtons, dc.RestrictedCustomButtons)
	overlay(&m.LockForPortalUsers, dc.LockForPortalUsers)
	if dc.LockingRules != nil {
		byName := map[string]model.LockingRule{}
		for _, r := range list(oc.LockingRules) {
			byName[r.Name] = r
		}
		rules := make([]model.LockingRule, 0, len(*dc.LockingRules))
		for _, r := range *dc.LockingRules {
			if live, ok := byName[r.Name]; ok {
				r.ID = live.ID
				if r.LockExistingRecords == nil {
					r.LockExistingRecords = live.LockExistingRecords
				}
				if r.Criteria == nil {
					r.Criteria = live.Criteria
				}
			}
			rules = append(rules, r)
		}
		m.LockingRules = &rules
	}
	return &m
}

// overlay sets *dst to src when the manifest manages the key (src != nil),
// keeping the live value otherwise.
func overlay[T any](dst **T, src *T) {
	if src != nil {
		*dst = src
	}
}

func orDefault[T any](p *T, def T) *T {
	if p != nil {
		return p
	}
	return &def
}

func list[T any](p *[]T) []T {
	if p == nil {
		return nil
	}
	return *p
}

func withItem(items []string, extra string) []string {
	if extra == "" || slices.Contains(items, extra) {
		return items
	}
	return append(slices.Clone(items), extra)
}
