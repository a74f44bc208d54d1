package plan_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
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
