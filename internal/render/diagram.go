package render

import (
	"bytes"
	"fmt"

	"github.com/crmsync/crmsync/internal/rolegraph"
	"github.com/crmsync/crmsync/pkg/plan"
)

// writeRoleDiagram adds, when p changes roles, the changed part of the
// role hierarchy as a Mermaid diagram, which GitHub renders in comments.
// A diagram longer than room is left out, saying so.
func writeRoleDiagram(head *bytes.Buffer, p *plan.Plan, room int) {
	g := rolegraph.FromPlan(p)
	if g == nil {
		return
	}
	var d bytes.Buffer
	if err := g.Mermaid(&d); err != nil {
		return
	}
	head.WriteString("**Role hierarchy** (the part this changes)\n\n")
	if d.Len() > room {
		fmt.Fprintf(head, "_The diagram of %d roles is too large for this comment; run `crmsync graph roles` for the whole tree._\n\n", g.Len())
		return
	}
	head.WriteString("```mermaid\n" + d.String() + "```\n\n")
}
