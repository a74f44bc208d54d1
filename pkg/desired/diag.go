package desired

import "github.com/crmsync/crmsync/pkg/diag"

// Diagnostic is one problem found in the manifests (package diag's one
// diagnostics type).
type Diagnostic = diag.Diagnostic

// Diagnostics is every problem found in the manifests. It is the error that
// Load and Parse return when the manifests are invalid, sorted by
// diag.List.Sorted.
type Diagnostics = diag.List
