package observe

import (
	"maps"
	"strings"
	"testing"
	"unsafe"

	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// TestFieldObjectSkipsNone: Zoho's "-None-" entry of a picklist is not an
// option the plan would otherwise remove; an option without an actual
// value is stored as its display value.
func TestFieldObjectSkipsNone(t *testing.T) {
	o := fieldObject("Deals", &zoho.Field{ID: "1", APIName: "Stage", DataType: "picklist", PickListValues: []zoho.PickListValue{
		{DisplayValue: "-None-", ActualValue: "-None-"}, {DisplayValue: "Won", ActualValue: "Closed Won", ID: "2"}, {DisplayValue: "Lost", ID: "3"}}}, nil)
	vals := *o.Field.PickListValues
	if !o.System || len(vals) != 2 || vals[0].ID != "2" || *vals[0].ActualValue != "Closed Won" || *vals[1].ActualValue != "Lost" {
		t.Errorf("got %+v (system %v)", vals, o.System)
	}
	if o.Field.Tooltip == nil || o.Field.Tooltip.Name != "" {
		t.Errorf("a field without tooltip has %+v, want the empty tooltip (none)", o.Field.Tooltip)
	}
}

// TestFieldObjectOrdersBySequence: the order of a picklist is its options'
// sequence_number (what a reorder sets), whatever order the array has.
func TestFieldObjectOrdersBySequence(t *testing.T) {
	seq := func(n int) *int { return &n }
	o := fieldObject("Accounts", &zoho.Field{ID: "1", APIName: "Tier", DataType: "picklist", CustomField: true, PickListValues: []zoho.PickListValue{
		{DisplayValue: "-None-", ActualValue: "-None-", SequenceNumber: seq(0)},
		{DisplayValue: "Bronze", ID: "4", SequenceNumber: seq(3)}, {DisplayValue: "Gold", ID: "2", SequenceNumber: seq(1)},
		{DisplayValue: "Silver", ID: "3", SequenceNumber: seq(2)}}}, nil)
	var got []string
	for _, v := range *o.Field.PickListValues {
		got = append(got, v.DisplayValue)
	}
	if strings.Join(got, ",") != "Gold,Silver,Bronze" {
		t.Errorf("order %v, want by sequence_number", got)
	}
	// Without a sequence_number on every option the array order holds.
	o = fieldObject("Accounts", &zoho.Field{ID: "1", APIName: "Tier", DataType: "picklist", CustomField: true, PickListValues: []zoho.PickListValue{
		{DisplayValue: "Bronze", ID: "4", SequenceNumber: seq(3)}, {DisplayValue: "Gold", ID: "2"}}}, nil)
	if vals := *o.Field.PickListValues; vals[0].DisplayValue != "Bronze" {
		t.Errorf("order %+v, want the array's", vals)
	}
}

// TestFieldObjectSequenceBase: when Zoho numbers its "-None-" entry first,
// the options' places start after it.
func TestFieldObjectSequenceBase(t *testing.T) {
	seq := func(n int) *int { return &n }
	for _, c := range []struct {
		name string
		vals []zoho.PickListValue
		want int
	}{
		{"none first", []zoho.PickListValue{{DisplayValue: "-None-", SequenceNumber: seq(1)}, {DisplayValue: "A", SequenceNumber: seq(2)}}, 1},
		{"no none", []zoho.PickListValue{{DisplayValue: "A", SequenceNumber: seq(1)}}, 0},
		{"none unnumbered", []zoho.PickListValue{{DisplayValue: "-None-"}, {DisplayValue: "A", SequenceNumber: seq(1)}}, 0},
		{"none numbered 0", []zoho.PickListValue{{DisplayValue: "-None-", SequenceNumber: seq(0)}, {DisplayValue: "A", SequenceNumber: seq(1)}}, 0},
	} {
		o := fieldObject("Leads", &zoho.Field{ID: "1", APIName: "Lead_Source", DataType: "picklist", PickListValues: c.vals}, nil)
		if got := o.Field.SequenceBase; got != c.want {
			t.Errorf("%s: base %d, want %d", c.name, got, c.want)
		}
	}
}

// TestFieldObjectInternsProfiles: the permissions of two fields read
// together hold the same string for a profile name and a permission type,
// not a copy per field, and keep every profile's entry.
func TestFieldObjectInternsProfiles(t *testing.T) {
	names := newInterner()
	mk := func(id, adminPerm string) *model.Object {
		// Fresh strings, as the JSON decoder gives them.
		admin, rw := string([]byte("Administrator")), string([]byte(adminPerm))
		std, hidden := string([]byte("Standard")), string([]byte("hidden"))
		return fieldObject("Accounts", &zoho.Field{ID: zoho.ID(id), APIName: "F" + id, DataType: "text", CustomField: true,
			Profiles: []zoho.FieldProfile{{Name: admin, PermissionType: rw}, {Name: std, PermissionType: hidden}}}, names)
	}
	// Different lists, so that each field has its own map.
	a, b := mk("1", "read_write"), mk("2", "read_only")
	if a.Field.Permissions == b.Field.Permissions {
		t.Fatal("fields with different permissions share a map")
	}
	pa, pb := *a.Field.Permissions, *b.Field.Permissions
	if pa["Administrator"] != "read_write" || pa["Standard"] != "hidden" || len(pa) != 2 {
		t.Fatalf("permissions %v", pa)
	}
	keyData := func(m map[string]string, want string) *byte {
		for k := range m {
			if k == want {
				return unsafe.StringData(k)
			}
		}
		return nil
	}
	if keyData(pa, "Standard") != keyData(pb, "Standard") {
		t.Error("each field holds its own copy of the profile name")
	}
	if unsafe.StringData(pa["Standard"]) != unsafe.StringData(pb["Standard"]) {
		t.Error("each field holds its own copy of the permission type")
	}
}

// TestFieldObjectKeepsNoPointerIntoTheRead: a picklist's object points at
// nothing inside the wire field, so the read (every field of the module,
// each with its profiles) can be freed once converted.
func TestFieldObjectKeepsNoPointerIntoTheRead(t *testing.T) {
	f := &zoho.Field{ID: "1", APIName: "Tier", DataType: "picklist", CustomField: true, SortedLexically: true,
		PickListValues: []zoho.PickListValue{{DisplayValue: "Gold", ID: "2"}}}
	o := fieldObject("Accounts", f, nil)
	if o.Field.PickListValuesSortedLexically == &f.SortedLexically {
		t.Fatal("the object points into the wire field")
	}
	if !*o.Field.PickListValuesSortedLexically {
		t.Error("sorted lexically lost")
	}
}

// TestFieldObjectSharesPermissionMaps: fields with the same profile list
// share one permission map; a field whose list differs in one permission,
// or lists the profiles in another order, gets a map with its own content.
func TestFieldObjectSharesPermissionMaps(t *testing.T) {
	names := newInterner()
	mk := func(id string, ps ...zoho.FieldProfile) *model.Object {
		return fieldObject("Accounts", &zoho.Field{ID: zoho.ID(id), APIName: "F" + id, DataType: "text",
			CustomField: true, Profiles: ps}, names)
	}
	admin := zoho.FieldProfile{Name: "Administrator", PermissionType: "read_write"}
	std := zoho.FieldProfile{Name: "Standard", PermissionType: "hidden"}
	stdRO := zoho.FieldProfile{Name: "Standard", PermissionType: "read_only"}
	a, b := mk("1", admin, std), mk("2", admin, std)
	c, d, e := mk("3", admin, stdRO), mk("4", std, admin), mk("5")
	if a.Field.Permissions != b.Field.Permissions {
		t.Error("two fields with the same permissions hold a map each")
	}
	want := map[string]string{"Administrator": "read_write", "Standard": "hidden"}
	for _, x := range []*model.Object{a, b, d} {
		if !maps.Equal(*x.Field.Permissions, want) {
			t.Errorf("%s: permissions %v, want %v", x.Key.Name, *x.Field.Permissions, want)
		}
	}
	if got := *c.Field.Permissions; c.Field.Permissions == a.Field.Permissions || got["Standard"] != "read_only" {
		t.Errorf("a field with another permission: %v (shared: %t)", got, c.Field.Permissions == a.Field.Permissions)
	}
	if e.Field.Permissions == nil || len(*e.Field.Permissions) != 0 {
		t.Errorf("a field without profiles: permissions %v, want an empty map", e.Field.Permissions)
	}
}
