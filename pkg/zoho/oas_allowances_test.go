package zoho_test

// The allowances. Each names the source the client or the emulator
// follows where the OpenAPI file (OAS) says otherwise; the test accepts
// that documented alternative, nothing more. A key marked required in the
// OAS but never read by crmsync is allowed to be missing from the
// emulator's answers only where the "except" list does not name it.

const (
	rlc      = "$.record_locking_configurations[*]"
	criteria = rlc + ".locking_rules[*].criteria"
)

// criteriaAllowances: the OAS Criteria schema marks comparator, field,
// value, group_operator and group all required and types value as an
// object. The seeds (Kaizen #109 POST and GET samples, the update page
// sample) write a condition as {comparator, field, value} with a string
// value and a group as {group_operator, group}, and give a field by
// api_name alone ("either is enough", seed:update-record-locking-
// configuration). Client and emulator follow the seeds.
func criteriaAllowances() []allowance {
	why := "Criteria: seeds write a condition without group keys and a group without condition keys"
	var out []allowance
	for _, k := range []string{"comparator", "field", "value"} { // a group has none of them
		out = append(out, allowance{kind: "required", path: criteria + "." + k, reason: why})
	}
	for _, c := range []string{criteria, criteria + ".group[*]"} {
		out = append(out,
			allowance{kind: "required", path: c + ".group_operator", reason: why},
			allowance{kind: "required", path: c + ".group", reason: why},
			allowance{kind: "type", path: c + ".value", msg: "string", reason: "Criteria.value: the seeds send a string (\"Closed Won\"); the SDKs type it Object"},
			allowance{kind: "type", path: c + ".value", msg: "number", reason: "Criteria.value: a manifest's number (a numeric field's comparison) is sent as a JSON number; the SDKs type value Object, and no seed shows a number"},
			allowance{kind: "required", path: c + ".field.id", reason: "Criteria.field: api_name alone is enough (seed:update page, Kaizen sample)"})
	}
	return out
}

