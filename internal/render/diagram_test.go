package render_test

import (
	"strings"
	"testing"

	"github.com/crmsync/crmsync/internal/render"
	"github.com/crmsync/crmsync/pkg/model"
)

func TestMarkdownRoleDiagram(t *testing.T) {
	obs, des := model.NewState(), model.NewState()
	ceo := model.Key{Kind: model.KindRole, Name: "CEO"}
	obs.Put(&model.Object{Key: ceo, ID: "1", System: true, Role: &model.Role{Name: "CEO"}})
	k := model.Key{Kind: model.KindRole, Name: "Inside Sales"}
	des.Put(&model.Object{Key: k, Source: src(1), Role: &model.Role{Name: "Inside Sales", ReportingTo: model.Ptr("CEO")}})
	p := mustPlan(t, des, obs)
	with := markdown(t, p, render.Options{RoleDiagram: true})
	for _, want := range []string{"**Role hierarchy** (the part this changes)\n", "```mermaid\nflowchart TD\n", `r1["Inside Sales (created)"]`, "  r0 --> r1\n", "classDef created "} {
		if !strings.Contains(with, want) {
			t.Errorf("missing %q in\n%s", want, with)
		}
	}
	if strings.Index(with, "```mermaid") > strings.Index(with, "<details>") {
		t.Error("the diagram is not in the head, before the details")
	}
	if without := markdown(t, p, render.Options{}); strings.Contains(without, "mermaid") {
		t.Error("a diagram without RoleDiagram")
	}
	if txt := text(t, p, render.Options{RoleDiagram: true}); strings.Contains(txt, "mermaid") {
		t.Error("a diagram in the text plan")
	}
}
