package desired

import (
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/model"
)

// TestAbsentReplacedByRename: an absent object and a renamed one under the
// same name ("X is deleted and Y is renamed to X") load as one object that
// carries the absent one in Replaces.
func TestAbsentReplacedByRename(t *testing.T) {
	m, err := Parse(File{Path: "a.yaml", Data: []byte(strings.Join([]string{
		"apiVersion: crmsync/v1\nkind: Role\nname: Analyst\nabsent: true\ntransfer_to: CEO\n",
		"apiVersion: crmsync/v1\nkind: Role\nname: analyst\nprevious_names: [Junior Analyst]\nreporting_to: CEO\n",
	}, "---\n"))})
	if err != nil {
		t.Fatal(err)
	}
	if m.State.Len() != 1 {
		t.Fatalf("%d objects, want 1", m.State.Len())
	}
	o := m.State.Get(model.Key{Kind: model.KindRole, Name: "analyst"})
	if o == nil || o.Absent || o.Replaces == nil || !o.Replaces.Absent || o.Replaces.TransferTo != "CEO" ||
		o.Replaces.Source == nil || o.Replaces.Source.Line != 3 {
		t.Fatalf("object: %+v, replaces %+v", o, o.Replaces)
	}
}

// TestNamesKeepTheirSpaces: names are read exactly, spaces included, and
// references are kept as written (the plan compares them folded).
func TestNamesKeepTheirSpaces(t *testing.T) {
	m, err := Parse(File{Path: "a.yaml", Data: []byte("apiVersion: crmsync/v1\nkind: Role\nname: \" Sales \"\nreporting_to: \"ceo \"\n")})
	if err != nil {
		t.Fatal(err)
	}
	o := m.State.Get(model.Key{Kind: model.KindRole, Name: " Sales "})
	if o == nil || *o.Role.ReportingTo != "ceo " {
		t.Fatalf("objects: %v", m.State.Keys())
	}
}
