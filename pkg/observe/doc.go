// Package observe is the read phase: it reads the live state that a set of
// manifests needs from Zoho, concurrently within the client's limit, and
// turns it into the shared resource model (package model), with names in
// place of IDs and the look-up tables that names resolve against.
//
// It reads only what the manifests need (see ScopeFor) and never guesses
// from a truncated list. A locking read that Zoho refuses because the module
// does not exist or has no record locking is not a failure: it is recorded
// in Lookups.LockingErrors for the plan to report at the manifest, and the
// module list is read once for the closest names. It reads through the Reader interface, which has no
// write method: plan and drift cannot write. It must not import package
// plan or apply.
package observe
