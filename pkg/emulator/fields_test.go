package emulator

import (
	"testing"
)

// detail returns details[key] of the first item (or the top-level error).
func (r resp) detail(key string) any {
	if r.body["details"] != nil {
		return details(r.body)[key]
	}
	return details(r.item(fieldsKey, 0))[key]
}

func TestFieldReads(t *testing.T) {
	e := newEnv(t, Options{})
	tier := e.field("Accounts", "Customer_Tier", "")
	if tier["id"] != tierID || tier["custom_field"] != true || tier["data_type"] != "picklist" ||
		actuals(tier) != "Gold,Silver,Bronze" || permOf(tier, "Support") != "hidden" || permOf(tier, "Sales") != "read_only" {
		t.Fatalf("Customer_Tier: %v", tier)
	}
	if tt := tier["tooltip"].(map[string]any); tt["name"] != "static_text" || tt["value"] != "Service level" {
		t.Fatalf("tooltip: %v", tt)
	}
	ch := e.field("Contacts", "Preferred_Channel", "")
	first := ch["pick_list_values"].([]any)[0].(map[string]any)
	if first["display_value"] != "E-mail" || first["actual_value"] != "Email" || first["sequence_number"] != float64(1) {
		t.Fatalf("Preferred_Channel option: %v", first)
	}
	region := e.field("Contacts", "Region", "")
	if gp := region["global_picklist"].(map[string]any); gp["id"] != gpDemo || gp["api_name"] != "Regions" ||
		actuals(region) != "EMEA,Americas,APAC" {
		t.Fatalf("Region: %v", region)
	}
	code := e.field("Accounts", "Account_Code", "")
	if code["length"] != float64(20) || code["global_picklist"] != nil || permOf(code, "Marketing") != "hidden" {
		t.Fatalf("Account_Code: %v", code)
	}
	if f := e.field("Deals", "Stage", ""); f["custom_field"] != false || len(f["pick_list_values"].([]any)) != 7 {
		t.Fatalf("Stage: %v", f)
	}
	e.expect(e.do("GET", fURL+"/"+tierID+"?module=Accounts", nil), 200, fieldsKey, "")
	e.expect(e.do("GET", fURL+"/"+tierID+"?module=Deals", nil), 400, "", "INVALID_DATA")
	e.expect(e.do("GET", fURL+"?module=Accounts&type=unused", nil), 204, "", "")
	e.expect(e.do("GET", fURL+"?module=Accounts&type=bogus", nil), 400, "", "INVALID_DATA")
	r := e.do("GET", fURL, nil)
	e.expect(r, 400, "", "REQUIRED_PARAM_MISSING")
	if r.detail("param_name") != "module" {
		t.Fatalf("details: %v", r.body)
	}
}

