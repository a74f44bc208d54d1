package desired

import (
	"encoding/json"
	"fmt"

	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
)

// identityKey is the manifest key that names an object of kind.
func identityKey(kind model.Kind) string {
	d, _ := kinds.Get(kind)
	return d.KeyField
}

// qualifierKey is the manifest key that qualifies the identity key of
// kind (a Field's module), or "".
func qualifierKey(kind model.Kind) string {
	d, _ := kinds.Get(kind)
	return d.QualifierField
}

// kindNames lists the kinds for messages, in the registry's order.
func kindNames() []string { return kinds.Names() }

// docMeta holds the document keys that are not part of the kind's struct.
type docMeta struct {
	Absent        bool     `json:"absent"`
	PreviousNames []string `json:"previous_names"`
	TransferTo    string   `json:"transfer_to"`
}

// decodeObject builds the model object of a document that passed its
// schema: the kind's descriptor decodes the kind's struct and key, and the
// meta keys common to every kind are decoded here. The schema guarantees
// the shape, and the JSON tags of package model are the manifest keys, so
// a JSON round trip does the mapping.
func decodeObject(kind model.Kind, root any) (*model.Object, error) {
	d, ok := kinds.Get(kind)
	if !ok || d.Decode == nil {
		return nil, fmt.Errorf("unknown kind %q", kind)
	}
	data, err := json.Marshal(root)
	if err != nil {
		return nil, err
	}
	var meta docMeta
	if hasMeta(root) {
		if err := json.Unmarshal(data, &meta); err != nil {
			return nil, err
		}
	}
	obj, err := d.Decode(data)
	if err != nil {
		return nil, err
	}
	obj.Absent, obj.PreviousNames, obj.TransferTo = meta.Absent, meta.PreviousNames, meta.TransferTo
	return obj, nil
}

// hasMeta says whether a document may hold a meta key: most hold none, and
// then the second decode of the whole document is skipped.
func hasMeta(root any) bool {
	m, ok := root.(map[string]any)
	if !ok {
		return true
	}
	for _, k := range [...]string{"absent", "previous_names", "transfer_to"} {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}
