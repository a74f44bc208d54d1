package desired

import (
	"fmt"
	"slices"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
)

// yaml11Bools are the YAML 1.1 spellings of booleans that YAML 1.2 (and so
// gopkg.in/yaml.v3) reads as strings.
var yaml11Bools = []string{"yes", "no", "on", "off", "y", "n"}

// describeValue names a value for "got ..." in messages.
func describeValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "null (an empty value)"
	case string:
		if x == "" {
			return "an empty string"
		}
		return fmt.Sprintf("the string %q", x)
	case bool:
		return fmt.Sprintf("%t", x)
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	case float64:
		return fmt.Sprintf("the number %v", x)
	default:
		return fmt.Sprintf("the number %v", x)
	}
}

// describeType names a JSON Schema type for "expected ..." in messages.
func describeType(t string) string {
	switch t {
	case "string":
		return "a string"
	case "integer":
		return "an integer"
	case "number":
		return "a number"
	case "boolean":
		return "true or false"
	case "array":
		return "a list"
	case "object":
		return "a mapping"
	case "null":
		return "null"
	}
	return t
}

// orList joins items as "a, b or c".
func orList(items []string) string { return joinList(items, "or") }

// andList joins items as "a, b and c".
func andList(items []string) string { return joinList(items, "and") }

func joinList(items []string, conj string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + conj + " " + items[len(items)-1]
}

// suggest returns the candidate closest to s, or "" when none is close:
// equal after folding case and dropping '_', '-' and spaces, a prefix of
// at least 3 letters, or within a small edit distance.
func suggest(s string, candidates []string) string {
	fold := func(x string) string {
		return strings.NewReplacer("_", "", "-", "", " ", "").Replace(strings.ToLower(x))
	}
	best, bestDist := "", -1
	for _, c := range candidates {
		if c == s {
			continue
		}
		if fold(c) == fold(s) || (len(s) >= 3 && strings.HasPrefix(fold(c), fold(s))) {
			return c
		}
		d := model.Distance(strings.ToLower(s), strings.ToLower(c))
		limit := max(1, min(len(s), len(c))/3)
		if d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// didYouMean renders a suggestion hint, or "".
func didYouMean(s string, candidates []string) string {
	if c := suggest(s, candidates); c != "" {
		return fmt.Sprintf("; did you mean %q?", c)
	}
	return ""
}

// isYAML11Bool reports whether s is a YAML 1.1 boolean spelling.
func isYAML11Bool(s string) bool { return slices.Contains(yaml11Bools, strings.ToLower(s)) }
