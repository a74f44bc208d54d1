package emulator

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
)

// rules applies locking_rules: an entry with id edits that rule, without id
// adds a rule, {"id":…, "_delete": true} removes one
// [seed:update-record-locking-configuration, seed:kaizen]. Rules the body
// does not mention are kept or dropped per Readings.LockingRulesOmittedOnPut.
func (ed *lockEdit) rules(l *LockingConfig) *apiErr {
	key := "locking_rules"
	switch ed.listMode(key) {
	case "skip":
		return nil
	case "clear":
		l.LockingRules = nil
		return nil
	}
	items, e := asItems(ed.it[key], key, ed.path(key))
	if e != nil {
		return e
	}
	rs := ruleSet{ed: ed, old: l.LockingRules}
	if !ed.create && ed.c.rd.LockingRulesOmittedOnPut == "keep" {
		rs.out = append(rs.out, l.LockingRules...)
		rs.from = make([]int, len(rs.out))
		for k := range rs.from {
			rs.from[k] = -1
		}
	}
	for j, it := range items {
		if e := rs.apply(j, it); e != nil {
			return e
		}
	}
	if e := rs.check(); e != nil {
		return e
	}
	l.LockingRules = rs.out
	return nil
}

// ruleSet builds the new rule list. from[k] is the body index of out[k],
// -1 for a rule kept from the old list.
type ruleSet struct {
	ed    *lockEdit
	old   []LockingRule
	out   []LockingRule
	from  []int
	added int
}

func (rs *ruleSet) path(j int, parts ...string) string {
	return rs.ed.path(append([]string{"locking_rules", "[" + strconv.Itoa(j) + "]"}, parts...)...)
}

func (rs *ruleSet) apply(j int, it item) *apiErr {
	del := false
	if it.given("_delete") {
		b, ok := rawBool(it["_delete"])
		if !ok {
			return errType("_delete", rs.path(j, "_delete"), "boolean")
		}
		del = b
	}
	if !it.given("id") {
		if del {
			return errMandatory("id", rs.path(j, "id"))
		}
		return rs.add(j, it)
	}
	id, ok := rawID(it["id"])
	old := findRule(rs.old, id)
	if !ok || old == nil {
		return errInvalid("id", rs.path(j, "id"))
	}
	k := findRuleIndex(rs.out, id)
	if del {
		if k >= 0 {
			rs.out = append(rs.out[:k], rs.out[k+1:]...)
			rs.from = append(rs.from[:k], rs.from[k+1:]...)
		}
		return nil
	}
	r := *old
	if k >= 0 {
		r = rs.out[k]
	}
	if e := rs.fill(j, it, &r); e != nil {
		return e
	}
	if k >= 0 {
		rs.out[k], rs.from[k] = r, j
		return nil
	}
	rs.out, rs.from = append(rs.out, r), append(rs.from, j)
	return nil
}

// add creates a rule; name and criteria are mandatory for a new rule.
func (rs *ruleSet) add(j int, it item) *apiErr {
	if !it.given("name") {
		return errMandatory("name", rs.path(j, "name"))
	}
	if !it.given("criteria") {
		return errMandatory("criteria", rs.path(j, "criteria"))
	}
	r := LockingRule{ID: rs.ed.s.st.ids.newID()}
	if e := rs.fill(j, it, &r); e != nil {
		return e
	}
	rs.out, rs.from = append(rs.out, r), append(rs.from, j)
	rs.added++
	return nil
}

// fill applies name, lock_existing_records and criteria of a rule item.
func (rs *ruleSet) fill(j int, it item, r *LockingRule) *apiErr {
	if it.has("name") {
		n, ok := rawString(it["name"])
		if !ok || strings.TrimSpace(n) == "" {
			return errInvalid("name", rs.path(j, "name"))
		}
		r.Name = n
	}
	if it.given("lock_existing_records") {
		b, ok := rawBool(it["lock_existing_records"])
		if !ok {
			return errType("lock_existing_records", rs.path(j, "lock_existing_records"), "boolean")
		}
		r.LockExistingRecords = b
	}
	if it.has("criteria") {
		if it.isNull("criteria") {
			return errMandatory("criteria", rs.path(j, "criteria"))
		}
		cr, e := parseCriteria(rs.ed.m, it["criteria"], rs.path(j, "criteria"), rs.ed.c.rd)
		if e != nil {
			return e
		}
		r.Criteria = cr
	}
	return nil
}

