package zoho_test

// A small checker for the parts of OpenAPI 3.0 schemas that Zoho's files
// use: $ref (within a file and to the other files of testdata/oas),
// type, nullable, required, enum, properties, items, oneOf, anyOf and
// allOf. Keys that a schema does not name are not checked (Zoho's schemas
// never set additionalProperties), nor are formats and lengths.
//
// oneOf is checked as anyOf: a value passes if one alternative accepts it.
// Zoho's alternatives overlap (no additionalProperties, few required keys),
// so "exactly one" would reject answers every alternative describes.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// oasSpec holds the decoded files of one folder, by base name.
type oasSpec struct {
	files map[string]any
}

// loadOAS decodes every *.json file of dir.
func loadOAS(t *testing.T, dir string) *oasSpec {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no OpenAPI files in %s: %v", dir, err)
	}
	s := &oasSpec{files: map[string]any{}}
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		v, err := decodeNumbers(b)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		s.files[filepath.Base(n)] = v
	}
	return s
}

// decodeNumbers decodes JSON with numbers as json.Number.
func decodeNumbers(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	err := d.Decode(&v)
	return v, err
}

// resolve follows a $ref from file: "#/a/b" within file, or
// "<url>/<name>.json#/a/b" to the file of that base name.
func (s *oasSpec) resolve(file, ref string) (string, map[string]any, error) {
	target, ptr, _ := strings.Cut(ref, "#")
	if target != "" {
		file = path.Base(target)
	}
	node, ok := s.files[file]
	if !ok {
		return file, nil, fmt.Errorf("$ref %s: no file %s", ref, file)
	}
	for _, tok := range strings.Split(strings.Trim(ptr, "/"), "/") {
		if tok == "" {
			continue
		}
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		m, ok := node.(map[string]any)
		if !ok {
			return file, nil, fmt.Errorf("$ref %s: %q is not an object", ref, tok)
		}
		if node, ok = m[tok]; !ok {
			return file, nil, fmt.Errorf("$ref %s: no %q", ref, tok)
		}
	}
	m, ok := node.(map[string]any)
	if !ok {
		return file, nil, fmt.Errorf("$ref %s is not an object", ref)
	}
	return file, m, nil
}

// deref follows $refs until a node without one.
func (s *oasSpec) deref(file string, node map[string]any) (string, map[string]any, error) {
	for i := 0; i < 20; i++ {
		ref, ok := node["$ref"].(string)
		if !ok {
			return file, node, nil
		}
		var err error
		if file, node, err = s.resolve(file, ref); err != nil {
			return file, nil, err
		}
	}
	return file, nil, fmt.Errorf("$ref chain too long")
}

// violation is one disagreement between a value and a schema. Kind is
// required, type, null, enum, ref or status; Path is a JSON path such as
// $.roles[0].reporting_to.
type violation struct {
	Kind, Path, Msg string
}

func (v violation) String() string { return v.Kind + " " + v.Path + ": " + v.Msg }

// validate checks v against the schema node of file.
func (s *oasSpec) validate(file string, schema map[string]any, v any, at string) []violation {
	var out []violation
	s.walk(file, schema, v, at, &out)
	return out
}

func (s *oasSpec) walk(file string, schema map[string]any, v any, at string, out *[]violation) {
	file, schema, err := s.deref(file, schema)
	if err != nil {
		*out = append(*out, violation{"ref", at, err.Error()})
		return
	}
	if v == nil {
		if schema["nullable"] != true && (schema["type"] != nil || schema["properties"] != nil) {
			*out = append(*out, violation{"null", at, "null, but the schema is not nullable"})
		}
		return
	}
	for _, k := range []string{"oneOf", "anyOf"} {
		if alts, ok := schema[k].([]any); ok && !s.anyOf(file, alts, v, at, out) {
			return
		}
	}
	if all, ok := schema["allOf"].([]any); ok {
		for _, a := range all {
			if m, ok := a.(map[string]any); ok {
				s.walk(file, m, v, at, out)
			}
		}
	}
	if t, ok := schema["type"].(string); ok && !hasType(v, t) {
		*out = append(*out, violation{"type", at, fmt.Sprintf("%s, want %s", kindOf(v), t)})
		return
	}
	if enum, ok := schema["enum"].([]any); ok && !inEnum(v, enum) {
		*out = append(*out, violation{"enum", at, fmt.Sprintf("%s not in %s", jsonText(v), jsonText(enum))})
	}
	switch x := v.(type) {
	case map[string]any:
		s.object(file, schema, x, at, out)
	case []any:
		if items, ok := schema["items"].(map[string]any); ok {
			for i, e := range x {
				s.walk(file, items, e, fmt.Sprintf("%s[%d]", at, i), out)
			}
		}
	}
}

// anyOf reports whether one alternative accepts v; if none does, it adds
// the violations of the closest alternative (the fewest violations).
func (s *oasSpec) anyOf(file string, alts []any, v any, at string, out *[]violation) bool {
	var best []violation
	for i, a := range alts {
		m, ok := a.(map[string]any)
		if !ok {
			continue
		}
		got := s.validate(file, m, v, at)
		if len(got) == 0 {
			return true
		}
		if i == 0 || len(got) < len(best) {
			best = got
		}
	}
	*out = append(*out, best...)
	return len(best) == 0
}

