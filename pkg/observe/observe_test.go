package observe_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/crmsync/crmsync/pkg/desired"
	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/observe"
	"github.com/crmsync/crmsync/pkg/zoho"
)

func parse(t *testing.T, yaml string) *model.State {
	t.Helper()
	m, err := desired.Parse(desired.File{Path: "m.yaml", Data: []byte(yaml)})
	if err != nil {
		t.Fatal(err)
	}
	return m.State
}

func client(t *testing.T, emu *emulator.Server, url string) *zoho.Client {
	t.Helper()
	c, err := zoho.New(context.Background(), zoho.Config{ClientID: "x", ClientSecret: "x", RefreshToken: "x", AccountsURL: url,
		Retry: zoho.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond, Deadline: time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// gets lists the CRM GETs the emulator saw, as "path?query", sorted.
func gets(emu *emulator.Server) []string {
	var out []string
	for _, r := range emu.Requests() {
		if r.Method == "GET" && strings.HasPrefix(r.Path, "/crm/") {
			q := ""
			if r.RawQuery != "" {
				q = "?" + r.RawQuery
			}
			out = append(out, strings.TrimPrefix(r.Path, "/crm/v8")+q)
		}
	}
	slices.Sort(out)
	return out
}

func TestScopeFor(t *testing.T) {
	st := parse(t, `apiVersion: crmsync/v1
kind: RecordLockingConfig
module: Deals
lock_type: automatic
restricted_custom_buttons: [Generate Invoice]
locking_rules:
  - name: Won
    criteria: {field: Stage, comparator: equal, value: Closed Won}
---
apiVersion: crmsync/v1
kind: RecordLockingConfig
module: Cases
absent: true
---
apiVersion: crmsync/v1
kind: Role
name: Sales Rep
forecast_manager: jane@example.com
---
apiVersion: crmsync/v1
kind: Module
api_name: Projects
plural_label: Projects
`)
	got := observe.ScopeFor(st)
	want := model.Scope{
		Kinds:          []model.Kind{model.KindModule, model.KindRole},
		Modules:        []string{"Projects"},
		LockingModules: []string{"Cases", "Deals"},
		FieldModules:   []string{"Deals"},
		ButtonModules:  []string{"Deals"},
		Users:          true,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("scope (-want +got):\n%s", diff)
	}
}

// TestObserveReadsOnlyWhatIsNeeded checks the exact GETs for a scope: the
// module list once, and a single module only when its managed entry is
// truncated (Projects has 5 profiles, the list shows 2).
func TestObserveReadsOnlyWhatIsNeeded(t *testing.T) {
	emu, url := emulator.Start(t, emulator.Options{})
	scope := model.Scope{Kinds: []model.Kind{model.KindModule}, Modules: []string{"Projects"}, LockingModules: []string{"Leads"}}
	res, err := observe.Observe(context.Background(), client(t, emu, url).ReadOnly(), scope)
	if err != nil {
		t.Fatal(err)
	}
	var projectsID string
	for _, o := range res.State.OfKind(model.KindModule) {
		if o.Key.Name == "Projects" {
			projectsID = o.ID
		}
	}
	want := []string{"/settings/modules", "/settings/modules/" + projectsID, "/settings/record_locking_configurations?module=Leads"}
	if diff := cmp.Diff(want, gets(emu)); diff != "" {
		t.Errorf("GETs (-want +got):\n%s", diff)
	}
	projects := res.State.Get(model.Key{Kind: model.KindModule, Name: "Projects"})
	if projects == nil || projects.Module.Profiles == nil || len(*projects.Module.Profiles) != 5 {
		t.Fatalf("Projects should have its 5 profiles from the single GET: %+v", projects)
	}
	dm := res.State.Get(model.Key{Kind: model.KindModule, Name: "Digital_Marketings"})
	if dm == nil || dm.Module.Profiles != nil {
		t.Errorf("an unmanaged module with a truncated list must have unknown (nil) profiles, got %+v", dm)
	}
	if res.State.Get(model.Key{Kind: model.KindModule, Name: "Deals"}) != nil {
		t.Errorf("standard modules are not managed objects")
	}
	leads := res.State.Get(model.Key{Kind: model.KindLockingConfig, Name: "Leads"})
	if leads == nil || *leads.LockingConfig.LockType != "manual" || !slices.Equal(*leads.LockingConfig.LockExcludedProfiles, []string{"Administrator"}) {
		t.Errorf("Leads config: %+v", leads)
	}
}

// TestObserveRolesByName checks that role references become names and
// forecast managers become emails.
func TestObserveRolesByName(t *testing.T) {
	emu, url := emulator.Start(t, emulator.Options{})
	res, err := observe.Observe(context.Background(), client(t, emu, url).ReadOnly(), model.Scope{Kinds: []model.Kind{model.KindRole}, Users: true})
	if err != nil {
		t.Fatal(err)
	}
	sdh := res.State.Get(model.Key{Kind: model.KindRole, Name: "Sales department Head"})
	if sdh == nil {
		t.Fatal("no Sales department Head")
	}
	if *sdh.Role.ReportingTo != "CEO" || sdh.Role.ForecastManager == nil || *sdh.Role.ForecastManager != "jane@example.com" {
		t.Errorf("Sales department Head: reporting_to %v, forecast_manager %v", *sdh.Role.ReportingTo, sdh.Role.ForecastManager)
	}
	ceo := res.State.Get(model.Key{Kind: model.KindRole, Name: "CEO"})
	if ceo == nil || !ceo.System {
		t.Errorf("the top role must be a system object: %+v", ceo)
	}
	if n := len(gets(emu)); n < 2 {
		t.Errorf("want the roles list and the users, got %v", gets(emu))
	}
}

// TestObserveButtonsFallback: when the undocumented custom-buttons API is
// not answered, observe warns and resolves buttons from the configuration.
func TestObserveButtonsFallback(t *testing.T) {
	emu, url := emulator.Start(t, emulator.Options{})
	emu.AddFailure(emulator.Failure{Method: "GET", PathPrefix: "/settings/custom_buttons", Status: 404, Code: "INVALID_URL_PATTERN"})
	res, err := observe.Observe(context.Background(), client(t, emu, url).ReadOnly(),
		model.Scope{LockingModules: []string{"Leads"}, ButtonModules: []string{"Leads"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "custom buttons of module Leads") {
		t.Errorf("warnings: %q", res.Warnings)
	}
	got := res.Lookups.Buttons["Leads"]
	if len(got) != 1 || got[0].Name != "Send with Zoho Sign" || got[0].ID == "" {
		t.Errorf("buttons from the configuration: %+v", got)
	}
}

// TestObserveErrorNamesModule: a failed read says what it was reading.
func TestObserveErrorNamesModule(t *testing.T) {
	emu, url := emulator.Start(t, emulator.Options{})
	emu.AddFailure(emulator.Failure{Method: "GET", PathPrefix: "/settings/record_locking_configurations", Status: 403, Code: "NO_PERMISSION"})
	_, err := observe.Observe(context.Background(), client(t, emu, url).ReadOnly(), model.Scope{LockingModules: []string{"Leads"}})
	if err == nil || !strings.Contains(err.Error(), "module Leads") || zoho.ErrorCode(err) != "NO_PERMISSION" {
		t.Errorf("error: %v (code %q)", err, zoho.ErrorCode(err))
	}
}

// TestObserveLockingRefusal: Zoho's refusal to read the locking
// configuration of a module that does not exist is not a failed read but a
// fact for the plan to report at the manifest; the module list is read
// once, for the closest names, and no custom module enters the state.
func TestObserveLockingRefusal(t *testing.T) {
	emu, url := emulator.Start(t, emulator.Options{})
	res, err := observe.Observe(context.Background(), client(t, emu, url).ReadOnly(),
		model.Scope{LockingModules: []string{"Leads", "Nope"}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"Nope": "INVALID_MODULE"}, res.Lookups.LockingErrors); diff != "" {
		t.Errorf("locking errors (-want +got):\n%s", diff)
	}
	if !slices.ContainsFunc(res.Lookups.Modules, func(m model.ModuleInfo) bool { return m.APIName == "Deals" && m.SingularLabel == "Deal" }) {
		t.Errorf("modules: %+v, want the org's modules", res.Lookups.Modules)
	}
	if res.State.Get(model.Key{Kind: model.KindLockingConfig, Name: "Leads"}) == nil || len(res.State.OfKind(model.KindModule)) != 0 {
		t.Errorf("state: %+v, want the Leads configuration and no module", res.State.Objects())
	}
	lists := 0
	for _, r := range emu.Requests() {
		if r.Method == "GET" && strings.HasSuffix(r.Path, "/settings/modules") {
			lists++
		}
	}
	if lists != 1 {
		t.Errorf("%d module list reads, want 1", lists)
	}
}
