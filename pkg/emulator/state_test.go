package emulator

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestStateFileRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	e := newEnv(t, Options{StateFile: path, Readings: Readings{ModuleProfilesPut: "replace"}})
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("the state file is written only after a write")
	}
	e.do("GET", v8+"/settings/roles", nil)
	e.expect(e.do("POST", crURL, newRole("Persisted")), 200, crKey, "SUCCESS")
	e.expect(e.do("DELETE", lockURL+"/"+dealsCfg+"?module=Deals", nil), 200, lockKey, "SUCCESS")
	e.expect(e.do("PUT", modURL+"/Projects", wrap(modKey, m{"plural_label": "Jobs", "singular_label": "Job",
		"profiles": []any{m{"name": "Sales"}}})), 200, modKey, "SUCCESS")
	failed := e.do("POST", crURL, newRole("Persisted"))
	e.expect(failed, 400, crKey, "INVALID_DATA")

	e2 := newEnv(t, Options{StateFile: path, Seed: &Seed{}}) // the state file wins over Seed
	snap := e2.s.Snapshot()
	if !hasContactRole(snap, "Persisted") || e2.lockOf("Deals") != nil || e2.lockOf("Leads") == nil {
		t.Fatalf("state not restored: %+v", snap.ContactRoles)
	}
	if got := e2.moduleProfiles("Projects"); len(got) != 1 || got[0] != "Sales" {
		t.Fatalf("module not restored: %v", got)
	}
	// Ids restored, new ids do not collide.
	r := e2.do("POST", crURL, newRole("After Restart"))
	e2.expect(r, 200, crKey, "SUCCESS")
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temp files left behind: %v", entries)
	}
}

func hasContactRole(s *Seed, name string) bool {
	for _, c := range s.ContactRoles {
		if c.Name == name {
			return true
		}
	}
	return false
}

func TestStateFileErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{"), 0o600)
	if _, err := New(Options{StateFile: bad}); err == nil {
		t.Fatal("a corrupt state file must fail New")
	}
	e := newEnv(t, Options{StateFile: filepath.Join(dir, "missing", "state.json")})
	e.expect(e.do("POST", crURL, newRole("X")), 500, "", "INTERNAL_ERROR")
}

const yamlSeed = `
org: {id: 30000000000000001, company_name: Acme}
profiles:
  - {name: Administrator}
  - {name: Standard, id: 7000000000000000001}
modules:
  - api_name: Deals
    plural_label: Deals
    singular_label: Deal
    fields:
      - {api_name: Stage, data_type: picklist, pick_list_values: [Open, Won]}
      - {api_name: Amount, data_type: currency}
    custom_buttons: [{name: Approve}]
  - api_name: Trips
    generated_type: custom
    profiles: [{name: Standard}]
users:
  - {first_name: Ann, last_name: Lee, email: ann@acme.test, role: {name: Boss}, profile: {name: Administrator}}
roles:
  - {name: Boss}
  - {name: Worker, reporting_to: {name: Boss}, forecast_manager: {name: ann@acme.test}}
contact_roles:
  - {name: Buyer}
  - {name: User, sequence_number: 7}
record_locking_configurations:
  - module: Deals
    lock_type: automatic
    restricted_custom_buttons: [{name: Approve}]
    locking_rules:
      - name: Won
        criteria:
          group_operator: AND
          group:
            - {comparator: equal, field: {api_name: Stage}, value: Won}
            - {comparator: equal, field: {api_name: Amount}, value: 100}
`

func TestSeedFileYAML(t *testing.T) {
	path := filepath.Join(t.TempDir(), "seed.yaml")
	os.WriteFile(path, []byte(yamlSeed), 0o600)
	e := newEnv(t, Options{SeedFile: path})
	if org := e.do("GET", v8+"/org", nil).item("org", 0); org["company_name"] != "Acme" || org["id"] != "30000000000000001" {
		t.Fatalf("org: %v", org)
	}
	cfg := e.lockOf("Deals")
	crit := cfg["locking_rules"].([]any)[0].(map[string]any)["criteria"].(map[string]any)
	amount := crit["group"].([]any)[1].(map[string]any)
	if amount["value"] != float64(100) || amount["field"].(map[string]any)["id"] == nil || cfg["restricted_actions"] == nil {
		t.Fatalf("locking config from YAML: %v", cfg)
	}
	worker := e.do("GET", roleURL, nil).item(roleKey, 1)
	if parentName(worker) != "Boss" || worker["forecast_manager"].(map[string]any)["name"] != "Ann Lee" {
		t.Fatalf("roles from YAML: %v", worker)
	}
	if got := e.moduleProfiles("Deals"); len(got) != 2 {
		t.Fatalf("nil profiles means all profiles: %v", got)
	}
	loaded, err := LoadSeed(path)
	if err != nil || len(loaded.Roles) != 2 || loaded.Org.ID != "30000000000000001" {
		t.Fatalf("LoadSeed: %v %+v", err, loaded)
	}
	// A snapshot is itself a valid seed.
	e2 := newEnv(t, Options{Seed: e.s.Snapshot()})
	if len(e2.s.Snapshot().Roles) != 2 {
		t.Fatal("snapshot as seed")
	}
}

