// Package export writes manifests from live state: one YAML file per
// object, with names and never IDs, only the keys crmsync manages, and
// documented server defaults left out, so that planning the exported
// manifests against the same org shows no changes.
//
// It does no I/O; the CLI writes the files it returns.
package export
