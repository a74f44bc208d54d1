package bench

import (
	"strings"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/model"
)

// usersPerPage is the largest page of GET /users [api.md §5.3].
const usersPerPage = 200

// MinReads is the fewest GETs a plan of a set of manifests needs, by rule.
// It is computed here from the manifests and the org, independently of
// package observe:
//   - one list GET for each of Module, Role and ContactRole present;
//   - one locking GET per module with a locking manifest;
//   - profiles once, if any manifest names a profile (a Field manifest
//     with permissions does);
//   - fields of each module whose locking manifest names a field
//     (excluded_fields or a rule criteria) or that a Field manifest is
//     in, one GET per module for both;
//   - custom buttons of each module whose locking manifest names a button;
//   - users, one GET per page of 200, if a role names a forecast manager;
//   - one single-module GET per managed custom module whose entry in the
//     module list is truncated (more profiles than the list shows). These
//     need the module list first: they are the only reads that depend on
//     another read.
type MinReads struct {
	Lists, Locking, Profiles, Fields, Buttons, UserPages, Modules int
}

// Total is the number of GETs.
func (m MinReads) Total() int {
	return m.Lists + m.Locking + m.Profiles + m.Fields + m.Buttons + m.UserPages + m.Modules
}

// Rounds is the fewest latency rounds in which conc calls at a time can
// make the reads: the makespan of an optimal schedule of unit-time calls
// on conc slots. Without single-module GETs it is ceil(N/conc). With them,
// the first round can only hold reads that depend on nothing (the module
// list among them), at most min(independent, conc) of them; every other
// read is free from the second round on, so the makespan is
// 1 + ceil((N - min(independent, conc)) / conc). This is never more than
// the sum over phases ceil(independent/conc) + ceil(modules/conc), which
// assumes no overlap, and equals ceil(N/conc) when the independent reads
// fill the first round. Pages of users follow one another, so the rounds
// are at least UserPages.
func (m MinReads) Rounds(conc int) int {
	n := m.Total()
	if n == 0 {
		return 0
	}
	r := ceilDiv(n, conc)
	if m.Modules > 0 {
		indep := n - m.Modules
		r = 1 + ceilDiv(n-min(indep, conc), conc)
	}
	return max(r, m.UserPages)
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// MinGETs computes the minimum reads of the desired state against the org
// of seed, whose module list shows at most listProfiles profiles per
// module (the emulator's default is 2).
func MinGETs(st *model.State, seed *emulator.Seed, listProfiles int) MinReads {
	var m MinReads
	truncated := map[string]bool{}
	for _, sm := range seed.Modules {
		truncated[sm.APIName] = sm.GeneratedType == "custom" && (sm.Profiles == nil || len(sm.Profiles) > listProfiles)
	}
	kinds := map[model.Kind]bool{}
	profiles, users := false, false
	fieldModules := map[string]bool{} // one fields GET per module, shared by locking look-ups and fields
	for _, o := range st.Objects() {
		kinds[o.Key.Kind] = true
		switch {
		case o.LockingConfig != nil:
			m.Locking++
			c := o.LockingConfig
			if o.Absent {
				continue
			}
			profiles = profiles || c.LockExcludedProfiles != nil
			if c.ExcludedFields != nil || rulesNameFields(c) {
				fieldModules[strings.ToLower(o.Key.Name)] = true
			}
			if c.RestrictedCustomButtons != nil {
				m.Buttons++
			}
		case o.Module != nil:
			profiles = profiles || o.Module.Profiles != nil
			if truncated[o.Key.Name] {
				m.Modules++
			}
		case o.Role != nil:
			users = users || o.Role.ForecastManager != nil
		case o.Field != nil:
			fieldModules[strings.ToLower(o.Field.Module)] = true
			profiles = profiles || (!o.Absent && o.Field.Permissions != nil)
		}
	}
	m.Fields = len(fieldModules)
	for _, k := range []model.Kind{model.KindModule, model.KindRole, model.KindContactRole} {
		if kinds[k] {
			m.Lists++
		}
	}
	if profiles {
		m.Profiles = 1
	}
	if users {
		m.UserPages = max(1, ceilDiv(len(seed.Users), usersPerPage))
	}
	return m
}

func rulesNameFields(c *model.LockingConfig) bool {
	if c.LockingRules == nil {
		return false
	}
	for _, r := range *c.LockingRules {
		if r.Criteria != nil {
			return true
		}
	}
	return false
}
