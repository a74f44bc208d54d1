package spec

import (
	"encoding/json"
	"slices"

	"github.com/crmsync/crmsync/pkg/model"
)

// Descriptor is everything the phases need to know about one settings kind
// that is data rather than phase logic. Each kind's package declares one;
// package kinds lists them in its table.
type Descriptor struct {
	// Kind is the kind's name, as written in a manifest's "kind" key.
	Kind model.Kind
	// KeyField is the manifest key that names an object of the kind (its
	// model.Key name).
	KeyField string
	// QualifierField, if set, is the manifest key whose value qualifies
	// KeyField's: the key name is "<qualifier>.<key field>" (a Field is
	// named by its module and API name, model.FieldKeyName). The exported
	// document starts with it, then KeyField.
	QualifierField string
	// SchemaFile is the kind's JSON Schema in schemas/.
	SchemaFile string
	// Export says where `crmsync export` writes the kind's manifests.
	Export Layout
	// Caps are what Zoho's API lets crmsync do with the kind.
	Caps Capabilities
	// Reads is what observe reads to see the kind.
	Reads Reads
	// Decode builds the model object of a manifest document that passed
	// the kind's schema, from its JSON form: the kind's struct and the key.
	// The keys common to every kind (absent, previous_names, transfer_to)
	// are decoded by package desired.
	Decode func(data []byte) (*model.Object, error)
	// KeyHints explain, by manifest key, why a key is refused for this kind
	// (shown instead of a "did you mean").
	KeyHints map[string]string
}

// Layout is a kind's place in an exported tree, one file per object, at
// Dir/<slug of its name>.yaml, and the manifest written for an object.
type Layout struct {
	Dir string
	// Document is the manifest of a live object after its apiVersion and
	// kind keys, in the order written; it leaves out what equals Zoho's
	// documented defaults.
	Document func(o *model.Object) []Pair
	// Complete, if set, adds the keys Document leaves out at their
	// defaults, for an export meant to be planned against another org.
	Complete func(o *model.Object, doc []Pair) []Pair
}

// Pair is one key and value of an ordered manifest mapping. A value is a
// string, []string, bool, number, []Pair (a mapping), [][]Pair (a list of
// mappings), or any other value YAML encodes as is.
type Pair struct {
	K string
	V any
}

// Sorted returns a sorted copy of s, for lists whose order Zoho does not
// keep.
func Sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

// Capabilities are what Zoho's API allows on a kind.
type Capabilities struct {
	// Deletable is false when the API cannot delete the kind's objects;
	// NoDeleteNote then says so in the plan's unmanaged list.
	Deletable    bool
	NoDeleteNote string
	// Renamable kinds pair a manifest with a live object through
	// previous_names and case-only name changes.
	Renamable bool
	// BatchSize is the most objects one write call carries (1: one object
	// per call).
	BatchSize int
	// Hierarchy kinds form a tree through a parent reference.
	Hierarchy bool
	// NeverPruned, if set, says why --prune never deletes an unmanaged
	// object of the kind (only absent: true does); it is the object's note
	// in the plan's unmanaged list.
	NeverPruned string
}

// Reads is what observe reads for a kind.
type Reads struct {
	// Endpoint is the API path (after /crm/{version}/) of the kind's read.
	Endpoint string
	// PerModule kinds are read once per module (?module=M) rather than
	// listed by one call; they are not in model.Scope.Kinds.
	PerModule bool
	// Scope, if set, adds to s the reads a desired object of the kind
	// needs besides the kind's own (look-ups such as profiles, fields,
	// buttons, users, and the modules of per-module kinds).
	Scope func(o *model.Object, s *model.Scope)
	// Users is set when a full read of the kind needs the org's users
	// (export reads them so that references by user come out as emails).
	Users bool
}

// DecodeJSON decodes a document's JSON form into a new T. The schema
// guarantees the shape, and the JSON tags of package model are the manifest
// keys, so a JSON decode does the mapping; keys T lacks are ignored.
func DecodeJSON[T any](data []byte) (*T, error) {
	v := new(T)
	if err := json.Unmarshal(data, v); err != nil {
		return nil, err
	}
	return v, nil
}
