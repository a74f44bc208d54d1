package observe

import (
	"testing"

	"github.com/crmsync/crmsync/pkg/kinds"
)

// TestEveryKindIsRead fails when a registered kind that is listed by one
// call has no read, or when a per-module kind has one (those are read from
// the scope's modules).
func TestEveryKindIsRead(t *testing.T) {
	for _, d := range kinds.All() {
		if _, ok := listReads[d.Kind]; ok == d.Reads.PerModule {
			t.Errorf("%s: per-module %v, but a list read is registered: %v", d.Kind, d.Reads.PerModule, ok)
		}
		if _, ok := listConverts[d.Kind]; ok == d.Reads.PerModule {
			t.Errorf("%s: per-module %v, but a list conversion is registered: %v", d.Kind, d.Reads.PerModule, ok)
		}
	}
}
