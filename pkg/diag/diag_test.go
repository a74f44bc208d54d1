package diag

import (
	"testing"

	"github.com/crmsync/crmsync/pkg/model"
)

func TestStringAndSorted(t *testing.T) {
	l := List{
		{Source: model.Source{File: "b.yaml", Line: 2, Column: 3}, Key: `Role "A"`, Message: "m"},
		{Source: model.Source{File: "a.yaml"}, Message: "whole file"},
		{Source: model.Source{File: "b.yaml", Line: 2, Column: 3}, Key: `Role "A"`, Message: "m"},
		{Key: `Module "X"`, Message: "no place", Hint: "create it first", Severity: Warning},
		{Source: model.Source{File: "b.yaml", Line: 1, Column: 9}, Key: `Role "B"`, Message: "n"},
	}
	want := "warning: Module \"X\": no place (create it first)\n" +
		"a.yaml: whole file\n" +
		"b.yaml:1:9: Role \"B\": n\n" +
		"b.yaml:2:3: Role \"A\": m"
	if got := l.Sorted().Error(); got != want {
		t.Errorf("sorted:\n%s\nwant:\n%s", got, want)
	}
	if l[0].Source.File != "b.yaml" {
		t.Errorf("Sorted changed the list")
	}
	if !l.Errors() || (List{l[3]}).Errors() {
		t.Errorf("Errors: a list with errors %v, warnings only %v", l.Errors(), (List{l[3]}).Errors())
	}
}

func TestPositionsOf(t *testing.T) {
	k := model.Key{Kind: model.KindRole, Name: "A"}
	p := Positions{k: {File: "r.yaml", At: map[string]Place{"": {1, 1}, "/profiles": {4, 1}, "/profiles/1": {6, 5}, "/a~1b": {9, 1}}}}
	for _, tt := range []struct {
		path []any
		want string
	}{
		{nil, "r.yaml:1:1"},
		{[]any{"profiles", 1}, "r.yaml:6:5"},
		{[]any{"profiles", 7}, "r.yaml:4:1"},
		{[]any{"a/b"}, "r.yaml:9:1"},
		{[]any{"missing", "deeper"}, "r.yaml:1:1"},
	} {
		if got := p.Of(k, tt.path...); got == nil || got.String() != tt.want {
			t.Errorf("Of(%v) = %v, want %s", tt.path, got, tt.want)
		}
	}
	if got := p.Of(model.Key{Kind: model.KindRole, Name: "B"}); got != nil {
		t.Errorf("unknown key: %v", got)
	}
	if got := Positions(nil).Of(k, "x"); got != nil {
		t.Errorf("nil positions: %v", got)
	}
}
