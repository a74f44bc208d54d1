// Package cli is crmsync's command line: one file per subcommand, each with
// its flags, its help text and a run function that reads as a list of
// phases (load, validate, observe, plan, render, apply). It wires the phase
// packages together and is the only place that turns errors into output and
// exit codes; cmd/crmsync is a thin main around Main, and the end-to-end
// tests in e2e register Main as the crmsync command of their scripts.
//
// It may import every pkg/ package; nothing imports it but cmd/crmsync and
// e2e.
package cli
