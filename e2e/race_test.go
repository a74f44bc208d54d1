//go:build race

package e2e

// raceEnabled: under `go test -race` the crmsync binary is built with the
// race detector too, so the end-to-end runs check the CLI for races.
const raceEnabled = true

func init() { buildFlags = append(buildFlags, "-race") }
