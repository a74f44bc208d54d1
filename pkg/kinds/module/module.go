package module

import (
	"github.com/crmsync/crmsync/pkg/kinds/spec"
	"github.com/crmsync/crmsync/pkg/model"
)

// Descriptor is the Module kind's descriptor.
var Descriptor = spec.Descriptor{
	Kind:       model.KindModule,
	Decode:     decode,
	KeyField:   "api_name",
	SchemaFile: "module.schema.json",
	Export:     spec.Layout{Dir: "modules", Document: document},
	Caps: spec.Capabilities{
		NoDeleteNote: "modules cannot be deleted through the API",
		BatchSize:    1,
	},
	Reads:    spec.Reads{Endpoint: "settings/modules", Scope: scope},
	Disputes: []spec.Dispute{ProfileDelete},
	KeyHints: map[string]string{
		"absent":         "a Module cannot be absent: Zoho's API cannot delete modules",
		"previous_names": "a module's API name cannot be changed through Zoho's API",
		"module_name":    "a Module is identified by api_name",
	},
}

func decode(data []byte) (*model.Object, error) {
	v, err := spec.DecodeJSON[model.Module](data)
	if err != nil {
		return nil, err
	}
	return &model.Object{Key: model.Key{Kind: model.KindModule, Name: v.APIName}, Module: v}, nil
}

// scope reads the module itself in full (its profile list may be
// truncated in the list), and profiles when the manifest names them.
func scope(o *model.Object, s *model.Scope) {
	s.Modules = append(s.Modules, o.Key.Name)
	s.Profiles = s.Profiles || (o.Module != nil && o.Module.Profiles != nil)
}
