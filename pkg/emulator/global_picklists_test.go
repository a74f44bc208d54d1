package emulator

import (
	"strings"
	"testing"
)

func gpValueNames(g map[string]any) string {
	out := ""
	for _, x := range g["pick_list_values"].([]any) {
		v := x.(map[string]any)
		if out != "" {
			out += ","
		}
		out += v["display_value"].(string) + ":" + v["type"].(string)
	}
	return out
}

func TestGlobalPicklistReads(t *testing.T) {
	e := newEnv(t, Options{})
	list := e.do("GET", gURL+"?include=pick_list_values,used_in_modules,associated_fields_count", nil)
	g := list.item(gpKey, 0)
	if g["id"] != gpDemo || g["api_name"] != "Regions" || g["presence"] != true || g["customizable"] != true ||
		g["associated_fields_count"] != float64(2) || len(g["used_in_modules"].([]any)) != 2 ||
		gpValueNames(g) != "EMEA:used,Americas:used,APAC:used,Antarctica:unused" {
		t.Fatalf("list: %v", g)
	}
	one := e.do("GET", gURL+"/"+gpDemo, nil).item(gpKey, 0)
	if one["pick_list_values"] == nil || one["description"] != "Sales regions" {
		t.Fatalf("one: %v", one)
	}
	if only := e.do("GET", gURL+"?fields=api_name", nil).item(gpKey, 0); len(only) != 2 || only["api_name"] != "Regions" {
		t.Fatalf("fields=: %v", only)
	}
	e.expect(e.do("GET", gURL+"/5843104000999999999", nil), 400, "", "INVALID_DATA")
}

func TestGlobalPicklistCreate(t *testing.T) {
	e := newEnv(t, Options{})
	r := e.do("POST", gURL, wrap(gpKey, m{"display_label": "Shirt Sizes", "description": "Sizes",
		"pick_list_values": []any{m{"display_value": "Small", "type": "used"}, m{"display_value": "Large", "type": "used", "sequence_number": 1},
			m{"display_value": "Huge", "type": "unused"}}}))
	e.expect(r, 201, gpKey, "SUCCESS")
	id := details(r.item(gpKey, 0))["id"].(string)
	g := e.do("GET", gURL+"/"+id, nil).item(gpKey, 0)
	if g["api_name"] != "Shirt_Sizes" || gpValueNames(g) != "Large:used,Small:used,Huge:unused" {
		t.Fatalf("created: %v", g)
	}
	cases := []struct {
		name string
		body m
		code string
	}{
		{"no label", wrap(gpKey, m{"pick_list_values": []any{m{"display_value": "A", "type": "used"}}}), "MANDATORY_NOT_FOUND"},
		{"no values", wrap(gpKey, m{"display_label": "Q"}), "MANDATORY_NOT_FOUND"},
		{"duplicate label", wrap(gpKey, sizes("regions")), "DUPLICATE_DATA"},
		{"special characters", wrap(gpKey, sizes("Sizes!")), "INVALID_DATA"},
		{"bad type", wrap(gpKey, m{"display_label": "Q", "pick_list_values": []any{m{"display_value": "A", "type": "x"}}}), "INVALID_DATA"},
		{"duplicate option", wrap(gpKey, m{"display_label": "Q", "pick_list_values": []any{m{"display_value": "A", "type": "used"},
			m{"display_value": "a", "type": "used"}}}), "DUPLICATE_DATA"},
		{"only unused", wrap(gpKey, m{"display_label": "Q", "pick_list_values": []any{m{"display_value": "A", "type": "unused"}}}), "INVALID_DATA"},
		{"none value", wrap(gpKey, m{"display_label": "Q", "pick_list_values": []any{m{"display_value": "-None-", "type": "used"}}}), "INVALID_DATA"},
		{"bad api name", wrap(gpKey, m{"display_label": "Q", "api_name": "Q_", "pick_list_values": []any{m{"display_value": "A", "type": "used"}}}), "INVALID_DATA"},
		{"two sets", wrap(gpKey, sizes("Q1"), sizes("Q2")), "LIMIT_EXCEEDED"},
	}
	for _, c := range cases {
		r := e.do("POST", gURL, c.body)
		if r.status != 400 || r.code(gpKey) != c.code {
			t.Errorf("%s: %d %v", c.name, r.status, r.body)
		}
	}
}

