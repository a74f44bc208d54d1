package plan

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
)

// criteriaText renders criteria as one canonical, readable text, used both
// to compare and to show a rule's condition:
//
//	Stage equal "Closed Won"
//	OR(Stage equal "Closed Lost", Stage equal "Closed-Lost to Competition")
//
// Group members are sorted, since the order of an AND or OR group does not
// change its meaning; operators and comparators compare case-insensitively.
func criteriaText(c *model.Criteria) string {
	if c == nil {
		return ""
	}
	if c.IsGroup() {
		parts := make([]string, len(c.Group))
		for i := range c.Group {
			parts[i] = criteriaText(&c.Group[i])
		}
		slices.Sort(parts)
		return strings.ToUpper(c.GroupOperator) + "(" + strings.Join(parts, ", ") + ")"
	}
	return fmt.Sprintf("%s %s %s", c.Field, strings.ToLower(c.Comparator), valueText(c.Value))
}

// CriteriaText is the canonical text of criteria that the plan compares and
// shows (criteriaText); readers of saved plans use it to show them the same.
func CriteriaText(c *model.Criteria) string { return criteriaText(c) }

// valueText renders a criteria value. Numbers and numeric strings render the
// same, because Zoho may echo a number as a string.
func valueText(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		if f, err := strconv.ParseFloat(x, 64); err == nil && strings.TrimSpace(x) == x && x != "" {
			return strconv.FormatFloat(f, 'g', -1, 64)
		}
		return strconv.Quote(x)
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case json.Number:
		return valueText(string(x))
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = valueText(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	b, _ := json.Marshal(v)
	return string(b)
}
