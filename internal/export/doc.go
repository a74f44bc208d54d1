// Package export writes manifests from live state: one YAML file per
// object, with names and never IDs, only the keys crmsync manages, and
// documented server defaults left out, so that planning the exported
// manifests against the same org shows no changes.
//
// What a kind's manifest holds is said by its descriptor's export layout
// (package kinds); this package orders, encodes and names the files.
//
// It does no I/O; the CLI writes the files it returns.
package export
