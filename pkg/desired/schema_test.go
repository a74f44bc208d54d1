package desired

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/schemas"
)

// jsonTags returns the JSON names of a struct type's fields, minus skip.
func jsonTags(v any, skip ...string) []string {
	var out []string
	rt := reflect.TypeOf(v)
	for i := range rt.NumField() {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" && !slices.Contains(skip, name) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

func schemaDoc(t *testing.T, name string) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(schemas.Bytes(name), &doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

func propertyNames(s map[string]any) []string {
	props, _ := s["properties"].(map[string]any)
	out := make([]string, 0, len(props))
	for k := range props {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func sorted(s ...string) []string { slices.Sort(s); return s }

// TestSchemasMatchModel: the schemas are the single source of truth for
// manifest keys, and the JSON tags of package model must say the same.
func TestSchemasMatchModel(t *testing.T) {
	tests := []struct {
		kind model.Kind
		def  string // "" for the document, else a $defs entry
		want []string
	}{
		{model.KindLockingConfig, "", append(jsonTags(model.LockingConfig{}), "apiVersion", "kind", "absent")},
		{model.KindLockingConfig, "locking_rule", jsonTags(model.LockingRule{}, "id")}, // id is server-owned
		{model.KindLockingConfig, "criteria", jsonTags(model.Criteria{})},
		{model.KindModule, "", append(jsonTags(model.Module{}), "apiVersion", "kind")},
		{model.KindRole, "", append(jsonTags(model.Role{}), "apiVersion", "kind", "absent", "previous_names", "transfer_to")},
		{model.KindContactRole, "", append(jsonTags(model.ContactRole{}), "apiVersion", "kind", "absent", "previous_names")},
		{model.KindField, "", append(jsonTags(model.FieldDef{}), "apiVersion", "kind", "absent")},
		{model.KindField, "pick_list_value", jsonTags(model.PicklistValue{}, "id", "type")}, // id is server-owned; type is a global picklist's
	}
	for _, tt := range tests {
		s := schemaDoc(t, schemaFile(tt.kind))
		if tt.def != "" {
			defs, _ := s["$defs"].(map[string]any)
			s, _ = defs[tt.def].(map[string]any)
		}
		if diff := cmp.Diff(sorted(tt.want...), propertyNames(s)); diff != "" {
			t.Errorf("%s %s: schema properties differ from the model's JSON tags (-model +schema):\n%s", tt.kind, tt.def, diff)
		}
		if s["additionalProperties"] != false {
			t.Errorf("%s %s: additionalProperties must be false", tt.kind, tt.def)
		}
	}
	for _, kind := range kinds.List() {
		s := schemaDoc(t, schemaFile(kind))
		props, _ := s["properties"].(map[string]any)
		kindProp, _ := props["kind"].(map[string]any)
		if kindProp["const"] != string(kind) {
			t.Errorf("%s: kind const = %v", kind, kindProp["const"])
		}
		if got := identityKey(kind); !slices.Contains(requiredKeys(s), got) {
			t.Errorf("%s: identity key %s is not required", kind, got)
		}
	}
}

func requiredKeys(s map[string]any) []string {
	var out []string
	r, _ := s["required"].([]any)
	for _, k := range r {
		out = append(out, k.(string))
	}
	return out
}

// TestSchemasDescribeEveryKey: editors show descriptions, so every property
// and every list item has one.
func TestSchemasDescribeEveryKey(t *testing.T) {
	for _, kind := range kinds.List() {
		name := schemaFile(kind)
		var walk func(ptr string, s map[string]any)
		walk = func(ptr string, s map[string]any) {
			props, _ := s["properties"].(map[string]any)
			for k, p := range props {
				ps, _ := p.(map[string]any)
				if d, _ := ps["description"].(string); d == "" {
					t.Errorf("%s: %s/properties/%s has no description", name, ptr, k)
				}
				walk(ptr+"/properties/"+k, ps)
			}
			if items, ok := s["items"].(map[string]any); ok {
				if d, _ := items["description"].(string); d == "" {
					t.Errorf("%s: %s/items has no description", name, ptr)
				}
				walk(ptr+"/items", items)
			}
			defs, _ := s["$defs"].(map[string]any)
			for k, d := range defs {
				ds, _ := d.(map[string]any)
				walk(ptr+"/$defs/"+k, ds)
			}
		}
		walk("#", schemaDoc(t, name))
	}
}

func TestSchemasCompile(t *testing.T) {
	if _, err := loadValidator(); err != nil {
		t.Fatal(err)
	}
	if _, err := compileSchema(schemas.CombinedFile); err != nil {
		t.Fatal(err)
	}
}

// schemaFile is the schema file kind's descriptor names.
func schemaFile(kind model.Kind) string {
	d, _ := kinds.Get(kind)
	return d.SchemaFile
}
