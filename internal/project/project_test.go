package project

import (
	"strings"
	"testing"
)

const sample = `apiVersion: crmsync/v1
kind: Project
environments:
  sandbox:
    dc: eu
    api_domain: https://sandbox.zohoapis.eu
    org_id: "111"
    credentials:
      refresh_token: SANDBOX_REFRESH
    manifests: [manifests]
    vars:
      region: EU
      share: true
      key: {env: SANDBOX_KEY, secret: true}
  production:
    dc: eu
    org_id: "222"
    vars:
      region: Europe
      share: false
      key: {value: "s3cr3t-prod", secret: true}
`

func TestParse(t *testing.T) {
	p, err := Parse("proj/crmsync.yaml", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(p.Names(), ","); got != "sandbox,production" {
		t.Fatalf("names %q", got)
	}
	sb, _ := p.Env("sandbox")
	if sb.OrgID != "111" || sb.DC != "eu" || sb.Credentials.RefreshToken != "SANDBOX_REFRESH" || sb.Manifests[0] != "proj/manifests" {
		t.Fatalf("sandbox %+v", sb)
	}
	if _, err := sb.Values(func(string) string { return "" }); err == nil || !strings.Contains(err.Error(), "SANDBOX_KEY") {
		t.Fatalf("missing env var not reported: %v", err)
	}
	vals, err := sb.Values(func(k string) string { return map[string]string{"SANDBOX_KEY": "abc123"}[k] })
	if err != nil || vals["share"] != true || vals["region"] != "EU" || vals["key"] != "abc123" {
		t.Fatalf("values %v %v", vals, err)
	}
	if s := sb.SecretValues(vals); len(s) != 1 || s[0] != "abc123" {
		t.Fatalf("secrets %v", s)
	}
	if v := sb.Var("share"); v == nil || v.Source.Line != 13 || v.Source.Column != 7 {
		t.Fatalf("var position %+v", v)
	}
	if _, err := p.Env("staging"); err == nil || !strings.Contains(err.Error(), "sandbox, production") {
		t.Fatalf("unknown env: %v", err)
	}
}

func TestParseInvalid(t *testing.T) {
	bad := strings.Replace(sample, "dc: eu\n    org_id: \"222\"", "dc: mars\n    org_id: 222x", 1)
	_, err := Parse("crmsync.yaml", []byte(bad))
	if err == nil {
		t.Fatal("want errors")
	}
	msg := err.Error()
	for _, want := range []string{"crmsync.yaml:16:5: Project: environments.production.dc: value must be one of", "crmsync.yaml:17:5: Project: environments.production.org_id:"} {
		if !strings.Contains(msg, want) {
			t.Errorf("missing %q in\n%s", want, msg)
		}
	}
}

// TestExampleProject loads the project file the CI recipes document.
func TestExampleProject(t *testing.T) {
	p, err := Load("../../examples/ci/crmsync.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(p.Names(), ","); got != "sandbox,production" {
		t.Fatalf("environments %q", got)
	}
	for _, e := range p.Envs {
		if e.OrgID == "" || e.Credentials.RefreshToken == "" || e.Credentials.AccessToken == "" || len(e.Vars) == 0 {
			t.Errorf("%s: incomplete example: %+v", e.Name, e)
		}
	}
}
