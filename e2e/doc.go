// Package e2e holds crmsync's end-to-end tests. They drive the crmsync
// command as a user or a CI job would: the command is the test binary
// itself, re-executed under the name crmsync (TestMain), so it runs
// in-process code with the test build's flags (-race, -cover) while still
// being a process that can be signalled and timed. Testscript scripts
// in testdata/script run it against `crmsync emulator` over real HTTP, and
// the recipe tests check that the CI workflows in examples/ci and the
// GitHub Action in action.yml only use commands and flags the CLI has.
// TestSDKWitness runs Zoho's own Node SDK for API v8 (e2e/sdk) against the
// emulator; it needs Node.js and `npm ci` in e2e/sdk, and skips without
// them unless CRMSYNC_SDK_WITNESS=1.
//
// The package has no non-test code and imports nothing from crmsync but
// internal/cli, the command's entry point: the command's arguments, output
// and exit codes are the interface under test.
//
// Run it with `go test ./e2e/`; `CRMSYNC_UPDATE=1 go test ./e2e/` rewrites
// the golden files embedded in the scripts.
package e2e
