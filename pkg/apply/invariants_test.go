package apply

// Look-ups in emulator snapshots, and the invariants every faulty apply
// must keep: nothing duplicated, nothing changed or deleted that no plan
// changes or deletes.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/plan"
)

// checkSafe asserts the invariants of a faulty apply, comparing the org
// before (when the plans were made) and after: nothing is duplicated, an
// object no plan changes is unchanged, and only objects the plans delete
// are gone.
func checkSafe(t testing.TB, before, after *emulator.Seed, plans ...*plan.Plan) {
	t.Helper()
	checkNoDuplicates(t, after)
	touched, deleted := map[string]bool{}, map[string]bool{}
	for _, p := range plans {
		for _, c := range p.Changes {
			touched[c.ID] = true
			if c.Action == plan.Delete {
				deleted[c.ID] = true
			}
			if c.Replaces != nil {
				touched[c.Replaces.ID], deleted[c.Replaces.ID] = true, true
			}
		}
	}
	for _, ro := range before.Roles {
		now := roleByID(after, ro.ID)
		switch {
		case now == nil && !deleted[ro.ID]:
			t.Errorf("role %q was deleted, but no plan deletes it", ro.Name)
		case now != nil && !touched[ro.ID] && !sameRole(*now, ro):
			t.Errorf("role %q changed, but no plan changes it:\n%+v\nwas\n%+v", ro.Name, *now, ro)
		}
	}
	for _, cr := range before.ContactRoles {
		now := crByID(after, cr.ID)
		switch {
		case now == nil && !deleted[cr.ID]:
			t.Errorf("contact role %q was deleted, but no plan deletes it", cr.Name)
		case now != nil && !touched[cr.ID] && *now != cr:
			t.Errorf("contact role %q changed to %+v, but no plan changes it", cr.Name, *now)
		}
	}
	for _, c := range before.LockingConfigs {
		now := findLock(after, c.Module)
		switch {
		case now == nil && !deleted[c.ID]:
			t.Errorf("the %s locking configuration was deleted, but no plan deletes it", c.Module)
		case now != nil && !touched[c.ID] && !jsonSame(*now, c):
			t.Errorf("the %s locking configuration changed, but no plan changes it", c.Module)
		}
	}
	checkGlobalPicklistsSafe(t, before, after, touched, deleted)
	for _, m := range before.Modules {
		// The options of a field that uses a global picklist follow the
		// set (checked above).
		if !touched[m.ID] && !jsonSame(withoutGlobalFields(moduleOf(t, after, m.APIName)), withoutGlobalFields(m)) {
			t.Errorf("module %s changed, but no plan changes it", m.APIName)
		}
	}
	for _, u := range before.Users {
		if now := userByEmail(after, u.Email); now == nil || (!deleted[u.Role.ID] && now.Role.ID != u.Role.ID) {
			t.Errorf("user %s lost or moved: %+v", u.Email, now)
		}
	}
}

// sameRole compares roles by what a write can change; the name copied into
// reporting_to follows a rename of the parent.
func sameRole(a, b emulator.Role) bool {
	ref := func(r *emulator.Ref) string {
		if r == nil {
			return ""
		}
		return r.ID
	}
	return a.Name == b.Name && ref(a.ReportingTo) == ref(b.ReportingTo) && ref(a.ForecastManager) == ref(b.ForecastManager) &&
		jsonSame(a.Description, b.Description) && a.ShareWithPeers == b.ShareWithPeers
}

// checkNoDuplicates asserts unique role and contact-role names and one
// locking configuration per module.
func checkNoDuplicates(t testing.TB, s *emulator.Seed) {
	t.Helper()
	seen := map[string]bool{}
	for _, r := range s.Roles {
		if seen["role:"+r.Name] {
			t.Errorf("role %q exists twice", r.Name)
		}
		seen["role:"+r.Name] = true
	}
	for _, c := range s.ContactRoles {
		if k := "cr:" + strings.ToLower(c.Name); seen[k] {
			t.Errorf("contact role %q exists twice", c.Name)
		} else {
			seen[k] = true
		}
	}
	for _, c := range s.LockingConfigs {
		if seen["lock:"+c.Module] {
			t.Errorf("module %s has two locking configurations", c.Module)
		}
		seen["lock:"+c.Module] = true
	}
}

func crByID(s *emulator.Seed, id string) *emulator.ContactRole {
	for i := range s.ContactRoles {
		if s.ContactRoles[i].ID == id {
			return &s.ContactRoles[i]
		}
	}
	return nil
}

