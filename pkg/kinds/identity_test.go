package kinds_test

import (
	"encoding/json"
	"testing"

	"github.com/crmsync/crmsync/pkg/kinds"
)

// TestIdentityAgrees checks, for every kind, that the key field, the
// decoder and the exported document agree on what names an object: a
// document naming "Some Name" by the key field decodes to that key, and
// exports with the key field first, right after apiVersion and kind. A
// kind with a qualifier (a Field's module) decodes to "Qualifier.Some Name"
// and exports the qualifier first, then the key field.
func TestIdentityAgrees(t *testing.T) {
	for _, d := range kinds.All() {
		doc := map[string]any{"apiVersion": "crmsync/v1", "kind": string(d.Kind), d.KeyField: "Some Name"}
		want := "Some Name"
		if d.QualifierField != "" {
			doc[d.QualifierField], want = "Accounts", "Accounts.Some Name"
		}
		data, _ := json.Marshal(doc)
		obj, err := d.Decode(data)
		if err != nil {
			t.Fatalf("%s: %v", d.Kind, err)
		}
		if obj.Key.Kind != d.Kind || obj.Key.Name != want {
			t.Errorf("%s: decoded key %v, want %s %q", d.Kind, obj.Key, d.Kind, want)
		}
		out := d.Export.Document(obj)
		if d.QualifierField != "" {
			if len(out) == 0 || out[0].K != d.QualifierField || out[0].V != "Accounts" {
				t.Errorf("%s: exported document starts %v, want %s: Accounts", d.Kind, out, d.QualifierField)
				continue
			}
			out = out[1:]
		}
		if len(out) == 0 || out[0].K != d.KeyField || out[0].V != "Some Name" {
			t.Errorf("%s: exported document starts %v, want %s: Some Name", d.Kind, out, d.KeyField)
		}
	}
}
