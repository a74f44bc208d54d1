package render

import (
	"encoding/json"
	"io"

	"github.com/crmsync/crmsync/pkg/plan"
)

// JSON writes the plan as indented JSON, the documented contract.
func JSON(w io.Writer, p *plan.Plan) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(p)
}
