package zoho_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"testing"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// TestEveryReading runs the client's typed reads and writes against every
// reading of the emulator (emulator.ReadingVariants: the defaults, then one
// alternative at a time). Where the documents disagree the client must work
// under every reading; where a reading makes a call fail, the failure must be
// the documented typed error.
func TestEveryReading(t *testing.T) {
	variants := emulator.ReadingVariants()
	names := make([]string, 0, len(variants))
	for n := range variants {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		rd := variants[name]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, emulator.Options{Readings: rd})
			c := h.client()
			s := &scenario{t: t, h: h, c: c, rd: rd, ctx: ctx(t)}
			s.reads()
			s.locking()
			s.modules()
			s.roles()
			s.contactRoles()
			s.tokens()
		})
	}
}

// scenario is the run of one reading.
type scenario struct {
	t   *testing.T
	h   *harness
	c   *zoho.Client
	rd  emulator.Readings
	ctx context.Context
}

func (s *scenario) must(what string, err error) {
	s.t.Helper()
	if err != nil {
		s.t.Fatalf("%s: %v", what, err)
	}
}

func (s *scenario) reads() {
	t, c, cx := s.t, s.c, s.ctx
	org, err := c.GetOrg(cx)
	s.must("org", err)
	if org.CompanyName != "Zylker Demo" {
		t.Errorf("org = %+v", org)
	}
	profiles, err := c.ListProfiles(cx)
	s.must("profiles", err)
	fields, err := c.ListFields(cx, "Deals")
	s.must("fields", err)
	users, err := c.ListUsers(cx)
	s.must("users", err)
	buttons, err := c.ListCustomButtons(cx, "Leads")
	s.must("custom buttons", err)
	if len(profiles) != 5 || len(fields) != 5 || len(users) != 7 || len(buttons) != 1 {
		t.Errorf("profiles %d, fields %d, users %d, buttons %d; want 5, 5, 7, 1", len(profiles), len(fields), len(users), len(buttons))
	}
	// 204 (default) and 200 with an empty list both read as no configuration.
	none, err := c.ListLockingConfigs(cx, "Contacts")
	if err != nil || none != nil {
		t.Errorf("locking of Contacts = %+v, %v; want nil, nil", none, err)
	}
	deals, err := c.ListLockingConfigs(cx, "Deals")
	s.must("locking of Deals", err)
	if len(deals) != 1 || deals[0].ID != demoDealsLock || len(deals[0].LockingRules) != 1 ||
		deals[0].LockingRules[0].Criteria.Field.ID == "" {
		t.Errorf("locking of Deals = %+v", deals)
	}
	s.moduleProfiles()
}

// moduleProfiles: the module list truncates profiles (has_more_profiles);
// the single-module read has them all [OAS modules.json].
func (s *scenario) moduleProfiles() {
	t := s.t
	list, err := s.c.ListModules(s.ctx)
	s.must("modules", err)
	var dm *zoho.Module
	for i := range list {
		if list[i].APIName == "Digital_Marketings" {
			dm = &list[i]
		}
	}
	limit := s.rd.ModuleListProfileLimit
	want := 3
	if limit >= 0 && limit < 3 {
		want = limit
	}
	if dm == nil || len(dm.Profiles) != want || dm.HasMoreProfiles == nil || *dm.HasMoreProfiles != (want < 3) ||
		dm.ProfileCount == nil || *dm.ProfileCount != 3 {
		t.Errorf("listed module = %+v, want %d profiles of 3", dm, want)
	}
	for _, ref := range []string{"Digital_Marketings", demoMarketingModID} {
		m, err := s.c.GetModule(s.ctx, ref)
		if err != nil || len(m.Profiles) != 3 || m.GeneratedType != "custom" {
			t.Errorf("GetModule(%s) = %+v, %v", ref, m, err)
		}
	}
}

