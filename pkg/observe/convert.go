package observe

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// convert turns what was read into model objects and look-up tables.
func (r *raw) convert(scope model.Scope) *Result {
	res := &Result{State: model.NewState(), Lookups: &model.Lookups{Fields: map[string][]model.FieldInfo{}, Buttons: map[string][]model.Ref{}}, Warnings: r.warnings}
	lk := res.Lookups
	for _, p := range r.profiles {
		lk.Profiles = addRef(lk.Profiles, string(p.ID), p.Name)
	}
	for m, fs := range r.fields {
		for _, f := range fs {
			mf := model.FieldInfo{ID: string(f.ID), APIName: f.APIName, Label: f.FieldLabel}
			if g := f.GlobalPicklist; g != nil && g.ID != "" {
				mf.GlobalPicklist = &model.Ref{ID: string(g.ID), Name: g.APIName}
			}
			for _, v := range f.PickListValues {
				mf.PickList = append(mf.PickList, pickValue(v))
			}
			lk.Fields[m] = append(lk.Fields[m], mf)
		}
	}
	for m, bs := range r.buttons {
		lk.Buttons[m] = []model.Ref{}
		for _, b := range bs {
			lk.Buttons[m] = addRef(lk.Buttons[m], string(b.ID), b.Name)
		}
	}
	for _, u := range r.users {
		lk.Users = append(lk.Users, model.User{ID: string(u.ID), Email: u.Email, Name: u.FullName})
	}
	for _, d := range kinds.All() {
		if conv := listConverts[d.Kind]; conv != nil {
			conv(r, res, scope)
		}
	}
	r.convertFields(res, scope)
	for _, m := range scope.LockingModules {
		if c := r.locking[m]; c != nil {
			res.State.Put(r.convertLocking(m, c, lk))
		}
	}
	for _, p := range r.seenProfiles() {
		lk.Profiles = addRef(lk.Profiles, p.ID, p.Name)
	}
	return res
}

// listConverts turn what the list reads returned into objects, by kind;
// each does nothing for a kind that was not read.
var listConverts = map[model.Kind]func(r *raw, res *Result, scope model.Scope){
	model.KindModule:      (*raw).convertModules,
	model.KindRole:        func(r *raw, res *Result, _ model.Scope) { r.convertRoles(res) },
	model.KindContactRole: func(r *raw, res *Result, _ model.Scope) { r.convertContactRoles(res) },
}

func (r *raw) convertContactRoles(res *Result) {
	for _, c := range r.contacts {
		res.State.Put(&model.Object{Key: model.Key{Kind: model.KindContactRole, Name: c.Name}, ID: string(c.ID),
			ContactRole: &model.ContactRole{Name: c.Name, SequenceNumber: c.SequenceNumber}})
	}
}

// pickValue is the value a criteria compares against: the actual value,
// or the display value when Zoho gives no actual value.
func pickValue(v zoho.PickListValue) string {
	if v.ActualValue != "" {
		return v.ActualValue
	}
	return v.DisplayValue
}

func addRef(refs []model.Ref, id, name string) []model.Ref {
	if id == "" || slices.ContainsFunc(refs, func(r model.Ref) bool { return r.ID == id }) {
		return refs
	}
	return append(refs, model.Ref{ID: id, Name: name})
}

// seenProfiles are the profiles named inside modules and locking
// configurations, used to send IDs of profiles a manifest does not manage.
func (r *raw) seenProfiles() []model.Ref {
	var refs []model.Ref
	for _, m := range r.modules {
		for _, p := range m.Profiles {
			refs = addRef(refs, string(p.ID), p.Name)
		}
	}
	for _, c := range r.locking {
		for _, p := range c.LockExcludedProfiles {
			refs = addRef(refs, string(p.ID), p.Name)
		}
	}
	return refs
}

func (r *raw) convertModules(res *Result, scope model.Scope) {
	for _, m := range r.modules {
		res.Lookups.Modules = append(res.Lookups.Modules, model.ModuleInfo{APIName: m.APIName,
			PluralLabel: m.PluralLabel, SingularLabel: m.SingularLabel, GeneratedType: m.GeneratedType})
	}
	if len(r.lockErrs) > 0 {
		res.Lookups.LockingErrors = maps.Clone(r.lockErrs)
	}
	for _, m := range r.modules {
		if m.GeneratedType != "custom" || !slices.Contains(scope.Kinds, model.KindModule) {
			continue
		}
		mm := &model.Module{APIName: m.APIName, PluralLabel: strPtr(m.PluralLabel), SingularLabel: strPtr(m.SingularLabel)}
		if !truncated(&m) {
			names := refNames(m.Profiles)
			mm.Profiles = &names
		}
		o := &model.Object{Key: model.Key{Kind: model.KindModule, Name: m.APIName}, ID: string(m.ID), Module: mm}
		o.Audit = audit(m.ModifiedBy, m.ModifiedTime)
		res.State.Put(o)
	}
}

