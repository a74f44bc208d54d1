package observe

import (
	"maps"

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
	for m, fs := range r.fields {
		for i := range fs {
			f := &fs[i]
			key := model.FieldKeyName(m, f.APIName)
			if scope.AllFields || named[model.Fold(key)] || (f.CustomField && managed[m]) {
				res.State.Put(fieldObject(m, f))
			}
		}
	}
}

// noneOption is the entry Zoho's picklists show for "no value"; it cannot
// be a value (fields.md §9.3: not -None-).
const noneOption = "-None-"

// fieldObject converts one wire field.
func fieldObject(module string, f *zoho.Field) *model.Object {
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
		for _, v := range f.PickListValues {
			if v.DisplayValue == noneOption {
				continue // Zoho's "no value" entry, not an option a manifest manages
			}
			vals = append(vals, model.PicklistValue{ID: string(v.ID), DisplayValue: v.DisplayValue, ActualValue: strPtr(pickValue(v))})
		}
		fd.PickListValues = &vals
		fd.PickListValuesSortedLexically = &f.SortedLexically
	}
	perms := map[string]string{}
	for _, p := range f.Profiles {
		perms[p.Name] = p.PermissionType
	}
	fd.Permissions = &perms
	return &model.Object{Key: model.Key{Kind: model.KindField, Name: model.FieldKeyName(module, f.APIName)},
		ID: string(f.ID), System: !f.CustomField, Field: fd}
}
