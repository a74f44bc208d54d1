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
	if got := Scope([]model.Kind{model.KindModule}, []string{"Deals"}); got.Users || got.LockingModules != nil {
		t.Errorf("modules only: Scope = %+v, want no users and no locking modules", got)
	}
}

func TestLockableModules(t *testing.T) {
	org := []Module{{APIName: "Leads"}, {APIName: "Visits"}, {APIName: "Tickets", GeneratedType: "custom"}, {APIName: "Deals"}}
	got := LockableModules(org)
	if diff := cmp.Diff([]string{"Leads", "Tickets", "Deals"}, got); diff != "" {
		t.Errorf("LockableModules (-want +got):\n%s", diff)
	}
}
