package plan_test

import (
	"maps"

	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

// checkGlobalPicklistItem: a create sends api_name, display_label, the
// values and the other keys the manifest sets; an update always sends
// display_label and pick_list_values (mandatory under one reading), and
// description and pick_list_values_sorted_lexically only when they
// change. No value entry carries an unchanged key, and one request
// removes at most one value and moves at most one to unused.
func checkGlobalPicklistItem(c *plan.Change, item map[string]any, want map[string]bool, fail func(string, ...any)) {
	g := c.After.GlobalPicklist
	if c.Action == plan.Create {
		maps.Copy(want, map[string]bool{"api_name": true, "display_label": true, "pick_list_values": true,
			"description": g.Description != nil, "pick_list_values_sorted_lexically": g.PickListValuesSortedLexically != nil})
	} else {
		changed := changedKeys(c)
		want["display_label"], want["pick_list_values"] = true, true
		want["description"] = changed["description"] && item["description"] != nil
		want["pick_list_values_sorted_lexically"] = changed["pick_list_values_sorted_lexically"] && item["pick_list_values_sorted_lexically"] != nil
	}
	exactKeys(item, want, fail)
	entries, _ := item["pick_list_values"].([]any)
	if len(entries) == 0 {
		fail("no pick_list_values")
	}
	live := map[string]model.PicklistValue{}
	if c.Before != nil {
		for _, v := range *c.Before.GlobalPicklist.PickListValues {
			live[v.ID] = v
		}
	}
	deletes, unused := 0, 0
	for _, e := range entries {
		m, _ := e.(map[string]any)
		id, _ := m["id"].(string)
		l, known := live[id]
		switch {
		case m["_delete"] == true:
			deletes++
		case m["type"] == model.PicklistUnused && known:
			unused++
		}
		if known && m["display_value"] != nil && m["display_value"] == l.DisplayValue && len(m) > 2 {
			fail("value %s resends its unchanged display value", id)
		}
		if known && m["type"] != nil && m["type"] == typeName(l) {
			fail("value %s resends its unchanged type", id)
		}
		if id == "" && (m["display_value"] == nil || m["type"] == nil) {
			fail("a new value without display_value or type: %v", m)
		}
	}
	if c.Action == plan.Update && (deletes > 1 || unused > 1) {
		fail("%d value removals and %d moves to unused in one request, Zoho takes one of each", deletes, unused)
	}
}

func typeName(v model.PicklistValue) string {
	if v.Unused() {
		return model.PicklistUnused
	}
	return model.PicklistUsed
}
