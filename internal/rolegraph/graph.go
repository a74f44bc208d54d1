package rolegraph

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
)

// Mark says how a plan changes a role.
type Mark string

// The marks. Unmarked nodes are context: the parents of changed roles.
const (
	Unchanged Mark = ""
	Created   Mark = "created"
	Moved     Mark = "moved"
	Changed   Mark = "changed"
	Deleted   Mark = "deleted"
)

// Node is one role of a graph.
type Node struct {
	Name string
	// Label is shown instead of Name when set (a renamed role: "new (was old)").
	Label string
	Mark  Mark
}

// Edge is "From is the parent of To". Old edges are where a moved or
// deleted role was, drawn dashed.
type Edge struct {
	From, To string
	Old      bool
}

// Graph is a set of roles and their reporting lines.
type Graph struct {
	nodes map[string]*Node
	edges []Edge
}

// New returns an empty graph.
func New() *Graph { return &Graph{nodes: map[string]*Node{}} }

// Node returns the node called name, adding it when missing.
func (g *Graph) Node(name string) *Node {
	n := g.nodes[name]
	if n == nil {
		n = &Node{Name: name}
		g.nodes[name] = n
	}
	return n
}

// Link adds the edge from parent to child, once.
func (g *Graph) Link(parent, child string, old bool) {
	if parent == "" || child == "" {
		return
	}
	g.Node(parent)
	g.Node(child)
	e := Edge{From: parent, To: child, Old: old}
	if !slices.Contains(g.edges, e) {
		g.edges = append(g.edges, e)
	}
}

// Len is the number of nodes.
func (g *Graph) Len() int { return len(g.nodes) }

// FromRoles builds the whole tree of roles; a role that reports to a role
// not in roles gets that parent as a plain node.
func FromRoles(roles []model.Role) *Graph {
	g := New()
	for _, r := range roles {
		g.Node(r.Name)
		if r.ReportingTo != nil {
			g.Link(*r.ReportingTo, r.Name, false)
		}
	}
	return g
}

// sortedNodes returns the nodes by name.
func (g *Graph) sortedNodes() []*Node {
	out := make([]*Node, 0, len(g.nodes))
	for _, n := range g.nodes {
		out = append(out, n)
	}
	slices.SortFunc(out, func(a, b *Node) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// sortedEdges returns the edges by parent, child, then current first.
func (g *Graph) sortedEdges() []Edge {
	out := slices.Clone(g.edges)
	slices.SortFunc(out, func(a, b Edge) int {
		if c := strings.Compare(a.From, b.From); c != 0 {
			return c
		}
		if c := strings.Compare(a.To, b.To); c != 0 {
			return c
		}
		if a.Old == b.Old {
			return 0
		}
		if a.Old {
			return 1
		}
		return -1
	})
	return out
}

// classDefs are the Mermaid styles of the marks.
var classDefs = []struct {
	mark  Mark
	style string
}{
	{Created, "fill:#dafbe1,stroke:#1a7f37,stroke-width:2px"},
	{Moved, "fill:#fff8c5,stroke:#9a6700,stroke-width:2px"},
	{Changed, "fill:#ddf4ff,stroke:#0969da"},
	{Deleted, "fill:#ffebe9,stroke:#cf222e,stroke-width:2px,stroke-dasharray:4 3"},
}

// Mermaid writes the graph as a Mermaid flowchart, top down. Marked nodes
// get their class, and a legend names the marks used.
func (g *Graph) Mermaid(w io.Writer) error {
	var b strings.Builder
	b.WriteString("flowchart TD\n")
	ids := map[string]string{}
	used := map[Mark]bool{}
	for i, n := range g.sortedNodes() {
		ids[n.Name] = fmt.Sprintf("r%d", i)
		used[n.Mark] = true
		fmt.Fprintf(&b, "  %s[\"%s\"]\n", ids[n.Name], mermaidText(n.text()))
	}
	for _, e := range g.sortedEdges() {
		arrow := "-->"
		if e.Old {
			arrow = "-. was .->"
		}
		fmt.Fprintf(&b, "  %s %s %s\n", ids[e.From], arrow, ids[e.To])
	}
	for _, cd := range classDefs {
		if !used[cd.mark] {
			continue
		}
		var members []string
		for _, n := range g.sortedNodes() {
			if n.Mark == cd.mark {
				members = append(members, ids[n.Name])
			}
		}
		fmt.Fprintf(&b, "  classDef %s %s\n  class %s %s\n", cd.mark, cd.style, strings.Join(members, ","), cd.mark)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mermaidText escapes a label for a quoted Mermaid node.
func mermaidText(s string) string {
	return strings.NewReplacer(`"`, "#quot;", "<", "#lt;", ">", "#gt;", "\n", " ").Replace(s)
}

// DOT writes the graph for Graphviz.
func (g *Graph) DOT(w io.Writer) error {
	var b strings.Builder
	b.WriteString("digraph roles {\n  rankdir=TB;\n  node [shape=box];\n")
	for _, n := range g.sortedNodes() {
		attrs := ""
		switch n.Mark {
		case Created:
			attrs = ", color=darkgreen"
		case Moved:
			attrs = ", color=orange"
		case Changed:
			attrs = ", color=blue"
		case Deleted:
			attrs = ", color=red, style=dashed"
		}
		fmt.Fprintf(&b, "  %s [label=%s%s];\n", dotID(n.Name), dotID(n.Name), attrs)
	}
	for _, e := range g.sortedEdges() {
		style := ""
		if e.Old {
			style = " [style=dashed]"
		}
		fmt.Fprintf(&b, "  %s -> %s%s;\n", dotID(e.From), dotID(e.To), style)
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func dotID(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

// Text writes the tree indented with box-drawing lines, roots first, each
// marked role followed by its mark. A role is shown under its current
// parent; a deleted one under its former parent.
func (g *Graph) Text(w io.Writer) error {
	children := map[string][]string{}
	hasParent := map[string]bool{}
	for _, e := range g.sortedEdges() {
		if e.Old && g.nodes[e.To].Mark != Deleted {
			continue
		}
		children[e.From] = append(children[e.From], e.To)
		hasParent[e.To] = true
	}
	var b strings.Builder
	seen := map[string]bool{}
	var walk func(name, prefix string, last, root bool)
	walk = func(name, prefix string, last, root bool) {
		branch, next := "├── ", "│   "
		if last {
			branch, next = "└── ", "    "
		}
		if root {
			branch, next = "", ""
		}
		if seen[name] {
			fmt.Fprintf(&b, "%s%s%s (cycle)\n", prefix, branch, name)
			return
		}
		seen[name] = true
		fmt.Fprintf(&b, "%s%s%s\n", prefix, branch, g.nodes[name].text())
		kids := children[name]
		for i, k := range kids {
			walk(k, prefix+next, i == len(kids)-1, false)
		}
	}
	for _, n := range g.sortedNodes() {
		if !hasParent[n.Name] {
			walk(n.Name, "", true, true)
		}
	}
	for _, n := range g.sortedNodes() { // roles only in cycles
		if !seen[n.Name] {
			walk(n.Name, "", true, true)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// text is the node's label with its mark, for the text tree.
func (n *Node) text() string {
	label := n.Name
	if n.Label != "" {
		label = n.Label
	}
	if n.Mark != Unchanged {
		label += " (" + string(n.Mark) + ")"
	}
	return label
}
