package kinds_test

import (
	"encoding/json"
	"testing"

	"github.com/crmsync/crmsync/pkg/kinds"
)

// TestIdentityAgrees checks, for every kind, that the key field, the
// decoder and the exported document agree on what names an object: a
// document naming "Some Name" by the key field decodes to that key, and
// exports with the key field first, right after apiVersion and kind.
func TestIdentityAgrees(t *testing.T) {
	for _, d := range kinds.All() {
		data, _ := json.Marshal(map[string]any{"apiVersion": "crmsync/v1", "kind": string(d.Kind), d.KeyField: "Some Name"})
		obj, err := d.Decode(data)
		if err != nil {
			t.Fatalf("%s: %v", d.Kind, err)
		}
		if obj.Key.Kind != d.Kind || obj.Key.Name != "Some Name" {
			t.Errorf("%s: decoded key %v, want %s \"Some Name\"", d.Kind, obj.Key, d.Kind)
		}
		doc := d.Export.Document(obj)
		if len(doc) == 0 || doc[0].K != d.KeyField || doc[0].V != "Some Name" {
			t.Errorf("%s: exported document starts %v, want %s: Some Name", d.Kind, doc, d.KeyField)
		}
	}
}
