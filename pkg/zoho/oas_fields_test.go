package zoho_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/crmsync/crmsync/pkg/emulator"
)

// The emulator's field and global picklist endpoints against Zoho's
// OpenAPI files (fields.json, global_picklists.json). crmsync's client
// does not call the write operations yet, so this test drives them over
// raw HTTP: each successful request body is held to the request schema,
// each answer to the response schema of its status.

type oasCall struct {
	op     oasOp
	method string
	path   string // after the emulator URL
	body   any
}

// fieldCalls exercises every field and global picklist operation with
// valid and invalid bodies, in an order that keeps the ids valid.
func fieldCalls() []oasCall {
	const (
		f      = "fields.json"
		g      = "global_picklists.json"
		fields = "/crm/v8/settings/fields"
		fid    = "/crm/v8/settings/fields/{field}"
		gps    = "/crm/v8/settings/global_picklists"
		gid    = "/crm/v8/settings/global_picklists/{id}"
		tier   = "5843104000000931001"
		region = "5843104000000930001"
	)
	w := func(key string, items ...any) map[string]any { return map[string]any{key: items} }
	type o = map[string]any
	return []oasCall{
		{oasOp{f, "get", fields}, "GET", fields + "?module=Accounts", nil},
		{oasOp{f, "get", fid}, "GET", fields + "/" + tier + "?module=Accounts", nil},
		{oasOp{f, "post", fields}, "POST", fields + "?module=Accounts", w("fields",
			o{"field_label": "Renewal", "data_type": "picklist", "pick_list_values": []any{o{"display_value": "Open", "actual_value": "Open"}}},
			o{"field_label": "Score", "data_type": "double", "decimal_place": 3})},
		{oasOp{f, "post", fields}, "POST", fields + "?module=Accounts", w("fields", o{"field_label": "X", "data_type": "nope"})},
		{oasOp{f, "patch", fields}, "PATCH", fields + "?module=Accounts", w("fields", o{"id": tier, "field_label": "Tier",
			"profiles": []any{o{"id": "5843104000000026014", "permission_type": "read_only"}}})},
		{oasOp{f, "patch", fid}, "PATCH", fields + "/" + tier + "?module=Accounts", w("fields", o{"pick_list_values": []any{
			o{"display_value": "Platinum", "actual_value": "Platinum"}}})},
		{oasOp{f, "patch", fid}, "PATCH", fields + "/" + tier + "?module=Accounts", w("fields", o{"data_type": "text"})},
		{oasOp{f, "delete", fid}, "DELETE", fields + "/" + tier + "?module=Accounts", nil},
		{oasOp{f, "delete", fid}, "DELETE", fields + "/" + tier + "?module=Accounts", nil},
		{oasOp{g, "get", gps}, "GET", gps + "?include=pick_list_values", nil},
		{oasOp{g, "get", gid}, "GET", gps + "/" + region, nil},
		{oasOp{g, "post", gps}, "POST", gps, w("global_picklists", o{"display_label": "Sizes",
			"pick_list_values": []any{o{"display_value": "Small", "type": "used"}}})},
		{oasOp{g, "post", gps}, "POST", gps, w("global_picklists", o{"display_label": "Sizes"})},
		{oasOp{g, "patch", gid}, "PATCH", gps + "/" + region, w("global_picklists", o{"display_label": "Regions",
			"pick_list_values": []any{o{"display_value": "LATAM", "type": "used"}}})},
		{oasOp{g, "patch", gps}, "PATCH", gps, w("global_picklists", o{"id": region, "display_label": "Regions",
			"pick_list_values": []any{o{"display_value": "Nordics", "type": "used"}}})},
		{oasOp{g, "delete", gid}, "DELETE", gps + "/" + region, nil},
		{oasOp{g, "delete", gps}, "DELETE", gps + "?ids=5843104000999999999", nil},
	}
}

// fieldsRequestAllowances: the JSON OAS reuses the GET schemas, whose
// ~70 keys are all required, for the write bodies; the fact sheet names
// what a create or update needs (fields.md §2, §5, §9.3, §9.4).
func fieldsRequestAllowances() []allowance {
	return []allowance{
		{kind: "required", path: "$.fields[*].*", reason: "field writes: fields.md §2 (field_label and data_type mandatory on create), §5 (id in bulk updates)"},
		{kind: "required", path: "$.fields[*].pick_list_values[*].*", reason: "options: fields.md §5.1 (send only what changes)"},
		{kind: "required", path: "$.fields[*].profiles[*].name", reason: "permissions: fields.md §5.2 sends {id, permission_type}"},
		{kind: "required", path: "$.global_picklists[*].*", reason: "global picklist writes: fields.md §9.3, §9.4"},
		{kind: "required", path: "$.global_picklists[*].pick_list_values[*].*", reason: "values: fields.md §9.3 (display_value and type)"},
	}
}

