// Package spec defines the descriptor of a settings kind: its identity,
// schema file, export layout, capabilities and reads. The kind packages
// (kinds/module, kinds/role, ...) each declare one, and package kinds
// registers them in one table.
//
// This package does no I/O and imports only package model, so that every
// phase and every kind package can import it.
package spec
