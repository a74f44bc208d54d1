package emulator

import (
	"fmt"
	"reflect"
	"sort"
)

// readingChoices lists, per string or int field, the accepted values; the
// first one is the default.
func readingChoices() map[string][]any {
	return map[string][]any{
		"RoleUpdateResponse":       {"wrapped", "bare", "by_version"},
		"RoleRefForm":              {"both", "object", "doc", "string", "ignore_string", "ignore_object"},
		"RoleDeleteChildren":       {"reject", "transfer", "reparent"},
		"ModuleProfilesPut":        {"merge", "replace"},
		"ProfileDeleteForm":        {"any", "bool", "object", "object_ignore_bool"},
		"ModulePutMandatory":       {"profiles", "seed", "labels", "none"},
		"ModulesBulkPut":           {"single", "bulk"},
		"ModuleDuplicateLabelCode": {"INVALID_DATA", "DUPLICATE_DATA"},
		"ModuleListProfileLimit":   {2, -1, 1, 5},
		"LockingPutLockType":       {"required", "optional"},
		"LockingDependentOnPut":    {"body", "merged"},
		"LockingRulesOmittedOnPut": {"keep", "replace"},
		"NullOnPut":                {"clear", "keep"},
		"EmptyLockingGet":          {"204", "empty"},
		"PicklistValueCode":        {"NOT_SUPPORTED", "INVALID_DATA"},
		"Comparators":              {"equal_only", "common"},
		"DuplicateCriteria":        {"unordered", "exact"},
		"ContactRoleDuplicateCode": {"INVALID_DATA", "DUPLICATE_DATA"},
		"ContactRoleNameCheck":     {"sequential", "before_call"},
		"PartialStatus":            {200, 207, 400},
		"TokenExpiresIn":           {"seconds", "millis"},
		"TokenErrorStatus":         {200, 400},
		"MaxExcludedFields":        {0, 3},
		"MaxExcludedProfiles":      {0, 2},
		"MaxRestrictedButtons":     {0, 1},
		// Fields and global picklists.
		"FieldAPINameOnCreate":       {"derived", "honoured"},
		"FieldsPerCall":              {5, 25},
		"FieldRequestLimits":         {"request", "get"},
		"FieldCreateOmittedProfiles": {"hidden", "read_write"},
		"SystemFieldUpdate":          {"refused", "all_but_label", "options_and_permissions"},
		"FieldInLockingUse":          {"refused", "allowed"},
		"MaxCustomFields":            {310, 130, 150},
		"PicklistOptionDelete":       {"delete", "rejected"},
		"PicklistReorder":            {"sequence_number", "ignored"},
		"FieldDeleteUnknownID":       {"INVALID_DATA", "404"},
		"GeneratedAPINameCollision":  {"suffix", "error"},
		"GlobalValueType":            {"required", "optional"},
		"GlobalUpdateMandatory":      {"both", "none"},
		"GlobalDelete":               {"scheduled", "immediate"},
		"GlobalDeleteIDs":            {"single", "csv"},
		"MaxGlobalPicklists":         {10, 2},
		"GlobalListValues":           {"include", "always"},
		"GlobalBulkPatchStatus":      {200, 201},
		"GlobalValueUniqueness":      {"each", "request"},
	}
}

// openEnded reports the int fields that accept any value (their choices are
// only examples for ReadingVariants).
func openEnded(name string) bool {
	switch name {
	case "ModuleListProfileLimit", "MaxExcludedFields", "MaxExcludedProfiles", "MaxRestrictedButtons":
		return true
	case "MaxCustomFields", "MaxGlobalPicklists":
		return true
	}
	return false
}

// DefaultReadings returns the Readings with every default filled in.
func DefaultReadings() Readings {
	r, _ := Readings{}.normalize()
	return r
}

// normalize fills the defaults and rejects unknown values.
func (r Readings) normalize() (Readings, error) {
	all := readingChoices()
	v := reflect.ValueOf(&r).Elem()
	for i := 0; i < v.NumField(); i++ {
		name := v.Type().Field(i).Name
		choices := all[name]
		f := v.Field(i)
		if f.IsZero() {
			f.Set(reflect.ValueOf(choices[0]))
			continue
		}
		if openEnded(name) {
			continue
		}
		if !containsChoice(choices, f.Interface()) {
			return r, fmt.Errorf("emulator: reading %s: unknown value %v (want one of %v)", name, f.Interface(), choices)
		}
	}
	return r, nil
}

func containsChoice(choices []any, v any) bool {
	for _, c := range choices {
		if c == v {
			return true
		}
	}
	return false
}

// ReadingVariants returns one named Readings per alternative reading: "default"
// (all defaults) and "<Field>=<value>" for every non-default value of every
// field, the other fields keeping their defaults. Tests run a matrix over it.
func ReadingVariants() map[string]Readings {
	out := map[string]Readings{"default": DefaultReadings()}
	all := readingChoices()
	names := make([]string, 0, len(all))
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, c := range all[name][1:] {
			r := DefaultReadings()
			reflect.ValueOf(&r).Elem().FieldByName(name).Set(reflect.ValueOf(c))
			out[fmt.Sprintf("%s=%v", name, c)] = r
		}
	}
	return out
}
