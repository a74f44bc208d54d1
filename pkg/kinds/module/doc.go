// Package module describes the Module kind: a custom module's labels and
// profile access.
package module
