package plan_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

func goldenField() *model.Object {
	label, typ, n := "Deal <Stage> & more", "picklist", 120
	perms := map[string]string{"Administrator": "read_write", "Sales": "read_only", "Zed": "hidden"}
	open := "Open"
	vals := []model.PicklistValue{{DisplayValue: open, ActualValue: &open}}
	return &model.Object{
		Key: model.Key{Kind: model.KindField, Name: model.FieldKeyName("Deals", "Stage")},
		ID:  "5000000000123", System: true,
		Audit:  &model.Audit{},
		Source: &model.Source{File: "fields.yaml", Line: 3},
		Field: &model.FieldDef{Module: "Deals", APIName: "Stage", FieldLabel: &label, DataType: &typ,
			Length: &n, PickListValues: &vals, Permissions: &perms},
	}
}

// TestFingerprintGolden pins the digest of a field object: saved plans
// carry fingerprints, so the same object must keep the same digest. The
// digest is the SHA-256 of the object's JSON without audit and source.
func TestFingerprintGolden(t *testing.T) {
	o := goldenField()
	const want = "8741d3bd432f4b5c664781f041aa0bd2cf869307d9ee5916ce88133ce673b8b1"
	if got := plan.FingerprintOf(o); got != want {
		t.Errorf("FingerprintOf = %s, want %s", got, want)
	}
	c := *o
	c.Audit, c.Source = nil, nil
	b, err := json.Marshal(&c)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	if got, marshalled := plan.FingerprintOf(o), hex.EncodeToString(sum[:]); got != marshalled {
		t.Errorf("FingerprintOf = %s, SHA-256 of json.Marshal = %s", got, marshalled)
	}
	if o.Audit == nil || o.Source == nil {
		t.Error("FingerprintOf cleared the object's audit or source")
	}
}

// TestFingerprintsOneHashPerObject checks that digests computed in one
// pass over a state match the digests of each object alone: no state is
// carried from one object to the next.
func TestFingerprintsOneHashPerObject(t *testing.T) {
	f := goldenField()
	s := stateOf(role("Sales", "1", "sells"), f, role("CEO", "2", "runs\n<b>"))
	fps := plan.Fingerprints(s)
	if len(fps) != 3 {
		t.Fatalf("Fingerprints: %d digests, want 3", len(fps))
	}
	seen := map[string]bool{}
	for i, o := range s.Objects() {
		if fps[i].Key != o.Key || fps[i].ID != o.ID || fps[i].Hash != plan.FingerprintOf(o) {
			t.Errorf("Fingerprints[%d] = %+v, want key %v, ID %s, hash %s", i, fps[i], o.Key, o.ID, plan.FingerprintOf(o))
		}
		seen[fps[i].Hash] = true
	}
	if len(seen) != 3 {
		t.Errorf("distinct digests = %d, want 3", len(seen))
	}
}

func marshalledDigest(t *testing.T, o *model.Object) string {
	t.Helper()
	c := *o
	c.Audit, c.Source = nil, nil
	b, err := json.Marshal(&c)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// TestFingerprintsSharedPermissionMaps: fields that share one permission
// map, fields with an empty or no map, and a map with characters JSON
// escapes all get the digest of their own JSON.
func TestFingerprintsSharedPermissionMaps(t *testing.T) {
	shared := map[string]string{"Administrator": "read_write", "Sales <EU> & Co": "hidden"}
	empty := map[string]string{}
	mk := func(name string, perms *map[string]string) *model.Object {
		return &model.Object{Key: model.Key{Kind: model.KindField, Name: model.FieldKeyName("Leads", name)}, ID: name,
			Field: &model.FieldDef{Module: "Leads", APIName: name, Permissions: perms}}
	}
	objs := []*model.Object{mk("A", &shared), mk("B", &shared), mk("C", &empty), mk("D", nil), role("Sales", "1", "x")}
	fps := plan.Fingerprints(stateOf(objs...))
	got := map[model.Key]string{}
	for _, f := range fps {
		got[f.Key] = f.Hash
	}
	for _, o := range objs {
		if want := marshalledDigest(t, o); got[o.Key] != want || plan.FingerprintOf(o) != want {
			t.Errorf("%s: Fingerprints %s, FingerprintOf %s, want %s", o.Key.Name, got[o.Key], plan.FingerprintOf(o), want)
		}
	}
	if got[objs[0].Key] == got[objs[1].Key] {
		t.Error("two fields with different names have the same digest")
	}
}

// TestFingerprintSpliceOrder: the digest splices a field's permissions in
// as the last member of the field, and the field as the last member of the
// object; a member added after either would change the JSON's layout.
func TestFingerprintSpliceOrder(t *testing.T) {
	last := func(t reflect.Type) string {
		name := ""
		for i := range t.NumField() {
			if tag := t.Field(i).Tag.Get("json"); tag != "-" && t.Field(i).IsExported() {
				name = t.Field(i).Name
			}
		}
		return name
	}
	if got := last(reflect.TypeFor[model.Object]()); got != "Field" {
		t.Errorf("last JSON member of model.Object = %s, want Field", got)
	}
	if got := last(reflect.TypeFor[model.FieldDef]()); got != "Permissions" {
		t.Errorf("last JSON member of model.FieldDef = %s, want Permissions", got)
	}
}