func TestFieldCreate(t *testing.T) {
	e := newEnv(t, Options{})
	r := e.do("POST", fURL+"?module=accounts", wrap(fieldsKey, m{"field_label": "Renewal Stage", "data_type": "picklist",
		"pick_list_values": []any{m{"display_value": "Open", "actual_value": "Open"}, m{"display_value": "Won", "actual_value": "W"}},
		"profiles":         []any{m{"id": demoIDs(t)["profile:Sales"], "permission_type": "read_only"}},
		"tooltip":          m{"name": "info_icon", "value": "Where the renewal is"}},
		m{"field_label": "Score", "data_type": "double"},
		m{"field_label": "Fee", "data_type": "currency", "decimal_place": 3, "currency": m{"rounding_option": "normal", "precision": 2}}))
	e.expect(r, 201, fieldsKey, "SUCCESS")
	f := e.field("Accounts", "Renewal_Stage", "")
	if f == nil || f["id"] != details(r.item(fieldsKey, 0))["id"] || actuals(f) != "Open,W" ||
		permOf(f, "Sales") != "read_only" || permOf(f, "Administrator") != "hidden" || f["custom_field"] != true {
		t.Fatalf("created: %v", f)
	}
	if s := e.field("Accounts", "Score", ""); s["decimal_place"] != float64(2) || s["length"] != float64(16) {
		t.Fatalf("defaults: %v", s)
	}
	cases := []struct {
		name       string
		item       m
		status     int
		code, path string
	}{
		{"no label", m{"data_type": "text"}, 400, "MANDATORY_NOT_FOUND", "$.fields[0].field_label"},
		{"no type", m{"field_label": "X"}, 400, "MANDATORY_NOT_FOUND", "$.fields[0].data_type"},
		{"bad type", m{"field_label": "X", "data_type": "ownerlookup"}, 400, "INVALID_DATA", "$.fields[0].data_type"},
		{"duplicate label", m{"field_label": "customer tier", "data_type": "text"}, 400, "DUPLICATE_DATA", "$.fields[0].field_label"},
		{"reserved", m{"field_label": "Owner", "data_type": "text"}, 400, "RESERVED_KEYWORD_NOT_ALLOWED", "$.fields[0].api_name"},
		{"picklist without values", m{"field_label": "X", "data_type": "picklist"}, 400, "MANDATORY_NOT_FOUND", "$.fields[0].pick_list_values"},
		{"value without actual", m{"field_label": "X", "data_type": "picklist", "pick_list_values": []any{m{"display_value": "A"}}},
			400, "MANDATORY_NOT_FOUND", "$.fields[0].pick_list_values[0].actual_value"},
		{"length too long", m{"field_label": "X", "data_type": "text", "length": 256}, 400, "INVALID_DATA", "$.fields[0].length"},
		{"length not settable", m{"field_label": "X", "data_type": "email", "length": 10}, 400, "INVALID_DATA", "$.fields[0].length"},
		{"decimal on text", m{"field_label": "X", "data_type": "text", "decimal_place": 2}, 400, "INVALID_DATA", "$.fields[0].decimal_place"},
		{"tooltip too long", m{"field_label": "X", "data_type": "text", "tooltip": m{"name": "static_text",
			"value": "thirty-six characters long, exactly!"}}, 400, "INVALID_DATA", "$.fields[0].tooltip.value"},
		{"bad permission", m{"field_label": "X", "data_type": "text", "profiles": []any{m{"id": demoIDs(t)["profile:Sales"],
			"permission_type": "write"}}}, 400, "INVALID_DATA", "$.fields[0].profiles[0].permission_type"},
		{"unknown key", m{"field_label": "X", "data_type": "text", "json_type": "string"}, 400, "INVALID_DATA", "$.fields[0].json_type"},
		{"lookup without lookup", m{"field_label": "X", "data_type": "lookup"}, 400, "MANDATORY_NOT_FOUND", "$.fields[0].lookup"},
		{"currency on text", m{"field_label": "X", "data_type": "text", "currency": m{"rounding_option": "normal", "precision": 1}},
			400, "INVALID_DATA", "$.fields[0].currency"},
		{"currency without precision", m{"field_label": "X", "data_type": "currency", "currency": m{"rounding_option": "normal"}},
			400, "MANDATORY_NOT_FOUND", "$.fields[0].currency.precision"},
		{"precision not below decimals", m{"field_label": "X", "data_type": "currency", "decimal_place": 2,
			"currency": m{"rounding_option": "round_up", "precision": "2"}}, 400, "INVALID_DATA", "$.fields[0].currency.precision"},
		{"global on multiselect", m{"field_label": "X", "data_type": "multiselectpicklist", "global_picklist": m{"id": gpDemo}},
			400, "INVALID_DATA", "$.fields[0].global_picklist"},
	}
	for _, c := range cases {
		r := e.do("POST", fURL+"?module=Accounts", wrap(fieldsKey, c.item))
		if r.status != c.status || r.code(fieldsKey) != c.code || r.detail("json_path") != c.path {
			t.Errorf("%s: %d %s %v", c.name, r.status, r.code(fieldsKey), r.body)
		}
	}
}

func TestFieldCreateMixedAndRequestErrors(t *testing.T) {
	e := newEnv(t, Options{})
	mixed := e.do("POST", fURL+"?module=Accounts", wrap(fieldsKey, textField("Ok One"), m{"data_type": "text"}))
	if mixed.status != 207 || mixed.item(fieldsKey, 0)["status"] != "success" || mixed.item(fieldsKey, 1)["code"] != "MANDATORY_NOT_FOUND" {
		t.Fatalf("mixed: %d %v", mixed.status, mixed.body)
	}
	e.expect(e.do("POST", fURL+"?module=Nope", wrap(fieldsKey, textField("Y"))), 400, "", "INVALID_MODULE")
	e.expect(e.do("POST", fURL, wrap(fieldsKey, textField("Y"))), 400, "", "REQUIRED_PARAM_MISSING")
}