func (s *scenario) locking() {
	t, c, cx, rd := s.t, s.c, s.ctx, s.rd
	res, err := c.CreateLockingConfig(cx, "Contacts", zoho.LockingConfig{LockType: "manual",
		RestrictedActions: []string{"delete"}, ExcludedFields: []zoho.FieldRef{{APIName: "Email"}},
		LockForPortalUsers: ptr(false)})
	s.must("create locking configuration", err)
	id := res.ID
	_, err = c.UpdateLockingConfig(cx, "Contacts", id, zoho.LockingConfig{LockType: "automatic",
		LockingRules: []zoho.LockingRule{rule("VIP", "Email", "vip@example.com")}})
	s.must("update locking configuration", err)
	got, err := c.ListLockingConfigs(cx, "Contacts")
	s.must("read back", err)
	if len(got) != 1 || got[0].LockType != "automatic" || len(got[0].LockingRules) != 1 || got[0].ExcludedFields[0].ID == "" {
		t.Errorf("Contacts configuration = %+v", got)
	}
	// Editing rules: send every rule the configuration keeps, so that the
	// result is the same whether omitted rules are kept or removed.
	deals, _ := c.ListLockingConfigs(cx, "Deals")
	rules := append([]zoho.LockingRule(nil), deals[0].LockingRules...)
	rules = append(rules, rule("Lost", "Stage", "Closed Lost"))
	_, err = c.UpdateLockingConfig(cx, "Deals", demoDealsLock, zoho.LockingConfig{LockType: "both", LockingRules: rules})
	s.must("update Deals rules", err)
	deals, _ = c.ListLockingConfigs(cx, "Deals")
	if len(deals) != 1 || len(deals[0].LockingRules) != 2 || deals[0].LockType != "both" {
		t.Errorf("Deals after update = %+v", deals)
	}
	// Readings of error codes and limits.
	_, err = c.CreateLockingConfig(cx, "Leads", zoho.LockingConfig{LockType: "manual"})
	if zoho.ErrorCode(err) != "LIMIT_EXCEEDED" {
		t.Errorf("second configuration of Leads: %v, want LIMIT_EXCEEDED", err)
	}
	_, err = c.UpdateLockingConfig(cx, "Deals", demoDealsLock, zoho.LockingConfig{LockType: "both",
		LockingRules: append(rules[:2:2], rule("Bad", "Stage", "No such stage"))})
	if zoho.ErrorCode(err) != rd.PicklistValueCode {
		t.Errorf("picklist value not in the list: %v, want %s", err, rd.PicklistValueCode)
	}
	neq := rule("Not VIP", "Email", "x@example.com")
	neq.Criteria.Comparator = "not_equal"
	_, err = c.UpdateLockingConfig(cx, "Contacts", id, zoho.LockingConfig{LockType: "automatic",
		LockingRules: append(got[0].LockingRules, neq)})
	if want := map[string]string{"common": "", "equal_only": "INVALID_DATA"}[rd.Comparators]; zoho.ErrorCode(err) != want {
		t.Errorf("not_equal comparator: %v, want code %q", err, want)
	}
	if rd.MaxExcludedFields > 0 {
		_, err = c.UpdateLockingConfig(cx, "Contacts", id, zoho.LockingConfig{LockType: "manual",
			ExcludedFields: []zoho.FieldRef{{APIName: "Email"}, {APIName: "Last_Name"}, {APIName: "Description"}, {APIName: "Email"}}})
		if err != nil { // the duplicate counts once: three fields fit
			t.Errorf("three excluded fields under a limit of %d: %v", rd.MaxExcludedFields, err)
		}
	}
	_, err = c.DeleteLockingConfig(cx, "Contacts", id)
	s.must("delete locking configuration", err)
	if got, err := c.ListLockingConfigs(cx, "Contacts"); err != nil || got != nil {
		t.Errorf("after delete: %+v, %v", got, err)
	}
}