func (s *oasSpec) object(file string, schema map[string]any, x map[string]any, at string, out *[]violation) {
	if req, ok := schema["required"].([]any); ok {
		for _, k := range req {
			if _, has := x[k.(string)]; !has {
				*out = append(*out, violation{"required", childPath(at, k.(string)), "missing"})
			}
		}
	}
	props, _ := schema["properties"].(map[string]any)
	keys := make([]string, 0, len(x))
	for k := range x {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if p, ok := props[k].(map[string]any); ok {
			s.walk(file, p, x[k], childPath(at, k), out)
		}
	}
}

// childPath is the JSON path of key k under at; a key holding a dot or a
// bracket (Zoho has "common.search_supported") is written ["k"].
func childPath(at, k string) string {
	if strings.ContainsAny(k, ".[]\"") {
		return at + `["` + k + `"]`
	}
	return at + "." + k
}

func hasType(v any, t string) bool {
	switch t {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "number":
		_, ok := v.(json.Number)
		return ok
	case "integer":
		n, ok := v.(json.Number)
		return ok && !strings.ContainsAny(n.String(), ".eE")
	}
	return true
}

func kindOf(v any) string {
	switch x := v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return fmt.Sprintf("string %q", x)
	case bool:
		return "boolean"
	case json.Number:
		return "number " + x.String()
	}
	return fmt.Sprintf("%T", v)
}

func inEnum(v any, enum []any) bool {
	for _, e := range enum {
		if jsonText(e) == jsonText(v) {
			return true
		}
	}
	return false
}

// allowance accepts the violations of one kind at one path: a JSON path
// with [*] for any index, and a final ".*" for any one key (written .k or
// ["k"]) except those in except. Each allowance records which source the client or the emulator
// follows where the OpenAPI file says otherwise.
type allowance struct {
	method     string // "" for any, else the HTTP method it applies to
	kind, path string
	except     []string
	msg        string // if set, the violation's message must contain it
	reason     string
}

var indexRE = regexp.MustCompile(`\[\d+\]`)

// generalPath replaces every index with [*].
func generalPath(p string) string { return indexRE.ReplaceAllString(p, "[*]") }

func (a allowance) accepts(v violation) bool {
	if a.kind != v.Kind || !strings.Contains(v.Msg, a.msg) {
		return false
	}
	p := generalPath(v.Path)
	prefix, any := strings.CutSuffix(a.path, ".*")
	if !any {
		return p == a.path
	}
	key, ok := strings.CutPrefix(p, prefix+".")
	if !ok {
		quoted, isQuoted := strings.CutPrefix(p, prefix+`["`)
		key, ok = strings.CutSuffix(quoted, `"]`)
		ok = ok && isQuoted && !strings.Contains(key, `"`)
	} else if strings.ContainsAny(key, ".[") {
		return false
	}
	if !ok {
		return false
	}
	for _, e := range a.except {
		if e == key {
			return false
		}
	}
	return true
}

// TestOASChecker checks the checker on small schemas.
func TestOASChecker(t *testing.T) {
	spec := &oasSpec{files: map[string]any{}}
	for name, text := range map[string]string{
		"a.json": `{"components":{"schemas":{
			"Obj":{"type":"object","required":["id","kind"],"properties":{
				"id":{"type":"string"},
				"kind":{"type":"string","enum":["x","y"]},
				"n":{"type":"integer"},
				"tags":{"type":"array","items":{"type":"string"}},
				"user":{"$ref":"https://example.com/crm-oas/v8.0/b.json#/components/schemas/User"},
				"opt":{"type":"string","nullable":true},
				"either":{"oneOf":[{"$ref":"#/components/schemas/X"},{"$ref":"#/components/schemas/Y"}]}}},
			"X":{"type":"object","required":["x"]},
			"Y":{"type":"object","required":["y"],"properties":{"y":{"type":"boolean"}}}}}}`,
		"b.json": `{"components":{"schemas":{"User":{"type":"object","required":["name"],"properties":{"name":{"type":"string"}}}}}}`,
	} {
		v, err := decodeNumbers([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		spec.files[name] = v
	}
	schema := map[string]any{"$ref": "#/components/schemas/Obj"}
	cases := map[string][]string{
		`{"id":"1","kind":"x","n":3,"tags":["a"],"user":{"name":"u"},"opt":null,"either":{"y":true}}`: nil,
		`{"kind":"z"}`:                           {"required $.id: missing", `enum $.kind: "z" not in ["x","y"]`},
		`{"id":1,"kind":"x","n":1.5}`:            {"type $.id: number 1, want string", "type $.n: number 1.5, want integer"},
		`{"id":"1","kind":"x","user":{}}`:        {"required $.user.name: missing"},
		`{"id":"1","kind":"x","tags":[null]}`:    {"null $.tags[0]: null, but the schema is not nullable"},
		`{"id":"1","kind":"x","either":{"y":1}}`: {"required $.either.x: missing"},
	}
	for text, want := range cases {
		v, _ := decodeNumbers([]byte(text))
		var got []string
		for _, x := range spec.validate("a.json", schema, v, "$") {
			got = append(got, x.String())
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", text, got, want)
		}
	}
	a := allowance{kind: "required", path: "$.modules[*].*", except: []string{"id"}}
	for p, want := range map[string]bool{"$.modules[3].visible": true, "$.modules[0].id": false,
		`$.modules[0]["common.search_supported"]`: true, "$.modules[0].modified_by.name": false,
		"$.modules[0].profiles[1].name": false, "$.roles[0].x": false} {
		if got := a.accepts(violation{Kind: "required", Path: p}); got != want {
			t.Errorf("allowance accepts %s = %v, want %v", p, got, want)
		}
	}
}
