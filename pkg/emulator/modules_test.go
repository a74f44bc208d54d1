package emulator

import (
	"reflect"
	"sort"
	"strings"
	"testing"
)

const modURL = v8 + "/settings/modules"

func (e *env) moduleProfiles(module string) []string {
	e.t.Helper()
	r := e.do("GET", modURL+"/"+module, nil)
	e.expect(r, 200, modKey, "")
	got := names(r.item(modKey, 0)["profiles"].([]any), "name")
	sort.Strings(got)
	return got
}

func findModule(r resp, apiName string) map[string]any {
	for _, x := range r.list(modKey) {
		if x["api_name"] == apiName {
			return x
		}
	}
	return nil
}

func TestModuleListTruncatesProfiles(t *testing.T) {
	e := newEnv(t, Options{})
	r := e.do("GET", modURL, nil)
	e.expect(r, 200, modKey, "")
	if len(r.list(modKey)) != 8 {
		t.Fatalf("want 8 modules, got %d", len(r.list(modKey)))
	}
	p := findModule(r, "Projects")
	if len(p["profiles"].([]any)) != 2 || p["has_more_profiles"] != true || p["profile_count"] != float64(5) ||
		p["generated_type"] != "custom" || p["status"] != "visible" || p["singular_label"] != "Project" {
		t.Fatalf("Projects in the list: %v", p)
	}
	if d := findModule(r, "Deals"); d["generated_type"] != "default" || d["module_name"] != "Deals" || d["id"] == nil {
		t.Fatalf("Deals: %v", d)
	}
	if got := e.moduleProfiles("Projects"); len(got) != 5 {
		t.Fatalf("GET by api_name lists all profiles: %v", got)
	}
	id := p["id"].(string)
	full := e.do("GET", modURL+"/"+id, nil).item(modKey, 0)
	if full["has_more_profiles"] != false || len(full["profiles"].([]any)) != 5 {
		t.Fatalf("GET by id: %v", full)
	}
	for limit, want := range map[int]int{-1: 5, 5: 5, 1: 1} {
		e := withReadings(t, Readings{ModuleListProfileLimit: limit})
		p := findModule(e.do("GET", modURL, nil), "Projects")
		if n := len(p["profiles"].([]any)); n != want || p["has_more_profiles"] != (want < 5) {
			t.Fatalf("limit %d: %v", limit, p)
		}
	}
	e.expect(e.do("GET", modURL+"?status=visible", nil), 200, modKey, "")
	e.expect(e.do("GET", modURL+"?status=user_hidden", nil), 204, "", "")
	e.expect(e.do("GET", modURL+"?status=hidden", nil), 400, "", "INVALID_DATA")
	e.expect(e.do("GET", modURL+"/Nope", nil), 400, "", "INVALID_MODULE")
}

// seedSample is the body of the Update Custom Module page, with ids of
// this org: Administrator with "_delete": null (kept) and Standard.
func seedSample() m {
	return wrap(modKey, m{"plural_label": "Digital Marketings", "singular_label": "Digital Marketing",
		"profiles": []any{m{"id": "5843104000000026011", "_delete": nil}, m{"id": "5843104000000026014"}}})
}

func TestModulePutProfilesReadings(t *testing.T) {
	e := withReadings(t, Readings{ModuleProfilesPut: "replace"})
	e.expect(e.do("PUT", modURL+"/Digital_Marketings", seedSample()), 200, modKey, "SUCCESS")
	if got := e.moduleProfiles("Digital_Marketings"); !reflect.DeepEqual(got, []string{"Administrator", "Standard"}) {
		t.Fatalf("replace: %v", got)
	}
	e = withReadings(t, Readings{ModuleProfilesPut: "merge"})
	e.expect(e.do("PUT", modURL+"/Digital_Marketings", seedSample()), 200, modKey, "SUCCESS")
	if got := e.moduleProfiles("Digital_Marketings"); !reflect.DeepEqual(got, []string{"Administrator", "Standard", "Support"}) {
		t.Fatalf("merge: %v", got)
	}
	// The trap: a client that sends back the truncated list of GET
	// /settings/modules removes access under the replace reading.
	e = withReadings(t, Readings{ModuleProfilesPut: "replace"})
	listed := findModule(e.do("GET", modURL, nil), "Projects")
	body := wrap(modKey, m{"plural_label": "Projects", "singular_label": "Project", "profiles": listed["profiles"]})
	e.expect(e.do("PUT", modURL+"/Projects", body), 200, modKey, "SUCCESS")
	if got := e.moduleProfiles("Projects"); len(got) != 2 {
		t.Fatalf("truncated list written back: %v", got)
	}
}

