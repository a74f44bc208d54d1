// Package kinds is the registry of settings kinds: one table lists the
// descriptor of every kind crmsync manages, in sort order, and the phases
// (desired, observe, plan, export, render and cmd/crmsync) iterate over it
// instead of switching on the kind. Each kind's descriptor lives in its own
// package below this one (kinds/module, kinds/role, kinds/contactrole,
// kinds/locking); see docs/adding-a-kind.md.
//
// This package does no I/O. It imports package model, package spec and the
// kind packages, and no phase.
package kinds
