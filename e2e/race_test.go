//go:build race

package e2e

// raceEnabled: under `go test -race` the crmsync command, a copy of the
// test binary, has the race detector too, so the end-to-end runs check the
// CLI for races.
const raceEnabled = true