func TestModulePutDeleteForms(t *testing.T) {
	profiles := func(del any) m {
		return wrap(modKey, m{"plural_label": "Projects", "singular_label": "Project", "profiles": []any{
			m{"id": "5843104000000026011"}, m{"id": "5843104000000026014", "_delete": del}}})
	}
	cases := []struct {
		form   string
		del    any
		code   string
		remain int
	}{
		{"any", false, "SUCCESS", 1}, {"any", true, "SUCCESS", 1}, {"any", m{"permanent": true}, "SUCCESS", 1},
		{"any", nil, "SUCCESS", 2},
		{"bool", false, "SUCCESS", 2}, {"bool", true, "SUCCESS", 1}, {"bool", m{"permanent": true}, "INVALID_DATA", 5},
		{"object", m{"permanent": false}, "SUCCESS", 1}, {"object", true, "INVALID_DATA", 5}, {"object", nil, "SUCCESS", 2},
	}
	for _, c := range cases {
		e := withReadings(t, Readings{ProfileDeleteForm: c.form, ModuleProfilesPut: "replace"})
		r := e.do("PUT", modURL+"/Projects", profiles(c.del))
		if r.code(modKey) != c.code || len(e.moduleProfiles("Projects")) != c.remain {
			t.Fatalf("%s %v: %s, %d profiles left, want %s %d", c.form, c.del, r.raw, len(e.moduleProfiles("Projects")), c.code, c.remain)
		}
	}
}

func TestModulePutErrors(t *testing.T) {
	labels := func(extra m) m {
		out := m{"plural_label": "Projects", "singular_label": "Project", "profiles": []any{m{"name": "Administrator"}}}
		for k, v := range extra {
			if v == "DROP" {
				delete(out, k)
				continue
			}
			out[k] = v
		}
		return out
	}
	cases := []struct {
		name, path string
		body       any
		code, key  string
		rd         Readings
	}{
		{"plural missing", "Projects", wrap(modKey, labels(m{"plural_label": "DROP"})), "MANDATORY_NOT_FOUND", "plural_label", Readings{ModulePutMandatory: "seed"}},
		{"singular null", "Projects", wrap(modKey, labels(m{"singular_label": nil})), "MANDATORY_NOT_FOUND", "singular_label", Readings{ModulePutMandatory: "seed"}},
		{"profiles missing (seed reading)", "Projects", wrap(modKey, labels(m{"profiles": "DROP"})), "MANDATORY_NOT_FOUND", "profiles", Readings{}},
		{"profiles null", "Projects", wrap(modKey, labels(m{"profiles": nil})), "MINIMUM_DATA_NOT_FOUND", "profiles", Readings{}},
		{"profiles empty", "Projects", wrap(modKey, labels(m{"profiles": []any{}})), "MINIMUM_DATA_NOT_FOUND", "profiles", Readings{}},
		{"last profile deleted", "Projects", wrap(modKey, labels(m{"profiles": []any{m{"name": "Administrator", "_delete": true}}})), "MINIMUM_DATA_NOT_FOUND", "profiles", Readings{ModuleProfilesPut: "replace"}},
		{"last profile deleted (merge)", "Digital_Marketings", wrap(modKey, m{"profiles": []any{m{"name": "Administrator", "_delete": true}, m{"name": "Standard", "_delete": true}, m{"name": "Support", "_delete": true}}}), "MINIMUM_DATA_NOT_FOUND", "profiles", Readings{ModuleProfilesPut: "merge", ModulePutMandatory: "none"}},
		{"unknown profile", "Projects", wrap(modKey, labels(m{"profiles": []any{m{"id": "5843104000000000001"}}})), "INVALID_DATA", "id", Readings{}},
		{"label too long", "Projects", wrap(modKey, labels(m{"plural_label": strings.Repeat("a", 26)})), "INVALID_DATA", "plural_label", Readings{}},
		{"label punctuation", "Projects", wrap(modKey, labels(m{"singular_label": "Pro-ject"})), "INVALID_DATA", "singular_label", Readings{}},
		{"label empty", "Projects", wrap(modKey, labels(m{"plural_label": " "})), "INVALID_DATA", "plural_label", Readings{}},
		{"label not a string", "Projects", wrap(modKey, labels(m{"plural_label": 5})), "INVALID_DATA", "plural_label", Readings{}},
		{"label used by Deals", "Projects", wrap(modKey, labels(m{"plural_label": "deals"})), "INVALID_DATA", "plural_label", Readings{}},
		{"label used (DUPLICATE_DATA reading)", "Projects", wrap(modKey, labels(m{"singular_label": "Digital Marketing"})), "DUPLICATE_DATA", "singular_label", Readings{ModuleDuplicateLabelCode: "DUPLICATE_DATA"}},
		{"api_name change", "Projects", wrap(modKey, labels(m{"api_name": "Project2"})), "NOT_ALLOWED", "api_name", Readings{}},
		{"standard module", "Deals", wrap(modKey, labels(m{"plural_label": "Deals", "singular_label": "Deal"})), "NOT_SUPPORTED", "", Readings{}},
		{"body id differs", "Projects", wrap(modKey, labels(m{"id": "5843104000000026011"})), "INVALID_DATA", "id", Readings{}},
		{"two modules in URL form", "Projects", wrap(modKey, labels(nil), labels(nil)), "INVALID_DATA", "", Readings{ModulesBulkPut: "bulk"}},
		{"unknown module", "Nope", wrap(modKey, labels(nil)), "INVALID_MODULE", "", Readings{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := withReadings(t, c.rd)
			before := e.s.Snapshot().Modules
			r := e.do("PUT", modURL+"/"+c.path, c.body)
			e.expect(r, 400, modKey, c.code)
			if d := details(r.item(modKey, 0)); c.key != "" && d["api_name"] != c.key {
				t.Fatalf("details %v want api_name %s", d, c.key)
			}
			if after := e.s.Snapshot().Modules; !reflect.DeepEqual(before, after) {
				t.Fatal("a failed PUT changed the modules")
			}
		})
	}
}

