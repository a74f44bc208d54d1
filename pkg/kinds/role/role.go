package role

import (
	"github.com/crmsync/crmsync/pkg/kinds/spec"
	"github.com/crmsync/crmsync/pkg/model"
)

// Descriptor is the Role kind's descriptor.
var Descriptor = spec.Descriptor{
	Kind:       model.KindRole,
	Decode:     decode,
	KeyField:   "name",
	SchemaFile: "role.schema.json",
	Export:     spec.Layout{Dir: "roles", Document: document, Complete: complete},
	Caps:       spec.Capabilities{Deletable: true, Renamable: true, BatchSize: 1, Hierarchy: true},
	Reads:      spec.Reads{Endpoint: "settings/roles", Users: true, Scope: scope},
	Disputes:   []spec.Dispute{References},
}

func decode(data []byte) (*model.Object, error) {
	v, err := spec.DecodeJSON[model.Role](data)
	if err != nil {
		return nil, err
	}
	return &model.Object{Key: model.Key{Kind: model.KindRole, Name: v.Name}, Role: v}, nil
}

// scope reads the users when the manifest names a forecast manager.
func scope(o *model.Object, s *model.Scope) {
	s.Users = s.Users || (o.Role != nil && o.Role.ForecastManager != nil)
}