// modules: an update with every profile it keeps, then a profile removal in
// the _delete form the reading accepts; the client sends what it is given
// and reports the other forms' rejection as a typed error.
func (s *scenario) modules() {
	t, c, cx, rd := s.t, s.c, s.ctx, s.rd
	keep := []zoho.ModuleProfile{{ID: demoAdminProfile}, {ID: demoStandardProf}}
	support := s.profileID("Support")
	_, err := c.UpdateModule(cx, "Digital_Marketings", zoho.ModuleUpdate{PluralLabel: ptr("Campaigns"),
		SingularLabel: ptr("Campaign"), Profiles: append(keep, zoho.ModuleProfile{ID: support})})
	s.must("update module", err)
	permanent := map[string]bool{"permanent": true}
	forms := map[string]any{"any": true, "bool": true, "object": permanent, "object_ignore_bool": permanent}
	wrong := map[string]any{"bool": permanent, "object": true}
	if rd.ProfileDeleteForm == "object_ignore_bool" { // the boolean is answered SUCCESS and ignored
		_, err := c.UpdateModule(cx, demoMarketingModID, zoho.ModuleUpdate{PluralLabel: ptr("Campaigns"),
			SingularLabel: ptr("Campaign"), Profiles: append(keep, zoho.ModuleProfile{ID: support, Delete: true})})
		s.must("remove a profile with the ignored form", err)
		if m, err := c.GetModule(cx, "Digital_Marketings"); err != nil || len(m.Profiles) != 3 {
			t.Errorf("ignored _delete: true removed the profile: %+v %v", m, err)
		}
	}
	if w, ok := wrong[rd.ProfileDeleteForm]; ok {
		_, err := c.UpdateModule(cx, demoMarketingModID, zoho.ModuleUpdate{PluralLabel: ptr("Campaigns"),
			SingularLabel: ptr("Campaign"), Profiles: append(keep, zoho.ModuleProfile{ID: support, Delete: w})})
		e := apiErrorOf(t, err)
		if e.Code != "INVALID_DATA" || e.Details["api_name"] != "_delete" || e.Details["expected_data_type"] == nil {
			t.Errorf("_delete in the other form: %v", err)
		}
	}
	_, err = c.UpdateModule(cx, demoMarketingModID, zoho.ModuleUpdate{PluralLabel: ptr("Campaigns"),
		SingularLabel: ptr("Campaign"), Profiles: append(keep, zoho.ModuleProfile{ID: support, Delete: forms[rd.ProfileDeleteForm]})})
	s.must("remove a profile", err)
	m, err := c.GetModule(cx, "Digital_Marketings")
	s.must("read module", err)
	if m.PluralLabel != "Campaigns" || len(m.Profiles) != 2 {
		t.Errorf("module after update = %+v", m)
	}
	_, err = c.UpdateModule(cx, "Digital_Marketings", zoho.ModuleUpdate{PluralLabel: ptr("Projects"),
		SingularLabel: ptr("Campaign"), Profiles: keep})
	if zoho.ErrorCode(err) != rd.ModuleDuplicateLabelCode {
		t.Errorf("duplicate label: %v, want %s", err, rd.ModuleDuplicateLabelCode)
	}
}

func (s *scenario) profileID(name string) zoho.ID {
	ps, err := s.c.ListProfiles(s.ctx)
	s.must("profiles", err)
	for _, p := range ps {
		if p.Name == name {
			return p.ID
		}
	}
	s.t.Fatalf("no profile %s", name)
	return ""
}