func (r *raw) convertRoles(res *Result) {
	names := map[string]string{}
	for _, ro := range r.roles {
		names[string(ro.ID)] = ro.Name
	}
	emails := map[string]string{}
	for _, u := range r.users {
		emails[string(u.ID)] = u.Email
	}
	for _, ro := range r.roles {
		mr := &model.Role{Name: ro.Name, Description: ro.Description, ShareWithPeers: ro.ShareWithPeers}
		parent := ""
		if ro.ReportingTo != nil {
			parent = names[string(ro.ReportingTo.ID)]
			if parent == "" {
				parent = ro.ReportingTo.Name
			}
		}
		mr.ReportingTo = &parent
		if ro.ForecastManager != nil && ro.ForecastManager.ID != "" {
			if e, ok := emails[string(ro.ForecastManager.ID)]; ok {
				mr.ForecastManager = &e
			}
		} else if r.read["users"] {
			mr.ForecastManager = strPtr("")
		}
		o := &model.Object{Key: model.Key{Kind: model.KindRole, Name: ro.Name}, ID: string(ro.ID), Role: mr,
			System: ro.AdminUser || parent == ""}
		o.Audit = audit(ro.ModifiedBy, ro.ModifiedTime)
		res.State.Put(o)
	}
}

func (r *raw) convertLocking(module string, c *zoho.LockingConfig, lk *model.Lookups) *model.Object {
	fieldName := func(f *zoho.FieldRef) string {
		if f == nil {
			return ""
		}
		if f.APIName != "" {
			return f.APIName
		}
		for _, x := range lk.Fields[module] {
			if x.ID == string(f.ID) {
				return x.APIName
			}
		}
		return string(f.ID)
	}
	mc := &model.LockingConfig{Module: module, LockType: strPtr(c.LockType), LockedFor: optStr(c.LockedFor),
		LockForPortalUsers: c.LockForPortalUsers}
	mc.LockExcludedProfiles = namesPtr(refNames(c.LockExcludedProfiles))
	var fields []string
	for i := range c.ExcludedFields {
		fields = append(fields, fieldName(&c.ExcludedFields[i]))
		lk.Fields[module] = addField(lk.Fields[module], c.ExcludedFields[i])
	}
	mc.ExcludedFields = namesPtr(fields)
	mc.RestrictedActions = namesPtr(c.RestrictedActions)
	mc.RestrictedCommunications = namesPtr(c.RestrictedCommunications)
	mc.RestrictedCustomButtons = namesPtr(refNames(c.RestrictedCustomButtons))
	if _, read := r.buttons[module]; !read {
		for _, b := range c.RestrictedCustomButtons {
			lk.Buttons[module] = addRef(lk.Buttons[module], string(b.ID), b.Name)
		}
	}
	rules := []model.LockingRule{}
	for _, rl := range c.LockingRules {
		rules = append(rules, model.LockingRule{ID: string(rl.ID), Name: rl.Name, LockExistingRecords: rl.LockExistingRecords,
			Criteria: convertCriteria(rl.Criteria, fieldName, lk, module)})
	}
	mc.LockingRules = &rules
	o := &model.Object{Key: model.Key{Kind: model.KindLockingConfig, Name: module}, ID: string(c.ID), LockingConfig: mc,
		System: c.SystemDefined}
	o.Audit = audit(c.ModifiedBy, c.ModifiedTime)
	return o
}

func convertCriteria(c *zoho.Criteria, fieldName func(*zoho.FieldRef) string, lk *model.Lookups, module string) *model.Criteria {
	if c == nil {
		return nil
	}
	if c.GroupOperator != "" || len(c.Group) > 0 {
		out := &model.Criteria{GroupOperator: c.GroupOperator}
		for i := range c.Group {
			out.Group = append(out.Group, *convertCriteria(&c.Group[i], fieldName, lk, module))
		}
		return out
	}
	if c.Field != nil {
		lk.Fields[module] = addField(lk.Fields[module], *c.Field)
	}
	return &model.Criteria{Field: fieldName(c.Field), Comparator: c.Comparator, Value: c.Value}
}

// addField records a field seen in a configuration, unless the fields of
// the module were read in full.
func addField(fs []model.FieldInfo, f zoho.FieldRef) []model.FieldInfo {
	if f.ID == "" || slices.ContainsFunc(fs, func(x model.FieldInfo) bool { return x.ID == string(f.ID) }) {
		return fs
	}
	return append(fs, model.FieldInfo{ID: string(f.ID), APIName: f.APIName})
}

func refNames(refs []zoho.NamedRef) []string {
	names := []string{}
	for _, r := range refs {
		names = append(names, r.Name)
	}
	return names
}

func namesPtr(s []string) *[]string {
	if s == nil {
		s = []string{}
	}
	return &s
}

func strPtr(s string) *string { return &s }

func optStr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func audit(by *zoho.UserRef, when string) *model.Audit {
	if by == nil && when == "" {
		return nil
	}
	a := &model.Audit{ModifiedTime: when}
	if by != nil {
		a.ModifiedBy = strings.TrimSpace(by.Name)
		if by.Email != "" {
			a.ModifiedBy = fmt.Sprintf("%s <%s>", a.ModifiedBy, by.Email)
		}
	}
	return a
}