func TestGlobalPicklistUpdate(t *testing.T) {
	e := newEnv(t, Options{})
	vals := map[string]string{}
	for _, x := range e.do("GET", gURL+"/"+gpDemo, nil).item(gpKey, 0)["pick_list_values"].([]any) {
		v := x.(map[string]any)
		vals[v["display_value"].(string)] = v["id"].(string)
	}
	e.expect(e.do("PATCH", gURL+"/"+gpDemo, wrap(gpKey, m{"display_label": "Sales Regions", "pick_list_values": []any{
		m{"id": vals["APAC"], "display_value": "Asia Pacific", "sequence_number": 1},
		m{"id": vals["Antarctica"], "_delete": true},
		m{"display_value": "LATAM", "type": "used"}}})), 200, gpKey, "SUCCESS")
	g := e.do("GET", gURL+"/"+gpDemo, nil).item(gpKey, 0)
	if g["display_label"] != "Sales Regions" || gpValueNames(g) != "Asia Pacific:used,EMEA:used,Americas:used,LATAM:used" {
		t.Fatalf("updated: %v", g)
	}
	// The fields that use the set follow it.
	if got := actuals(e.field("Contacts", "Region", "")); got != "APAC,EMEA,Americas,LATAM" {
		t.Fatalf("Contacts.Region: %s", got)
	}
	two := wrap(gpKey, m{"display_label": "Sales Regions", "pick_list_values": []any{
		m{"id": vals["EMEA"], "_delete": true}, m{"id": vals["Americas"], "_delete": true}}})
	e.expect(e.do("PATCH", gURL+"/"+gpDemo, two), 400, gpKey, "LIMIT_EXCEEDED")
	bulkBad := e.do("PATCH", gURL, wrap(gpKey, m{"id": "5843104000999999999", "display_label": "X", "pick_list_values": []any{}}))
	if bulkBad.status != 400 || bulkBad.code(gpKey) != "INVALID_DATA" || details(bulkBad.item(gpKey, 0))["id"] != "5843104000999999999" {
		t.Fatalf("bulk bad id: %v", bulkBad.body)
	}
	e.expect(e.do("PATCH", gURL+"/5843104000999999999", wrap(gpKey, sizes("X"))), 400, "", "INVALID_DATA")
}

func TestGlobalPicklistDelete(t *testing.T) {
	e := newEnv(t, Options{})
	before := optionIDs(e.field("Accounts", "Region", ""))
	r := e.do("DELETE", gURL+"/"+gpDemo, nil)
	if r.status != 202 || r.code(gpKey) != "SCHEDULED" || details(r.item(gpKey, 0))["job_id"] == nil {
		t.Fatalf("delete: %d %v", r.status, r.body)
	}
	if g := e.do("GET", gURL+"/"+gpDemo, nil).item(gpKey, 0); g["presence"] != false {
		t.Fatalf("presence while the job runs: %v", g)
	}
	e.expect(e.do("DELETE", gURL+"/"+gpDemo, nil), 400, "", "NOT_ALLOWED")                       // already scheduled
	e.expect(e.do("PATCH", gURL+"/"+gpDemo, wrap(gpKey, sizes("X"))), 400, gpKey, "NOT_ALLOWED") // deletion in progress
	e.expect(e.do("PATCH", tierURL(), wrap(fieldsKey, m{"tooltip": nil})), 200, fieldsKey, "SUCCESS")
	e.expect(e.do("GET", gURL+"/"+gpDemo, nil), 400, "", "INVALID_DATA") // the job has ended
	f := e.field("Accounts", "Region", "")
	after := optionIDs(f)
	if f["global_picklist"] != nil || actuals(f) != "EMEA,Americas,APAC" || after["EMEA"] == before["EMEA"] {
		t.Fatalf("Region after the set's deletion: %v", f)
	}
	e.expect(e.do("DELETE", gURL, nil), 400, "", "REQUIRED_PARAM_MISSING")
	e.expect(e.do("DELETE", gURL+"?ids=5843104000999999999", nil), 400, gpKey, "INVALID_DATA")
}

