package module

import (
	"testing"

	"github.com/crmsync/crmsync/pkg/kinds/spec"
)

func TestProfileDeleteForms(t *testing.T) {
	b := spec.Encode(Body{Modules: []Item{{Profiles: []Profile{{ID: "1"}, {ID: "2", Delete: Delete{Set: true}}}}}})
	if want := `{"modules":[{"profiles":[{"id":"1"},{"_delete":true,"id":"2"}]}]}`; string(b) != want {
		t.Fatalf("body = %s, want %s", b, want)
	}
	if f := ProfileDelete.Form(b); f != spec.FormScalar {
		t.Errorf("form = %v, want scalar", f)
	}
	obj := ProfileDelete.Rewrite(b, spec.FormObject)
	if want := `{"modules":[{"profiles":[{"id":"1"},{"_delete":{"permanent":false},"id":"2"}]}]}`; string(obj) != want {
		t.Errorf("object form = %s, want %s", obj, want)
	}
	if f := ProfileDelete.Form(obj); f != spec.FormObject {
		t.Errorf("form of the rewrite = %v, want object", f)
	}
	if back := ProfileDelete.Rewrite(obj, spec.FormScalar); string(back) != string(b) {
		t.Errorf("back = %s, want %s", back, b)
	}
	kept := spec.Encode(Body{Modules: []Item{{Profiles: []Profile{{ID: "1"}}}}})
	if f := ProfileDelete.Form(kept); f != spec.FormNone {
		t.Errorf("a body without removals has form %v", f)
	}
	if f := ProfileDelete.Form([]byte(`{"roles":[{"name":"x"}]}`)); f != spec.FormNone {
		t.Errorf("a roles body has form %v", f)
	}
}
