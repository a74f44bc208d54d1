package emulator

import (
	"testing"
)

// TestFieldWritesMalformed: wrong JSON types anywhere in a body are 400
// errors, never a crash, and change nothing.
func TestFieldWritesMalformed(t *testing.T) {
	e := newEnv(t, Options{})
	bronze := optionIDs(e.field("Accounts", "Customer_Tier", ""))["Bronze"]
	before := e.do("GET", fURL+"?module=Accounts", nil).raw
	gBefore := e.do("GET", gURL+"/"+gpDemo, nil).raw
	bodies := []struct {
		method, url string
		body        any
	}{
		{"POST", fURL + "?module=Accounts", `{"fields":"x"}`},
		{"POST", fURL + "?module=Accounts", `{"fields":[1]}`},
		{"POST", fURL + "?module=Accounts", `{"fields":[]}`},
		{"POST", fURL + "?module=Accounts", `{`},
		{"POST", fURL + "?module=Accounts", wrap(fieldsKey, m{"field_label": 5, "data_type": "text"})},
		{"POST", fURL + "?module=Accounts", wrap(fieldsKey, m{"field_label": "X", "data_type": "picklist", "pick_list_values": "x"})},
		{"POST", fURL + "?module=Accounts", wrap(fieldsKey, m{"field_label": "X", "data_type": "picklist", "pick_list_values": []any{5}})},
		{"POST", fURL + "?module=Accounts", wrap(fieldsKey, m{"field_label": "X", "data_type": "text", "profiles": []any{m{"id": m{}}}})},
		{"POST", fURL + "?module=Accounts", wrap(fieldsKey, m{"field_label": "X", "data_type": "text", "tooltip": "x"})},
		{"POST", fURL + "?module=Accounts", wrap(fieldsKey, m{"field_label": "X", "data_type": "text", "length": "10"})},
		{"PATCH", tierURL(), wrap(fieldsKey, m{"pick_list_values": []any{m{"id": bronze, "sequence_number": 1}, m{"id": bronze, "_delete": true},
			m{"id": bronze, "display_value": "Again"}}})},
		{"PATCH", tierURL(), wrap(fieldsKey, m{"pick_list_values": []any{m{"id": bronze, "sequence_number": "1"}}})},
		{"PATCH", tierURL(), wrap(fieldsKey, m{"pick_list_values": []any{m{"id": bronze, "display_value": " "}}})},
		{"PATCH", tierURL(), wrap(fieldsKey, m{"pick_list_values": []any{m{"display_value": "New", "actual_value": ""}}})},
		{"PATCH", tierURL(), wrap(fieldsKey, m{"pick_list_values": []any{m{"id": bronze, "_delete": "yes"}}})},
		{"PATCH", fURL + "?module=Accounts", wrap(fieldsKey, m{"id": m{"x": 1}})},
		{"PATCH", tierURL(), wrap(fieldsKey, m{"global_picklist": "Regions"})},
		{"POST", gURL, `{"global_picklists":[{"display_label":"A","pick_list_values":[{"display_value":5,"type":"used"}]}]}`},
		{"POST", gURL, wrap(gpKey, m{"display_label": "A", "pick_list_values": "x"})},
		{"PATCH", gURL, wrap(gpKey, m{"id": []any{}})},
		{"PATCH", gURL + "/" + gpDemo, wrap(gpKey, m{"display_label": "Regions", "pick_list_values": []any{m{"id": "1", "_delete": true}}})},
		{"PATCH", gURL + "/" + gpDemo, wrap(gpKey, m{"display_label": "Regions", "description": 5, "pick_list_values": []any{}})},
	}
	for i, b := range bodies {
		r := e.do(b.method, b.url, b.body)
		if r.status != 400 {
			t.Errorf("body %d: %d %s", i, r.status, r.raw)
		}
	}
	if after := e.do("GET", fURL+"?module=Accounts", nil).raw; string(after) != string(before) {
		t.Errorf("fields changed:\n%s\n%s", before, after)
	}
	if after := e.do("GET", gURL+"/"+gpDemo, nil).raw; string(after) != string(gBefore) {
		t.Errorf("global picklist changed:\n%s\n%s", gBefore, after)
	}
}