// fieldsResponseAllowances: where the emulator follows the fact sheet or
// leaves out keys crmsync does not read.
func fieldsResponseAllowances() []allowance {
	return []allowance{
		{method: "GET", kind: "required", path: "$.fields[*].*",
			except: []string{"id", "api_name", "field_label", "display_label", "data_type", "custom_field", "profiles", "json_type"},
			reason: "fields: the OAS requires ~70 layout and feature keys; length only for types that have one (fields.md §4)"},
		{kind: "enum", path: "$.fields[*].message",
			reason: "messages: fields.md §2, §5 and §6 give 'field created', 'field updated', 'field deleted'"},
		{kind: "enum", path: "$.global_picklists[*].message",
			reason: "messages: fields.md §9.3-§9.5 give 'global picklist added successfully', 'global picklist updated successfully', 'Deletion scheduled'"},
		{kind: "status", path: "status 207 of POST /crm/v8/settings/fields",
			reason: "mixed results: fields.md §2 (OAS-yaml, Kaizen #205) answer 207"},
		{kind: "status", path: "status 202 of DELETE /crm/v8/settings/global_picklists/{id}",
			reason: "the GlobalDelete reading's default: OAS-yaml answers 202 SCHEDULED (fields.md §9.5, q11)"},
		{kind: "status", path: "status 200 of PATCH /crm/v8/settings/global_picklists",
			reason: "the GlobalBulkPatchStatus reading's default: OAS-yaml and the by-id form answer 200 (fields.md §9.1, q19)"},
		{kind: "enum", path: "$.global_picklists[*].code", msg: `"SCHEDULED"`,
			reason: "scheduled deletion: OAS-yaml, fields.md §9.5"},
		{kind: "required", path: "$.global_picklists[*].details.id",
			reason: "a scheduled deletion names its job_id, not the id (fields.md §9.5)"},
		{method: "GET", kind: "required", path: "$.global_picklists[*].*", except: []string{"id", "api_name", "display_label", "presence"},
			reason: "global picklists: values only with include (fields.md §9.2, q14); audit users absent on seeded sets"},
		{kind: "enum", path: "$.fields[*].code",
			reason: "errors: fields.md §8 lists the codes; the OAS enums list a few per wrapper"},
		{kind: "enum", path: "$.global_picklists[*].code",
			reason: "errors: fields.md §9.3-§9.5 list the codes; the OAS enums list a few per wrapper"},
		{kind: "enum", path: "$.code", reason: "top-level errors: fields.md §6, §8"},
		{kind: "required", path: "$.fields[*].details.*", reason: "error details vary by code (fields.md §8)"},
		{kind: "required", path: "$.global_picklists[*].details.*", reason: "error details vary by code (fields.md §9)"},
		{kind: "required", path: "$.details.*", reason: "top-level error details (resource_path_index, fields.md §6)"},
	}
}

func TestOpenAPIFieldsAndGlobalPicklists(t *testing.T) {
	spec := loadOAS(t, "testdata/oas")
	runs := map[string]emulator.Readings{
		"default": {},
		// The alternatives the JSON OAS itself describes.
		"alternatives": {GlobalBulkPatchStatus: 201, GlobalDelete: "immediate", GlobalListValues: "always",
			FieldsPerCall: 25, FieldRequestLimits: "get"},
	}
	for _, name := range []string{"default", "alternatives"} {
		t.Run(name, func(t *testing.T) { checkFieldCalls(t, spec, runs[name]) })
	}
}

func checkFieldCalls(t *testing.T, spec *oasSpec, rd emulator.Readings) {
	s, url := emulator.Start(t, emulator.Options{Readings: rd})
	tok := s.IssueToken()
	used := map[string]bool{}
	for _, c := range fieldCalls() {
		var body []byte
		if c.body != nil {
			body, _ = json.Marshal(c.body)
		}
		req, _ := http.NewRequest(c.method, url+c.path, bytes.NewReader(body))
		req.Header.Set("Authorization", "Zoho-oauthtoken "+tok)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resBody, _ := io.ReadAll(res.Body)
		res.Body.Close()
		what := fmt.Sprintf("%d to %s %s", res.StatusCode, c.method, c.path)
		if res.StatusCode >= 500 {
			t.Errorf("%s: %s", what, resBody)
		}
		if res.StatusCode < 400 {
			report(t, c.method, "request "+what, spec.checkRequest(c.op, body), fieldsRequestAllowances(), used)
		}
		report(t, c.method, "response "+what, spec.checkResponse(c.op, res.StatusCode, resBody), fieldsResponseAllowances(), used)
	}
}
