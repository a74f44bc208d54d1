// Package zoho is crmsync's client for the Zoho CRM REST API: OAuth, limits,
// retries, Zoho's response envelopes, and typed calls for the settings that
// crmsync reads and writes (record locking configurations, custom modules,
// roles, contact roles) and the look-ups it needs (org, profiles, fields,
// users, custom buttons).
//
// Phase: I/O. observe and apply use this package; plan and desired must not.
// It imports no other crmsync package and keeps its own wire types, which
// follow Zoho's JSON keys (snake_case). The facts it relies on are in
// shared/zoho-crm-api.md; comments cite them as [api.md §N].
//
// Design notes:
//
//   - One access token per run. The token manager mints at most one token at
//     a time and shares it across all calls, because Zoho allows only ten
//     access tokens per refresh token per ten minutes [api.md §6.2]. A 401
//     INVALID_TOKEN drops the token, mints one more and repeats the call once;
//     Zoho did not process the rejected call, so this is safe for writes.
//   - Reads and writes retry differently. GET retries on 429, 5xx and network
//     errors. POST, PUT and DELETE retry only on 429 (Zoho refused the call)
//     and on dial errors (nothing was sent). A write that fails with 5xx, a
//     broken connection or a timeout may have been applied: it returns an
//     *OutcomeUnknownError and is never repeated. The caller re-reads.
//   - HTTP status never decides whether an item succeeded: each per-item
//     action result is judged by its own status and code [api.md §8].
//   - Secrets never reach a log line or an error message: every text that
//     leaves the package passes through the redactor (redact.go), and the
//     bodies of token calls are never logged.
//   - The Client holds all state (token, counters, semaphore); there is no
//     package-level mutable state.
package zoho
