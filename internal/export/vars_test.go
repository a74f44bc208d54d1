package export

import (
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/model"
)

func TestPlaceholdersWrittenBack(t *testing.T) {
	st := model.NewState()
	k := model.Key{Kind: model.KindRole, Name: "Sales EU"}
	st.Put(&model.Object{Key: k, Role: &model.Role{Name: "Sales EU", ReportingTo: model.Ptr("CEO"),
		ShareWithPeers: model.Ptr(true), Description: model.Ptr("EU key=abc123 EU")}})
	other := model.Key{Kind: model.KindRole, Name: "EU"}
	st.Put(&model.Object{Key: other, Role: &model.Role{Name: "EU", ReportingTo: model.Ptr("CEO")}})
	files := ManifestsWith(st, Options{Vars: []Var{
		{Name: "region", Key: k, Pointer: "/name", Template: "Sales ${{ vars.region }}", Value: "Sales EU"},
		{Name: "share", Key: k, Pointer: "/share_with_peers", Template: "${{ vars.share }}", Value: true},
		// A placeholder whose value the org no longer has: the live value stays.
		{Name: "boss", Key: k, Pointer: "/reporting_to", Template: "${{ vars.boss }}", Value: "Board"},
		{Name: "key", Value: "abc123", Secret: true},
	}})
	var role, eu string
	for _, f := range files {
		switch f.Path {
		case "roles/sales-eu.yaml":
			role = string(f.Data)
		case "roles/eu.yaml":
			eu = string(f.Data)
		}
	}
	for _, want := range []string{"name: Sales ${{ vars.region }}\n", "share_with_peers: ${{ vars.share }}\n",
		"reporting_to: CEO\n", "description: EU key=${{ vars.key }} EU\n"} {
		if !strings.Contains(role, want) {
			t.Errorf("missing %q in\n%s", want, role)
		}
	}
	if strings.Contains(role, "abc123") {
		t.Errorf("the secret was written:\n%s", role)
	}
	if !strings.Contains(eu, "name: EU\n") {
		t.Errorf("a value equal to no placeholder's location was replaced:\n%s", eu)
	}
}

func TestSameValue(t *testing.T) {
	for _, c := range []struct {
		a, b any
		want bool
	}{{3, 3.0, true}, {"3", 3, false}, {true, true, true}, {[]string{"a"}, []any{"a"}, true}, {nil, "", false}} {
		if got := sameValue(c.a, c.b); got != c.want {
			t.Errorf("sameValue(%#v, %#v) = %v", c.a, c.b, got)
		}
	}
}
