package plan

import (
	"testing"

	"github.com/crmsync/crmsync/pkg/kinds"
)

// TestEveryKindIsPlanned fails when a registered kind has no diff in the
// builder, or when its deletion is planned for a kind the API cannot
// delete (or not planned for one it can).
func TestEveryKindIsPlanned(t *testing.T) {
	for _, d := range kinds.All() {
		kp, ok := kindPlans[d.Kind]
		if !ok || kp.diff == nil {
			t.Errorf("%s: the plan builder has no diff for this kind", d.Kind)
			continue
		}
		if (kp.deleted != nil) != d.Caps.Deletable {
			t.Errorf("%s: deletable is %v, but the builder plans deletions: %v", d.Kind, d.Caps.Deletable, kp.deleted != nil)
		}
	}
	if len(kindPlans) != len(kinds.All()) {
		t.Errorf("the builder plans %d kinds, the registry has %d", len(kindPlans), len(kinds.All()))
	}
}
