package emulator

import (
	"strings"
	"testing"
)

// The bodies below are byte for byte what Zoho's Node SDK v8 (2.0.0) sends
// for the field and global picklist writes of e2e/sdk/witness_fields.js
// (captured from the witness; ids replaced by the created ones): key order
// as the SDK writes it, no Content-Type, "&" after the query string, ids
// as strings, sequence_number as a number, "_delete" as a boolean, the
// global value type as a string. The default readings must take each.

// TestFieldWritesSDKBodies: create a picklist and a text field in one
// POST, one bulk PATCH (rename and move an option by id, add one, remove
// one, one profile's permission), one PATCH by id, one DELETE.
func TestFieldWritesSDKBodies(t *testing.T) {
	e := newEnv(t, Options{})
	create := `{"fields":[{"data_type":"picklist","profiles":[{"permission_type":"read_write","id":"5843104000000026011"},` +
		`{"permission_type":"read_only","id":"5843104000000026014"}],"pick_list_values":[{"actual_value":"Gold","display_value":"Gold"},` +
		`{"actual_value":"Silver","display_value":"Silver"}],"field_label":"Witness Tier"},` +
		`{"data_type":"text","field_label":"Witness Note","length":100}]}`
	r := e.do("POST", fURL+"?module=Accounts&", create)
	e.expect(r, 201, fieldsKey, "SUCCESS")
	pickID, _ := details(r.item(fieldsKey, 0))["id"].(string)
	textID, _ := details(r.item(fieldsKey, 1))["id"].(string)
	pick := e.field("Accounts", "Witness_Tier", "")
	if pick == nil || pick["id"] != pickID || actuals(pick) != "Gold,Silver" ||
		permOf(pick, "Administrator") != "read_write" || permOf(pick, "Standard") != "read_only" {
		t.Fatalf("created picklist: %v", pick)
	}
	ids := optionIDs(pick)
	patch := `{"fields":[{"id":"` + pickID + `","profiles":[{"permission_type":"hidden","id":"5843104000000026014"}],` +
		`"pick_list_values":[{"_delete":true,"id":"` + ids["Silver"] + `"},` +
		`{"sequence_number":2,"display_value":"Gold Plus","id":"` + ids["Gold"] + `"},` +
		`{"sequence_number":1,"actual_value":"Bronze","display_value":"Bronze"}]}]}`
	e.expect(e.do("PATCH", fURL+"?module=Accounts&", patch), 200, fieldsKey, "SUCCESS")
	pick = e.field("Accounts", "Witness_Tier", "")
	if actuals(pick) != "Bronze,Gold" || permOf(pick, "Standard") != "hidden" || displayOf(pick, "Gold") != "Gold Plus" {
		t.Fatalf("after the bulk PATCH: %v", pick)
	}
	e.expect(e.do("PATCH", fURL+"/"+textID+"?module=Accounts&", `{"fields":[{"field_label":"Witness Remark"}]}`),
		200, fieldsKey, "SUCCESS")
	if f := e.field("Accounts", "Witness_Note", ""); f == nil || f["field_label"] != "Witness Remark" {
		t.Fatalf("after the PATCH by id: %v", f)
	}
	e.expect(e.do("DELETE", fURL+"/"+textID+"?module=Accounts&", nil), 200, fieldsKey, "SUCCESS")
	if f := e.field("Accounts", "Witness_Note", ""); f != nil {
		t.Fatalf("deleted field still listed: %v", f)
	}
}

// TestGlobalPicklistWritesSDKBodies: create a set with typed, numbered
// values, PATCH it by id (rename by id, retire one as unused, add one; the
// SDK's global value has no "_delete"), DELETE it by id.
func TestGlobalPicklistWritesSDKBodies(t *testing.T) {
	e := newEnv(t, Options{})
	create := `{"global_picklists":[{"display_label":"Witness Regions","pick_list_values":[` +
		`{"display_value":"North","sequence_number":1,"actual_value":"North","type":"used"},` +
		`{"display_value":"South","sequence_number":2,"actual_value":"South","type":"used"}]}]}`
	r := e.do("POST", gURL, create)
	e.expect(r, 201, gpKey, "SUCCESS")
	id, _ := details(r.item(gpKey, 0))["id"].(string)
	g := e.do("GET", gURL+"/"+id, nil).item(gpKey, 0)
	if g == nil || gpValueNames(g) != "North:used,South:used" {
		t.Fatalf("created set: %v", g)
	}
	vid := map[string]string{}
	for _, x := range g["pick_list_values"].([]any) {
		v := x.(map[string]any)
		vid[v["actual_value"].(string)] = v["id"].(string)
	}
	patch := `{"global_picklists":[{"display_label":"Witness Regions","pick_list_values":[` +
		`{"display_value":"North East","id":"` + vid["North"] + `"},{"id":"` + vid["South"] + `","type":"unused"},` +
		`{"display_value":"West","sequence_number":3,"actual_value":"West","type":"used"}]}]}`
	e.expect(e.do("PATCH", gURL+"/"+id, patch), 200, gpKey, "SUCCESS")
	g = e.do("GET", gURL+"/"+id, nil).item(gpKey, 0)
	if gpValueNames(g) != "North East:used,South:unused,West:used" {
		t.Fatalf("after the PATCH: %v", gpValueNames(g))
	}
	d := e.do("DELETE", gURL+"/"+id, nil)
	e.expect(d, 202, gpKey, "SCHEDULED")
	if st, _ := d.item(gpKey, 0)["status"].(string); st != "success" {
		t.Fatalf("the SDK reads a SCHEDULED item as a success only with status success: %s", d.raw)
	}
}

// displayOf is the display value of the option with actual value a.
func displayOf(f map[string]any, a string) string {
	for _, x := range f["pick_list_values"].([]any) {
		if o := x.(map[string]any); o["actual_value"] == a {
			s, _ := o["display_value"].(string)
			return strings.TrimSpace(s)
		}
	}
	return ""
}
