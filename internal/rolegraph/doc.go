// Package rolegraph draws the role hierarchy: a whole tree (live or
// desired) as Mermaid, DOT or an indented text tree, and the part of the
// tree a plan changes as a Mermaid diagram with new, moved, changed and
// deleted roles marked by their own classDef. GitHub renders Mermaid in
// pull-request comments.
//
// Phase: presentation, beside package render. It reads models and plans
// and must not import pkg/zoho, pkg/observe or anything that talks HTTP.
// Output is deterministic: nodes and edges are sorted by name.
package rolegraph
