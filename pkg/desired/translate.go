package desired

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
)

// commonKeyHints explains why some keys are not accepted by any kind,
// instead of a "did you mean"; each kind's descriptor adds its own.
var commonKeyHints = map[string]string{
	"id": "crmsync refers to objects by name; Zoho ids are not written in manifests",
}

// keyHint is the hint for key in a document of kind, or "".
func keyHint(kind model.Kind, key string) string {
	if d, _ := kinds.Get(kind); d.KeyHints[key] != "" {
		return d.KeyHints[key]
	}
	return commonKeyHints[key]
}

// translate turns one jsonschema leaf error into findings with positions
// and messages that say what was expected. It reads the schema and the
// value itself rather than parsing jsonschema's English.
func (v *validator) translate(kind model.Kind, t *tree, leaf *jsonschema.ValidationError) []finding {
	ptr := v5Pointer(leaf.InstanceLocation)
	keyword, chain := v.schemaAt(leaf.AbsoluteKeywordLocation)
	if len(chain) == 0 {
		return []finding{t.finding(ptr, "%s", leaf.Message)}
	}
	s := chain[len(chain)-1]
	val, _ := t.get(ptr)
	switch keyword {
	case "type":
		return []finding{t.finding(ptr, "%s", typeMessage(t, ptr, s, val))}
	case "enum", "const":
		msg := fmt.Sprintf("expected %s, got %s", expectation(s), describeValue(val))
		if str, ok := val.(string); ok && keyword == "enum" {
			msg += didYouMean(str, enumStrings(s))
		}
		return []finding{t.finding(ptr, "%s", msg)}
	case "required":
		return requiredFindings(t, ptr, s, chain, val)
	case "additionalProperties":
		return unknownKeyFindings(kind, t, ptr, chain, val)
	case "pattern":
		want, _ := s["patternErrorMessage"].(string)
		if want == "" {
			want = fmt.Sprintf("a value matching %s", s["pattern"])
		}
		return []finding{t.finding(ptr, "%s, got %s", want, describeValue(val))}
	case "minLength":
		return []finding{t.finding(ptr, "expected at least %v character(s), got %s", s[keyword], describeValue(val))}
	case "maxLength":
		str, _ := val.(string)
		return []finding{t.finding(ptr, "expected at most %v characters, got %d", s[keyword], len([]rune(str)))}
	case "minimum":
		return []finding{t.finding(ptr, "expected at least %v, got %v", s[keyword], val)}
	case "maximum":
		return []finding{t.finding(ptr, "expected at most %v, got %v", s[keyword], val)}
	case "minItems":
		return []finding{t.finding(ptr, "expected at least %v item(s), got an empty list", s[keyword])}
	case "maxItems":
		items, _ := val.([]any)
		return []finding{t.finding(ptr, "expected at most %v items, got %d", s[keyword], len(items))}
	case "uniqueItems":
		if fs := duplicateFindings(t, ptr, val); len(fs) > 0 {
			return fs
		}
	}
	return []finding{t.finding(ptr, "%s", leaf.Message)}
}

func typeMessage(t *tree, ptr string, s map[string]any, val any) string {
	want := schemaTypes(s)
	str, isString := val.(string)
	if slices.Contains(want, "boolean") && isString && isYAML11Bool(str) {
		return fmt.Sprintf("expected true or false, got %q, which YAML 1.2 reads as a string; write true or false", str)
	}
	msg := fmt.Sprintf("expected %s, got %s", expectation(s), describeValue(val))
	switch {
	case isString && (slices.Contains(want, "integer") || slices.Contains(want, "number")) && isNumber(str):
		msg += "; remove the quotes"
	case val == nil && slices.Contains(want, "array"):
		msg += "; write [] for an empty list"
	case val == nil && (strings.HasSuffix(ptr, "/forecast_manager") || strings.HasSuffix(ptr, "/description")):
		msg += `; write "" to clear it, or leave the key out to leave it alone`
	case slices.Contains(want, "string") && !isString && val != nil:
		if _, isList := val.([]any); !isList {
			if _, isMap := val.(map[string]any); !isMap {
				if n := t.ref(ptr).val; n != nil {
					msg += fmt.Sprintf("; quote it (%q) to make it a string", n.Value)
				}
			}
		}
	}
	return msg
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil
}

func schemaTypes(s map[string]any) []string {
	switch x := s["type"].(type) {
	case string:
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			out = append(out, fmt.Sprint(e))
		}
		return out
	}
	return nil
}

func enumStrings(s map[string]any) []string {
	var out []string
	if e, ok := s["enum"].([]any); ok {
		for _, x := range e {
			if str, ok := x.(string); ok {
				out = append(out, str)
			}
		}
	}
	if c, ok := s["const"].(string); ok {
		out = append(out, c)
	}
	return out
}

// properties returns the "properties" of the nearest schema object in
// chain that has them, with local $refs resolved.
func properties(chain []map[string]any) map[string]any {
	for i := len(chain) - 1; i >= 0; i-- {
		if p, ok := chain[i]["properties"].(map[string]any); ok {
			return p
		}
	}
	return nil
}

func requiredFindings(t *tree, ptr string, s map[string]any, chain []map[string]any, val any) []finding {
	m, _ := val.(map[string]any)
	req, _ := s["required"].([]any)
	props := properties(chain)
	var out []finding
	for _, r := range req {
		key := fmt.Sprint(r)
		if _, ok := m[key]; ok {
			continue
		}
		msg := "missing required key " + key
		if ps, ok := props[key].(map[string]any); ok {
			if e := expectation(resolve(chain[0], ps)); e != "" {
				msg += " (" + e + ")"
			}
		}
		out = append(out, t.finding(ptr, "%s", msg))
	}
	return out
}

func unknownKeyFindings(kind model.Kind, t *tree, ptr string, chain []map[string]any, val any) []finding {
	m, _ := val.(map[string]any)
	props := properties(chain)
	known := make([]string, 0, len(props))
	for k := range props {
		known = append(known, k)
	}
	slices.Sort(known)
	var unknown []string
	for k := range m {
		if _, ok := props[k]; !ok {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	out := make([]finding, 0, len(unknown))
	for _, k := range unknown {
		msg := fmt.Sprintf("unknown key %q", k)
		hint := keyHint(kind, k)
		if hint != "" {
			msg += "; " + hint
		} else {
			msg += didYouMean(k, known)
		}
		out = append(out, t.findingAt(t.pos(ptr+"/"+escapeToken(k)), ptr, "%s", msg))
	}
	return out
}

// duplicateFindings reports every item of a list that repeats an earlier
// one, at the repeated item.
func duplicateFindings(t *tree, ptr string, val any) []finding {
	items, _ := val.([]any)
	seen := map[string]int{}
	var out []finding
	for i, item := range items {
		b, err := json.Marshal(item)
		if err != nil {
			continue
		}
		k := string(b)
		if first, ok := seen[k]; ok {
			ip := fmt.Sprintf("%s/%d", ptr, i)
			out = append(out, t.finding(ip, "%s is listed twice (first as item %d)", strings.TrimSpace(k), first+1))
			continue
		}
		seen[k] = i
	}
	return out
}