// roles: create, update with both references, delete; the references are
// sent as {"id"}, Zoho's SDK's form, unless the reading takes or applies
// only the plain ID (the client does not switch forms by itself).
func (s *scenario) roles() {
	t, c, cx, rd := s.t, s.c, s.ctx, s.rd
	create, ref := zoho.RefObject, zoho.RefObject
	switch rd.RoleRefForm {
	case "string":
		create, ref = zoho.RefString, zoho.RefString
	case "doc", "ignore_object":
		ref = zoho.RefString
	}
	res, err := c.CreateRole(cx, zoho.RoleWrite{Name: ptr("QA Lead"), ReportingTo: create(demoCEORole),
		Description: ptr("quality"), ShareWithPeers: ptr(true)})
	s.must("create role", err)
	id := string(res.ID)
	upd, err := c.UpdateRole(cx, id, zoho.RoleWrite{Name: ptr("QA Head"), ReportingTo: ref(demoSalesHeadRole),
		ForecastManager: ref(demoJaneUser)})
	s.must("update role", err)
	if upd.ID != id || !upd.OK() {
		t.Errorf("update result = %+v", upd)
	}
	r, err := c.GetRole(cx, id)
	s.must("read role", err)
	if r.Name != "QA Head" || r.ReportingTo == nil || r.ReportingTo.ID != demoSalesHeadRole ||
		r.ForecastManager == nil || r.ForecastManager.ID != demoJaneUser || r.ShareWithPeers == nil || !*r.ShareWithPeers {
		t.Errorf("role after update = %+v", r)
	}
	_, err = c.DeleteRole(cx, id, demoCEORole)
	s.must("delete leaf role", err)
	if _, err := c.GetRole(cx, id); !errors.Is(err, zoho.ErrNotFound) {
		t.Errorf("deleted role: err = %v, want ErrNotFound", err)
	}
	// A role with children: only leaf-first deletion works under "reject".
	_, err = c.DeleteRole(cx, demoSalesHeadRole, demoCEORole)
	if want := map[string]string{"reject": "INVALID_DATA"}[rd.RoleDeleteChildren]; zoho.ErrorCode(err) != want {
		t.Errorf("delete a role with children: %v, want code %q", err, want)
	}
}

// contactRoles: bulk writes with one failed item each; the results are
// per item whatever the HTTP status.
func (s *scenario) contactRoles() {
	t, c, cx, rd := s.t, s.c, s.ctx, s.rd
	items, err := c.CreateContactRoles(cx, []zoho.ContactRole{{Name: "Champion"}, {Name: "Blocker"}, {Name: "Purchasing"}})
	s.must("create contact roles", err)
	if !items[0].OK() || !items[1].OK() || items[2].OK() || items[2].Code != rd.ContactRoleDuplicateCode ||
		items[2].HTTPStatus != rd.PartialStatus {
		t.Errorf("create results = %+v", items)
	}
	a, b := items[0].ID, items[1].ID
	items, err = c.UpdateContactRoles(cx, []zoho.ContactRole{{ID: zoho.ID(a), Name: "Champion 2", SequenceNumber: ptr(20)},
		{ID: zoho.ID(b), Name: "Evaluator"}})
	s.must("update contact roles", err)
	if !items[0].OK() || items[1].OK() || items[1].Code != rd.ContactRoleDuplicateCode {
		t.Errorf("update results = %+v", items)
	}
	items, err = c.DeleteContactRoles(cx, []string{a, "4150868000009999999"})
	s.must("delete contact roles", err)
	if !items[0].OK() || items[0].ID != a || items[1].OK() || items[1].Code != "INVALID_DATA" {
		t.Errorf("delete results = %+v", items)
	}
	list, err := c.ListContactRoles(cx)
	s.must("list contact roles", err)
	names := fmt.Sprint(list)
	if len(list) != 10 {
		t.Errorf("contact roles = %s, want the 9 demo roles and Blocker", names)
	}
}

// tokens: the grant's expires_in in either unit, and a refused grant under
// either status.
func (s *scenario) tokens() {
	t, rd := s.t, s.rd
	if n := s.c.TokenCalls(); n != 1 {
		t.Errorf("%d token calls for the whole scenario, want 1", n)
	}
	bad := s.h.client(func(cfg *zoho.Config) { cfg.RefreshToken = "1000.revoked0123456789.abcdef" })
	for range 2 {
		_, err := bad.ListRoles(s.ctx)
		var te *zoho.TokenError
		if !errors.As(err, &te) || te.Code != "invalid_code" || te.HTTPStatus != rd.TokenErrorStatus || te.Grant != "refresh_token" {
			t.Errorf("refused grant: %v (%+v), want invalid_code with HTTP %d", err, te, rd.TokenErrorStatus)
		}
	}
	if n := bad.TokenCalls(); n != 1 {
		t.Errorf("%d token calls with a refused refresh token, want 1 (the failure is kept)", n)
	}
}
