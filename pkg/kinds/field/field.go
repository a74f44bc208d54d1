package field

import (
	"bytes"
	"encoding/json"

	"github.com/crmsync/crmsync/pkg/kinds/spec"
	"github.com/crmsync/crmsync/pkg/model"
)

// Descriptor is the Field kind's descriptor. A field is read with the
// other fields of its module, one GET per module, which record locking's
// field look-ups share.
var Descriptor = spec.Descriptor{
	Kind:           model.KindField,
	Decode:         decode,
	KeyField:       "api_name",
	QualifierField: "module",
	SchemaFile:     "field.schema.json",
	Export:         exportLayout,
	Caps: spec.Capabilities{
		Deletable: true,
		BatchSize: BatchSize,
		NeverPruned: "custom field not in any manifest; --prune never deletes fields (deleting one destroys its data in every record): " +
			"declare it with absent: true to delete it",
	},
	Reads: spec.Reads{Endpoint: "settings/fields", PerModule: true, Scope: scope},
	KeyHints: map[string]string{
		"previous_names": "a field's API name cannot change through Zoho's API (only in the UI); rename its field_label instead",
		"name":           "a Field is identified by module and api_name",
		"display_label":  "a Field's label is field_label",
		"profiles":       "a Field's profile access is permissions: a mapping of profile name to read_write, read_only or hidden",
	},
}

func decode(data []byte) (*model.Object, error) {
	var doc fieldDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	v := doc.FieldDef
	v.Tooltip = doc.Tooltip.v
	return &model.Object{Key: model.Key{Kind: model.KindField, Name: model.FieldKeyName(v.Module, v.APIName)}, Field: &v}, nil
}

// fieldDoc is a Field document's JSON form, decoded in one pass: the
// FieldDef, with its tooltip read apart (the outer key wins over the
// embedded one) so that null is told from absent.
type fieldDoc struct {
	model.FieldDef
	Tooltip tooltipDoc `json:"tooltip"`
}

// tooltipDoc is a manifest's tooltip: absent leaves v nil, and "tooltip:
// null", which removes it, gives an empty Tooltip.
type tooltipDoc struct{ v *model.Tooltip }

func (t *tooltipDoc) UnmarshalJSON(b []byte) error {
	t.v = &model.Tooltip{}
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		return nil
	}
	return json.Unmarshal(b, t.v)
}

// scope reads the fields of the field's module, names the field, and reads
// the profiles when the manifest manages permissions. It adds no read of
// the global picklists: that would bring them under --prune. A global
// picklist's ID comes from a field that uses it, or from the live sets
// read for GlobalPicklist manifests.
func scope(o *model.Object, s *model.Scope) {
	module, _ := model.SplitFieldKey(o.Key.Name)
	s.FieldModules = append(s.FieldModules, module)
	s.Fields = append(s.Fields, o.Key.Name)
	f := o.Field
	if o.Absent || f == nil {
		return
	}
	// A create lists every profile explicitly (see Profiles).
	s.Profiles = s.Profiles || f.Permissions != nil
}
