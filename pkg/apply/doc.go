// Package apply is the execute phase: it sends a plan's requests (package
// plan) through the Zoho client in dependency order, records what happened
// to each change, re-plans objects whose write had an unknown outcome
// instead of repeating the write, and verifies the result against the plan.
//
// It imports plan, model and zoho; nothing imports it but the CLI.
package apply
