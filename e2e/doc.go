// Package e2e holds crmsync's end-to-end tests. They build the crmsync
// binary once and drive it as a user or a CI job would: testscript scripts
// in testdata/script run it against `crmsync emulator` over real HTTP, and
// the recipe tests check that the CI workflows in examples/ci and the
// GitHub Action in action.yml only use commands and flags the CLI has.
// TestSDKWitness runs Zoho's own Node SDK for API v8 (e2e/sdk) against the
// emulator; it needs Node.js and `npm ci` in e2e/sdk, and skips without
// them unless CRMSYNC_SDK_WITNESS=1.
//
// The package has no non-test code and imports nothing from crmsync: the
// binary and its output are the interface under test.
//
// Run it with `go test ./e2e/`; `CRMSYNC_UPDATE=1 go test ./e2e/` rewrites
// the golden files embedded in the scripts.
package e2e
