package desired

import (
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/model"
)

const varsDoc = `apiVersion: crmsync/v1
kind: Role
name: Sales ${{ vars.region }}
share_with_peers: ${{ vars.share }}
description: "Key ${{vars.key}}"
---
apiVersion: crmsync/v1
kind: Role
name: Auditor
environments: [production]
`

func TestVarsResolved(t *testing.T) {
	opts := Options{Env: "sandbox", Envs: []string{"sandbox", "production"},
		Vars: map[string]any{"region": "EU", "share": true, "key": "k1", "spare": 3}}
	m, err := ParseWith(opts, File{Path: "r.yaml", Data: []byte(varsDoc)})
	if err != nil {
		t.Fatal(err)
	}
	o := m.State.Get(model.Key{Kind: model.KindRole, Name: "Sales EU"})
	if o == nil || o.Role.ShareWithPeers == nil || !*o.Role.ShareWithPeers || *o.Role.Description != "Key k1" {
		t.Fatalf("resolved role: %+v", o)
	}
	if m.State.Get(model.Key{Kind: model.KindRole, Name: "Auditor"}) != nil {
		t.Fatal("a production-only role was loaded for sandbox")
	}
	if len(m.Vars) != 3 || m.Vars[0].Key.Name != "Sales EU" {
		t.Fatalf("uses: %+v", m.Vars)
	}
	for _, u := range m.Vars {
		if u.Name == "share" && (u.Value != true || u.Pointer != "/share_with_peers" || u.Source.Line != 4) {
			t.Fatalf("share use: %+v", u)
		}
	}
	if got := m.Unused(opts.Vars); len(got) != 1 || got[0] != "spare" {
		t.Fatalf("unused %v", got)
	}
	opts.Env = "production"
	m, err = ParseWith(opts, File{Path: "r.yaml", Data: []byte(varsDoc)})
	if err != nil || m.State.Get(model.Key{Kind: model.KindRole, Name: "Auditor"}) == nil {
		t.Fatalf("production: %v", err)
	}
}

func TestVarsErrors(t *testing.T) {
	cases := []struct {
		name string
		opts Options
		want []string
	}{
		{"undefined", Options{Env: "sandbox", Envs: []string{"sandbox", "production"}, Vars: map[string]any{"regoin": "EU", "share": true}},
			[]string{"r.yaml:3:1: Role \"Sales ${{ vars.region }}\": name: variable region is not defined for environment sandbox", `did you mean "regoin"?`}},
		{"typed value checked by the schema", Options{Env: "sandbox", Envs: []string{"sandbox", "production"}, Vars: map[string]any{"region": "EU", "share": "yes", "key": "k"}},
			[]string{`r.yaml:4:1: Role "Sales EU": share_with_peers:`}},
		{"no env", Options{}, []string{"pass --env NAME", "r.yaml:10:16: Role \"Auditor\": environments[0]: environment \"production\": there is no project file"}},
		{"unknown env", Options{Env: "sandbox", Envs: []string{"sandbox", "prod"}, Vars: map[string]any{"region": "EU", "share": true, "key": "k"}},
			[]string{`unknown environment "production"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseWith(tc.opts, File{Path: "r.yaml", Data: []byte(varsDoc)})
			if err == nil {
				t.Fatal("want an error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("missing %q in\n%v", w, err)
				}
			}
		})
	}
}
