package desired

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/crmsync/crmsync/pkg/model"
)

// identityKeys is the manifest key that names an object of each kind.
var identityKeys = map[model.Kind]string{
	model.KindModule:        "api_name",
	model.KindRole:          "name",
	model.KindContactRole:   "name",
	model.KindLockingConfig: "module",
}

// kindNames lists the kinds for messages, in model.Kinds order.
func kindNames() []string {
	out := make([]string, len(model.Kinds))
	for i, k := range model.Kinds {
		out[i] = string(k)
	}
	return out
}

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
	var meta docMeta
	if err := json.Unmarshal(data, &meta); err != nil {
		return nil, err
	}
	obj := &model.Object{Absent: meta.Absent, PreviousNames: meta.PreviousNames, TransferTo: meta.TransferTo}
	switch kind {
	case model.KindLockingConfig:
		obj.LockingConfig = &model.LockingConfig{}
		err = json.Unmarshal(data, obj.LockingConfig)
		obj.Key = model.Key{Kind: kind, Name: obj.LockingConfig.Module}
		normalizeLockingConfig(obj.LockingConfig)
	case model.KindModule:
		obj.Module = &model.Module{}
		err = json.Unmarshal(data, obj.Module)
		obj.Key = model.Key{Kind: kind, Name: obj.Module.APIName}
	case model.KindRole:
		obj.Role = &model.Role{}
		err = json.Unmarshal(data, obj.Role)
		obj.Key = model.Key{Kind: kind, Name: obj.Role.Name}
	case model.KindContactRole:
		obj.ContactRole = &model.ContactRole{}
		err = json.Unmarshal(data, obj.ContactRole)
		obj.Key = model.Key{Kind: kind, Name: obj.ContactRole.Name}
	default:
		return nil, fmt.Errorf("unknown kind %q", kind)
	}
	if err != nil {
		return nil, err
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
