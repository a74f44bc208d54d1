// Package model is the resource model shared by both sides of a
// reconciliation: desired state (decoded from manifests by package desired)
// and observed state (read from Zoho by package observe) use the same types,
// so that package plan can pair and diff them.
//
// Objects refer to other objects by name (profile names, field API names,
// role names, user emails), never by Zoho's numeric IDs. Observed objects also
// carry the IDs they were read with, in fields that manifests never set.
// Names compare folded (Fold: case and leading and trailing spaces do not
// count) and are written exactly; see names.go.
//
// A pointer or nil slice field means "not managed": a manifest that leaves a
// key out says nothing about it, and the plan never changes it.
//
// This package does no I/O and imports no other crmsync package.
package model
