package emulator

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Rules of field data types, names and sizes [fields.md §2-§4, §7].

// typeRule is what a creatable data type allows [fields.md §2, §4].
type typeRule struct {
	jsonType  string
	maxLength int // 0: length not settable
	decimals  bool
}

// creatableTypes are the data types POST accepts [fields.md §2, OAS-yaml].
// Length maxima not stated by a source take the largest value the schema
// allows (50000) [fields.md §4, inferred].
var creatableTypes = map[string]typeRule{
	"text": {"string", 255, false}, "textarea": {"string", 0, false}, "email": {"string", 0, false},
	"phone": {"string", 30, false}, "website": {"string", 50000, false}, "integer": {"integer", 9, false},
	"bigint": {"string", 50000, false}, "double": {"double", 16, true}, "currency": {"double", 16, true},
	"percent": {"double", 0, true}, "boolean": {"boolean", 0, false},
	"picklist": {"string", 0, false}, "multiselectpicklist": {"jsonarray", 0, false},
	"date": {"string", 0, false}, "datetime": {"string", 0, false},
	"fileupload": {"jsonarray", 0, false}, "imageupload": {"jsonarray", 0, false},
	"lookup": {"jsonobject", 0, false}, "userlookup": {"jsonobject", 0, false},
	"multiselectlookup": {"jsonarray", 0, false}, "multiuserlookup": {"jsonarray", 0, false},
	"formula": {"string", 0, true}, "rollup_summary": {"double", 0, true}, "autonumber": {"string", 0, false},
	"address": {"string", 0, false},
}

// textareaLengths are the sizes of the textarea kinds [fields.md §4].
var textareaLengths = map[string]int{"small": 2000, "large": 32000, "rich_text": 50000}

func isPicklist(dt string) bool { return dt == "picklist" || dt == "multiselectpicklist" }

// fillSizes sets the default length and decimal_place of a field: the
// type's maximum, and 2 decimals [fields.md §10 q18, inferred].
func fillSizes(f *Field) {
	r := creatableTypes[f.DataType]
	if f.DataType == "textarea" {
		if f.TextareaType == "" {
			f.TextareaType = "small"
		}
		n := textareaLengths[f.TextareaType]
		f.Length = &n
	}
	if f.Length == nil && r.maxLength > 0 {
		n := r.maxLength
		f.Length = &n
	}
	if f.DecimalPlace == nil && r.decimals {
		n := 2
		f.DecimalPlace = &n
	}
}

// jsonTypeOf answers a field's json_type [OAS fields.json].
func jsonTypeOf(dt string) string {
	if r, ok := creatableTypes[dt]; ok {
		return r.jsonType
	}
	return "string"
}

var apiNameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// deriveAPIName makes an API name from a label: runs of characters other
// than letters and digits become "_", trimmed ("Project Status" →
// "Project_Status") [fields.md §3, inferred].
func deriveAPIName(label string) string {
	var b strings.Builder
	under := false
	for _, r := range label {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
			under = false
			continue
		}
		if !under && b.Len() > 0 {
			b.WriteByte('_')
			under = true
		}
	}
	s := strings.TrimRight(b.String(), "_")
	if s == "" || !unicode.IsLetter(rune(s[0])) {
		s = "Field_" + s
	}
	if len(s) > 50 {
		s = strings.TrimRight(s[:50], "_")
	}
	return s
}

// reservedNames are API names Zoho keeps for itself: the system keys every
// record carries [fields.md §3 RESERVED_KEYWORD_NOT_ALLOWED; the list is
// inferred from the record keys of the docs].
var reservedNames = []string{"id", "Created_Time", "Modified_Time", "Created_By", "Modified_By",
	"Owner", "Tag", "Layout", "Record_Status__s", "Locked__s", "Approval", "Approved"}

func isReserved(name string) bool {
	for _, r := range reservedNames {
		if strings.EqualFold(r, name) {
			return true
		}
	}
	return false
}

// uniqueAPIName applies a derived name to a module: taken names get "_1",
// "_2"… [fields.md §10 q17, inferred].
func uniqueAPIName(m *Module, base string) string {
	name := base
	for i := 1; fieldByAPIFold(m, name) != nil; i++ {
		name = base + "_" + strconv.Itoa(i)
	}
	return name
}

func fieldByAPIFold(m *Module, name string) *Field {
	for i := range m.Fields {
		if strings.EqualFold(m.Fields[i].APIName, name) {
			return &m.Fields[i]
		}
	}
	return nil
}

func fieldByLabelFold(m *Module, label string) *Field {
	for i := range m.Fields {
		if strings.EqualFold(strings.TrimSpace(m.Fields[i].FieldLabel), strings.TrimSpace(label)) {
			return &m.Fields[i]
		}
	}
	return nil
}

// specialChars reports characters other than letters, digits, space and
// _-.,&/()'+:# in labels and option texts [fields.md §10 q20, inferred].
func specialChars(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(" _-.,&/()'+:#", r) {
			continue
		}
		return true
	}
	return false
}

// sortOptions orders options by sequence_number (stable).
func sortOptions(opts []PickListOption) {
	sort.SliceStable(opts, func(i, j int) bool { return opts[i].SequenceNumber < opts[j].SequenceNumber })
}

// renumber sets sequence numbers 1..n in list order.
func renumber(opts []PickListOption) {
	for i := range opts {
		opts[i].SequenceNumber = i + 1
	}
}

// labelMax and optionMax are the size limits of the FieldRequestLimits
// reading [fields.md §5.1, §7].
func labelMax(rd Readings, create bool) int {
	if rd.FieldRequestLimits == "request" && create {
		return 25
	}
	if rd.FieldRequestLimits == "request" {
		return 255
	}
	return 100
}

func optionMax(rd Readings) (text, perRequest int) {
	if rd.FieldRequestLimits == "request" {
		return 25, 10
	}
	return 120, 0
}

// sortLexically orders a local picklist's options by display value when
// pick_list_values_sorted_lexically is set (default false: given order)
// [fields.md §2, kaizen:205].
func sortLexically(f *Field) {
	if !f.SortedLexically || f.GlobalPicklist != nil {
		return
	}
	sort.SliceStable(f.PickListOptions, func(i, j int) bool {
		return strings.ToLower(f.PickListOptions[i].DisplayValue) < strings.ToLower(f.PickListOptions[j].DisplayValue)
	})
	renumber(f.PickListOptions)
}
