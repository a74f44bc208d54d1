package bench

import (
	"fmt"

	"github.com/crmsync/crmsync/pkg/emulator"
)

// Custom fields of a generated org (the fields issue: 200 modules × 30
// custom fields, a tenth of them picklists with 20 values, plus
// permissions).
const (
	// CustomFieldsPerModule is the number of custom fields of every custom
	// module, besides its Name, Description, Status and Amount.
	CustomFieldsPerModule = 30
	// picklistEvery makes every tenth custom field a picklist.
	picklistEvery = 10
	// picklistSize is the number of values of a custom picklist.
	picklistSize = 20
)

// fieldTypes are the data types the other custom fields cycle through,
// with the length and decimal places they are made with (0: none).
var fieldTypes = []struct {
	dataType         string
	length, decimals int
}{
	{"text", 100, 0}, {"integer", 9, 0}, {"currency", 16, 2}, {"date", 0, 0}, {"boolean", 0, 0},
	{"email", 0, 0}, {"phone", 30, 0}, {"double", 16, 3}, {"percent", 0, 2},
}

// customFields makes the custom fields of custom module m (its index among
// the custom modules). Labels give the API names Zoho derives from them
// (fields.md §3), so a manifest may name them either way. Each field gives
// two profiles other than Administrator a permission other than
// read_write: one read_only, one hidden; the other profiles keep
// read_write (fields.md §5.2).
func customFields(m int) []field {
	out := make([]field, 0, CustomFieldsPerModule)
	for i := 1; i <= CustomFieldsPerModule; i++ {
		f := field{apiName: fmt.Sprintf("Bench_Field_%02d", i), label: fmt.Sprintf("Bench Field %02d", i)}
		if i%picklistEvery == 0 {
			f.apiName, f.label, f.dataType = fmt.Sprintf("Bench_Picklist_%02d", i), fmt.Sprintf("Bench Picklist %02d", i), "picklist"
			for v := 1; v <= picklistSize; v++ {
				f.picklist = append(f.picklist, fmt.Sprintf("Choice %02d", v))
			}
		} else {
			t := fieldTypes[(m+i)%len(fieldTypes)]
			f.dataType, f.length, f.decimals = t.dataType, t.length, t.decimals
		}
		ro := 1 + (m+i)%(NumProfiles-1)
		hidden := 1 + (m+i+NumProfiles/2)%(NumProfiles-1)
		f.perms = map[int]string{ro: "read_only", hidden: "hidden"}
		out = append(out, f)
	}
	return out
}

// seedField is a field of the seed.
func (w *world) seedField(f field, custom bool) emulator.Field {
	sf := emulator.Field{APIName: f.apiName, FieldLabel: f.label, DataType: f.dataType, Custom: custom,
		PickListValues: f.picklist}
	if f.length > 0 {
		sf.Length = &f.length
	}
	if f.decimals > 0 {
		sf.DecimalPlace = &f.decimals
	}
	for p := range NumProfiles {
		if perm, ok := f.perms[p]; ok {
			sf.Profiles = append(sf.Profiles, emulator.FieldPermission{Name: w.profiles[p], PermissionType: perm})
		}
	}
	return sf
}

// fieldSizes counts the custom fields and the custom picklists.
func (w *world) fieldSizes() (fields, picklists int) {
	for _, m := range w.modules {
		if !m.custom {
			continue
		}
		for _, f := range m.fields {
			if f.label == "" {
				continue // Name, Description, Status and Amount
			}
			fields++
			if f.dataType == "picklist" {
				picklists++
			}
		}
	}
	return fields, picklists
}
