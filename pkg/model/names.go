package model

import "strings"

// Names of roles and contact roles are unique in Zoho. crmsync treats two
// names that differ only in case or in leading and trailing spaces as the
// same name: the docs do not say how Zoho compares them, and refusing a
// case variant with DUPLICATE_DATA is the reading that hurts most. The
// exact name is kept everywhere it is written; only comparisons fold.

// Fold is the form in which names are compared: trimmed of leading and
// trailing white space and lower-cased.
func Fold(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// SameName reports whether a and b name the same object.
func SameName(a, b string) bool { return Fold(a) == Fold(b) }

// FoldKey is k with its name folded, for maps keyed by identity.
func FoldKey(k Key) Key { return Key{Kind: k.Kind, Name: Fold(k.Name)} }

// TempSuffix marks the temporary name that a rename goes through when a
// cycle of renames leaves no safe order (A→B and B→A).
const TempSuffix = " (crmsync tmp)"

// MaxNameLen is the longest name Zoho accepts for a kind, in characters,
// or 0 when the documents give no limit.
func MaxNameLen(k Kind) int {
	if k == KindContactRole {
		return 50
	}
	return 0
}

// TempName is the temporary name of an object whose target name is name:
// name followed by TempSuffix, the name shortened so that the whole fits
// the kind's length limit. It is deterministic, so that a rerun after an
// interruption finds the object under it again.
func TempName(kind Kind, name string) string {
	r := []rune(strings.TrimSpace(name))
	if limit := MaxNameLen(kind); limit > 0 && len(r)+len([]rune(TempSuffix)) > limit {
		r = r[:limit-len([]rune(TempSuffix))]
	}
	return string(r) + TempSuffix
}
