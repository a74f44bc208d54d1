package locking

import (
	"github.com/crmsync/crmsync/pkg/kinds/spec"
	"github.com/crmsync/crmsync/pkg/model"
)

// Descriptor is the RecordLockingConfig kind's descriptor. A configuration
// is named by its module and read once per module.
var Descriptor = spec.Descriptor{
	Kind:       model.KindLockingConfig,
	KeyField:   "module",
	SchemaFile: "record_locking_config.schema.json",
	Export:     spec.Layout{Dir: "locking"},
	Caps:       spec.Capabilities{Deletable: true, BatchSize: 1},
	Reads:      spec.Reads{Endpoint: "settings/record_locking_configurations", PerModule: true},
	KeyHints: map[string]string{
		"previous_names": "a configuration is identified by its module, whose API name cannot change",
		"name":           "a RecordLockingConfig is identified by module",
		"api_name":       "a RecordLockingConfig is identified by module",
	},
}
