package schemas

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/kinds"
)

// bundle builds crmsync.schema.json from the kind files: each kind schema
// goes under $defs/<Kind> without its "$schema" and "$id", its internal
// references are rewritten to point inside that entry, and one if/then per
// kind selects the entry by the document's "kind". The key order of the
// kind files is kept (json.Compact and json.Indent never reorder).
func bundle() ([]byte, error) {
	meta := regexp.MustCompile(`"\$(schema|id)":\s*"[^"]*",`)
	var defs, branches []string
	for _, d := range kinds.All() {
		kind := d.Kind
		src := Bytes(d.SchemaFile)
		if src == nil {
			return nil, fmt.Errorf("no schema file for kind %s", kind)
		}
		if n := len(meta.FindAll(src, -1)); n != 2 {
			return nil, fmt.Errorf("%s: want exactly one $schema and one $id, found %d", d.SchemaFile, n)
		}
		body := meta.ReplaceAll(src, nil)
		body = bytes.ReplaceAll(body, []byte(`"$ref": "#/$defs/`), []byte(`"$ref": "#/$defs/`+string(kind)+`/$defs/`))
		defs = append(defs, fmt.Sprintf("%q: %s", kind, body))
		branches = append(branches, fmt.Sprintf(
			`{"if": {"required": ["kind"], "properties": {"kind": {"const": %q}}}, "then": {"$ref": "#/$defs/%s"}}`, kind, kind))
	}
	kindList, _ := json.Marshal(kinds.List())
	doc := fmt.Sprintf(`{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": %q,
  "$comment": "Generated from the kind schemas beside this file by CRMSYNC_UPDATE=1 go test ./schemas. Do not edit.",
  "title": "crmsync manifest",
  "description": "One document of a crmsync manifest: apiVersion crmsync/v1, a kind, and that kind's keys.",
  "type": "object",
  "required": ["apiVersion", "kind"],
  "properties": {
    "apiVersion": {"description": "The manifest format version. Always crmsync/v1.", "const": "crmsync/v1"},
    "kind": {"description": "The kind of object this document declares.", "enum": %s}
  },
  "allOf": [%s],
  "$defs": {%s}
}`, URL(CombinedFile), kindList, strings.Join(branches, ", "), strings.Join(defs, ", "))
	var compact, out bytes.Buffer
	if err := json.Compact(&compact, []byte(doc)); err != nil {
		return nil, err
	}
	if err := json.Indent(&out, compact.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

func TestCombinedIsUpToDate(t *testing.T) {
	want, err := bundle()
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("CRMSYNC_UPDATE") != "" {
		if err := os.WriteFile(CombinedFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(Combined(), want) {
		t.Errorf("%s is stale: run CRMSYNC_UPDATE=1 go test ./schemas", CombinedFile)
	}
}

func TestFiles(t *testing.T) {
	for _, d := range kinds.All() {
		name := d.SchemaFile
		var doc map[string]any
		if err := json.Unmarshal(Bytes(name), &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if doc["$id"] != URL(name) {
			t.Errorf("%s: $id = %v, want %s", name, doc["$id"], URL(name))
		}
		if doc["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("%s: $schema = %v, want draft 2020-12", name, doc["$schema"])
		}
		if doc["additionalProperties"] != false {
			t.Errorf("%s: additionalProperties must be false", name)
		}
	}
	if Bytes("nope.json") != nil {
		t.Error("an unknown file must give nothing")
	}
}
