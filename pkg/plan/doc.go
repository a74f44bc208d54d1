// Package plan is the diff phase: it pairs desired objects (from package
// desired) with observed ones (from package observe) by key, including
// previous and temporary names and without regard to case or edge spaces
// (pair.go, canon.go), resolves names to Zoho IDs, diffs each pair field by
// field after normalizing both sides, and groups the differences into
// exactly the API requests an apply will send, ordered so that a name is
// freed before another object takes it (names.go).
//
// Writes Zoho would refuse are problems found here, before any call, at the
// manifest: names that do not resolve, unsafe deletes, module labels that
// another module keeps or takes (labels.go), duplicate rule criteria and
// locking configurations on modules Zoho refuses (locking_checks.go).
//
// A Plan is plain data: no closures, no clients, and it survives a JSON round
// trip unchanged. It is not the JSON contract: package jsonplan builds the
// versioned JSON plan from it (docs/plan-json.md); plan must not import it.
//
// This package must not import net/http, package zoho, observe or apply:
// `go list -deps ./pkg/plan` shows no HTTP client.
package plan
