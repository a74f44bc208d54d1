package emulator

// Readings selects, for every point the documents leave open, which reading
// the emulator implements. The zero value of each field ("" or 0) selects the
// default, which is the reading that hurts a careless client most among
// those Zoho's own v8 Node SDK works against: a body the SDK sends and an
// answer it parses work on real Zoho for every customer who uses it, so a
// reading that contradicts the SDK cannot be the default. Where such a
// reading is kept as a variant, its comment says so. The comment of each
// field names its sources and the default; [sdk:path:line] is a file of
// @zohocrm/nodejs-sdk-8.0 2.0.0 (models under lib/core/com/zoho/crm/api/,
// jd: an entry of lib/config/json_details.json), [sdk-sample:...] a sample
// of Zoho's zohocrm-nodejs-sdk-8.0 repository, versions/2.0.0/samples/.
// docs/zoho/readings.md has the same table for readers. The test
// TestSDKWitness (e2e/sdk) runs that SDK against the defaults, and against
// the variants marked as failing it, where it must fail.
type Readings struct {
	// RoleUpdateResponse is the shape of a PUT /settings/roles answer:
	// "wrapped" (default): {"roles":[{...}]} [OAS roles.json SuccessWrapper],
	// the only form the SDK reads [sdk:jd:roles/action_handler,
	// lib/utils/util/json_converter.js:689-758];
	// "bare": a top-level {"code":"SUCCESS",...} object, as in the v6 Update
	// Role page [seed:update-role] — the SDK parses it as an APIException
	// and loses the id, so Zoho's own SDK fails against it;
	// "by_version": bare below v8, wrapped from v8 on [api.md §10 q1].
	RoleUpdateResponse string `json:"role_update_response,omitempty"`

	// RoleRefForm is the accepted form of reporting_to / forecast_manager in
	// role writes (POST and PUT): "both" (default): {"id":...} or a plain
	// string id. The SDK can send only the object (class ReportingTo,
	// [sdk:roles/role.js:54,77], [sdk:jd:roles/role.reportingTo],
	// [sdk-sample:roles/update_role.js]), as does [OAS roles.json]; the v6
	// Update Role page sends a plain id [seed:update-role].
	// "object": {"id":...} only;
	// "doc": an object on POST (Create Role doc, [api.md §3.2]) and a plain
	// id on PUT — it rejects the SDK's object on update, so Zoho's own SDK
	// fails against it;
	// "string": plain id only — the SDK fails against it;
	// "ignore_string": the object is applied; on PUT a plain id is answered
	// SUCCESS but not applied (a Zoho that silently dropped the v6 form);
	// "ignore_object": on PUT the object is answered SUCCESS but not
	// applied, a plain id is applied — the SDK's role moves would silently
	// not take, which contradicts the SDK; kept to prove that a client
	// notices a write that was accepted but ignored.
	RoleRefForm string `json:"role_ref_form,omitempty"`

	// RoleDeleteChildren says what DELETE /settings/roles/{id} does with the
	// child roles of the deleted role, which no source documents
	// [api.md §10 q3]: "reject" (default): INVALID_DATA while the role has
	// children, so only leaf-first deletion works; "transfer": children move
	// under the transfer_to_id role (like its users); "reparent": children
	// move under the deleted role's parent.
	RoleDeleteChildren string `json:"role_delete_children,omitempty"`

	// ModuleProfilesPut is the meaning of "profiles" in a module PUT
	// [api.md §2.2, §10 q4]: "merge" (default): the listed profiles are
	// added, the _delete ones removed, others kept — Zoho's sample sends a
	// single {"id", "_delete": true} profile [sdk-sample:modules/
	// update_module_by_id.js]; "replace": the listed profiles (minus the
	// _delete ones) become the new set, so a client that sends back the
	// truncated list of GET /settings/modules removes access — Zoho's own
	// sample fails against it (MINIMUM_DATA_NOT_FOUND).
	ModuleProfilesPut string `json:"module_profiles_put,omitempty"`

	// ProfileDeleteForm is which "_delete" value removes a profile in a
	// module PUT. In every reading "_delete": null means "not deleted" (the
	// [seed:update-custom-module] sample). The SDK's MinifiedProfile sends a
	// boolean in 2.0.0 [sdk:profiles/minified_profile.js:67] and
	// {"permanent": bool} in the 3.0.0 source (same file, :67-75).
	// "any" (default): any non-null value deletes — so a client that
	// serialises "_delete": false for the profiles it keeps removes them all;
	// "bool": only true deletes, false keeps, an object is INVALID_DATA
	// ([OAS profiles.json] Minified_Profile) — the 3.0.0 SDK fails against it;
	// "object": only an object {"permanent":...} deletes, a boolean is
	// INVALID_DATA — the 2.0.0 SDK fails against it;
	// "object_ignore_bool": an object deletes, a boolean is answered SUCCESS
	// and ignored (the profile keeps access) — the 2.0.0 SDK's removals
	// would silently not take; kept to prove that a client notices a write
	// that was accepted but ignored.
	ProfileDeleteForm string `json:"profile_delete_form,omitempty"`

	// ModulePutMandatory lists the keys a module PUT must carry
	// (MANDATORY_NOT_FOUND otherwise): "profiles" (default): profiles only —
	// Zoho's sample sends profiles and api_name, no label
	// [sdk-sample:modules/update_module_by_id.js], and the SDK model marks
	// no label required [sdk:jd:modules/modules]; "seed": plural_label,
	// singular_label and profiles, all marked mandatory in
	// [seed:update-custom-module] — Zoho's own sample fails against it;
	// "labels": the two labels only — the sample fails against it too;
	// "none": nothing (OAS, which marks no key required in a PUT body).
	ModulePutMandatory string `json:"module_put_mandatory,omitempty"`

	// ModulesBulkPut is how PUT /settings/modules (no id in the URL) treats
	// several modules: "single" (default): more than one module is
	// INVALID_DATA, as the doc says one module per call
	// [seed:update-custom-module]; "bulk": each item is processed, as the
	// OAS "Update Custom Modules" operation suggests [OAS modules.json].
	ModulesBulkPut string `json:"modules_bulk_put,omitempty"`

	// ModuleDuplicateLabelCode is the code for a plural/singular label that
	// another module already uses: "INVALID_DATA" (default; the modules OAS
	// Error_Wrapper lists only MANDATORY_NOT_FOUND and INVALID_DATA) or
	// "DUPLICATE_DATA" (the generic duplicate code, [api.md §8]).
	ModuleDuplicateLabelCode string `json:"module_duplicate_label_code,omitempty"`

	// ModuleListProfileLimit is how many profiles GET /settings/modules shows
	// per module before truncating with has_more_profiles: true and
	// profile_count ([OAS modules.json] has_more_profiles). 0 means the
	// default 2; a negative value disables truncation.
	ModuleListProfileLimit int `json:"module_list_profile_limit,omitempty"`

	// LockingPutLockType says whether a record-locking PUT must carry
	// lock_type: "required" (default): MANDATORY_NOT_FOUND without it, as
	// the update page marks lock_type mandatory
	// [seed:update-record-locking-configuration]; the SDK does not mark it
	// required [sdk:jd:record_locking_configuration/record_lock.lockType] but
	// Zoho's update sample sends it [sdk-sample:record_locking_configuration/
	// update_record_locking_configuration.js]; "optional": the Kaizen PUT
	// sample, which omits it, is accepted [seed:kaizen].
	LockingPutLockType string `json:"locking_put_lock_type,omitempty"`

	// LockingDependentOnPut is where DEPENDENT_FIELD_MISSING is checked on
	// a PUT: "body" (default): the body itself must carry locking_rules when
	// it sets lock_type automatic/both and lock_excluded_profiles when it
	// sets locked_for all_profiles_except_excluded_profiles ("The key ... is
	// not given in the request body", [seed:update-record-locking-
	// configuration]), and the merged result is checked too; "merged": only
	// the merged configuration is checked.
	LockingDependentOnPut string `json:"locking_dependent_on_put,omitempty"`

	// LockingRulesOmittedOnPut is what happens on PUT to existing rules the
	// body's locking_rules array does not mention: "keep" (default): they
	// stay, only "_delete": true removes ([api.md §1.3], [seed:kaizen]); the
	// SDK's LockingRules carries a boolean _delete
	// [sdk:record_locking_configuration/locking_rules.js:114-120] and Zoho's
	// update sample sends only the rules it deletes, edits and adds
	// [sdk-sample:record_locking_configuration/
	// update_record_locking_configuration.js]; "replace": they are removed
	// (a client that sends only new or changed rules loses the others) —
	// Zoho's own sample fails against it. Without a locking_rules key the
	// rules are unchanged in both readings.
	LockingRulesOmittedOnPut string `json:"locking_rules_omitted_on_put,omitempty"`

	// NullOnPut is the meaning of null for restricted_actions,
	// excluded_fields, restricted_communications, restricted_custom_buttons
	// and lock_excluded_profiles in a locking PUT (the samples send null,
	// [api.md §1.3, §10 q6]): "clear" (default; restricted_actions falls back
	// to ["update"]) or "keep" (leave unchanged).
	NullOnPut string `json:"null_on_put,omitempty"`

	// EmptyLockingGet is the answer of GET record_locking_configurations for
	// a module without a configuration: "204" (default; empty GETs answer
	// 204 across the API, [api.md conventions]) or "empty": 200
	// {"record_locking_configurations":[]} [api.md §10 q6].
	EmptyLockingGet string `json:"empty_locking_get,omitempty"`

	// PicklistValueCode is the code for a criteria value that is not a value
	// of the picklist field: "NOT_SUPPORTED" (default; "Value in criteria is
	// not supported", [seed:update-record-locking-configuration]) or
	// "INVALID_DATA".
	PicklistValueCode string `json:"picklist_value_code,omitempty"`

	// Comparators is the set of accepted criteria comparators, which no
	// source lists [api.md §1.2]: "equal_only" (default; the only one seen in
	// any source) or "common" (the usual Zoho criteria comparators).
	Comparators string `json:"comparators,omitempty"`

	// DuplicateCriteria is how two rules' criteria are found equal for the
	// DUPLICATE_DATA of "duplicate criteria inside a config"
	// [seed:update-record-locking-configuration], which does not say how
	// criteria compare: "unordered" (default): the members of a group
	// compare as a set (an AND or OR does not depend on their order), the
	// reading that refuses most; "exact": as sent, member order included.
	DuplicateCriteria string `json:"duplicate_criteria,omitempty"`

	// ContactRoleDuplicateCode is the code for a duplicate contact role
	// name: "INVALID_DATA" (default; [OAS contact_roles.json]
	// Duplicate_Data_API_Exception, details {id, api_name}; the SDK's error
	// enum has INVALID_DATA and no DUPLICATE_DATA
	// [sdk:jd:contact_roles/api_exception.code]) or "DUPLICATE_DATA"
	// ([seed:update-contact-roles]; the SDK reads it as an unknown Choice).
	ContactRoleDuplicateCode string `json:"contact_role_duplicate_code,omitempty"`

	// ContactRoleNameCheck is how a bulk POST or PUT checks that names are
	// unique; the docs say only that they are ([seed:update-contact-roles]):
	// "sequential" (default; each item against the roles as the items
	// before it left them) or "before_call" (also against the names the
	// roles had before the call, so an item cannot take a name another item
	// of the same call frees).
	ContactRoleNameCheck string `json:"contact_role_name_check,omitempty"`

	// PartialStatus is the HTTP status of a multi-item write where some
	// items succeed and some fail [api.md §10 q8]: 200 (default; a client
	// that trusts the status misses the failed items), 207 or 400. The SDK
	// decides each item from its status and code and ignores the HTTP
	// status [sdk:lib/routes/middlewares/common_api_handler.js:219-241], so
	// it works against all three.
	PartialStatus int `json:"partial_status,omitempty"`

	// TokenExpiresIn is the unit of expires_in in token responses:
	// "seconds" (default; the current Accounts doc, [api.md §6.2]) or
	// "millis": expires_in in milliseconds plus expires_in_sec (older
	// responses, handled by the SDK,
	// [sdk:lib/models/authenticator/oauth_token.js]). Both readings accept
	// the grant as query parameters, a urlencoded body or the SDK's
	// multipart/form-data body [sdk:oauth_token.js:308-335].
	TokenExpiresIn string `json:"token_expires_in,omitempty"`

	// TokenErrorStatus is the HTTP status of a failed token request
	// ({"error":...} without access_token): 200 (default; the SDK checks the
	// body, not the status, [api.md §6.2], [sdk:oauth_token.js:379-381]) or
	// 400.
	TokenErrorStatus int `json:"token_error_status,omitempty"`

	// MaxExcludedFields, MaxExcludedProfiles and MaxRestrictedButtons are the
	// LIMIT_EXCEEDED limits of a locking configuration. The limits exist but
	// their values are undocumented [seed:update-record-locking-
	// configuration], so 0 (default) means no limit.
	MaxExcludedFields    int `json:"max_excluded_fields,omitempty"`
	MaxExcludedProfiles  int `json:"max_excluded_profiles,omitempty"`
	MaxRestrictedButtons int `json:"max_restricted_buttons,omitempty"`

	// ---- Fields and global picklists [fields.md §10]; handlers in
	// fields*.go and global_picklists*.go; every reading with its sources
	// in docs/zoho/fields-readings.md. ----

	// FieldAPINameOnCreate (q1): "derived" (default; the create doc lists
	// no api_name): a given api_name is ignored, the name comes from
	// field_label; "honoured" (OAS-yaml): a valid given name is used.
	FieldAPINameOnCreate string `json:"field_api_name_on_create,omitempty"`
	// FieldsPerCall (q2): fields per create or bulk PATCH; 0 means 5 (the
	// update doc, the create 201 schema); 25 is the request schema's.
	FieldsPerCall int `json:"fields_per_call,omitempty"`
	// FieldRequestLimits (q3): "request" (default): the OAS-yaml request
	// schema (label ≤ 25 on create, option texts ≤ 25, ≤ 10 options and
	// ≤ 10 profiles per update, actual_value required on new options);
	// "get": the GET schema's sizes (label ≤ 100, texts ≤ 120, no caps).
	FieldRequestLimits string `json:"field_request_limits,omitempty"`
	// FieldCreateOmittedProfiles (q4): permission of profiles left out of
	// a non-empty profiles list on create: "hidden" (default), "read_write".
	FieldCreateOmittedProfiles string `json:"field_create_omitted_profiles,omitempty"`
	// SystemFieldUpdate (q5): "refused" (default; v6/v7 doc, OAS-yaml):
	// NOT_ALLOWED for any change to a system-defined field;
	// "all_but_label" (v8 doc); "options_and_permissions": only
	// pick_list_values and profiles.
	SystemFieldUpdate string `json:"system_field_update,omitempty"`
	// FieldInLockingUse (q6, q8): "refused" (default; "used in other
	// places ... and so on"): deleting a field or removing an option a
	// locking configuration uses is NOT_ALLOWED; "allowed": the field leaves
	// excluded_fields and the rules using it or the value are dropped.
	FieldInLockingUse string `json:"field_in_locking_use,omitempty"`
	// MaxCustomFields (q7): custom fields per module; 0 means 310.
	MaxCustomFields int `json:"max_custom_fields,omitempty"`
	// PicklistOptionDelete (q8): "delete" (default; JSON OAS, and the SDK's
	// PickListValue has _delete, fields/pick_list_value.js:21): "_delete":
	// true removes the option; "rejected": _delete is INVALID_DATA.
	PicklistOptionDelete string `json:"picklist_option_delete,omitempty"`
	// PicklistReorder (q8): "sequence_number" (default): it moves the
	// option; "ignored".
	PicklistReorder string `json:"picklist_reorder,omitempty"`
	// FieldDeleteUnknownID (q16): "INVALID_DATA" (default, 400, the delete
	// page) or "404" (INVALID_URL_PATTERN, OAS-yaml).
	FieldDeleteUnknownID string `json:"field_delete_unknown_id,omitempty"`
	// GeneratedAPINameCollision (q17): "suffix" (default): "_1", "_2"…;
	// "error": DUPLICATE_DATA "API NAME DUPLICATE".
	GeneratedAPINameCollision string `json:"generated_api_name_collision,omitempty"`
	// GlobalValueType (q9): "required" (default, OAS-yaml) or "optional"
	// (v6 page; defaults to used) for type on new global values.
	GlobalValueType string `json:"global_value_type,omitempty"`
	// GlobalUpdateMandatory (q10): "both" (default; doc pages): a global
	// picklist PATCH needs display_label and pick_list_values; "none".
	GlobalUpdateMandatory string `json:"global_update_mandatory,omitempty"`
	// GlobalDelete (q11): "scheduled" (default, OAS-yaml): 202 SCHEDULED,
	// presence false for two more writes (the SDK reads the item by its
	// body, json_converter.js:689-705); "immediate": 200 (JSON OAS).
	GlobalDelete string `json:"global_delete,omitempty"`
	// GlobalDeleteIDs (q12): "single" (default, OAS-yaml) or "csv".
	GlobalDeleteIDs string `json:"global_delete_ids,omitempty"`
	// MaxGlobalPicklists (q13): sets per org; 0 means 10.
	MaxGlobalPicklists int `json:"max_global_picklists,omitempty"`
	// GlobalListValues (q14): "include" (default, OAS-yaml): the list has
	// values only with include=pick_list_values; "always" (JSON OAS).
	GlobalListValues string `json:"global_list_values,omitempty"`
	// GlobalBulkPatchStatus (q19): 200 (default, OAS-yaml) or 201 (OAS).
	GlobalBulkPatchStatus int `json:"global_bulk_patch_status,omitempty"`
	// GlobalValueUniqueness: when an update checks that display and actual
	// values stay unique ("Duplicate option found", fields.md §9.3, §9.4;
	// the documents do not say): "each" (default): after each entry of
	// pick_list_values, in order, so one request cannot swap two display
	// values; "request": once, on the values the whole request leaves.
	GlobalValueUniqueness string `json:"global_value_uniqueness,omitempty"`
}
