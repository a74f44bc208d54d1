package role

import (
	"testing"

	"github.com/crmsync/crmsync/pkg/kinds/spec"
)

func TestReferenceForms(t *testing.T) {
	name := "A <&> B"
	b := spec.Encode(Body{Roles: []Item{{Name: &name, ReportingTo: RefTo("${id:Role/P}"), ForecastManager: Ref{Clear: true}}}})
	if want := `{"roles":[{"forecast_manager":null,"name":"A <&> B","reporting_to":{"id":"${id:Role/P}"}}]}`; string(b) != want {
		t.Fatalf("body = %s, want %s", b, want)
	}
	str := References.Rewrite(b, spec.FormScalar)
	if want := `{"roles":[{"forecast_manager":null,"name":"A <&> B","reporting_to":"${id:Role/P}"}]}`; string(str) != want {
		t.Errorf("plain form = %s, want %s", str, want)
	}
	if References.Form(b) != spec.FormObject || References.Form(str) != spec.FormScalar {
		t.Errorf("forms = %v, %v", References.Form(b), References.Form(str))
	}
	if back := References.Rewrite(str, spec.FormObject); string(back) != string(b) {
		t.Errorf("back = %s, want %s", back, b)
	}
	if got := string(References.Narrow(str, "reporting_to")); got != `{"roles":[{"reporting_to":"${id:Role/P}"}]}` {
		t.Errorf("narrowed = %s", got)
	}
	cleared := spec.Encode(Body{Roles: []Item{{ForecastManager: Ref{Clear: true}}}})
	if References.Form(cleared) != spec.FormNone {
		t.Errorf("a cleared reference is not a disputed form")
	}
}
