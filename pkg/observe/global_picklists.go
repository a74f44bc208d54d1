package observe

import (
	"context"
	"fmt"

	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// Global picklists: one GET /settings/global_picklists with
// include=pick_list_values (the list has values only with include, q14).

func readGlobalPicklists(ctx context.Context, rd Reader, _ model.Scope, r *raw) error {
	v, err := rd.ListGlobalPicklists(ctx)
	r.set(func() { r.globalPicklists = v })
	return wrap(err, "read global picklists")
}

// convertGlobalPicklists turns the sets read into objects. A set whose
// deletion is running (presence false, fields.md §9.2, §9.5) is left out,
// with a warning and recorded in the look-ups (its name and label stay
// taken): it is on its way out, and Zoho refuses every write to it.
// A set that is not customizable (a system set) is a system object.
func (r *raw) convertGlobalPicklists(res *Result, _ model.Scope) {
	for _, g := range r.globalPicklists {
		if g.Presence != nil && !*g.Presence {
			if res.Lookups.GlobalPicklistsDeleting == nil {
				res.Lookups.GlobalPicklistsDeleting = map[string]string{}
			}
			res.Lookups.GlobalPicklistsDeleting[g.APIName] = g.DisplayLabel
			res.Warnings = append(res.Warnings, fmt.Sprintf("global picklist %s is being deleted (Zoho answers presence false); it is left out until the deletion ends, and its API name and label stay taken until then", g.APIName))
			continue
		}
		res.State.Put(globalPicklistObject(g))
	}
}

func globalPicklistObject(g zoho.GlobalPicklist) *model.Object {
	m := &model.GlobalPicklist{APIName: g.APIName, DisplayLabel: model.Ptr(g.DisplayLabel),
		PickListValuesSortedLexically: model.Ptr(g.SortedLexically != nil && *g.SortedLexically)}
	if g.Description != nil && *g.Description != "" {
		m.Description = model.Ptr(*g.Description)
	}
	values := []model.PicklistValue{}
	if g.PickListValues != nil {
		for _, v := range *g.PickListValues {
			typ := model.PicklistUsed
			if v.Type == model.PicklistUnused {
				typ = model.PicklistUnused
			}
			pv := model.PicklistValue{ID: string(v.ID), DisplayValue: v.DisplayValue,
				ActualValue: model.Ptr(v.Stored()), Type: model.Ptr(typ)}
			if v.SequenceNumber != nil {
				pv.SequenceNumber = *v.SequenceNumber
			}
			values = append(values, pv)
		}
	}
	m.PickListValues = &values
	return &model.Object{Key: model.Key{Kind: model.KindGlobalPicklist, Name: g.APIName}, ID: string(g.ID),
		System: g.Customizable != nil && !*g.Customizable, Audit: audit(g.ModifiedBy, g.ModifiedTime),
		GlobalPicklist: m}
}
