package field

import (
	"strings"
	"unicode"
)

// Rules of Zoho's field API [shared/zoho-crm-fields.md, cited as fields.md].

// BatchSize is the most fields one create (POST) or bulk update (PATCH)
// carries: five under the harshest reading (fields.md §2, §5, q2).
const BatchSize = 5

// Per-request limits of the harshest reading (fields.md §5.1, §7, q3):
// ten picklist options and ten profiles per request, option texts and
// labels of a new field at most 25 characters.
const (
	MaxOptionsPerRequest  = 10
	MaxProfilesPerRequest = 10
	MaxProfilesOnCreate   = 50
	MaxOptionText         = 25
	MaxCreateLabel        = 25
)

// Type is what crmsync knows of a data type: whether length and
// decimal_place apply, their maxima, and whether crmsync can create it (a
// type that needs a sub-object crmsync does not manage cannot be created).
type Type struct {
	MaxLength int // 0: length does not apply
	Decimals  bool
	Creatable bool
}

// Types are the data types of fields.md §2 and §4.
var Types = map[string]Type{
	"text": {MaxLength: 255, Creatable: true}, "textarea": {Creatable: true}, "email": {Creatable: true},
	"phone": {MaxLength: 30, Creatable: true}, "website": {MaxLength: 50000, Creatable: true},
	"integer": {MaxLength: 9, Creatable: true}, "bigint": {MaxLength: 50000, Creatable: true},
	"double": {MaxLength: 16, Decimals: true, Creatable: true}, "currency": {MaxLength: 16, Decimals: true, Creatable: true},
	"percent": {Decimals: true, Creatable: true}, "boolean": {Creatable: true},
	"picklist": {Creatable: true}, "multiselectpicklist": {Creatable: true},
	"date": {Creatable: true}, "datetime": {Creatable: true},
	"fileupload": {Creatable: true}, "imageupload": {Creatable: true},
	"userlookup": {Creatable: true}, "multiuserlookup": {Creatable: true}, "address": {Creatable: true},
	"lookup": {}, "multiselectlookup": {}, "formula": {Decimals: true}, "rollup_summary": {Decimals: true},
	"autonumber": {},
}

// IsPicklist reports whether a data type has picklist values.
func IsPicklist(dataType string) bool {
	return dataType == "picklist" || dataType == "multiselectpicklist"
}

// DeriveAPIName is the API name Zoho derives from a label when it ignores
// the given one (fields.md §3, q1): runs of characters other than ASCII
// letters and digits become "_", trimmed at both ends ("Project Status" →
// Project_Status); a name that does not start with a letter gets "Field_"
// in front; at most 50 characters.
func DeriveAPIName(label string) string {
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

// Reserved are API names Zoho keeps for the system keys of records
// (RESERVED_KEYWORD_NOT_ALLOWED, fields.md §3; the list is inferred).
var Reserved = []string{"id", "Created_Time", "Modified_Time", "Created_By", "Modified_By",
	"Owner", "Tag", "Layout", "Record_Status__s", "Locked__s", "Approval", "Approved"}

// IsReserved reports whether name is a reserved API name, in any case.
func IsReserved(name string) bool {
	for _, r := range Reserved {
		if strings.EqualFold(r, name) {
			return true
		}
	}
	return false
}

// Permission values of a profile's access to a field (fields.md §5.2).
var Permissions = []string{"read_write", "read_only", "hidden"}

// DefaultPermission is what a profile gets on create when the request
// lists no profiles (fields.md §5.2).
const DefaultPermission = "read_write"

// OptionRemoval says what removing a picklist option does to the records
// that hold it, in the words the documents support (fields.md §5.1).
const OptionRemoval = "records that hold it keep no documented value: Zoho documents only replacing an option in records (REPLACE_PICKLIST_OPTION), not what a removal leaves"
