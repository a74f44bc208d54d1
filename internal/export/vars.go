package export

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
)

// Var is a variable of the environment being exported, so that the export
// writes ${{ vars.NAME }} back instead of the environment's value.
//
// With Key set, it is one placeholder of the manifests: where the object
// Key has, at Pointer, the value Value that Template resolved to, the
// export writes Template. Without Key it is the variable itself (Name,
// Value): a string value met anywhere is written as the placeholder, and a
// secret one is never written, even inside a longer text.
type Var struct {
	Name     string
	Key      model.Key
	Pointer  string
	Template string
	Value    any
	Secret   bool
}

func placeholderOf(name string) string { return "${{ vars." + name + " }}" }

// placeholders rewrites the values of doc that come from variables.
func (o Options) placeholders(key model.Key, doc []pair) []pair {
	if len(o.Vars) == 0 {
		return doc
	}
	return o.rewritePairs(key, doc, "")
}

func (o Options) rewritePairs(key model.Key, doc []pair, ptr string) []pair {
	out := make([]pair, len(doc))
	for i, p := range doc {
		out[i] = pair{K: p.K, V: o.rewrite(key, p.V, ptr+"/"+escape(p.K), p.K == "apiVersion" || p.K == "kind")}
	}
	return out
}

func (o Options) rewrite(key model.Key, v any, ptr string, meta bool) any {
	switch x := v.(type) {
	case []pair:
		return o.rewritePairs(key, x, ptr)
	case [][]pair:
		items := make([][]pair, len(x))
		for i, item := range x {
			items[i] = o.rewritePairs(key, item, ptr+"/"+strconv.Itoa(i))
		}
		return items
	case []string:
		items := make([]string, len(x))
		for i, s := range x {
			items[i], _ = o.rewrite(key, s, ptr+"/"+strconv.Itoa(i), false).(string)
		}
		return items
	}
	if meta {
		return v
	}
	return o.scalar(key, v, ptr)
}

// scalar returns the placeholder text for v, or v.
func (o Options) scalar(key model.Key, v any, ptr string) any {
	for _, u := range o.Vars {
		if u.Key == key && u.Pointer == ptr && sameValue(v, u.Value) {
			return u.Template
		}
	}
	s, ok := v.(string)
	if !ok {
		return v
	}
	for _, u := range o.Vars {
		val, isText := u.Value.(string)
		if u.Key != (model.Key{}) || !isText || val == "" {
			continue
		}
		if s == val {
			return placeholderOf(u.Name)
		}
		if u.Secret && strings.Contains(s, val) {
			s = strings.ReplaceAll(s, val, placeholderOf(u.Name))
		}
	}
	return s
}

// sameValue compares two values as JSON, so that 3 and 3.0 are equal.
func sameValue(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	if err1 != nil || err2 != nil {
		return false
	}
	if string(x) == string(y) {
		return true
	}
	var fx, fy float64
	return json.Unmarshal(x, &fx) == nil && json.Unmarshal(y, &fy) == nil && fx == fy
}

// escape escapes a JSON pointer token (RFC 6901).
func escape(s string) string { return strings.NewReplacer("~", "~0", "/", "~1").Replace(s) }
