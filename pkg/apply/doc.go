// Package apply is the execute phase: it sends a plan's requests (package
// plan) through the Zoho client in dependency order, records what happened
// to each change, re-plans objects whose write had an unknown outcome
// instead of repeating the write, and verifies the result against the plan.
//
// It imports plan, model and zoho, jsonplan for the type of the fallback
// body forms it lists for the JSON plan (forms.go), and render for the
// values in the text form of its report (report_text.go); nothing imports
// it but the CLI.
package apply
