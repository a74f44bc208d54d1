package bench

import "github.com/crmsync/crmsync/pkg/emulator"

// seed turns the live world into an emulator seed. Ids are left to the
// emulator, which generates them deterministically.
func (w *world) seed() *emulator.Seed {
	s := &emulator.Seed{Org: emulator.Org{ID: "20000000000000001", CompanyName: "Bench Org", Edition: "enterprise"}}
	for i, p := range w.profiles {
		s.Profiles = append(s.Profiles, emulator.Profile{Name: p, Custom: i >= 2})
	}
	for _, m := range w.modules {
		s.Modules = append(s.Modules, w.seedModule(m))
	}
	for _, r := range w.roles {
		s.Roles = append(s.Roles, w.seedRole(r))
	}
	// A role names its forecast manager by the user's email, which the
	// emulator resolves once users are loaded.
	for _, u := range w.users {
		s.Users = append(s.Users, emulator.User{FirstName: u.first, LastName: u.last, Email: u.email,
			Role: emulator.Ref{Name: w.roles[u.role].name}, Profile: emulator.Ref{Name: w.profiles[u.profile]}})
	}
	for _, c := range w.contactRoles {
		s.ContactRoles = append(s.ContactRoles, emulator.ContactRole{Name: c.name, SequenceNumber: c.seq})
	}
	for _, l := range w.locks {
		s.LockingConfigs = append(s.LockingConfigs, w.seedLock(l))
	}
	return s
}

func (w *world) seedModule(m module) emulator.Module {
	sm := emulator.Module{APIName: m.apiName, PluralLabel: m.plural, SingularLabel: m.singular, GeneratedType: "default"}
	if m.custom {
		sm.GeneratedType = "custom"
		for _, p := range m.profiles {
			sm.Profiles = append(sm.Profiles, emulator.Ref{Name: w.profiles[p]})
		}
	}
	for _, f := range m.fields {
		sm.Fields = append(sm.Fields, w.seedField(f, m.custom))
	}
	for _, b := range m.buttons {
		sm.CustomButtons = append(sm.CustomButtons, emulator.Ref{Name: b})
	}
	return sm
}

func (w *world) seedRole(r role) emulator.Role {
	desc := r.desc
	sr := emulator.Role{Name: r.name, Description: &desc, ShareWithPeers: r.share}
	if r.parent >= 0 {
		sr.ReportingTo = &emulator.Ref{Name: w.roles[r.parent].name}
	}
	if r.fm >= 0 {
		u := w.users[r.fm]
		sr.ForecastManager = &emulator.Ref{Name: u.email}
	}
	return sr
}

func (w *world) seedLock(l lock) emulator.LockingConfig {
	portal := l.portal
	sl := emulator.LockingConfig{Module: w.modules[l.module].apiName, LockType: l.lockType, LockedFor: l.lockedFor,
		RestrictedActions: l.actions, RestrictedCommunications: l.comms, LockForPortalUsers: &portal}
	for _, p := range l.excludedProfiles {
		sl.LockExcludedProfiles = append(sl.LockExcludedProfiles, emulator.Ref{Name: w.profiles[p]})
	}
	for _, f := range l.excludedFields {
		sl.ExcludedFields = append(sl.ExcludedFields, emulator.FieldRef{APIName: f})
	}
	for _, b := range l.buttons {
		sl.RestrictedCustomButtons = append(sl.RestrictedCustomButtons, emulator.Ref{Name: b})
	}
	for _, r := range l.rules {
		sl.LockingRules = append(sl.LockingRules, emulator.LockingRule{Name: r.name, LockExistingRecords: r.existing,
			Criteria: seedCrit(r.crit)})
	}
	return sl
}

func seedCrit(c crit) *emulator.Criteria {
	if c.op == "" {
		return &emulator.Criteria{Comparator: "equal", Field: &emulator.FieldRef{APIName: c.field}, Value: c.value}
	}
	out := &emulator.Criteria{GroupOperator: c.op}
	for _, g := range c.group {
		out.Group = append(out.Group, *seedCrit(g))
	}
	return out
}
