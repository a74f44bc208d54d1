package observe

import (
	"strings"
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

// TestFieldObjectOrdersBySequence: the order of a picklist is its options'
// sequence_number (what a reorder sets), whatever order the array has.
func TestFieldObjectOrdersBySequence(t *testing.T) {
	seq := func(n int) *int { return &n }
	o := fieldObject("Accounts", &zoho.Field{ID: "1", APIName: "Tier", DataType: "picklist", CustomField: true, PickListValues: []zoho.PickListValue{
		{DisplayValue: "-None-", ActualValue: "-None-", SequenceNumber: seq(0)},
		{DisplayValue: "Bronze", ID: "4", SequenceNumber: seq(3)}, {DisplayValue: "Gold", ID: "2", SequenceNumber: seq(1)},
		{DisplayValue: "Silver", ID: "3", SequenceNumber: seq(2)}}})
	var got []string
	for _, v := range *o.Field.PickListValues {
		got = append(got, v.DisplayValue)
	}
	if strings.Join(got, ",") != "Gold,Silver,Bronze" {
		t.Errorf("order %v, want by sequence_number", got)
	}
	// Without a sequence_number on every option the array order holds.
	o = fieldObject("Accounts", &zoho.Field{ID: "1", APIName: "Tier", DataType: "picklist", CustomField: true, PickListValues: []zoho.PickListValue{
		{DisplayValue: "Bronze", ID: "4", SequenceNumber: seq(3)}, {DisplayValue: "Gold", ID: "2"}}})
	if vals := *o.Field.PickListValues; vals[0].DisplayValue != "Bronze" {
		t.Errorf("order %+v, want the array's", vals)
	}
}

// TestFieldObjectSequenceBase: when Zoho numbers its "-None-" entry first,
// the options' places start after it.
func TestFieldObjectSequenceBase(t *testing.T) {
	seq := func(n int) *int { return &n }
	for _, c := range []struct {
		name string
		vals []zoho.PickListValue
		want int
	}{
		{"none first", []zoho.PickListValue{{DisplayValue: "-None-", SequenceNumber: seq(1)}, {DisplayValue: "A", SequenceNumber: seq(2)}}, 1},
		{"no none", []zoho.PickListValue{{DisplayValue: "A", SequenceNumber: seq(1)}}, 0},
		{"none unnumbered", []zoho.PickListValue{{DisplayValue: "-None-"}, {DisplayValue: "A", SequenceNumber: seq(1)}}, 0},
		{"none numbered 0", []zoho.PickListValue{{DisplayValue: "-None-", SequenceNumber: seq(0)}, {DisplayValue: "A", SequenceNumber: seq(1)}}, 0},
	} {
		o := fieldObject("Leads", &zoho.Field{ID: "1", APIName: "Lead_Source", DataType: "picklist", PickListValues: c.vals})
		if got := o.Field.SequenceBase; got != c.want {
			t.Errorf("%s: base %d, want %d", c.name, got, c.want)
		}
	}
}
