package observe

import (
	"cmp"
	"maps"
	"slices"

	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// convertFields turns the fields read (one GET per module, shared with
// record locking's look-ups) into Field objects: the fields Field manifests
// name, every custom field of their modules (so that the plan lists the
// ones no manifest names as unmanaged), or every field under AllFields.
// Standard fields are System objects.
func (r *raw) convertFields(res *Result, scope model.Scope) {
	if len(r.fieldErrs) > 0 {
		res.Lookups.FieldErrors = maps.Clone(r.fieldErrs)
	}
	named := map[string]bool{}
	managed := map[string]bool{}
	for _, k := range scope.Fields {
		named[model.Fold(k)] = true
		m, _ := model.SplitFieldKey(k)
		managed[m] = true
	}
	names := newInterner()
	for m, fs := range r.fields {
		for i := range fs {
			f := &fs[i]
			key := model.FieldKeyName(m, f.APIName)
			if scope.AllFields || named[model.Fold(key)] || (f.CustomField && managed[m]) {
				res.State.Put(fieldObject(m, f, names))
			}
		}
	}
}

// noneOption is the entry Zoho's picklists show for "no value"; it cannot
// be a value (fields.md §9.3: not -None-).
const noneOption = "-None-"

// interner hands out one string per distinct text: every field lists every
// profile, so without it each field's permissions would hold their own copy
// of each profile name and permission type. It also hands out one
// permission map per distinct profile list: most fields of an org carry the
// same permissions, and the maps are read-only after observe (the plan
// clones a live map before it changes one).
type interner struct {
	strs  map[string]string
	perms map[string]*map[string]string
	key   []byte
}

func newInterner() *interner {
	return &interner{strs: map[string]string{}, perms: map[string]*map[string]string{}}
}

func (in *interner) get(s string) string {
	if in == nil {
		return s
	}
	if t, ok := in.strs[s]; ok {
		return t
	}
	in.strs[s] = s
	return s
}

// permissions returns the map of profile names to permission types of a
// field's profiles, shared with every earlier field of the same list.
func (in *interner) permissions(ps []zoho.FieldProfile) *map[string]string {
	if in != nil {
		in.key = in.key[:0]
		for _, p := range ps {
			in.key = append(append(append(append(in.key, p.Name...), 0), p.PermissionType...), 0)
		}
		if m, ok := in.perms[string(in.key)]; ok {
			return m
		}
	}
	perms := make(map[string]string, len(ps))
	for _, p := range ps {
		perms[in.get(p.Name)] = in.get(p.PermissionType)
	}
	if in != nil {
		in.perms[string(in.key)] = &perms
	}
	return &perms
}

// fieldObject converts one wire field; names interns profile names and
// permission types across the fields of one read.
func fieldObject(module string, f *zoho.Field, names *interner) *model.Object {
	fd := &model.FieldDef{Module: module, APIName: f.APIName, FieldLabel: strPtr(f.FieldLabel),
		DataType: strPtr(f.DataType), Length: f.Length, DecimalPlace: f.DecimalPlace}
	if f.Textarea != nil && f.Textarea.Type != "" {
		fd.Textarea = strPtr(f.Textarea.Type)
	}
	fd.Tooltip = &model.Tooltip{}
	if f.Tooltip != nil && f.Tooltip.Name != "" {
		fd.Tooltip = &model.Tooltip{Name: f.Tooltip.Name, Value: f.Tooltip.Value}
	}
	if f.GlobalPicklist != nil && (f.GlobalPicklist.APIName != "" || f.GlobalPicklist.ID != "") {
		fd.GlobalPicklist = strPtr(f.GlobalPicklist.APIName)
	}
	if f.DataType == "picklist" || f.DataType == "multiselectpicklist" {
		vals := make([]model.PicklistValue, 0, len(f.PickListValues))
		for _, v := range bySequence(f.PickListValues) {
			if v.DisplayValue == noneOption {
				continue // Zoho's "no value" entry, not an option a manifest manages
			}
			vals = append(vals, model.PicklistValue{ID: string(v.ID), DisplayValue: v.DisplayValue, ActualValue: strPtr(pickValue(v))})
		}
		fd.PickListValues = &vals
		fd.SequenceBase = sequenceBase(f.PickListValues)
		fd.PickListValuesSortedLexically = model.Ptr(f.SortedLexically) // not &f...: that would keep the whole read alive
	}
	fd.Permissions = names.permissions(f.Profiles)
	return &model.Object{Key: model.Key{Kind: model.KindField, Name: model.FieldKeyName(module, f.APIName)},
		ID: string(f.ID), System: !f.CustomField, Field: fd}
}

// bySequence orders options by sequence_number, the order a reorder sets,
// when every option has one (stable: ties keep the array order); else
// the array order stands.
func bySequence(vs []zoho.PickListValue) []zoho.PickListValue {
	for _, v := range vs {
		if v.SequenceNumber == nil && v.DisplayValue != noneOption {
			return vs
		}
	}
	out := slices.Clone(vs)
	slices.SortStableFunc(out, func(a, b zoho.PickListValue) int {
		return cmp.Compare(seqOf(a), seqOf(b))
	})
	return out
}

func seqOf(v zoho.PickListValue) int {
	if v.SequenceNumber == nil {
		return -1 // -None-
	}
	return *v.SequenceNumber
}

// sequenceBase is 1 when the "-None-" entry has a sequence_number below
// every option's (Zoho counts it as the first place), else 0.
func sequenceBase(vs []zoho.PickListValue) int {
	none, low := -1, -1
	for _, v := range vs {
		switch {
		case v.SequenceNumber == nil:
			if v.DisplayValue != noneOption {
				return 0
			}
		case v.DisplayValue == noneOption:
			none = *v.SequenceNumber
		case low < 0 || *v.SequenceNumber < low:
			low = *v.SequenceNumber
		}
	}
	if none >= 1 && (low < 0 || none < low) {
		return 1
	}
	return 0
}
