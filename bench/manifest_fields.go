package bench

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/crmsync/crmsync/pkg/desired"
)

// fieldFiles renders the field manifests, one file per module under
// fields/, in the order of d.fields.
func (d *drifted) fieldFiles(w *world) []desired.File {
	var out []desired.File
	byModule := map[string]*yamlDoc{}
	var order []string
	for _, f := range d.fields {
		y := byModule[f.module]
		if y == nil {
			y = &yamlDoc{}
			byModule[f.module] = y
			order = append(order, f.module)
		}
		y.field(w, f)
	}
	for _, m := range order {
		out = append(out, desired.File{Path: "fields/" + m + ".yaml", Data: byModule[m].bytes()})
	}
	return out
}

func (y *yamlDoc) field(w *world, f dField) {
	y.start("Field")
	y.str("module", f.module)
	y.str("api_name", f.apiName)
	if f.absent {
		y.boolean("absent", true)
		return
	}
	if !f.standard {
		y.str("field_label", f.label)
		y.str("data_type", f.dataType)
		if f.length > 0 {
			fmt.Fprintf(&y.b, "length: %d\n", f.length)
		}
		if f.decimals > 0 {
			fmt.Fprintf(&y.b, "decimal_place: %d\n", f.decimals)
		}
	}
	if f.dataType == "picklist" {
		y.b.WriteString("pick_list_values:\n")
		for _, v := range f.values {
			fmt.Fprintf(&y.b, "  - {display_value: %s", strconv.Quote(v.display))
			if v.actual != v.display {
				fmt.Fprintf(&y.b, ", actual_value: %s", strconv.Quote(v.actual))
			}
			y.b.WriteString("}\n")
		}
	}
	if len(f.perms) > 0 {
		var kv []string
		for p := range NumProfiles {
			if perm, ok := f.perms[p]; ok {
				kv = append(kv, strconv.Quote(w.profiles[p])+": "+perm)
			}
		}
		y.b.WriteString("permissions: {" + strings.Join(kv, ", ") + "}\n")
	}
}
