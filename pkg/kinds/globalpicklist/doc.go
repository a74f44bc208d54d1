// Package globalpicklist describes the GlobalPicklist kind: an org-wide set
// of picklist values that fields of any module can use, identified by its
// API name. It holds the descriptor (registered in the table of package
// kinds), the exported manifest and the typed request bodies the plan
// marshals. It imports no phase.
package globalpicklist
