package plan_test

import (
	"slices"

	"github.com/crmsync/crmsync/pkg/plan"
)

// checkFieldItem: a create is one POST with api_name, field_label and
// data_type and the keys the manifest sets, then PATCHes of the same
// field (by its placeholder id) with only further options and profiles;
// an update is a PATCH with the field's id and only keys that changed
// (permissions are sent as profiles); at most five fields per call, ten
// options and ten profiles per update item (fifty on create); option
// entries are a new option with both values, an edit by id (rename,
// move) or a removal {id, _delete: true}.
func checkFieldItem(r plan.Request, c *plan.Change, item map[string]any, fail func(string, ...any)) {
	if len(r.Changes) > 5 {
		fail("%d fields in one call, want at most 5", len(r.Changes))
	}
	if item == nil {
		return
	}
	opts, _ := item["pick_list_values"].([]any)
	profiles, _ := item["profiles"].([]any)
	allowed := map[string]bool{"id": true, "pick_list_values": true, "profiles": true}
	switch {
	case c.Action == plan.Create && r.Method == "POST":
		for _, k := range []string{"api_name", "field_label", "data_type"} {
			if item[k] == nil {
				fail("create %s without %s", c.Key, k)
			}
		}
		allowed = map[string]bool{"api_name": true, "field_label": true, "data_type": true, "length": true, "decimal_place": true,
			"textarea": true, "tooltip": true, "global_picklist": true, "pick_list_values": true, "profiles": true,
			"pick_list_values_sorted_lexically": true}
		if len(profiles) > 50 {
			fail("%d profiles on create", len(profiles))
		}
		profiles = nil
	case c.Action == plan.Create && r.Method == "PATCH":
		if item["id"] != plan.Placeholder(c.Key) {
			fail("a later write of the new %s has id %v, want its placeholder", c.Key, item["id"])
		}
	case c.Action == plan.Update && r.Method == "PATCH":
		if item["id"] != c.ID {
			fail("%s: id %v, want %s", c.Key, item["id"], c.ID)
		}
		changed := map[string]bool{}
		for _, f := range c.Fields {
			top := f.Steps[0]
			if top == "permissions" {
				top = "profiles"
			}
			changed[top] = true
		}
		for k := range item {
			if k != "id" && !changed[k] {
				fail("%s: sends %s, which did not change", c.Key, k)
			}
			allowed[k] = allowed[k] || changed[k]
		}
	default:
		fail("%s %s carried by a %s", c.Action, c.Key, r.Method)
	}
	for k := range item {
		if !allowed[k] {
			fail("%s: key %s", c.Key, k)
		}
	}
	if len(opts) > 10 || len(profiles) > 10 {
		fail("%s: %d options and %d profiles in one item, want at most 10 each", c.Key, len(opts), len(profiles))
	}
	for _, x := range opts {
		checkOptionEntry(c, x, fail)
	}
}

func checkOptionEntry(c *plan.Change, x any, fail func(string, ...any)) {
	o, _ := x.(map[string]any)
	var keys []string
	for k := range o {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	liveIDs := map[string]bool{}
	if c.Before != nil && c.Before.Field != nil && c.Before.Field.PickListValues != nil {
		for _, v := range *c.Before.Field.PickListValues {
			liveIDs[v.ID] = true
		}
	}
	switch id, _ := o["id"].(string); {
	case id == "":
		if o["display_value"] == nil || o["actual_value"] == nil || o["_delete"] != nil {
			fail("%s: new option %v, want display_value and actual_value", c.Key, o)
		}
	case !liveIDs[id]:
		fail("%s: option id %s is not a live option", c.Key, id)
	case o["_delete"] != nil:
		if len(o) != 2 || o["_delete"] != true {
			fail("%s: removal %v, want {id, _delete: true}", c.Key, o)
		}
	case o["actual_value"] != nil || len(o) == 1:
		fail("%s: option edit %v sends its actual value or nothing", c.Key, o)
	}
}
