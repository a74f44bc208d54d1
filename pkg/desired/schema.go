package desired

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/schemas"
)

// validator holds the compiled kind schemas and their decoded JSON, which
// the messages read (enums, patterns, limits, patternErrorMessage).
type validator struct {
	kinds map[model.Kind]*jsonschema.Schema
	docs  map[string]any // schema URL -> decoded schema document
}

// loadValidator compiles the embedded schemas once; they never change.
var loadValidator = sync.OnceValues(func() (*validator, error) {
	v := &validator{kinds: map[model.Kind]*jsonschema.Schema{}, docs: map[string]any{}}
	for _, d := range kinds.All() {
		name := d.SchemaFile
		s, err := compileSchema(name)
		if err != nil {
			return nil, err
		}
		v.kinds[d.Kind] = s
		var doc any
		if err := json.Unmarshal(schemas.Bytes(name), &doc); err != nil {
			return nil, fmt.Errorf("schema %s: %w", name, err)
		}
		v.docs[schemas.URL(name)] = doc
	}
	return v, nil
})

// compileSchema compiles the embedded schema file name. Every embedded
// schema is registered under its absolute URL, and nothing is ever loaded
// from the network or the disk. "$schema" is set in every file, so the
// draft (2020-12) and its annotation-only "format" are explicit.
func compileSchema(name string) (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.LoadURL = func(s string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("schema %s is not embedded in crmsync", s)
	}
	files := []string{schemas.CombinedFile}
	for _, d := range kinds.All() {
		files = append(files, d.SchemaFile)
	}
	for _, f := range files {
		if err := c.AddResource(schemas.URL(f), bytes.NewReader(schemas.Bytes(f))); err != nil {
			return nil, fmt.Errorf("schema %s: %w", f, err)
		}
	}
	s, err := c.Compile(schemas.URL(name))
	if err != nil {
		return nil, fmt.Errorf("schema %s: %w", name, err)
	}
	return s, nil
}

// finding is a problem inside one document, before it gets the document's
// key.
type finding struct {
	src model.Source
	msg string
}

// finding builds a finding at ptr, with the message prefixed by the key path.
func (t *tree) finding(ptr, format string, args ...any) finding {
	return t.findingAt(t.pos(ptr), ptr, format, args...)
}

// findingAt builds a finding at src, with the message prefixed by the key
// path of ptr.
func (t *tree) findingAt(src model.Source, ptr, format string, args ...any) finding {
	msg := fmt.Sprintf(format, args...)
	if p := t.path(ptr); p != "" {
		msg = p + ": " + msg
	}
	return finding{src: src, msg: msg}
}

// validate checks the document against kind's schema. It never panics:
// jsonschema/v5 re-panics on values it does not know, which convert has
// already rejected, but a panic is still turned into a finding.
func (v *validator) validate(kind model.Kind, t *tree) (out []finding) {
	defer func() {
		if r := recover(); r != nil {
			out = append(out, t.finding("", "internal error while validating against the schema: %v", r))
		}
	}()
	err := v.kinds[kind].Validate(t.root)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []finding{t.finding("", "cannot validate: %v", err)}
	}
	for _, leaf := range leaves(ve, nil) {
		out = append(out, v.translate(kind, t, leaf)...)
	}
	return out
}

// leaves returns the errors that have no causes: the wrappers ("doesn't
// validate with ...", $ref, if/then) only repeat them.
func leaves(ve *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		if ve.Message != "" {
			out = append(out, ve)
		}
		return out
	}
	for _, c := range ve.Causes {
		out = leaves(c, out)
	}
	return out
}

// v5Pointer turns a jsonschema/v5 location, whose tokens are escaped both
// as RFC 6901 and with url.PathEscape, into our canonical pointer.
func v5Pointer(loc string) string {
	if loc == "" {
		return ""
	}
	parts := strings.Split(strings.TrimPrefix(loc, "/"), "/")
	for i, p := range parts {
		if u, err := url.PathUnescape(p); err == nil {
			p = u
		}
		parts[i] = unescapeToken(p)
	}
	return pointer(parts...)
}

// schemaAt resolves an absolute keyword location to its keyword and the
// chain of schema objects from the document root to the keyword's owner.
func (v *validator) schemaAt(absLoc string) (keyword string, chain []map[string]any) {
	u, frag, _ := strings.Cut(absLoc, "#")
	node, _ := v.docs[u].(map[string]any)
	toks := tokens(v5Pointer(frag))
	if len(toks) == 0 || node == nil {
		return "", nil
	}
	keyword = toks[len(toks)-1]
	chain = []map[string]any{node}
	var cur any = node
	for _, tok := range toks[:len(toks)-1] {
		switch x := cur.(type) {
		case map[string]any:
			cur = x[tok]
		case []any:
			var i int
			if _, err := fmt.Sscan(tok, &i); err != nil || i < 0 || i >= len(x) {
				return keyword, chain
			}
			cur = x[i]
		default:
			return keyword, chain
		}
		if m, ok := cur.(map[string]any); ok {
			chain = append(chain, m)
		}
	}
	return keyword, chain
}

// resolve follows a local "$ref" ("#/$defs/x") inside the schema document
// that holds chain[0].
func resolve(root, s map[string]any) map[string]any {
	for range 8 {
		ref, ok := s["$ref"].(string)
		if !ok || !strings.HasPrefix(ref, "#/") {
			return s
		}
		var cur any = root
		for _, tok := range tokens(ref[1:]) {
			m, _ := cur.(map[string]any)
			cur = m[tok]
		}
		next, ok := cur.(map[string]any)
		if !ok {
			return s
		}
		merged := map[string]any{}
		for k, v := range next {
			merged[k] = v
		}
		for k, v := range s {
			if k != "$ref" {
				merged[k] = v
			}
		}
		s = merged
	}
	return s
}

// expectation describes what a schema accepts: "manual, automatic or both",
// "a list", "true or false".
func expectation(s map[string]any) string {
	if c, ok := s["const"]; ok {
		return fmt.Sprintf("%v", c)
	}
	if e, ok := s["enum"].([]any); ok {
		items := make([]string, len(e))
		for i, x := range e {
			items[i] = fmt.Sprint(x)
		}
		return orList(items)
	}
	var types []string
	switch t := s["type"].(type) {
	case string:
		types = []string{describeType(t)}
	case []any:
		for _, x := range t {
			types = append(types, describeType(fmt.Sprint(x)))
		}
	}
	return orList(types)
}
