// Package locking describes the RecordLockingConfig kind: a module's record
// locking configuration with its automatic locking rules.
package locking
