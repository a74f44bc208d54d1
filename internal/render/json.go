package render

import (
	"encoding/json"
	"io"

	"github.com/crmsync/crmsync/pkg/jsonplan"
	"github.com/crmsync/crmsync/pkg/plan"
)

// JSON writes the JSON plan of p (package jsonplan, the documented
// contract) as indented JSON. o says how it is built.
func JSON(w io.Writer, p *plan.Plan, o jsonplan.Options) error {
	return writeJSON(w, jsonplan.FromPlan(p, o))
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
