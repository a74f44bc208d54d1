package globalpicklist

import (
	"github.com/crmsync/crmsync/pkg/kinds/spec"
	"github.com/crmsync/crmsync/pkg/model"
)

// document writes a set whole, without ids: its label, its description
// when it has one, pick_list_values_sorted_lexically when true, and every
// value in order, with actual_value only when it differs from the display
// value and type only when unused (Zoho's defaults otherwise).
func document(o *model.Object) []spec.Pair {
	g := o.GlobalPicklist
	if g == nil {
		return nil
	}
	d := []spec.Pair{{K: "api_name", V: g.APIName}}
	if g.DisplayLabel != nil {
		d = append(d, spec.Pair{K: "display_label", V: *g.DisplayLabel})
	}
	if g.Description != nil && *g.Description != "" {
		d = append(d, spec.Pair{K: "description", V: *g.Description})
	}
	if g.PickListValuesSortedLexically != nil && *g.PickListValuesSortedLexically {
		d = append(d, spec.Pair{K: "pick_list_values_sorted_lexically", V: true})
	}
	if g.PickListValues != nil && len(*g.PickListValues) > 0 {
		values := make([][]spec.Pair, 0, len(*g.PickListValues))
		for _, v := range *g.PickListValues {
			values = append(values, valueDocument(v))
		}
		d = append(d, spec.Pair{K: "pick_list_values", V: values})
	}
	return d
}

func valueDocument(v model.PicklistValue) []spec.Pair {
	d := []spec.Pair{{K: "display_value", V: v.DisplayValue}}
	if v.ActualValue != nil && *v.ActualValue != v.DisplayValue {
		d = append(d, spec.Pair{K: "actual_value", V: *v.ActualValue})
	}
	if v.Type != nil && *v.Type == model.PicklistUnused {
		d = append(d, spec.Pair{K: "type", V: model.PicklistUnused})
	}
	return d
}
