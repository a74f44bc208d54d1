package emulator

import (
	"fmt"
	"strings"
)

// resolveRoles links roles to their parents and forecast managers, checks
// that there is exactly one top role and no cycle, and marks the top role
// admin_user.
func (st *state) resolveRoles(s *Seed, now string) error {
	byName := make(map[string]*Role, len(st.roles))
	for _, r := range st.roles {
		byName[r.Name] = r
	}
	cur := st.currentUser()
	tops := 0
	for _, r := range st.roles {
		if r.CreatedBy == nil {
			r.CreatedBy = cur
		}
		if r.ModifiedBy == nil {
			r.ModifiedBy = r.CreatedBy
		}
		if r.ReportingTo == nil {
			tops++
			r.AdminUser = true
		} else {
			p := st.roleByID[r.ReportingTo.ID]
			if r.ReportingTo.ID == "" {
				p = byName[r.ReportingTo.Name]
			}
			if p == nil || p == r {
				return fmt.Errorf("role %q: unknown reporting_to %+v", r.Name, *r.ReportingTo)
			}
			r.ReportingTo = &Ref{ID: p.ID, Name: p.Name}
			r.AdminUser = false
		}
		if r.ForecastManager != nil {
			u := st.findUser(*r.ForecastManager)
			if u == nil {
				return fmt.Errorf("role %q: unknown forecast_manager %+v", r.Name, *r.ForecastManager)
			}
			r.ForecastManager = &Ref{ID: u.ID, Name: u.FullName}
		}
	}
	if len(st.roles) > 0 && tops != 1 {
		return fmt.Errorf("roles: want exactly one top role (no reporting_to), got %d", tops)
	}
	return st.checkRoleCycles()
}

// checkRoleCycles walks every role up to the top, memoising finished roles,
// so the whole check is linear.
func (st *state) checkRoleCycles() error {
	done := make(map[*Role]bool, len(st.roles))
	for _, r := range st.roles {
		onPath := map[*Role]bool{}
		for x := r; x != nil && !done[x]; x = st.parentOf(x) {
			if onPath[x] {
				return fmt.Errorf("roles: reporting_to cycle through %q", x.Name)
			}
			onPath[x] = true
		}
		for x := range onPath {
			done[x] = true
		}
	}
	return nil
}

func (st *state) parentOf(r *Role) *Role {
	if r.ReportingTo == nil {
		return nil
	}
	return st.roleByID[r.ReportingTo.ID]
}

func (st *state) loadContactRoles(s *Seed, now string) error {
	st.crByID = make(map[string]*ContactRole, len(s.ContactRoles))
	names := map[string]bool{}
	for i := range s.ContactRoles {
		c := &s.ContactRoles[i]
		key := strings.ToLower(c.Name)
		if c.Name == "" || names[key] {
			return fmt.Errorf("contact role %d: missing or duplicate name %q", i, c.Name)
		}
		names[key] = true
		if c.ID == "" {
			c.ID = st.ids.newID()
		}
		if c.SequenceNumber == 0 {
			c.SequenceNumber = i + 1
		}
		st.contactRoles = append(st.contactRoles, c)
		st.crByID[c.ID] = c
	}
	return nil
}

func (st *state) loadLocks(s *Seed, now string) error {
	st.lockByModule = map[string]*LockingConfig{}
	for i := range s.LockingConfigs {
		l := &s.LockingConfigs[i]
		m := st.moduleByAPI[l.Module]
		if m == nil || st.lockByModule[l.Module] != nil {
			return fmt.Errorf("record locking config %d: unknown module or second config for %q", i, l.Module)
		}
		if err := st.fillLock(l, m, now); err != nil {
			return fmt.Errorf("record locking config of %s: %w", l.Module, err)
		}
		st.locks = append(st.locks, l)
		st.lockByModule[l.Module] = l
	}
	return nil
}

func (st *state) fillLock(l *LockingConfig, m *Module, now string) error {
	if !oneOf(l.LockType, lockTypeValues()...) {
		return fmt.Errorf("lock_type %q", l.LockType)
	}
	if l.ID == "" {
		l.ID = st.ids.newID()
	}
	if l.LockedFor == "" {
		l.LockedFor = lockedForAll
	}
	if l.FeatureType == "" {
		l.FeatureType = "record_locking"
	}
	if l.LockForPortalUsers == nil {
		t := true
		l.LockForPortalUsers = &t
	}
	l.RestrictedActions = withUpdate(l.RestrictedActions)
	if l.CreatedTime == "" {
		l.CreatedTime = now
	}
	if l.ModifiedTime == "" {
		l.ModifiedTime = l.CreatedTime
	}
	if l.CreatedBy == nil {
		l.CreatedBy = st.currentUser()
	}
	if l.ModifiedBy == nil {
		l.ModifiedBy = l.CreatedBy
	}
	return st.resolveLockRefs(l, m)
}

func (st *state) resolveLockRefs(l *LockingConfig, m *Module) error {
	for j, r := range l.LockExcludedProfiles {
		ref, err := st.resolveProfile(r)
		if err != nil {
			return err
		}
		l.LockExcludedProfiles[j] = ref
	}
	for j, f := range l.ExcludedFields {
		fd := findField(m, f.APIName, f.ID)
		if fd == nil {
			return fmt.Errorf("unknown excluded field %+v", f)
		}
		l.ExcludedFields[j] = FieldRef{APIName: fd.APIName, ID: fd.ID}
	}
	for j, b := range l.RestrictedCustomButtons {
		btn := findButton(m, b)
		if btn == nil {
			return fmt.Errorf("unknown custom button %+v", b)
		}
		l.RestrictedCustomButtons[j] = *btn
	}
	for j := range l.LockingRules {
		r := &l.LockingRules[j]
		if r.ID == "" {
			r.ID = st.ids.newID()
		}
		if r.Criteria == nil {
			return fmt.Errorf("rule %q: missing criteria", r.Name)
		}
		if err := resolveSeedCriteria(r.Criteria, m); err != nil {
			return fmt.Errorf("rule %q: %w", r.Name, err)
		}
	}
	return nil
}

func resolveSeedCriteria(c *Criteria, m *Module) error {
	for i := range c.Group {
		if err := resolveSeedCriteria(&c.Group[i], m); err != nil {
			return err
		}
	}
	if c.Field != nil {
		fd := findField(m, c.Field.APIName, c.Field.ID)
		if fd == nil {
			return fmt.Errorf("unknown criteria field %+v", *c.Field)
		}
		c.Field = &FieldRef{APIName: fd.APIName, ID: fd.ID}
	}
	c.Value = roundTripValue(c.Value)
	return nil
}

func findButton(m *Module, r Ref) *Ref {
	for i := range m.CustomButtons {
		b := &m.CustomButtons[i]
		if (r.ID != "" && b.ID == r.ID) || (r.ID == "" && b.Name == r.Name) {
			return b
		}
	}
	return nil
}
