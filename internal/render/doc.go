// Package render turns a plan (package plan) into text for a terminal,
// JSON for machines and Markdown for pull-request comments. All three are
// rendered from the same plan structure: the JSON is its JSON plan
// (package jsonplan, built by jsonplan.FromPlan); only the text renderer
// colours.
//
// It must not import net/http or the zoho, observe or apply packages.
package render
