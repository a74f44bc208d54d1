package field

import (
	"github.com/crmsync/crmsync/pkg/kinds/spec"
	"github.com/crmsync/crmsync/pkg/model"
)

// exportLayout writes custom fields whole and standard fields with their
// picklist values and permissions only; no ids.
var exportLayout = spec.Layout{Dir: "fields", Document: document}

func document(o *model.Object) []spec.Pair {
	f := o.Field
	if f == nil {
		return nil
	}
	d := []spec.Pair{{K: "module", V: f.Module}, {K: "api_name", V: f.APIName}}
	str := func(k string, p *string) {
		if p != nil && !o.System {
			d = append(d, spec.Pair{K: k, V: *p})
		}
	}
	num := func(k string, p *int) {
		if p != nil && !o.System {
			d = append(d, spec.Pair{K: k, V: *p})
		}
	}
	str("field_label", f.FieldLabel)
	str("data_type", f.DataType)
	num("length", f.Length)
	num("decimal_place", f.DecimalPlace)
	str("textarea", f.Textarea)
	if f.Tooltip != nil && f.Tooltip.Name != "" && !o.System {
		d = append(d, spec.Pair{K: "tooltip", V: []spec.Pair{{K: "name", V: f.Tooltip.Name}, {K: "value", V: f.Tooltip.Value}}})
	}
	if p := f.PickListValuesSortedLexically; p != nil && *p && !o.System {
		d = append(d, spec.Pair{K: "pick_list_values_sorted_lexically", V: true})
	}
	str("global_picklist", f.GlobalPicklist)
	if f.PickListValues != nil && f.GlobalPicklist == nil {
		var vals [][]spec.Pair
		for _, v := range *f.PickListValues {
			p := []spec.Pair{{K: "display_value", V: v.DisplayValue}}
			if v.ActualValue != nil && *v.ActualValue != v.DisplayValue {
				p = append(p, spec.Pair{K: "actual_value", V: *v.ActualValue})
			}
			vals = append(vals, p)
		}
		d = append(d, spec.Pair{K: "pick_list_values", V: vals})
	}
	if f.Permissions != nil && len(*f.Permissions) > 0 {
		var perms []spec.Pair
		for _, name := range spec.Sorted(keys(*f.Permissions)) {
			perms = append(perms, spec.Pair{K: name, V: (*f.Permissions)[name]})
		}
		d = append(d, spec.Pair{K: "permissions", V: perms})
	}
	return d
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
