package emulator

import (
	"net/http"
	"strings"
)

// Field metadata reads: GET /settings/fields?module=M and
// GET /settings/fields/{id}?module=M [fields.md §1, OAS fields.json].

const fieldsKey = "fields"

// fieldsModule reads the mandatory module parameter: missing is
// REQUIRED_PARAM_MISSING (details.param_name), unknown INVALID_MODULE
// [fields.md §1, §8]. Writes take the name in any case ("case-insensitive"
// on the update and delete pages); reads as given [fields.md §1].
func (s *Server) fieldsModule(c *call, fold bool) (*Module, *apiErr) {
	name := c.q.Get("module")
	if name == "" {
		return nil, errReqParam("module", "param_name")
	}
	if m := s.st.moduleByAPI[name]; m != nil {
		return m, nil
	}
	if fold {
		for _, m := range s.st.modules {
			if strings.EqualFold(m.APIName, name) {
				return m, nil
			}
		}
	}
	return nil, errInvalidModule()
}

// optionView is one pick_list_values entry [OAS fields.json
// pick_list_values: display_value, actual_value, sequence_number, id, type,
// colour_code required].
func optionView(o PickListOption) obj {
	return obj{"id": o.ID, "display_value": o.DisplayValue, "actual_value": o.ActualValue,
		"reference_value": o.DisplayValue, "sequence_number": o.SequenceNumber, "type": o.Type,
		"colour_code": nil, "expected_data_type": "string", "maps": []obj{}}
}

// fieldView renders a field as GET answers it [OAS fields.json fields;
// fields.md §5.2 profiles {permission_type, name, id}; §9.7
// global_picklist {api_name, id} or null].
func (s *Server) fieldView(f *Field) obj {
	perms := f.Profiles
	if perms == nil { // a field made by another endpoint (module create)
		perms, _ = s.st.resolvePermissions(nil)
	}
	o := obj{"id": f.ID, "api_name": f.APIName, "field_label": f.FieldLabel, "display_label": f.FieldLabel,
		"column_name": strings.ToUpper(f.APIName), "data_type": f.DataType, "json_type": jsonTypeOf(f.DataType),
		"custom_field": f.Custom, "system_mandatory": false, "read_only": false, "field_read_only": false,
		"visible": true, "webhook": true, "blueprint_supported": false, "virtual_field": false,
		"businesscard_supported": true, "filterable": true, "available_in_user_layout": true,
		"display_field": false, "sortable": true, "separator": false, "searchable": true, "mass_update": true,
		"pick_list_values_sorted_lexically": f.SortedLexically, "enable_colour_code": f.EnableColorCode,
		"colour_code_enabled_by_system": false, "created_source": createdSource(f),
		"type": "used", "ui_type": 1, "display_type": -1, "show_type": 0, "category": 0,
		"quick_sequence_number": "1", "static_field": false, "hipaa_compliance_enabled": false,
		"_update_existing_records": false, "number_separator": false,
		"created_time": nilIfEmpty(f.CreatedTime), "modified_time": nilIfEmpty(f.ModifiedTime),
		"decimal_place": f.DecimalPlace, "global_picklist": nil,
		"profiles": permissionsView(perms), "customizable_properties": []string{},
	}
	if f.Length != nil { // length, tooltip and external are not nullable [OAS]
		o["length"] = *f.Length
	}
	if f.External {
		o["external"] = obj{"show": true, "type": "user", "allow_multiple_config": false}
	}
	if f.Tooltip != nil {
		o["tooltip"] = obj{"name": f.Tooltip.Name, "value": f.Tooltip.Value}
	}
	if f.DataType == "textarea" {
		o["textarea"] = obj{"type": f.TextareaType}
	}
	if isPicklist(f.DataType) {
		vals := make([]obj, len(f.PickListOptions))
		for i, v := range f.PickListOptions {
			vals[i] = optionView(v)
		}
		o["pick_list_values"] = vals
	}
	if f.GlobalPicklist != nil {
		o["global_picklist"] = obj{"id": f.GlobalPicklist.ID, "api_name": f.GlobalPicklist.APIName}
	}
	return o
}

func createdSource(f *Field) string {
	if f.Custom {
		return "crm"
	}
	return "default"
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func permissionsView(ps []FieldPermission) []obj {
	out := make([]obj, len(ps))
	for i, p := range ps {
		out[i] = obj{"id": p.ID, "name": p.Name, "permission_type": p.PermissionType}
	}
	return out
}

// fieldList serves GET /settings/fields?module=M[&type=all|used|unused]:
// no pagination, 204 when empty [fields.md §1]. Every field is "used" in
// the emulator, so type=unused answers 204.
func (s *Server) fieldList(c *call) reply {
	m, e := s.fieldsModule(c, false)
	if e != nil {
		return e.reply()
	}
	switch c.q.Get("type") {
	case "", "all", "used":
	case "unused":
		return reply{status: http.StatusNoContent}
	default:
		return badReq("INVALID_DATA", "invalid data", obj{"param_name": "type"}).reply()
	}
	list := make([]obj, len(m.Fields))
	for i := range m.Fields {
		list[i] = s.fieldView(&m.Fields[i])
	}
	return dataReply(fieldsKey, list)
}

// fieldGet serves GET /settings/fields/{id}?module=M; an unknown id is
// INVALID_DATA with resource_path_index [OAS common.json].
func (s *Server) fieldGet(c *call) reply {
	m, e := s.fieldsModule(c, false)
	if e != nil {
		return e.reply()
	}
	f := findField(m, "", c.id)
	if f == nil || !isNumericID(c.id) {
		return errInvalidURLID(c.pathIndex()).reply()
	}
	return reply{status: http.StatusOK, body: obj{fieldsKey: []obj{s.fieldView(f)}}}
}
