package desired

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
)

// identityKey is the manifest key that names an object of kind.
func identityKey(kind model.Kind) string {
	d, _ := kinds.Get(kind)
	return d.KeyField
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
// schema. The schema guarantees the shape, and the JSON tags of package
// model are the manifest keys, so a JSON round trip does the mapping.
func decodeObject(kind model.Kind, root any) (*model.Object, error) {
	data, err := json.Marshal(root)
	if err != nil {
		return nil, err
	}
	// One decode fills the meta keys and the kind's struct together: their
	// JSON keys do not overlap.
	var meta docMeta
	obj := &model.Object{}
	var target any
	switch kind {
	case model.KindLockingConfig:
		obj.LockingConfig = &model.LockingConfig{}
		target = &struct {
			*docMeta
			*model.LockingConfig
		}{&meta, obj.LockingConfig}
	case model.KindModule:
		obj.Module = &model.Module{}
		target = &struct {
			*docMeta
			*model.Module
		}{&meta, obj.Module}
	case model.KindRole:
		obj.Role = &model.Role{}
		target = &struct {
			*docMeta
			*model.Role
		}{&meta, obj.Role}
	case model.KindContactRole:
		obj.ContactRole = &model.ContactRole{}
		target = &struct {
			*docMeta
			*model.ContactRole
		}{&meta, obj.ContactRole}
	default:
		return nil, fmt.Errorf("unknown kind %q", kind)
	}
	if err := json.Unmarshal(data, target); err != nil {
		return nil, err
	}
	obj.Absent, obj.PreviousNames, obj.TransferTo = meta.Absent, meta.PreviousNames, meta.TransferTo
	switch {
	case obj.LockingConfig != nil:
		obj.Key = model.Key{Kind: kind, Name: obj.LockingConfig.Module}
		normalizeLockingConfig(obj.LockingConfig)
	case obj.Module != nil:
		obj.Key = model.Key{Kind: kind, Name: obj.Module.APIName}
	case obj.Role != nil:
		obj.Key = model.Key{Kind: kind, Name: obj.Role.Name}
	default:
		obj.Key = model.Key{Kind: kind, Name: obj.ContactRole.Name}
	}
	return obj, nil
}

// normalizeLockingConfig adds update to restricted_actions when the
// manifest lists them without it: Zoho always restricts update, so leaving
// it out would show as a change on every plan.
func normalizeLockingConfig(lc *model.LockingConfig) {
	if lc.RestrictedActions != nil && !slices.Contains(*lc.RestrictedActions, "update") {
		actions := append([]string{"update"}, *lc.RestrictedActions...)
		lc.RestrictedActions = &actions
	}
}
