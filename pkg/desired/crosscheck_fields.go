package desired

import (
	"strconv"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
)

// checkLockingValues: a locking rule that compares a picklist field with a
// value must use one of the values the field's manifest gives it, when a
// Field manifest manages that field's pick_list_values: the rule is
// checked against the values the field will have, not only the live ones
// (the plan checks the live ones).
func checkLockingValues(docs []*document) Diagnostics {
	values := map[string][]string{} // folded field key -> actual values
	for _, d := range docs {
		f := d.obj.Field
		if f == nil || d.obj.Absent || f.PickListValues == nil {
			continue
		}
		var vals []string
		for _, v := range *f.PickListValues {
			if v.ActualValue != nil {
				vals = append(vals, *v.ActualValue)
			} else {
				vals = append(vals, v.DisplayValue)
			}
		}
		values[model.Fold(d.obj.Key.Name)] = vals
	}
	var ds Diagnostics
	for _, d := range docs {
		lc := d.obj.LockingConfig
		if lc == nil || d.obj.Absent || lc.LockingRules == nil {
			continue
		}
		for i, r := range *lc.LockingRules {
			if r.Criteria != nil {
				ds = append(ds, criteriaValues(d, lc.Module, r.Criteria, "/locking_rules/"+strconv.Itoa(i)+"/criteria", values)...)
			}
		}
	}
	return ds
}

func criteriaValues(d *document, module string, c *model.Criteria, ptr string, values map[string][]string) Diagnostics {
	if c.IsGroup() {
		var ds Diagnostics
		for i := range c.Group {
			ds = append(ds, criteriaValues(d, module, &c.Group[i], ptr+"/group/"+strconv.Itoa(i), values)...)
		}
		return ds
	}
	s, ok := c.Value.(string)
	vals, managed := values[model.Fold(model.FieldKeyName(module, c.Field))]
	if !ok || !managed {
		return nil
	}
	for _, v := range vals {
		if v == s {
			return nil
		}
	}
	return Diagnostics{d.diag(d.tree.finding(ptr+"/value", "%q is not a value the Field manifest of %s.%s gives it (%s): add it to that field's pick_list_values, or compare with one of them%s",
		s, module, c.Field, quoteAll(vals), didYouMean(s, vals)))}
}

func quoteAll(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}
