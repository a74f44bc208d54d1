package export

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/crmsync/crmsync/pkg/model"
)

func TestScope(t *testing.T) {
	got := Scope([]model.Kind{model.KindRole, model.KindLockingConfig}, []string{"Deals"})
	want := model.Scope{AllModules: true, LockingBestEffort: true, Users: true,
		Kinds: []model.Kind{model.KindRole}, LockingModules: []string{"Deals"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Scope (-want +got):\n%s", diff)
	}
	if got := Scope([]model.Kind{model.KindModule}, []string{"Deals"}); got.Users || got.LockingModules != nil || got.FieldModules != nil || got.AllFields {
		t.Errorf("modules only: Scope = %+v, want no users, no locking modules and no field modules", got)
	}
}

// Fields are read per module: never listed as a kind, read for the modules
// given, and only fields are read when only fields are chosen.
func TestScopeOfFields(t *testing.T) {
	got := Scope([]model.Kind{model.KindField}, []string{"Deals", "Leads"})
	want := model.Scope{AllModules: true, LockingBestEffort: true, FieldModules: []string{"Deals", "Leads"}, AllFields: true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Scope (-want +got):\n%s", diff)
	}
	if !PerModule([]model.Kind{model.KindRole, model.KindField}) || PerModule([]model.Kind{model.KindRole}) {
		t.Error("PerModule: fields are read per module, roles are not")
	}
	org := []Module{{APIName: "Leads"}, {APIName: "Home"}, {APIName: "Services__s", PluralLabel: "Services"},
		{APIName: "Tickets", GeneratedType: "custom"}, {APIName: "Price_Books", PluralLabel: "Price Books"},
		{APIName: "Visits"}, {APIName: "Contacts_X_Deals", GeneratedType: "linking"}}
	both := []model.Kind{model.KindField, model.KindLockingConfig}
	s := Scope(both, nil)
	ForOrg(&s, both, org)
	if diff := cmp.Diff([]string{"Leads", "Services__s", "Tickets", "Price_Books", "Visits"}, s.FieldModules); diff != "" {
		t.Errorf("field modules (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Leads", "Tickets", "Price_Books"}, s.LockingModules); diff != "" {
		t.Errorf("locking modules (-want +got):\n%s", diff)
	}
	s = Scope([]model.Kind{model.KindRole}, nil)
	if ForOrg(&s, []model.Kind{model.KindRole}, org); s.FieldModules != nil || s.LockingModules != nil {
		t.Errorf("roles only: ForOrg set modules: %+v", s)
	}
}

func TestLockableModules(t *testing.T) {
	org := []Module{{APIName: "Leads"}, {APIName: "Visits"}, {APIName: "Tickets", GeneratedType: "custom"}, {APIName: "Deals"}}
	got := LockableModules(org)
	if diff := cmp.Diff([]string{"Leads", "Tickets", "Deals"}, got); diff != "" {
		t.Errorf("LockableModules (-want +got):\n%s", diff)
	}
}
