package desired

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
)

// Diagnostic is one problem found in the manifests.
type Diagnostic struct {
	// Source is where the problem is. Line and Column are 0 when the problem
	// concerns a whole file or directory.
	Source model.Source `json:"source"`
	// Key names the object: model.Key.String(), the kind alone when the name
	// is unknown, "document N" when the kind is unknown too, or "" for
	// problems outside any document.
	Key string `json:"key,omitempty"`
	// Message says what is wrong and what was expected.
	Message string `json:"message"`
}

// String renders the diagnostic as file:line:col: key: message.
func (d Diagnostic) String() string {
	var b strings.Builder
	if d.Source.File != "" {
		b.WriteString(d.Source.File)
		if d.Source.Line > 0 {
			fmt.Fprintf(&b, ":%d:%d", d.Source.Line, d.Source.Column)
		}
		b.WriteString(": ")
	}
	if d.Key != "" {
		b.WriteString(d.Key)
		b.WriteString(": ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// Diagnostics is every problem found in the manifests. It is the error that
// Load and Parse return when the manifests are invalid.
type Diagnostics []Diagnostic

// Error renders one diagnostic per line.
func (ds Diagnostics) Error() string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// sortDiagnostics orders ds by file, line, column, key and message, and
// drops exact duplicates.
func sortDiagnostics(ds Diagnostics) Diagnostics {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Source.File, b.Source.File),
			cmp.Compare(a.Source.Line, b.Source.Line),
			cmp.Compare(a.Source.Column, b.Source.Column),
			cmp.Compare(a.Key, b.Key),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.Compact(ds)
}
