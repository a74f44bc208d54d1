// Package role describes the Role kind: a role of the hierarchy. Its
// descriptor is registered in the table of package kinds.
package role
