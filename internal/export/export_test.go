package export

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/crmsync/crmsync/pkg/model"
)

func TestManifestsLeaveOutDefaultsAndIDs(t *testing.T) {
	s := model.NewState()
	s.Put(&model.Object{Key: model.Key{Kind: model.KindLockingConfig, Name: "Deals"}, ID: "5843104000001068044",
		LockingConfig: &model.LockingConfig{Module: "Deals", LockType: model.Ptr("automatic"), LockedFor: model.Ptr("all_profiles"),
			LockForPortalUsers: model.Ptr(true), RestrictedActions: &[]string{"update"}, ExcludedFields: &[]string{},
			LockingRules: &[]model.LockingRule{{ID: "5843104000001068052", Name: "Closed Won", LockExistingRecords: model.Ptr(true),
				Criteria: &model.Criteria{Field: "Stage", Comparator: "equal", Value: "Closed Won"}}}}})
	s.Put(&model.Object{Key: model.Key{Kind: model.KindRole, Name: "Sales Rep"}, ID: "4150868000000231921",
		Role: &model.Role{Name: "Sales Rep", ReportingTo: model.Ptr("CEO"), Description: model.Ptr(""), ShareWithPeers: model.Ptr(false)}})
	files := Manifests(s)
	if len(files) != 2 || files[0].Path != "roles/sales-rep.yaml" || files[1].Path != "locking/deals.yaml" {
		t.Fatalf("files: %+v", files)
	}
	role := string(files[0].Data)
	wantRole := "apiVersion: crmsync/v1\nkind: Role\nname: Sales Rep\nreporting_to: CEO\n"
	if !strings.HasSuffix(role, wantRole) {
		t.Errorf("role manifest:\n%s\nwant it to end with:\n%s", role, wantRole)
	}
	lock := string(files[1].Data)
	for _, absent := range []string{"locked_for", "lock_for_portal_users", "restricted_actions", "excluded_fields", "5843104"} {
		if strings.Contains(lock, absent) {
			t.Errorf("locking manifest holds %q:\n%s", absent, lock)
		}
	}
	for _, present := range []string{"lock_type: automatic", "- name: Closed Won", "field: Stage", "value: Closed Won"} {
		if !strings.Contains(lock, present) {
			t.Errorf("locking manifest lacks %q:\n%s", present, lock)
		}
	}
}

// Mapping keys that are names (a field's permissions are keyed by profile
// name) read back as the same strings.
func TestMappingKeysReadBackExactly(t *testing.T) {
	var doc []pair
	for _, n := range []string{"Administrator", "yes", "007", "null", "a: b", " lead", "Profile 03"} {
		doc = append(doc, pair{K: n, V: "read_write"})
	}
	data := encode([]pair{{K: "permissions", V: doc}})
	var back struct {
		Permissions yaml.Node `yaml:"permissions"`
	}
	if err := yaml.Unmarshal(data, &back); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	var keys []string
	for i := 0; i < len(back.Permissions.Content); i += 2 {
		k := back.Permissions.Content[i]
		if k.Tag != "!!str" {
			t.Errorf("key %q reads back as %s:\n%s", k.Value, k.Tag, data)
		}
		keys = append(keys, k.Value)
	}
	want := []string{"Administrator", "yes", "007", "null", "a: b", " lead", "Profile 03"}
	if strings.Join(keys, "|") != strings.Join(want, "|") {
		t.Errorf("keys = %q, want %q\n%s", keys, want, data)
	}
}