// TestGlobalPicklistUsedByManyFields: a set used by more than 15 fields
// cannot be deleted and loses no value [fields.md §9.4, §9.5].
func TestGlobalPicklistUsedByManyFields(t *testing.T) {
	e := newEnv(t, Options{})
	for call := 0; call < 3; call++ { // 2 demo fields + 15 new ones
		var items []any
		for i := 0; i < 5; i++ {
			items = append(items, m{"field_label": "Zone " + string(rune('A'+call*5+i)), "data_type": "picklist",
				"global_picklist": m{"id": gpDemo}})
		}
		e.expect(e.do("POST", fURL+"?module=Deals", m{fieldsKey: items}), 201, fieldsKey, "SUCCESS")
	}
	g := e.do("GET", gURL+"/"+gpDemo+"?include=associated_fields_count", nil).item(gpKey, 0)
	if g["associated_fields_count"] != float64(17) {
		t.Fatalf("count: %v", g["associated_fields_count"])
	}
	emea := optionIDs(e.field("Deals", "Zone_A", ""))["EMEA"]
	e.expect(e.do("PATCH", gURL+"/"+gpDemo, wrap(gpKey, m{"display_label": "Regions", "pick_list_values": []any{
		m{"id": emea, "_delete": true}}})), 400, gpKey, "NOT_ALLOWED")
	e.expect(e.do("DELETE", gURL+"/"+gpDemo, nil), 400, "", "NOT_ALLOWED")
	r := e.do("DELETE", gURL+"?ids="+gpDemo, nil)
	if r.status != 400 || r.code(gpKey) != "NOT_ALLOWED" || details(r.item(gpKey, 0))["id"] != gpDemo {
		t.Fatalf("delete by ids: %v", r.body)
	}
	if got := actuals(e.field("Deals", "Zone_O", "")); got != "EMEA,Americas,APAC" {
		t.Fatalf("Zone_O: %s", got)
	}
}

func TestGlobalPicklistFilters(t *testing.T) {
	e := newEnv(t, Options{})
	e.expect(e.do("POST", gURL, wrap(gpKey, sizes("Sizes"))), 201, gpKey, "SUCCESS")
	q := func(params string) resp { return e.do("GET", gURL+"?"+params, nil) }
	enc := func(s string) string {
		return strings.NewReplacer(`"`, "%22", " ", "%20", "{", "%7B", "}", "%7D").Replace(s)
	}
	r := q("filters=" + enc(`{"field":{"api_name":"api_name"},"comparator":"equal","value":"sizes"}`))
	if l := r.list(gpKey); len(l) != 1 || l[0]["api_name"] != "Sizes" {
		t.Fatalf("api_name filter: %v", r.body)
	}
	r = q("filters=" + enc(`{"group_operator":"and","group":[{"field":{"api_name":"customizable"},"comparator":"equal","value":true},`+
		`{"field":{"api_name":"api_name"},"comparator":"not_equal","value":"Sizes"}]}`))
	if l := r.list(gpKey); len(l) != 1 || l[0]["api_name"] != "Regions" {
		t.Fatalf("group filter: %v", r.body)
	}
	r = q("include=pick_list_values&filters=" + enc(`{"field":{"api_name":"api_name"},"comparator":"equal","value":"Regions"}`) +
		"&inner_details_filters=" + enc(`{"field":{"api_name":"type"},"comparator":"equal","value":"unused"}`))
	if g := r.item(gpKey, 0); gpValueNames(g) != "Antarctica:unused" {
		t.Fatalf("inner filter: %v", r.body)
	}
	e.expect(q("filters="+enc(`{"field":{"api_name":"display_label"},"comparator":"equal","value":"x"}`)), 400, "", "NOT_SUPPORTED")
	e.expect(q("filters="+enc(`{"field":{"api_name":"customizable"},"comparator":"not_equal","value":true}`)), 400, "", "NOT_SUPPORTED")
	e.expect(q("filters=nope"), 400, "", "INVALID_DATA")
	e.expect(q("filters="+enc(`{"field":{"api_name":"source"},"comparator":"equal","value":"marketplace_plugin"}`)), 204, "", "")
}