func TestBadSeeds(t *testing.T) {
	cases := map[string]func(*Seed){
		"duplicate id":        func(s *Seed) { s.Profiles[2].ID = s.Profiles[0].ID },
		"non-numeric id":      func(s *Seed) { s.Roles[1].ID = "abc" },
		"two top roles":       func(s *Seed) { s.Roles[1].ReportingTo = nil },
		"unknown parent":      func(s *Seed) { s.Roles[1].ReportingTo = &Ref{Name: "Nobody"} },
		"cycle":               func(s *Seed) { s.Roles[1].ReportingTo = &Ref{Name: "Support Agent"} },
		"unknown user role":   func(s *Seed) { s.Users[0].Role = Ref{Name: "Nobody"} },
		"unknown profile":     func(s *Seed) { s.Modules[6].Profiles = []Ref{{Name: "Nobody"}} },
		"duplicate role name": func(s *Seed) { s.Roles[2].Name = "manager" },
		"lock unknown module": func(s *Seed) { s.LockingConfigs[0].Module = "Nope" },
		"two locks":           func(s *Seed) { s.LockingConfigs[1].Module = "Deals" },
		"lock bad type":       func(s *Seed) { s.LockingConfigs[0].LockType = "auto" },
		"lock unknown field":  func(s *Seed) { s.LockingConfigs[0].ExcludedFields = []FieldRef{{APIName: "Nope"}} },
	}
	for name, mutate := range cases {
		seed := DemoSeed()
		mutate(seed)
		if _, err := New(Options{Seed: seed}); err == nil {
			t.Errorf("%s: New accepted a bad seed", name)
		}
	}
	if _, err := New(Options{Readings: Readings{RoleRefForm: "maybe"}}); err == nil {
		t.Error("an unknown reading value must fail New")
	}
}

func TestSnapshotIsACopy(t *testing.T) {
	seed := DemoSeed()
	e := newEnv(t, Options{Seed: seed})
	seed.Roles[0].Name = "Changed after New"
	snap := e.s.Snapshot()
	snap.Roles[0].Name = "Changed in snapshot"
	snap.LockingConfigs[0].LockingRules[0].Name = "x"
	if got := e.role(ceoID)["name"]; got != "CEO" {
		t.Fatalf("state shares memory with a seed or snapshot: %v", got)
	}
	if ruleNames(e.lockOf("Deals"))[0] != "Closed Won" {
		t.Fatal("snapshot shares rules")
	}
}

// bigSeed builds an org like the benchmarks of the tool: 200 custom
// modules, 2,000 roles, 100 contact roles, 50 locking configurations.
func bigSeed() *Seed {
	s := DemoSeed()
	for i := 0; i < 200; i++ {
		s.Modules = append(s.Modules, Module{APIName: fmt.Sprintf("Custom_%d", i), GeneratedType: "custom",
			PluralLabel: fmt.Sprintf("Custom %d", i), SingularLabel: fmt.Sprintf("Custom Item %d", i),
			Fields: []Field{{APIName: "Name"}, {APIName: "Status", DataType: "picklist", PickListValues: []string{"Open", "Done"}}}})
	}
	for i := 0; i < 2000; i++ {
		parent := "CEO"
		if i > 0 {
			parent = fmt.Sprintf("Role %d", (i-1)/3)
		}
		s.Roles = append(s.Roles, Role{Name: fmt.Sprintf("Role %d", i), ReportingTo: &Ref{Name: parent}})
	}
	for i := 0; i < 91; i++ {
		s.ContactRoles = append(s.ContactRoles, ContactRole{Name: fmt.Sprintf("Contact Role %d", i)})
	}
	for i := 0; i < 48; i++ {
		s.LockingConfigs = append(s.LockingConfigs, LockingConfig{Module: fmt.Sprintf("Custom_%d", i), LockType: "automatic",
			LockingRules: []LockingRule{{Name: "Done", Criteria: &Criteria{Comparator: "equal", Field: &FieldRef{APIName: "Status"}, Value: "Done"}}}})
	}
	return s
}

func TestBigSeed(t *testing.T) {
	start := time.Now()
	s, err := New(Options{Seed: bigSeed()})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loading a big seed took %v (see BenchmarkNewBigSeed)", time.Since(start))
	c := s.Counts()
	if c["modules"] != 208 || c["roles"] != 2005 || c["contact_roles"] != 100 || c[lockKey] != 50 {
		t.Fatalf("counts %v", c)
	}
	ids := map[string]bool{}
	for _, r := range s.Snapshot().Roles {
		if len(r.ID) < 17 || ids[r.ID] || strings.Trim(r.ID, "0123456789") != "" {
			t.Fatalf("bad or duplicate id %q", r.ID)
		}
		ids[r.ID] = true
	}
}

func BenchmarkNewBigSeed(b *testing.B) {
	seed := bigSeed()
	for i := 0; i < b.N; i++ {
		if _, err := New(Options{Seed: seed}); err != nil {
			b.Fatal(err)
		}
	}
}
