// Package zoho is crmsync's client for the Zoho CRM REST API: OAuth, limits,
// retries, Zoho's response envelopes, and typed calls for the settings that
// crmsync reads and writes (record locking configurations, custom modules,
// roles, contact roles) and the look-ups it needs (org, profiles, fields,
// users, custom buttons).
//
// Phase: I/O. observe and apply use this package; plan and desired must not.
// It imports no other crmsync package and keeps its own wire types, which
// follow Zoho's JSON keys (snake_case). The facts it relies on are in
// docs/zoho/api.md; comments cite them as [api.md §N] (docs/zoho/sources.md).
//
// Design notes:
//
//   - One access token at a time. The token manager mints at most one token
//     at a time and shares it across all calls, and refuses an eleventh
//     grant within ten minutes before asking, because Zoho allows only ten
//     access tokens per refresh token per ten minutes [api.md §6.2]. A token
//     can expire at any moment of a long run: a call that meets 401
//     INVALID_TOKEN drops the token (unless another call already replaced
//     it, so that the calls failing together cause one grant), takes a fresh
//     one and repeats once; Zoho did not process the rejected call, so this
//     is safe for writes. Only a fresh token refused on its first use points
//     at the data centre.
//   - Slot, then token, then send. A call waits for a slot among the calls
//     in flight, then takes the token, then checks its context once more
//     before sending. Under FinishStarted a call on the wire is not cut off
//     by its context, so Ctrl-C stops every call not yet sent
//     (*NotSentError) and lets the sent ones finish. A 429 halves the
//     calls in flight for the rest of the run (floor 1; said once per change
//     on Config.Warnings): Zoho answers the same TOO_MANY_REQUESTS to the
//     concurrency limit and to the daily one [api.md §7], and a narrower run
//     helps the first and costs nothing against the second.
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
//   - The Client holds all state (token, counters, slots); there is no
//     package-level mutable state.
package zoho
