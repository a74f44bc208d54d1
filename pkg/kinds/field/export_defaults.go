package field

import (
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
)

// What an untouched org has, for the two properties of a standard field a
// manifest manages. Export leaves out what equals these, and writes a
// standard field not at all when nothing differs.
//
// Permissions: a field's profiles all get read_write unless told otherwise
// ("by default all org users have access", fields.md §5.2, for a create
// without profiles; GET lists every profile, §5.2), so read_write is the
// untouched permission and only other permissions are written.
//
// Picklist values: the fact sheet documents no standard field's default
// options. The table below holds the few default lists that are published
// outside it, each with its source; a standard picklist not in the table
// has no known default, so its values are always written: an export that
// leaves out a list it cannot prove untouched would lose it.

// defaultPermission is the permission of a profile in an untouched org.
const defaultPermission = "read_write"

func isDefaultPermission(p string) bool { return p == defaultPermission }

// defaultPicklists maps "Module.api_name" (lower case) to the display
// values of the options of an untouched org, in order; their actual values
// are the display values.
var defaultPicklists = map[string][]string{
	// Deals' stages, as Zoho's Stage-Probability Mapping ships them (Zoho
	// help, "Map Stage-Probability values", names qualification, needs
	// analysis, negotiation, closed won and closed lost; the full list and
	// its order from Zoho partners' documentation [3rd]; fields.md §5.1's
	// note on 25-character texts names "Closed-Lost to Competition" as a
	// standard value).
	"deals.stage": {"Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers",
		"Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost",
		"Closed-Lost to Competition"},
	// Leads' statuses, as Zoho's sample metadata of the Leads module lists
	// them [3rd: the values shown by Zoho's v2 field metadata samples and
	// community answers; "Contact in future", "Junk lead", "Lost lead" and
	// "Pre Qualified" are named in Zoho's community forum].
	"leads.lead_status": {"Attempted to Contact", "Contact in Future", "Contacted", "Junk Lead", "Lost Lead",
		"Not Contacted", "Pre-Qualified", "Not Qualified"},
}

// noneOption is the empty choice Zoho lists first in a picklist's options
// on some readings; it is not a value an admin adds, so the comparison with
// the defaults ignores it (the document still writes every live option).
const noneOption = "-None-"

// defaultValues reports whether vs are the documented default options of
// field apiName of module, in order.
func defaultValues(module, apiName string, vs []model.PicklistValue) bool {
	want, ok := defaultPicklists[strings.ToLower(model.FieldKeyName(module, apiName))]
	if !ok {
		return false
	}
	var got []model.PicklistValue
	for _, v := range vs {
		if v.DisplayValue != noneOption {
			got = append(got, v)
		}
	}
	if len(got) != len(want) {
		return false
	}
	for i, v := range got {
		if v.DisplayValue != want[i] || (v.ActualValue != nil && *v.ActualValue != want[i]) {
			return false
		}
	}
	return true
}
