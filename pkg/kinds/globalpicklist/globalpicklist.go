package globalpicklist

import (
	"github.com/crmsync/crmsync/pkg/kinds/spec"
	"github.com/crmsync/crmsync/pkg/model"
)

// Endpoint is the API path of global picklists, after /crm/{version}.
const Endpoint = "settings/global_picklists"

// Descriptor is the GlobalPicklist kind's descriptor. Zoho creates one set
// per call (maxItems 1, fields.md §9.3) and updates and deletes them one by
// one here (by id in the URL). Deleting a set needs absent: true; --prune
// never deletes one (NeverPruned).
var Descriptor = spec.Descriptor{
	Kind:       model.KindGlobalPicklist,
	Decode:     decode,
	KeyField:   "api_name",
	SchemaFile: "global_picklist.schema.json",
	Export:     spec.Layout{Dir: "global_picklists", Document: document},
	Caps: spec.Capabilities{
		Deletable: true,
		BatchSize: 1,
		NeverPruned: "a global picklist is deleted only by a manifest with absent: true " +
			"(Zoho does not document what the fields that use it keep); --prune leaves it alone",
	},
	Reads: spec.Reads{Endpoint: Endpoint},
	KeyHints: map[string]string{
		"previous_names": "a global picklist is named by its api_name, which crmsync does not change; previous_names belongs on a value of pick_list_values",
		"transfer_to":    "only an absent Role transfers users",
		"id":             "manifests name a global picklist by api_name, never by id",
	},
}

func decode(data []byte) (*model.Object, error) {
	v, err := spec.DecodeJSON[model.GlobalPicklist](data)
	if err != nil {
		return nil, err
	}
	return &model.Object{Key: model.Key{Kind: model.KindGlobalPicklist, Name: v.APIName}, GlobalPicklist: v}, nil
}
