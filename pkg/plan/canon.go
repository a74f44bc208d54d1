package plan

import (
	"github.com/crmsync/crmsync/pkg/model"
)

// Names in references compare without regard to case or leading and
// trailing spaces (see model.Fold). Before pairing, every name a manifest
// refers to is replaced by the exact name it resolves to: the live name of
// a profile, field, custom button, user or locking rule, and the target
// name of a role. The diff then compares exact names, and requests carry
// the names Zoho has. A name that resolves to nothing is kept as written,
// so that the usual "did you mean" problem names it.

// canonicalize returns a copy of desired whose references use exact names.
// It never changes the objects of desired.
func canonicalize(in Input) *model.State {
	roles := roleNames(in.Desired, in.Observed)
	profiles := foldIndex(refNames(in.Lookups.Profiles))
	var emails []string
	for _, u := range in.Lookups.Users {
		emails = append(emails, u.Email)
	}
	users := foldIndex(emails)
	out := model.NewState()
	for _, d := range in.Desired.Objects() {
		c := *d
		switch {
		case d.Role != nil:
			r := *d.Role
			r.ReportingTo = canonPtr(roles, r.ReportingTo)
			r.ForecastManager = canonPtr(users, r.ForecastManager)
			c.Role = &r
			c.TransferTo = canon(roles, d.TransferTo)
		case d.Module != nil:
			m := *d.Module
			m.Profiles = canonList(profiles, m.Profiles)
			c.Module = &m
		case d.LockingConfig != nil:
			c.LockingConfig = canonLocking(in, d.LockingConfig, profiles)
		case d.Field != nil && d.Field.Permissions != nil:
			f := *d.Field
			perms := make(map[string]string, len(*f.Permissions))
			for p, v := range *f.Permissions {
				perms[canon(profiles, p)] = v
			}
			f.Permissions = &perms
			c.Field = &f
		}
		if d.Replaces != nil {
			r := *d.Replaces
			r.TransferTo = canon(roles, r.TransferTo)
			c.Replaces = &r
		}
		out.Put(&c)
	}
	return out
}

func canonLocking(in Input, lc *model.LockingConfig, profiles map[string]string) *model.LockingConfig {
	m := *lc
	var fields []string
	for _, f := range in.Lookups.Fields[lc.Module] {
		fields = append(fields, f.APIName)
	}
	var rules []string
	if o := in.Observed.Get(model.Key{Kind: model.KindLockingConfig, Name: lc.Module}); o != nil && o.LockingConfig != nil {
		for _, r := range list(o.LockingConfig.LockingRules) {
			rules = append(rules, r.Name)
		}
	}
	m.LockExcludedProfiles = canonList(profiles, lc.LockExcludedProfiles)
	m.ExcludedFields = canonList(foldIndex(fields), lc.ExcludedFields)
	m.RestrictedCustomButtons = canonList(foldIndex(refNames(in.Lookups.Buttons[lc.Module])), lc.RestrictedCustomButtons)
	if lc.LockingRules != nil {
		ix := foldIndex(rules)
		rs := make([]model.LockingRule, len(*lc.LockingRules))
		for i, r := range *lc.LockingRules {
			r.Name = canon(ix, r.Name)
			rs[i] = r
		}
		m.LockingRules = &rs
	}
	return &m
}

// roleNames maps each folded role name to its target name: the name of a
// role manifest that is not absent, else the live name.
func roleNames(desired, observed *model.State) map[string]string {
	var names []string
	taken := map[string]bool{}
	for _, d := range desired.OfKind(model.KindRole) {
		if !d.Absent {
			names, taken[model.Fold(d.Key.Name)] = append(names, d.Key.Name), true
		}
	}
	for _, o := range observed.OfKind(model.KindRole) {
		if !taken[model.Fold(o.Key.Name)] {
			names = append(names, o.Key.Name)
		}
	}
	return foldIndex(names)
}

func refNames(refs []model.Ref) []string {
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = r.Name
	}
	return out
}

// foldIndex maps folded names to exact ones, the first of several that
// fold the same. Exact names are kept too (under a NUL prefix), so that an
// org holding both "a" and "A" still resolves each exactly.
func foldIndex(names []string) map[string]string {
	out := make(map[string]string, 2*len(names))
	for _, n := range names {
		out["\x00"+n] = n
		if f := model.Fold(n); out[f] == "" {
			out[f] = n
		}
	}
	return out
}

func canon(ix map[string]string, name string) string {
	if name == "" {
		return name
	}
	if _, ok := ix["\x00"+name]; ok {
		return name
	}
	if exact, ok := ix[model.Fold(name)]; ok {
		return exact
	}
	return name
}

func canonPtr(ix map[string]string, p *string) *string {
	if p == nil || *p == "" {
		return p
	}
	return model.Ptr(canon(ix, *p))
}

func canonList(ix map[string]string, p *[]string) *[]string {
	if p == nil {
		return nil
	}
	out := make([]string, len(*p))
	for i, n := range *p {
		out[i] = canon(ix, n)
	}
	return &out
}
