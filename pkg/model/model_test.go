package model

import (
	"slices"
	"strings"
	"testing"
)

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "abc", 0}, {"Stage", "Stag", 1}, {"kitten", "sitting", 3}, {"é", "e", 1}, {"", "abc", 3},
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestClosest(t *testing.T) {
	names := []string{"Administrator", "Standard", "Sales", "Marketing", "Support"}
	for _, tc := range []struct {
		name string
		want []string
	}{
		{"Adminstrator", []string{"Administrator"}},
		{"sales", []string{"Sales"}},
		{"Zzzzzzzz", nil},
	} {
		if got := Closest(tc.name, names, 3); !slices.Equal(got, tc.want) {
			t.Errorf("Closest(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestKeyOrderAndState(t *testing.T) {
	s := NewState()
	for _, k := range []Key{{KindLockingConfig, "Deals"}, {KindRole, "b"}, {KindModule, "M"}, {KindRole, "a"}, {KindContactRole, "x"}} {
		s.Put(&Object{Key: k})
	}
	want := []Key{{KindModule, "M"}, {KindRole, "a"}, {KindRole, "b"}, {KindContactRole, "x"}, {KindLockingConfig, "Deals"}}
	if got := s.Keys(); !slices.Equal(got, want) {
		t.Errorf("Keys() = %v, want %v", got, want)
	}
	if got := len(s.OfKind(KindRole)); got != 2 {
		t.Errorf("OfKind(Role) has %d objects", got)
	}
	if k := (Key{KindRole, "Sales Head"}); k.String() != `Role "Sales Head"` {
		t.Errorf("String() = %s", k)
	}
	if Kind("Nope").Rank() != len(kindOrder) {
		t.Errorf("unknown kinds sort last")
	}
}

func TestFoldAndTempName(t *testing.T) {
	if !SameName(" Sales Rep ", "sales rep") || SameName("Sales Rep", "Sales  Rep") {
		t.Error("SameName: edge spaces and case only")
	}
	if got := TempName(KindRole, "Manager"); got != "Manager (crmsync tmp)" {
		t.Errorf("role temp name %q", got)
	}
	long := "A contact role name that is forty-nine characters"
	got := TempName(KindContactRole, long)
	if n := len([]rune(got)); n != 50 || !strings.HasSuffix(got, TempSuffix) || !strings.HasPrefix(long, strings.TrimSuffix(got, TempSuffix)) {
		t.Errorf("contact role temp name %q (%d characters), want 50 ending in %q", got, n, TempSuffix)
	}
	if TempName(KindContactRole, long) != got {
		t.Error("TempName is not deterministic")
	}
}
