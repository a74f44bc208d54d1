// Package jsonplan is the JSON plan: the versioned contract that
// `crmsync plan --format json` prints, that `crmsync plan --out` saves and
// that `crmsync apply PLANFILE` reads back (docs/plan-json.md). It is kept
// apart from the internal plan (package plan), in the way of Terraform's
// internal/command/jsonplan: FromPlan builds it, Read and ToPlan turn a
// saved one back into the internal plan, and its FormatVersion moves on its
// own. Field values are real JSON values and field paths are arrays of
// steps.
//
// It is a presentation layer: it may import plan and model, and must not
// import net/http or the zoho, observe or apply packages. Package plan must
// not import it; render, apply and cmd may.
package jsonplan
