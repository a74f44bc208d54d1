package plan

import (
	"strings"

	"github.com/crmsync/crmsync/pkg/kinds/spec"
	"github.com/crmsync/crmsync/pkg/model"
)

// Record locking and fields in one plan: a locking configuration may name
// a field created in the plan (excluded_fields) and compare a rule with a
// picklist value the plan adds, so its request waits for those fields'
// creates and updates; an option the plan removes may be one a rule stops
// using, so the removals wait for the locking request (lockingFieldWaits);
// and a field the plan deletes cannot stay named by a configuration
// (checkFieldDelete).

// lockingFieldWaits makes the request of locking change c wait for the
// field writes of the fields its manifest names, and the option removals
// of its module wait for it.
func (b *builder) lockingFieldWaits(c *Change) {
	if len(c.Requests) == 0 || c.Action == Delete {
		return
	}
	id := c.Requests[len(c.Requests)-1]
	d := b.desiredOf(c)
	if d.LockingConfig == nil {
		return
	}
	for _, name := range lockingFieldNames(d.LockingConfig) {
		fc := b.changeFolded(model.Key{Kind: model.KindField, Name: model.FieldKeyName(c.Key.Name, name)})
		if fc != nil && fc.Action != Delete { // a delete in use is checkFieldDelete's
			b.after(id, b.fieldMain[fc.Key]...)
		}
	}
	for _, w := range b.fieldRemovals[c.Key.Name] {
		b.fieldMain[w.c.Key] = append(b.fieldMain[w.c.Key], id)
	}
}

// checkFieldDelete refuses to delete a field that the module's locking
// configuration still names after the plan (its manifest, else the live
// configuration when it was read): Zoho may refuse the delete (q6).
func (b *builder) checkFieldDelete(c *Change) {
	module, name := model.SplitFieldKey(c.Key.Name)
	lk := model.Key{Kind: model.KindLockingConfig, Name: module}
	var lc *model.LockingConfig
	if lcc := b.changeFolded(lk); lcc != nil && lcc.After != nil {
		lc = lcc.After.LockingConfig
	} else if d := b.in.Desired.Get(lk); d != nil && !d.Absent {
		lc = d.LockingConfig
	} else if o := b.in.Observed.Get(lk); o != nil && (d == nil || !d.Absent) && (lcc == nil || lcc.Action != Delete) {
		lc = o.LockingConfig
	}
	if lc == nil {
		return
	}
	for _, f := range lockingFieldNames(lc) {
		if strings.EqualFold(f, name) {
			b.problem(b.desiredOf(c), "the field is named by the record locking configuration of %s (excluded_fields or a rule's criteria), and Zoho may refuse to delete a field in use; remove it there in the same plan (crmsync changes the configuration before it deletes the field)",
				[]any{"absent"}, module)
			return
		}
	}
}

// lockingFieldNames are the fields a configuration names: its excluded
// fields and the fields of its rules' criteria.
func lockingFieldNames(lc *model.LockingConfig) []string {
	out := list(lc.ExcludedFields)
	var walk func(c *model.Criteria)
	walk = func(c *model.Criteria) {
		if c == nil {
			return
		}
		if c.Field != "" {
			out = append(out, c.Field)
		}
		for i := range c.Group {
			walk(&c.Group[i])
		}
	}
	for _, r := range list(lc.LockingRules) {
		walk(r.Criteria)
	}
	return out
}

// plannedField is, for fieldRef, a field of module that the plan creates
// or whose picklist values it manages: its reference (a new field's ID is
// a placeholder) and its values after apply. ok is false when the plan
// does neither.
func (b *builder) plannedField(module, apiName string, live *model.FieldInfo) (*spec.FieldRef, *model.FieldInfo, bool) {
	k := model.Key{Kind: model.KindField, Name: model.FieldKeyName(module, apiName)}
	c := b.changeFolded(k)
	vals, managed := b.fieldValues[model.FoldKey(k)]
	if gv, ok := b.globalValues(k, live); ok {
		vals, managed = gv, true
	}
	switch {
	case c != nil && c.Action == Create:
		_, name := model.SplitFieldKey(c.Key.Name)
		info := &model.FieldInfo{APIName: name, PickList: vals}
		return &spec.FieldRef{APIName: name, ID: Placeholder(c.Key)}, info, true
	case live != nil && managed:
		info := *live
		info.PickList = vals
		return &spec.FieldRef{APIName: live.APIName, ID: live.ID}, &info, true
	}
	return nil, nil, false
}

// globalValues are the values a field that uses a global picklist will
// have (globalSetValues), for the set its manifest names or, without one,
// the set it uses now, when a manifest manages the set's values.
func (b *builder) globalValues(k model.Key, live *model.FieldInfo) ([]string, bool) {
	name := ""
	if d := b.in.Desired.Get(k); d != nil && d.Field != nil && d.Field.GlobalPicklist != nil {
		name = *d.Field.GlobalPicklist
	} else if live != nil && live.GlobalPicklist != nil {
		name = live.GlobalPicklist.Name
	}
	if name == "" {
		return nil, false
	}
	return b.globalSetValues(name)
}
