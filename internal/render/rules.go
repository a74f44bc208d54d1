package render

import (
	"fmt"
	"strconv"
	"strings"
)

// Locking rules are diffed by name: a field path is "locking_rules.<name>"
// for a whole rule, or "locking_rules.<name>.<key>" for one of its keys. The
// JSON plan keeps that data as it is; the text view names the rule in
// brackets and shows criteria as the readable text they are compared as:
//
//	+ locking_rules["Closed Lost"]: criteria OR(Stage equal "Closed Lost"), lock_existing_records false
//	~ locking_rules["Closed Won"].criteria: Stage equal "Closed Won" -> Stage equal "Won"

const rulesPrefix = "locking_rules."

// ruleKeys are the keys of a rule, in the order the text view shows them.
var ruleKeys = []string{"criteria", "lock_existing_records"}

// fieldPath renders a field path for the text view. For a locking rule
// path it also returns what the value is: "rule" for a whole rule, or the
// rule's key.
func fieldPath(path string) (shown, rule string) {
	rest, ok := strings.CutPrefix(path, rulesPrefix)
	if !ok || rest == "" {
		return path, ""
	}
	for _, k := range append([]string{"name"}, ruleKeys...) {
		if name, ok := strings.CutSuffix(rest, "."+k); ok && name != "" {
			return fmt.Sprintf("locking_rules[%s].%s", strconv.Quote(name), k), k
		}
	}
	return fmt.Sprintf("locking_rules[%s]", strconv.Quote(rest)), "rule"
}

// ruleValue renders a rule, or one key of a rule: criteria unquoted, since
// they are already a canonical text.
func ruleValue(what string, v any) string {
	switch what {
	case "rule":
		m, ok := v.(map[string]any)
		if !ok {
			return Value(v)
		}
		var parts []string
		for _, k := range ruleKeys {
			if x, ok := m[k]; ok {
				parts = append(parts, k+" "+ruleValue(k, x))
			}
		}
		if len(parts) == 0 {
			return "(no keys)"
		}
		return strings.Join(parts, ", ")
	case "criteria":
		if s, ok := v.(string); ok {
			return s
		}
	}
	if v == nil {
		return Value(v)
	}
	if b, ok := v.(bool); ok {
		return strconv.FormatBool(b)
	}
	return Value(v)
}
