package emulator

import (
	"bytes"
	"net/http"
	"path/filepath"
	"testing"
)

// TestFieldStateRoundTrip: created fields, option edits, permissions and
// global picklists survive a restart from the state file, with their ids.
func TestFieldStateRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	e := newEnv(t, Options{StateFile: path})
	e.expect(e.do("POST", fURL+"?module=Accounts", wrap(fieldsKey, m{"field_label": "Renewal", "data_type": "picklist",
		"pick_list_values": []any{m{"display_value": "Open", "actual_value": "Open"}}})), 201, fieldsKey, "SUCCESS")
	gold := optionIDs(e.field("Accounts", "Customer_Tier", ""))["Gold"]
	e.expect(e.do("PATCH", tierURL(), wrap(fieldsKey, m{"pick_list_values": []any{m{"id": gold, "display_value": "Gold Plus", "sequence_number": 3}}})),
		200, fieldsKey, "SUCCESS")
	e.expect(e.do("POST", gURL, wrap(gpKey, sizes("Sizes"))), 201, gpKey, "SUCCESS")
	before := e.do("GET", fURL+"?module=Accounts", nil).raw
	gpsBefore := e.do("GET", gURL+"?include=pick_list_values", nil).raw

	e2 := newEnv(t, Options{StateFile: path})
	if after := e2.do("GET", fURL+"?module=Accounts", nil).raw; !bytes.Equal(before, after) {
		t.Fatalf("fields not restored:\n%s\n%s", before, after)
	}
	if after := e2.do("GET", gURL+"?include=pick_list_values", nil).raw; !bytes.Equal(gpsBefore, after) {
		t.Fatalf("global picklists not restored:\n%s\n%s", gpsBefore, after)
	}
	e2.expect(e2.do("POST", fURL+"?module=Accounts", wrap(fieldsKey, textField("After Restart"))), 201, fieldsKey, "SUCCESS")
}

// TestFieldSeedYAML: a YAML seed with the full option form, permissions by
// profile name and a field that uses a global picklist by api_name.
func TestFieldSeedYAML(t *testing.T) {
	seed, err := ParseSeed([]byte(`
profiles: [{name: Administrator}, {name: Sales}]
global_picklists:
  - display_label: Sizes
    pick_list_values: [{display_value: S}, {display_value: M}]
modules:
  - api_name: Leads
    fields:
      - {api_name: Rating, data_type: picklist, pick_list_values: [Hot, Cold]}
      - api_name: Fit
        data_type: picklist
        custom_field: true
        pick_list_options: [{display_value: Good fit, actual_value: Good}]
        profiles: [{name: Sales, permission_type: read_only}]
      - {api_name: Size, data_type: picklist, custom_field: true, global_picklist: {api_name: Sizes}}
`))
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, Options{Seed: seed})
	if f := e.field("Leads", "Rating", ""); actuals(f) != "Hot,Cold" || permOf(f, "Sales") != "read_write" {
		t.Fatalf("Rating: %v", f)
	}
	if f := e.field("Leads", "Fit", ""); actuals(f) != "Good" || permOf(f, "Sales") != "read_only" || permOf(f, "Administrator") != "read_write" {
		t.Fatalf("Fit: %v", f)
	}
	if f := e.field("Leads", "Size", ""); actuals(f) != "S,M" {
		t.Fatalf("Size: %v", f)
	}
	bad := []string{
		"modules: [{api_name: L, fields: [{api_name: X, data_type: picklist, global_picklist: {api_name: Nope}}]}]",
		"modules: [{api_name: L, fields: [{api_name: X, profiles: [{name: Nobody, permission_type: hidden}]}]}]",
		"profiles: [{name: A}]\nmodules: [{api_name: L, fields: [{api_name: X, profiles: [{name: A, permission_type: edit}]}]}]",
		"global_picklists: [{api_name: G}]",
	}
	for _, b := range bad {
		s, err := ParseSeed([]byte(b))
		if err == nil {
			_, err = New(Options{Seed: s})
		}
		if err == nil {
			t.Errorf("seed accepted: %s", b)
		}
	}
}

// TestFieldWritesAsTheSDKSendsThem: Zoho's v8 Node SDK sends JSON writes
// without Content-Type, with a trailing "&" on the query string, ids as
// strings and sequence_number as a number (docs/zoho/sdk-witness.md, Transport
// and Ids), and "_delete" as a boolean (fields/pick_list_value.js:21).
func TestFieldWritesAsTheSDKSendsThem(t *testing.T) {
	e := newEnv(t, Options{})
	bronze := optionIDs(e.field("Accounts", "Customer_Tier", ""))["Bronze"]
	body := []byte(`{"fields":[{"pick_list_values":[{"id":"` + bronze + `","_delete":true},` +
		`{"display_value":"Platinum","actual_value":"Platinum","sequence_number":1}],` +
		`"profiles":[{"id":"5843104000000026014","permission_type":"read_only"}]}]}`)
	req, _ := http.NewRequest("PATCH", e.url+fURL+"/"+tierID+"?module=Accounts&", bytes.NewReader(body))
	req.Header.Set("Authorization", "Zoho-oauthtoken "+e.tok)
	req.Header.Set("X-ZOHO-SDK", "nodejs-8.0/2.0.0")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	f := e.field("Accounts", "Customer_Tier", "")
	if res.StatusCode != 200 || actuals(f) != "Platinum,Gold,Silver" || permOf(f, "Standard") != "read_only" {
		t.Fatalf("%d %v", res.StatusCode, f)
	}
	del, _ := http.NewRequest("DELETE", e.url+gURL+"?ids="+gpDemo+"&", nil)
	del.Header.Set("Authorization", "Zoho-oauthtoken "+e.tok)
	res, err = http.DefaultClient.Do(del)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusAccepted {
		t.Fatalf("delete with ids=: %d", res.StatusCode)
	}
}
