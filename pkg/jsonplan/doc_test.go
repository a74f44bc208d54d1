package jsonplan_test

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/jsonplan"
	"github.com/crmsync/crmsync/pkg/model"
)

// TestDocNamesEveryKey pins docs/plan-json.md to the types: every JSON key
// of the plan's own types, and of the scope, is described there.
func TestDocNamesEveryKey(t *testing.T) {
	data, err := os.ReadFile("../../docs/plan-json.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	if !strings.Contains(doc, "# The JSON plan (format "+jsonplan.FormatVersion+")") {
		t.Errorf("docs/plan-json.md does not describe format %s", jsonplan.FormatVersion)
	}
	keys := map[string]bool{}
	jsonKeys(reflect.TypeOf(jsonplan.Plan{}), keys, map[reflect.Type]bool{})
	jsonKeys(reflect.TypeOf(model.Scope{}), keys, map[reflect.Type]bool{})
	if len(keys) < 40 {
		t.Fatalf("found only %d keys: %v", len(keys), keys)
	}
	for k := range keys {
		if !strings.Contains(doc, "`"+k+"`") && !strings.Contains(doc, "{"+k+",") &&
			!strings.Contains(doc, ", "+k+"}") && !strings.Contains(doc, ", "+k+",") {
			t.Errorf("docs/plan-json.md does not describe the key %q", k)
		}
	}
}

// jsonKeys collects the JSON keys of t's struct fields, following the
// fields whose types are declared in package jsonplan.
func jsonKeys(t reflect.Type, keys map[string]bool, seen map[reflect.Type]bool) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || seen[t] {
		return
	}
	seen[t] = true
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		keys[name] = true
		ft := f.Type
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		if ft.PkgPath() == t.PkgPath() {
			jsonKeys(ft, keys, seen)
		}
	}
}