func TestModulePutSuccessAndReadings(t *testing.T) {
	e := newEnv(t, Options{})
	body := wrap(modKey, m{"api_name": "Projects", "plural_label": "Big Projects", "singular_label": "Big Project",
		"profiles": []any{m{"name": "Administrator"}, m{"id": "5843104000000026014", "name": "Standard"}}})
	r := e.do("PUT", modURL+"/Projects", body)
	e.expect(r, 200, modKey, "SUCCESS")
	got := e.do("GET", modURL+"/Projects", nil).item(modKey, 0)
	if got["plural_label"] != "Big Projects" || got["modified_by"] == nil || details(r.item(modKey, 0))["id"] != got["id"] {
		t.Fatalf("after PUT: %v", got)
	}
	// The default takes Zoho's sample body, profiles without labels
	// (samples/modules/update_module_by_id.js); the seed reading refuses it.
	noLabels := wrap(modKey, m{"profiles": []any{m{"name": "Administrator"}}})
	e.expect(e.do("PUT", modURL+"/Projects", noLabels), 200, modKey, "SUCCESS")
	e = withReadings(t, Readings{ModulePutMandatory: "seed"})
	e.expect(e.do("PUT", modURL+"/Projects", noLabels), 400, modKey, "MANDATORY_NOT_FOUND")
	e = withReadings(t, Readings{ModulePutMandatory: "none"})
	e.expect(e.do("PUT", modURL+"/Projects", noLabels), 200, modKey, "SUCCESS")
	e = withReadings(t, Readings{ModulePutMandatory: "labels"})
	e.expect(e.do("PUT", modURL+"/Projects", wrap(modKey, m{"plural_label": "Projects", "singular_label": "Project"})), 200, modKey, "SUCCESS")
}

func TestModuleBulkPutReading(t *testing.T) {
	two := wrap(modKey,
		m{"api_name": "Projects", "plural_label": "Projects X", "singular_label": "Project X", "profiles": []any{m{"name": "Sales"}}},
		m{"api_name": "Digital_Marketings", "plural_label": "Campaigns", "singular_label": "Campaign", "profiles": []any{m{"name": "Sales"}}})
	e := newEnv(t, Options{})
	e.expect(e.do("PUT", modURL, two), 400, "", "INVALID_DATA")
	e = withReadings(t, Readings{ModulesBulkPut: "bulk"})
	r := e.do("PUT", modURL, two)
	if r.status != 200 || len(r.list(modKey)) != 2 || r.item(modKey, 1)["code"] != "SUCCESS" {
		t.Fatalf("bulk: %d %s", r.status, r.raw)
	}
	r = e.do("PUT", modURL, wrap(modKey, m{"plural_label": "X", "singular_label": "X", "profiles": []any{m{"name": "Sales"}}}))
	e.expect(r, 400, modKey, "MANDATORY_NOT_FOUND")
	e = newEnv(t, Options{})
	e.expect(e.do("PUT", modURL, wrap(modKey, m{"id": demoIDs(t)["module:Projects"], "plural_label": "Projects Y",
		"singular_label": "Project Y", "profiles": []any{m{"name": "Sales"}}})), 200, modKey, "SUCCESS")
}

func TestModuleCreate(t *testing.T) {
	e := newEnv(t, Options{})
	body := wrap(modKey, m{"plural_label": "Field Trips", "singular_label": "Field Trip", "profiles": []any{m{"name": "Administrator"}}})
	r := e.do("POST", modURL, body)
	e.expect(r, 200, modKey, "SUCCESS")
	got := e.do("GET", modURL+"/Field_Trips", nil).item(modKey, 0)
	if got["generated_type"] != "custom" || got["id"] != details(r.item(modKey, 0))["id"] {
		t.Fatalf("created module: %v", got)
	}
	e.expect(e.do("POST", modURL, body), 400, modKey, "INVALID_DATA") // labels now taken
	bad := wrap(modKey, m{"plural_label": "Trips", "singular_label": "Trip", "api_name": "9trips", "profiles": []any{m{"name": "Sales"}}})
	e.expect(e.do("POST", modURL, bad), 400, modKey, "INVALID_DATA")
	e.expect(e.do("POST", modURL, wrap(modKey, m{"plural_label": "Trips", "singular_label": "Trip"})), 400, modKey, "MANDATORY_NOT_FOUND")
}
