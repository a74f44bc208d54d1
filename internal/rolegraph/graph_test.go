package rolegraph

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

// golden compares got with testdata/name; CRMSYNC_UPDATE=1 rewrites it.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if os.Getenv("CRMSYNC_UPDATE") != "" {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with CRMSYNC_UPDATE=1 to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func role(name, parent string) model.Role {
	r := model.Role{Name: name}
	if parent != "" {
		r.ReportingTo = model.Ptr(parent)
	}
	return r
}

func tree() *Graph {
	return FromRoles([]model.Role{role("CEO", ""), role("Manager", "CEO"), role("Sales Head", "CEO"),
		role("Sales Rep", "Sales Head"), role("Support Agent", "Manager"), role(`The "Q" team`, "Manager")})
}

func TestWholeTree(t *testing.T) {
	for _, f := range []struct {
		name  string
		write func(*Graph, *bytes.Buffer) error
	}{
		{"tree.mmd", func(g *Graph, b *bytes.Buffer) error { return g.Mermaid(b) }},
		{"tree.dot", func(g *Graph, b *bytes.Buffer) error { return g.DOT(b) }},
		{"tree.txt", func(g *Graph, b *bytes.Buffer) error { return g.Text(b) }},
	} {
		var b bytes.Buffer
		if err := f.write(tree(), &b); err != nil {
			t.Fatal(err)
		}
		golden(t, f.name, b.Bytes())
		var again bytes.Buffer
		_ = f.write(tree(), &again)
		if !bytes.Equal(b.Bytes(), again.Bytes()) {
			t.Errorf("%s: two runs differ", f.name)
		}
	}
}

func obj(r model.Role) *model.Object {
	return &model.Object{Key: model.Key{Kind: model.KindRole, Name: r.Name}, Role: &r}
}

func TestFromPlan(t *testing.T) {
	p := &plan.Plan{Changes: []plan.Change{
		{Key: model.Key{Kind: model.KindRole, Name: "Inside Sales"}, Action: plan.Create, After: obj(role("Inside Sales", "Sales Head"))},
		{Key: model.Key{Kind: model.KindRole, Name: "Sales Rep"}, Action: plan.Update,
			Before: obj(role("Sales Rep", "Sales Head")), After: obj(role("Sales Rep", "Manager"))},
		{Key: model.Key{Kind: model.KindRole, Name: "Sales Head"}, Action: plan.Update, PreviousName: "Sales department Head",
			Before: obj(role("Sales department Head", "CEO")), After: obj(role("Sales Head", "CEO"))},
		{Key: model.Key{Kind: model.KindRole, Name: "Temp"}, Action: plan.Delete, Before: obj(role("Temp", "Manager"))},
		{Key: model.Key{Kind: model.KindContactRole, Name: "Lead"}, Action: plan.Delete},
	}}
	g := FromPlan(p)
	if g == nil {
		t.Fatal("no graph for a plan that changes roles")
	}
	var b bytes.Buffer
	if err := g.Mermaid(&b); err != nil {
		t.Fatal(err)
	}
	golden(t, "plan.mmd", b.Bytes())
	b.Reset()
	if err := g.Text(&b); err != nil {
		t.Fatal(err)
	}
	golden(t, "plan.txt", b.Bytes())
	if FromPlan(&plan.Plan{Changes: p.Changes[4:]}) != nil {
		t.Error("a graph for a plan that changes no role")
	}
}
