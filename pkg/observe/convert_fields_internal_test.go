package observe

import (
	"testing"

	"github.com/crmsync/crmsync/pkg/zoho"
)

// TestFieldObjectSkipsNone: Zoho's "-None-" entry of a picklist is not an
// option the plan would otherwise remove; an option without an actual
// value is stored as its display value.
func TestFieldObjectSkipsNone(t *testing.T) {
	o := fieldObject("Deals", &zoho.Field{ID: "1", APIName: "Stage", DataType: "picklist", PickListValues: []zoho.PickListValue{
		{DisplayValue: "-None-", ActualValue: "-None-"}, {DisplayValue: "Won", ActualValue: "Closed Won", ID: "2"}, {DisplayValue: "Lost", ID: "3"}}})
	vals := *o.Field.PickListValues
	if !o.System || len(vals) != 2 || vals[0].ID != "2" || *vals[0].ActualValue != "Closed Won" || *vals[1].ActualValue != "Lost" {
		t.Errorf("got %+v (system %v)", vals, o.System)
	}
	if o.Field.Tooltip == nil || o.Field.Tooltip.Name != "" {
		t.Errorf("a field without tooltip has %+v, want the empty tooltip (none)", o.Field.Tooltip)
	}
}
