// Package diag is the one diagnostics type of crmsync: a problem at a
// manifest position (file:line:col), naming its object, with a message, an
// optional hint and a severity, and the one sorter and printer for them.
// Manifest problems (package desired) and org and plan problems (package
// plan) are both Lists. Positions carries the manifest positions of the
// values inside each desired object to the plan, as data.
//
// Package diag imports only package model.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
)

// Severity says whether a diagnostic stops the command.
type Severity string

const (
	// Error stops the command (the zero value reads as Error).
	Error Severity = ""
	// Warning is printed and the command goes on.
	Warning Severity = "warning"
)

// Diagnostic is one problem.
type Diagnostic struct {
	// Source is where the problem is. Line and Column are 0 when the
	// problem concerns a whole file or directory, File is "" when it has no
	// place in the manifests.
	Source model.Source `json:"source"`
	// Key names the object: model.Key.String(), the kind alone when the
	// name is unknown, "document N" when the kind is unknown too, or "" for
	// problems outside any object.
	Key string `json:"key,omitempty"`
	// Message says what is wrong and what was expected.
	Message string `json:"message"`
	// Hint, when set, says how to fix it.
	Hint string `json:"hint,omitempty"`
	// Severity is Error unless set.
	Severity Severity `json:"severity,omitempty"`
}

// String renders file:line:col: [warning: ]key: message (hint).
func (d Diagnostic) String() string {
	var b strings.Builder
	if d.Source.File != "" {
		b.WriteString(d.Source.File)
		if d.Source.Line > 0 {
			fmt.Fprintf(&b, ":%d:%d", d.Source.Line, d.Source.Column)
		}
		b.WriteString(": ")
	}
	if d.Severity != Error {
		b.WriteString(string(d.Severity) + ": ")
	}
	if d.Key != "" {
		b.WriteString(d.Key + ": ")
	}
	b.WriteString(d.Message)
	if d.Hint != "" {
		b.WriteString(" (" + d.Hint + ")")
	}
	return b.String()
}

// List is a set of problems; as an error it prints one per line.
type List []Diagnostic

// Error renders one diagnostic per line, in the list's order.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, d := range l {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// Sorted returns the list ordered by file, line, column, key and message,
// without exact duplicates; the list itself is not changed.
func (l List) Sorted() List {
	out := slices.Clone(l)
	slices.SortStableFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Source.File, b.Source.File),
			cmp.Compare(a.Source.Line, b.Source.Line),
			cmp.Compare(a.Source.Column, b.Source.Column),
			cmp.Compare(a.Key, b.Key),
			cmp.Compare(a.Message, b.Message),
			cmp.Compare(a.Hint, b.Hint),
			cmp.Compare(a.Severity, b.Severity),
		)
	})
	return slices.Compact(out)
}

// Errors reports whether the list holds a diagnostic of severity Error.
func (l List) Errors() bool {
	return slices.ContainsFunc(l, func(d Diagnostic) bool { return d.Severity == Error })
}
