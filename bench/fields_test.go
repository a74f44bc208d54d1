package bench

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/desired"
	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
)

// TestGeneratedFields checks the custom fields of a generated org as the
// emulator serves them: 30 per custom module, a tenth of them picklists of
// 20 values, each with one read_only and one hidden profile, every other
// profile read_write, and the sizes of their types.
func TestGeneratedFields(t *testing.T) {
	org := Gen(Config{Scale: 0.1, Drift: 0.05, Seed: 1})
	if org.Sizes.CustomFields != org.Sizes.CustomModules*CustomFieldsPerModule ||
		org.Sizes.Picklists != org.Sizes.CustomModules*CustomFieldsPerModule/picklistEvery {
		t.Fatalf("sizes %+v: want %d custom fields per custom module, a tenth of them picklists", org.Sizes, CustomFieldsPerModule)
	}
	emu, url := emulator.Start(t, emulator.Options{Seed: org.Seed})
	fields := getFields(t, url+"/crm/v8/settings/fields?module=Custom_0007", emu.IssueToken())
	byName := map[string]wireField{}
	for _, f := range fields {
		byName[f.APIName] = f
	}
	custom := 0
	for _, f := range fields {
		if f.Label == "" || !f.Custom || len(f.APIName) < 6 || f.APIName[:6] != "Bench_" {
			continue
		}
		custom++
		perms := map[string]int{}
		for _, p := range f.Profiles {
			perms[p.PermissionType]++
		}
		if len(f.Profiles) != NumProfiles || perms["read_only"] != 1 || perms["hidden"] != 1 {
			t.Errorf("%s: permissions %v over %d profiles, want one read_only, one hidden, the rest read_write of %d",
				f.APIName, perms, len(f.Profiles), NumProfiles)
		}
	}
	if custom != CustomFieldsPerModule {
		t.Errorf("Custom_0007 serves %d generated custom fields, want %d", custom, CustomFieldsPerModule)
	}
	pl := byName["Bench_Picklist_10"]
	if pl.DataType != "picklist" || len(pl.Values) != picklistSize || pl.Values[0].DisplayValue != "Choice 01" ||
		pl.Values[picklistSize-1].ActualValue != "Choice 20" {
		t.Errorf("Bench_Picklist_10 = %+v, want a picklist of %d values Choice 01 … Choice 20", pl, picklistSize)
	}
	for _, f := range fields {
		if f.DataType == "currency" && f.APIName[:6] == "Bench_" && (f.Length == nil || *f.Length != 16 || f.DecimalPlace == nil || *f.DecimalPlace != 2) {
			t.Errorf("%s: currency with length %v and decimal_place %v, want 16 and 2", f.APIName, f.Length, f.DecimalPlace)
		}
	}
}

type wireField struct {
	APIName      string `json:"api_name"`
	Label        string `json:"field_label"`
	DataType     string `json:"data_type"`
	Custom       bool   `json:"custom_field"`
	Length       *int   `json:"length"`
	DecimalPlace *int   `json:"decimal_place"`
	Values       []struct {
		DisplayValue string `json:"display_value"`
		ActualValue  string `json:"actual_value"`
	} `json:"pick_list_values"`
	Profiles []struct {
		Name           string `json:"name"`
		PermissionType string `json:"permission_type"`
	} `json:"profiles"`
}

func getFields(t *testing.T, url, token string) []wireField {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, url, nil)
	req.RequestURI = ""
	req.Header.Set("Authorization", "Zoho-oauthtoken "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct {
		Fields []wireField `json:"fields"`
	}
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d, %v", url, res.StatusCode, err)
	}
	return body.Fields
}

// TestFieldManifests checks the generated Field manifests against the
// generator's own counts: one manifest per generated custom field of each
// module with a locking configuration, plus its Status picklist for a
// standard module and the new fields, every drift kind present, and the
// fewest writes by module. Loading them needs the Field kind.
func TestFieldManifests(t *testing.T) {
	org := Gen(Config{Scale: 0.1, Drift: 0.1, Seed: 3, EveryKind: true, Fields: true})
	led := org.Ledger
	if led.Fields.Create == 0 || led.Fields.Update < 3 || led.Fields.Delete == 0 {
		t.Fatalf("field drift %+v: want creates, updates of every kind and deletes", led.Fields)
	}
	if led.FieldWrites < ceilDiv(led.Fields.Create, fieldBatch)+ceilDiv(led.Fields.Update, fieldBatch)+led.Fields.Delete ||
		led.FieldWrites > led.Fields.Total() {
		t.Errorf("FieldWrites %d for %+v: want between the batched total and one write per change", led.FieldWrites, led.Fields)
	}
	docs, files := 0, 0
	var all strings.Builder
	for _, f := range org.Files {
		if strings.HasPrefix(f.Path, "fields/") {
			files++
			docs += strings.Count(string(f.Data), "kind: Field\n")
			all.Write(f.Data)
		}
	}
	text := all.String()
	for what, s := range map[string]string{"a label change": ` edited"`, "a value renamed": `"Choice 05 renamed", actual_value: "Choice 05"`,
		"a value added": `"Choice 21"`, "a value moved": "\"Choice 20\"}\n  - {display_value: \"Choice 19\"}",
		"a value removed": "\"Choice 09\"}\n  - {display_value: \"Choice 11\"}", "a create": `api_name: "Bench_New_Field_01"`,
		"a delete": "absent: true"} {
		if !strings.Contains(text, s) {
			t.Errorf("no field manifest has %s (%q)", what, s)
		}
	}
	if !regexp.MustCompile(`permissions: \{"[^"]+": read_only, "[^"]+": read_only\}`).MatchString(text) {
		t.Error("no field manifest has a permission change (two read_only profiles)")
	}
	std, custom := 0, 0
	for _, l := range org.Seed.LockingConfigs {
		if strings.HasPrefix(l.Module, "Custom_") {
			custom++
		} else {
			std++
		}
	}
	if want := custom*CustomFieldsPerModule + std + led.Fields.Create; docs != want || files != custom+std {
		t.Errorf("%d Field documents in %d files, want %d in %d", docs, files, want, custom+std)
	}
	if !kinds.Known(model.KindField) {
		t.Skip("the Field kind is not registered: the manifests cannot be loaded")
	}
	m, err := desired.Parse(org.Files...)
	if err != nil {
		t.Fatalf("generated manifests: %v", err)
	}
	fields := 0
	for _, o := range m.State.Objects() {
		if o.Key.Kind == model.KindField {
			fields++
		}
	}
	if fields != docs {
		t.Errorf("loaded %d fields from %d documents", fields, docs)
	}
}