// check enforces the 5-rule limit [seed:kaizen] and unique rule names and
// criteria (DUPLICATE_DATA, [seed:update-record-locking-configuration]).
func (rs *ruleSet) check() *apiErr {
	if len(rs.out) > maxLockingRules {
		avail := maxLockingRules - (len(rs.out) - rs.added)
		if avail < 0 {
			avail = 0
		}
		return badReq("LIMIT_EXCEEDED", "the maximum limit for locking rules is exceeded", obj{
			"api_name": "locking_rules", "json_path": rs.ed.path("locking_rules"),
			"limit": maxLockingRules, "available_limit": avail})
	}
	names := map[string]bool{}
	crits := map[string]bool{}
	for k, r := range rs.out {
		at := func(key string) string {
			if rs.from[k] < 0 {
				return rs.ed.path("locking_rules")
			}
			return rs.path(rs.from[k], key)
		}
		n := strings.ToLower(strings.TrimSpace(r.Name))
		if names[n] {
			return fieldErr("DUPLICATE_DATA", "duplicate data", "name", at("name"))
		}
		names[n] = true
		ck := criteriaKey(r.Criteria, rs.ed.c.rd)
		if crits[ck] {
			return fieldErr("DUPLICATE_DATA", "duplicate data", "criteria", at("criteria"))
		}
		crits[ck] = true
	}
	return nil
}

func findRule(list []LockingRule, id string) *LockingRule {
	if k := findRuleIndex(list, id); k >= 0 {
		return &list[k]
	}
	return nil
}

func findRuleIndex(list []LockingRule, id string) int {
	for k := range list {
		if list[k].ID == id {
			return k
		}
	}
	return -1
}

// dependents: DEPENDENT_FIELD_MISSING when lock_type is automatic/both
// without locking_rules, or locked_for excludes profiles without
// lock_excluded_profiles [seed:update-record-locking-configuration]. On PUT
// the body itself is checked too under LockingDependentOnPut=body.
func (ed *lockEdit) dependents(l *LockingConfig) *apiErr {
	bodyCheck := ed.create || ed.c.rd.LockingDependentOnPut == "body"
	bt, _ := rawString(ed.it["lock_type"])
	bf, _ := rawString(ed.it["locked_for"])
	needRules := l.LockType != "manual" && len(l.LockingRules) == 0
	if bodyCheck && (bt == "automatic" || bt == "both") && !ed.it.given("locking_rules") {
		needRules = true
	}
	if needRules {
		return dependent("locking_rules", ed.path("locking_rules"), "lock_type", ed.path("lock_type"))
	}
	needProfiles := l.LockedFor == lockedForExcept && len(l.LockExcludedProfiles) == 0
	if bodyCheck && bf == lockedForExcept && !ed.it.given("lock_excluded_profiles") {
		needProfiles = true
	}
	if needProfiles {
		return dependent("lock_excluded_profiles", ed.path("lock_excluded_profiles"), "locked_for", ed.path("locked_for"))
	}
	return nil
}

func dependent(key, path, dependee, dependeePath string) *apiErr {
	return fieldErr("DEPENDENT_FIELD_MISSING", "dependent field missing", key, path).
		with("dependee", obj{"api_name": dependee, "json_path": dependeePath})
}

// Small list helpers.

func lockTypeValues() []string { return []string{"manual", "automatic", "both"} }

func oneOf(v string, list ...string) bool {
	for _, x := range list {
		if v == x {
			return true
		}
	}
	return false
}

func allOneOf(vs, list []string) bool {
	for _, v := range vs {
		if !oneOf(v, list...) {
			return false
		}
	}
	return true
}

func dedupe(vs []string) []string {
	var out []string
	for _, v := range vs {
		if !oneOf(v, out...) {
			out = append(out, v)
		}
	}
	return out
}

// withUpdate puts "update" first and removes duplicates.
func withUpdate(vs []string) []string {
	return dedupe(append([]string{"update"}, vs...))
}

func appendFieldOnce(list []FieldRef, f FieldRef) []FieldRef {
	for _, x := range list {
		if x.ID == f.ID {
			return list
		}
	}
	return append(list, f)
}

func appendRefOnce(list []Ref, r Ref) []Ref {
	for _, x := range list {
		if x.ID == r.ID {
			return list
		}
	}
	return append(list, r)
}

// criteriaKey is a canonical form of a criteria for duplicate detection.
// Fields are already resolved to {api_name, id}. Under
// Readings.DuplicateCriteria "unordered" (default) the members of a group
// compare as a set, since AND and OR do not depend on their order; under
// "exact" the criteria compare as sent.
func criteriaKey(c *Criteria, rd Readings) string {
	if rd.DuplicateCriteria == "exact" || c == nil || len(c.Group) == 0 {
		b, _ := json.Marshal(c)
		return string(b)
	}
	parts := make([]string, len(c.Group))
	for i := range c.Group {
		parts[i] = criteriaKey(&c.Group[i], rd)
	}
	sort.Strings(parts)
	return c.GroupOperator + "(" + strings.Join(parts, ",") + ")"
}