func TestFieldCreateWithGlobalPicklist(t *testing.T) {
	e := newEnv(t, Options{})
	e.expect(e.do("POST", fURL+"?module=Deals", wrap(fieldsKey, m{"field_label": "Deal Region", "data_type": "picklist",
		"global_picklist": m{"id": gpDemo}})), 201, fieldsKey, "SUCCESS")
	f := e.field("Deals", "Deal_Region", "")
	if actuals(f) != "EMEA,Americas,APAC" || f["global_picklist"].(map[string]any)["id"] != gpDemo {
		t.Fatalf("Deal_Region: %v", f)
	}
	r := e.do("POST", fURL+"?module=Deals", wrap(fieldsKey, m{"field_label": "Other", "data_type": "picklist",
		"global_picklist": m{"id": "5843104000999999999"}}))
	e.expect(r, 400, fieldsKey, "INVALID_DATA")
	// A local picklist switched to the set, as in the OAS-yaml example.
	gold := optionIDs(e.field("Accounts", "Customer_Tier", ""))["Gold"]
	e.expect(e.do("PATCH", tierURL(), wrap(fieldsKey, m{"global_picklist": m{"id": gpDemo, "api_name": "Regions"},
		"pick_list_values": []any{m{"id": gold, "_global_picklist_value": m{"id": "1"}}}})), 200, fieldsKey, "SUCCESS")
	if tier := e.field("Accounts", "Customer_Tier", ""); actuals(tier) != "EMEA,Americas,APAC" || tier["global_picklist"] == nil {
		t.Fatalf("switched: %v", tier)
	}
	// A field that uses a global picklist takes no option edits.
	e.expect(e.do("PATCH", fURL+"/"+f["id"].(string)+"?module=Deals", wrap(fieldsKey, m{"pick_list_values": []any{
		m{"display_value": "LATAM", "actual_value": "LATAM"}}})), 400, fieldsKey, "NOT_ALLOWED")
}

// TestFieldCreateGivenAPIName: under the "honoured" reading a given
// api_name is checked: pattern and length, reserved words, duplicates
// (case-blind) [fields.md §3].
func TestFieldCreateGivenAPIName(t *testing.T) {
	e := withReadings(t, Readings{FieldAPINameOnCreate: "honoured"})
	cases := []struct{ name, apiName, code string }{
		{"pattern", "1st_Field", "INVALID_DATA"},
		{"too long", "A23456789012345678901234567890123456789012345678901", "INVALID_DATA"},
		{"reserved", "Created_Time", "RESERVED_KEYWORD_NOT_ALLOWED"},
		{"duplicate", "customer_tier", "DUPLICATE_DATA"},
	}
	for _, c := range cases {
		r := e.do("POST", fURL+"?module=Accounts", wrap(fieldsKey, m{"field_label": "Given", "data_type": "text", "api_name": c.apiName}))
		if r.status != 400 || r.code(fieldsKey) != c.code || r.detail("json_path") != "$.fields[0].api_name" {
			t.Errorf("%s: %d %v", c.name, r.status, r.body)
		}
		if c.name == "duplicate" && r.item(fieldsKey, 0)["message"] != "API NAME DUPLICATE" {
			t.Errorf("duplicate message: %v", r.body)
		}
	}
	e.expect(e.do("POST", fURL+"?module=Accounts", wrap(fieldsKey, m{"field_label": "Given", "data_type": "text",
		"api_name": "Given_Name"})), 201, fieldsKey, "SUCCESS")
	if e.field("Accounts", "Given_Name", "") == nil {
		t.Fatal("the given api_name was not used")
	}
	r := e.do("PATCH", tierURL(), wrap(fieldsKey, m{"pick_list_values": []any{m{"display_value": "Gold", "_delete": true}}}))
	if r.status != 400 || r.code(fieldsKey) != "MANDATORY_NOT_FOUND" {
		t.Fatalf("_delete of an option named by nothing: %v", r.body)
	}
}
