// Package emulator is an in-memory emulator of the Zoho CRM REST API subset
// that crmsync manages: record locking configurations, custom modules, roles
// and contact roles, field metadata (fields with picklist options and
// field permissions) and global picklists, plus the look-ups crmsync reads
// (profiles, users, custom buttons, org) and the OAuth token endpoint.
//
// Public on purpose: the emulator is importable (github.com/crmsync/crmsync/pkg/emulator)
// so that other tools, and crmsync users' own CI, can test against the same
// fake org with the same readings; its exported API changes only with a
// note in the changelog. The rest of crmsync that is not meant for
// importers (the CLI, rendering, exports, projects, redaction, the role
// graph) lives under internal/.
//
// Phase: test infrastructure. The emulator is written from the API documents
// only (docs/zoho/api.md, docs/zoho/fields.md, the seed pages in
// docs/zoho/seeds and Zoho's OpenAPI files in pkg/zoho/testdata/oas; see
// docs/zoho/sources.md). It must not import any other
// crmsync package (pkg/zoho, pkg/model, pkg/desired, pkg/plan, pkg/apply, ...)
// and it keeps its own wire types, so that a misunderstanding in the tool is
// not mirrored by its fake.
//
// Design notes:
//
//   - Every handler returns a reply value (HTTP status plus a JSON body);
//     the pipeline in server.go applies the test knobs around it (latency,
//     concurrency limit, injected 429/500, applied-then-lost 500), logs it and
//     writes it.
//   - Where the documents disagree or are silent, each plausible reading is
//     implemented and selected by a field of Readings (readings.go). The zero
//     value of every field selects the reading that hurts a careless client
//     most; each field names its sources.
//   - The state is kept as the exported Seed types (seed.go) behind pointer
//     indexes (state.go). A Seed can be written in Go, loaded from YAML or
//     JSON, taken from the running server with Snapshot, and persisted to
//     Options.StateFile after every successful write.
//   - Comments cite their source: [seed:<page>] for docs/zoho/seeds,
//     [OAS <file>] for pkg/zoho/testdata/oas, [api.md §N] for
//     docs/zoho/api.md, [fields.md §N] for docs/zoho/fields.md, and
//     [inferred] where no source settles the point (docs/zoho/sources.md).
package emulator