func userByEmail(s *emulator.Seed, email string) *emulator.User {
	for i := range s.Users {
		if s.Users[i].Email == email {
			return &s.Users[i]
		}
	}
	return nil
}

func findLock(s *emulator.Seed, module string) *emulator.LockingConfig {
	for i := range s.LockingConfigs {
		if s.LockingConfigs[i].Module == module {
			return &s.LockingConfigs[i]
		}
	}
	return nil
}

func lockOf(t testing.TB, s *emulator.Seed, module string) emulator.LockingConfig {
	t.Helper()
	c := findLock(s, module)
	if c == nil {
		t.Fatalf("no locking configuration for %s", module)
	}
	return *c
}

// ruleNames lists a configuration's rule names, sorted, comma-separated.
func ruleNames(c emulator.LockingConfig) string {
	var names []string
	for _, r := range c.LockingRules {
		names = append(names, r.Name)
	}
	slices.Sort(names)
	return strings.Join(names, ",")
}

func ruleByName(c emulator.LockingConfig, name string) emulator.LockingRule {
	for _, r := range c.LockingRules {
		if r.Name == name {
			return r
		}
	}
	return emulator.LockingRule{}
}

func moduleOf(t testing.TB, s *emulator.Seed, apiName string) emulator.Module {
	t.Helper()
	for _, m := range s.Modules {
		if m.APIName == apiName {
			return m
		}
	}
	t.Fatalf("no module %s", apiName)
	return emulator.Module{}
}

// refNames lists the names of refs, sorted, comma-separated.
func refNames(refs []emulator.Ref) string {
	var names []string
	for _, r := range refs {
		names = append(names, r.Name)
	}
	slices.Sort(names)
	return strings.Join(names, ",")
}

func findRole(s *emulator.Seed, name string) *emulator.Role {
	for i := range s.Roles {
		if s.Roles[i].Name == name {
			return &s.Roles[i]
		}
	}
	return nil
}

func roleByID(s *emulator.Seed, id string) *emulator.Role {
	for i := range s.Roles {
		if s.Roles[i].ID == id {
			return &s.Roles[i]
		}
	}
	return nil
}

func roleOf(t testing.TB, s *emulator.Seed, name string) emulator.Role {
	t.Helper()
	r := findRole(s, name)
	if r == nil {
		t.Fatalf("no role %q", name)
	}
	return *r
}

// wantParents asserts the reporting_to of roles, by name.
func wantParents(t testing.TB, s *emulator.Seed, parents map[string]string) {
	t.Helper()
	for name, parent := range parents {
		r := roleOf(t, s, name)
		if r.ReportingTo == nil || roleByID(s, r.ReportingTo.ID) == nil || roleByID(s, r.ReportingTo.ID).Name != parent {
			t.Errorf("role %q reports to %+v, want %q", name, r.ReportingTo, parent)
		}
	}
}

func findCR(s *emulator.Seed, name string) *emulator.ContactRole {
	for i := range s.ContactRoles {
		if s.ContactRoles[i].Name == name {
			return &s.ContactRoles[i]
		}
	}
	return nil
}

func crOf(t testing.TB, s *emulator.Seed, name string) emulator.ContactRole {
	t.Helper()
	c := findCR(s, name)
	if c == nil {
		t.Fatalf("no contact role %q", name)
	}
	return *c
}

// contactRoleOrder renders the contact roles as name=sequence, in picklist
// order.
func contactRoleOrder(s *emulator.Seed) string {
	crs := slices.Clone(s.ContactRoles)
	slices.SortStableFunc(crs, func(a, b emulator.ContactRole) int { return a.SequenceNumber - b.SequenceNumber })
	parts := make([]string, len(crs))
	for i, c := range crs {
		parts[i] = fmt.Sprintf("%s=%d", c.Name, c.SequenceNumber)
	}
	return strings.Join(parts, ",")
}

func usersWithRole(s *emulator.Seed, roleID string) int {
	n := 0
	for _, u := range s.Users {
		if u.Role.ID == roleID {
			n++
		}
	}
	return n
}

func lastWrite(log []emulator.LoggedRequest) emulator.LoggedRequest {
	w := writes(log)
	if len(w) == 0 {
		return emulator.LoggedRequest{}
	}
	return w[len(w)-1]
}

// jsonSame compares two values by their JSON encoding.
func jsonSame(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(x, y)
}