// requestAllowances: the OAS request schemas reuse the GET schemas, with
// their required keys; the client sends what the update pages list.
func requestAllowances() []allowance {
	return append(criteriaAllowances(),
		allowance{kind: "required", path: rlc + ".excluded_fields[*].id",
			reason: "excluded_fields: the Kaizen #109 POST sample sends {api_name} only"},
		allowance{method: "PUT", kind: "required", path: "$.modules[*].*", except: []string{"plural_label", "singular_label", "profiles"},
			reason: "module PUT: seed:update-custom-module lists plural_label, singular_label and profiles as the input keys; " +
				"the OAS reuses the GET schema, whose required list names ~60 read-only keys"},
		allowance{method: "PUT", kind: "required", path: "$.modules[*].profiles[*].name",
			reason: "module profiles: the seed:update-custom-module sample sends {id} only"},
		allowance{method: "PUT", kind: "null", path: "$.modules[*].profiles[*]._delete",
			reason: `module profiles: the seed:update-custom-module sample sends "_delete": null for a kept profile`},
		allowance{method: "PUT", kind: "type", path: "$.modules[*].profiles[*]._delete", msg: "object, want boolean",
			reason: `module profiles: both v8 SDKs model _delete as {"permanent": bool}; OAS says boolean (the ProfileDeleteForm reading)`},
		allowance{kind: "required", path: "$.roles[*].reporting_to.name",
			reason: "reporting_to: the Create Role doc and the SDK samples send {id}; the OAS reuses the GET shape {id, name}"},
		allowance{kind: "required", path: "$.roles[*].forecast_manager.name",
			reason: "forecast_manager: the SDK samples send {id}"},
		allowance{method: "PUT", kind: "required", path: "$.roles[*].name",
			reason: "role update: seed:update-role marks name optional (the role is named in the URL); the OAS reuses the Role schema, which requires it"},
		allowance{method: "PUT", kind: "null", path: "$.roles[*].forecast_manager",
			reason: "forecast_manager: \"\" in a manifest clears it, sent as null; no source documents how to clear it (crmsync's reading, open)"},
		allowance{method: "POST", kind: "type", path: "$.roles[*].reporting_to", msg: "string",
			reason: "reporting_to on create: apply's fallback after a 400 refusal of {id} (api.md §3.2 recommendation: fall back to the string form if the server rejects the object)"},
		allowance{method: "POST", kind: "type", path: "$.roles[*].forecast_manager", msg: "string",
			reason: "forecast_manager on create: apply's fallback after a 400 refusal of {id}, the plain (user) id of seed:update-role"},
		allowance{method: "PUT", kind: "type", path: "$.roles[*].reporting_to", msg: "string",
			reason: "reporting_to on update: seed:update-role documents a plain string id; apply falls back to it when Zoho refuses or ignores the object"},
		allowance{method: "PUT", kind: "type", path: "$.roles[*].forecast_manager", msg: "string",
			reason: "forecast_manager on update: seed:update-role documents a plain string (user) id"},
		allowance{method: "POST", kind: "required", path: "$.contact_roles[*].id",
			reason: "contact role create: a new role has no id; the OAS reuses the GET schema"},
		allowance{kind: "required", path: "$.contact_roles[*].sequence_number",
			reason: "contact roles: seed:update-contact-roles marks sequence_number optional"},
		allowance{method: "PUT", kind: "required", path: "$.contact_roles[*].name",
			reason: "contact role update: seed:update-contact-roles marks name optional"},
		allowance{method: "POST", kind: "required", path: "$.fields[*].*", except: []string{"field_label", "data_type"},
			reason: "field create: fields.md §2 makes field_label and data_type mandatory and the rest optional by type; the OAS reuses the GET schema, whose required list names every read-only key"},
		allowance{method: "PATCH", kind: "required", path: "$.fields[*].*", except: []string{"id"},
			reason: "field bulk update: fields.md §5: each item carries id and what changes; the OAS reuses the GET schema"},
		allowance{method: "POST", kind: "required", path: "$.fields[*].pick_list_values[*].*", except: []string{"display_value", "actual_value"},
			reason: "field create options: fields.md §2 (OAS-yaml, kaizen:205) require display_value and actual_value only; id, type, colour_code and sequence_number are the server's"},
		allowance{method: "PATCH", kind: "required", path: "$.fields[*].pick_list_values[*].*",
			reason: "field update options: fields.md §5.1 (kaizen:205): send only what changes, {id, display_value} to rename, {display_value, actual_value} to add, {id, sequence_number} to move, {id, _delete} to remove"},
		allowance{kind: "required", path: "$.fields[*].profiles[*].name",
			reason: "field permissions: fields.md §5.2 sends profiles as [{id, permission_type}]; the GET shape adds name"},
		allowance{kind: "required", path: `$.fields[*]["common.picklist"]`,
			reason: "the OAS field schema lists a key named common.picklist, a generator artefact that no document or SDK sends"},
		allowance{method: "POST", kind: "required", path: "$.global_picklists[*].*", except: []string{"display_label", "pick_list_values"},
			reason: "global picklist create: fields.md §9.3 (doc:create-global-picklists) makes display_label and pick_list_values mandatory, api_name and the rest optional; the OAS reuses the GET schema"},
		allowance{method: "PATCH", kind: "required", path: "$.global_picklists[*].*", except: []string{"display_label", "pick_list_values"},
			reason: "global picklist update: fields.md §9.4 lists display_label and pick_list_values as the mandatory keys (id in the URL); the OAS reuses the GET schema"},
		allowance{kind: "required", path: "$.global_picklists[*].pick_list_values[*].*", except: []string{"display_value"},
			reason: "global picklist values: fields.md §9.3/§9.4: a new value needs display_value only, an edit or a delete is named by id and sends what changes; the OAS reuses the GET schema"},
		allowance{method: "PATCH", kind: "required", path: "$.global_picklists[*].pick_list_values[*].display_value",
			reason: "global picklist update: fields.md §9.4: {id, _delete: true} deletes a value and {id, sequence_number} moves it; display_value is mandatory only for a new value"},
	)
}

