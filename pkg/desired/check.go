package desired

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/crmsync/crmsync/pkg/model"
)

// Semantic checks of one document, for the rules a JSON Schema cannot say
// well. They run only on documents that passed their schema.

const exceptExcluded = "all_profiles_except_excluded_profiles"

// checkDocument returns the problems of one decoded document.
func checkDocument(obj *model.Object, t *tree) []finding {
	out := checkAbsent(obj, t)
	switch {
	case obj.Role != nil:
		out = append(out, checkTransferTo(obj, t)...)
	case obj.LockingConfig != nil && !obj.Absent:
		out = append(out, checkLockingConfig(obj.LockingConfig, t)...)
	case obj.Field != nil && !obj.Absent:
		out = append(out, checkField(obj.Field, t)...)
	}
	return out
}

// checkAbsent: an absent object carries only its identity (and transfer_to
// for a role).
func checkAbsent(obj *model.Object, t *tree) []finding {
	if !obj.Absent {
		return nil
	}
	allowed := []string{"apiVersion", "kind", identityKey(obj.Key.Kind), "absent"}
	if q := qualifierKey(obj.Key.Kind); q != "" {
		allowed = []string{"apiVersion", "kind", q, identityKey(obj.Key.Kind), "absent"}
	}
	if obj.Key.Kind == model.KindRole {
		allowed = append(allowed, "transfer_to")
	}
	m, _ := t.root.(map[string]any)
	var extra []string
	for k := range m {
		if !slices.Contains(allowed, k) {
			extra = append(extra, k)
		}
	}
	slices.Sort(extra)
	out := make([]finding, 0, len(extra))
	for _, k := range extra {
		out = append(out, t.finding(pointer(k), "an absent %s carries only %s; remove this key",
			obj.Key.Kind, andList(allowed)))
	}
	return out
}

func checkTransferTo(obj *model.Object, t *tree) []finding {
	switch {
	case obj.Absent && obj.TransferTo == "":
		return []finding{t.finding("/absent", "an absent role needs transfer_to: the name of the role that receives its users")}
	case !obj.Absent && obj.TransferTo != "":
		return []finding{t.finding("/transfer_to", "only an absent role (absent: true) transfers its users")}
	}
	return nil
}

func checkLockingConfig(lc *model.LockingConfig, t *tree) []finding {
	var out []finding
	rules := 0
	if lc.LockingRules != nil {
		rules = len(*lc.LockingRules)
	}
	lockType := ""
	if lc.LockType != nil {
		lockType = *lc.LockType
	}
	switch {
	case (lockType == "automatic" || lockType == "both") && rules == 0:
		out = append(out, t.finding("/lock_type", "lock_type %s needs locking_rules: add at least one rule", lockType))
	case lockType == "manual" && rules > 0:
		out = append(out, t.finding("/locking_rules", "locking rules apply only when lock_type is automatic or both, not manual"))
	}
	excluded := lc.LockExcludedProfiles != nil && len(*lc.LockExcludedProfiles) > 0
	lockedFor := ""
	if lc.LockedFor != nil {
		lockedFor = *lc.LockedFor
	}
	switch {
	case lockedFor == exceptExcluded && !excluded:
		out = append(out, t.finding("/locked_for", "locked_for %s needs lock_excluded_profiles: add at least one profile name", exceptExcluded))
	case lockedFor != exceptExcluded && excluded:
		out = append(out, t.finding("/lock_excluded_profiles", "excluded profiles apply only with locked_for: %s", exceptExcluded))
	}
	if lc.LockingRules != nil {
		out = append(out, checkRules(*lc.LockingRules, t)...)
	}
	return out
}

// checkRules: rule names are unique within the configuration, and every
// criteria is a well-formed condition or group.
func checkRules(rules []model.LockingRule, t *tree) []finding {
	var out []finding
	first := map[string]int{}
	for i, r := range rules {
		ptr := "/locking_rules/" + strconv.Itoa(i)
		if j, dup := first[model.Fold(r.Name)]; dup {
			same := ""
			if rules[j].Name != r.Name {
				same = fmt.Sprintf(" as %q: names that differ only in case or spaces are the same", rules[j].Name)
			}
			out = append(out, t.finding(ptr+"/name", "the rule name %q is used twice in this configuration (first at line %d%s)",
				r.Name, t.pos(fmt.Sprintf("/locking_rules/%d/name", j)).Line, same))
		} else {
			first[model.Fold(r.Name)] = i
		}
		if r.Criteria != nil {
			out = append(out, checkCriteria(r.Criteria, t, ptr+"/criteria")...)
		}
	}
	return out
}

func checkCriteria(c *model.Criteria, t *tree, ptr string) []finding {
	condition := c.Field != "" || c.Comparator != "" || c.Value != nil
	switch {
	case c.IsGroup() && condition:
		return []finding{t.finding(ptr, "a criteria is either a condition (field, comparator, value) or a group (group_operator, group), not both")}
	case c.IsGroup() && c.GroupOperator == "":
		return []finding{t.finding(ptr, "a group needs group_operator: AND or OR")}
	case c.IsGroup() && len(c.Group) == 0:
		return []finding{t.finding(ptr, "group_operator needs group: a list of conditions")}
	case c.IsGroup():
		var out []finding
		for i := range c.Group {
			out = append(out, checkCriteria(&c.Group[i], t, ptr+"/group/"+strconv.Itoa(i))...)
		}
		return out
	}
	var missing []string
	if c.Field == "" {
		missing = append(missing, "field (a field API name)")
	}
	if c.Comparator == "" {
		missing = append(missing, "comparator (for example equal)")
	}
	if c.Value == nil {
		missing = append(missing, "value")
	}
	if len(missing) > 0 {
		return []finding{t.finding(ptr, "the condition needs %s", andList(missing))}
	}
	return nil
}
