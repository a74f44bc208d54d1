// Package redact hides secret values (the secret variables of a project's
// environment) in anything about to be printed or written: plans, JSON
// plans, Markdown, apply reports, exports. It imports nothing of crmsync and
// does no I/O.
package redact
