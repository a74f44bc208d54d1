package locking

import (
	"slices"

	"github.com/crmsync/crmsync/pkg/kinds/spec"
	"github.com/crmsync/crmsync/pkg/model"
)

// Descriptor is the RecordLockingConfig kind's descriptor. A configuration
// is named by its module and read once per module.
var Descriptor = spec.Descriptor{
	Kind:       model.KindLockingConfig,
	Decode:     decode,
	KeyField:   "module",
	SchemaFile: "record_locking_config.schema.json",
	Export:     spec.Layout{Dir: "locking", Document: document},
	Caps:       spec.Capabilities{Deletable: true, BatchSize: 1},
	Reads:      spec.Reads{Endpoint: "settings/record_locking_configurations", PerModule: true, Scope: scope},
	KeyHints: map[string]string{
		"previous_names": "a configuration is identified by its module, whose API name cannot change",
		"name":           "a RecordLockingConfig is identified by module",
		"api_name":       "a RecordLockingConfig is identified by module",
	},
}

func decode(data []byte) (*model.Object, error) {
	v, err := spec.DecodeJSON[model.LockingConfig](data)
	if err != nil {
		return nil, err
	}
	normalize(v)
	return &model.Object{Key: model.Key{Kind: model.KindLockingConfig, Name: v.Module}, LockingConfig: v}, nil
}

// normalize adds update to restricted_actions when the manifest lists them
// without it: Zoho always restricts update, so leaving it out would show as
// a change on every plan.
func normalize(lc *model.LockingConfig) {
	if lc.RestrictedActions != nil && !slices.Contains(*lc.RestrictedActions, "update") {
		actions := append([]string{"update"}, *lc.RestrictedActions...)
		lc.RestrictedActions = &actions
	}
}

// scope reads the module's configuration, and the profiles, fields and
// custom buttons the manifest names.
func scope(o *model.Object, s *model.Scope) {
	c := o.LockingConfig
	s.LockingModules = append(s.LockingModules, o.Key.Name)
	if o.Absent || c == nil {
		return
	}
	s.Profiles = s.Profiles || c.LockExcludedProfiles != nil
	namesField := c.ExcludedFields != nil
	if c.LockingRules != nil {
		for _, r := range *c.LockingRules {
			namesField = namesField || r.Criteria != nil
		}
	}
	if namesField {
		s.FieldModules = append(s.FieldModules, o.Key.Name)
	}
	if c.RestrictedCustomButtons != nil {
		s.ButtonModules = append(s.ButtonModules, o.Key.Name)
	}
}
