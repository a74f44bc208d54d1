package apply

import (
	"encoding/json"

	"github.com/crmsync/crmsync/pkg/jsonplan"
)

// FallbackForms lists, for a planned request body, the body in the other
// documented form of its disputed part (shapes.go), for the JSON plan. The
// planned body is what apply sends first; it sends the fallback when Zoho
// refuses the first form with a 400, for later requests of the run once a
// fallback took, and, narrowed to one field, when Zoho accepts a field but
// ignores it (ignored.go). Bodies with no disputed part have none.
func FallbackForms(body json.RawMessage) []jsonplan.FallbackForm {
	sh, form := bodyShape(body)
	if form == formNone {
		return nil
	}
	alt := other(form)
	return []jsonplan.FallbackForm{{Part: sh.Part, Form: sh.Describe(alt), Instead: sh.Describe(form),
		Body: sh.Rewrite(append([]byte(nil), body...), alt)}}
}