// responseAllowances: where the emulator's answers follow the seeds or
// leave out keys crmsync never reads.
func responseAllowances() []allowance {
	const messages = "messages: the OAS lists one message per wrapper ('created successfully' for update and delete too); " +
		"the seeds show others ('updated successfully', 'record updated'); the client never reads messages (api.md §1.4)"
	out := criteriaAllowances()
	for _, k := range []string{"excluded_fields", "lock_excluded_profiles",
		"restricted_communications", "restricted_custom_buttons", "locking_rules"} {
		out = append(out, allowance{method: "GET", kind: "null", path: rlc + "." + k,
			reason: "empty lists: the Kaizen #109 GET sample answers null (restricted_communications, restricted_custom_buttons, lock_excluded_profiles)"})
	}
	return append(out,
		allowance{method: "GET", kind: "status", path: "status 204 of GET /crm/v8/settings/record_locking_configurations",
			reason: "no configuration: empty GETs answer 204 across the API (api.md conventions; the OAS lists 204 for other GETs); " +
				"the EmptyLockingGet reading answers 200 with []"},
		allowance{kind: "enum", path: rlc + ".message", reason: messages},
		allowance{kind: "enum", path: "$.modules[*].message", reason: messages},

		allowance{method: "PUT", kind: "enum", path: "$.modules[*].code", msg: `"MINIMUM_DATA_NOT_FOUND"`,
			reason: "seed:update-custom-module documents MINIMUM_DATA_NOT_FOUND; the OAS modules error wrapper lists only MANDATORY_NOT_FOUND and INVALID_DATA"},
		allowance{kind: "enum", path: "$.contact_roles[*].code", msg: `"DUPLICATE_DATA"`,
			reason: "seed:update-contact-roles documents DUPLICATE_DATA for a duplicate name; the OAS models it as INVALID_DATA {id, api_name} " +
				"(the ContactRoleDuplicateCode reading; the default follows the OAS)"},
		allowance{method: "PUT", kind: "required", path: "$.roles",
			reason: "role update success: seed:update-role (v6) shows a bare {code, details, message, status}; the OAS wraps it in roles " +
				"(the RoleUpdateResponse reading; the client accepts both)"},
		allowance{method: "GET", kind: "null", path: "$.roles[*].reporting_to",
			reason: "the top role has no parent: null [inferred; no source shows the top role]"},
		allowance{method: "GET", kind: "null", path: "$.roles[*].forecast_manager",
			reason: "a role without forecast manager: null [inferred]"},
		allowance{method: "GET", kind: "required", path: "$.modules[*].*",
			except: []string{"id", "api_name", "module_name", "plural_label", "singular_label", "generated_type",
				"profiles", "profile_count", "modified_time", "modified_by"},
			reason: "modules: the OAS requires ~60 layout and feature keys; the emulator serves those crmsync reads (api.md §2.2)"},
		allowance{method: "GET", kind: "required", path: "$.fields[*].*",
			except: []string{"id", "api_name", "field_label", "display_label", "data_type"},
			reason: "fields: the OAS requires ~70 keys; the emulator serves those crmsync reads (api.md §5.2); pick_list_values only for picklists"},
		allowance{method: "GET", kind: "required", path: "$.fields[*].pick_list_values[*].*",
			except: []string{"display_value", "actual_value"},
			reason: "picklist values: crmsync reads display_value and actual_value"},
		allowance{method: "GET", kind: "required", path: "$.profiles[*].*", except: []string{"id", "name"},
			reason: "profiles: permissions_details and sections belong to GET /settings/profiles/{id} (api.md §5.1); crmsync reads id and name"},
		allowance{method: "GET", kind: "null", path: "$.profiles[*].*", except: []string{"id", "name"},
			reason: "profiles: the emulator's seeded profiles have no audit data (created_by, created_time, …) [inferred]"},
	)
}
