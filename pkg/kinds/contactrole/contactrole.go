package contactrole

import (
	"github.com/crmsync/crmsync/pkg/kinds/spec"
	"github.com/crmsync/crmsync/pkg/model"
)

// Descriptor is the ContactRole kind's descriptor. Zoho takes at most 100
// contact roles per bulk call.
var Descriptor = spec.Descriptor{
	Kind:       model.KindContactRole,
	Decode:     decode,
	KeyField:   "name",
	SchemaFile: "contact_role.schema.json",
	Export:     spec.Layout{Dir: "contact_roles", Document: document},
	Caps:       spec.Capabilities{Deletable: true, Renamable: true, BatchSize: 100},
	Reads:      spec.Reads{Endpoint: "Contacts/roles"},
	KeyHints: map[string]string{
		"transfer_to": "only an absent Role transfers users",
	},
}

func decode(data []byte) (*model.Object, error) {
	v, err := spec.DecodeJSON[model.ContactRole](data)
	if err != nil {
		return nil, err
	}
	return &model.Object{Key: model.Key{Kind: model.KindContactRole, Name: v.Name}, ContactRole: v}, nil
}
