package plan_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

// checkMinimalRequests asserts that every request body carries only the
// ids, the keys that changed and the keys the API requires with them, as
// the doc comments of requests_locking.go, module.go, role_requests.go and
// contact_role.go state, and that the requests form a graph apply can run.
func checkMinimalRequests(t *testing.T, p *plan.Plan) {
	t.Helper()
	changes := map[model.Key]*plan.Change{}
	carried := map[model.Key][]int{}
	for i := range p.Changes {
		changes[p.Changes[i].Key] = &p.Changes[i]
	}
	for _, r := range p.Requests {
		for _, k := range r.Changes {
			carried[k] = append(carried[k], r.ID)
		}
		var errs []string
		fail := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
		items := bodyItems(r, fail)
		if items != nil && len(items) != len(r.Changes) {
			fail("%d body items for %d changes", len(items), len(r.Changes))
			items = nil
		}
		for i, k := range r.Changes {
			c := changes[k]
			if c == nil {
				fail("carries %s, which has no change", k)
				continue
			}
			var item map[string]any
			if items != nil {
				item = items[i]
			}
			checkItem(r, c, item, fail)
		}
		checkQuery(r, changes, fail)
		for _, e := range errs {
			t.Errorf("request %d (%s %s): %s", r.ID, r.Method, r.Path, e)
		}
	}
	for k, c := range changes {
		if !slices.Equal(c.Requests, carried[k]) {
			t.Errorf("%s lists requests %v, but requests %v carry it", k, c.Requests, carried[k])
		}
	}
	checkGraph(t, p)
}

// bodyItems decodes a body: every write wraps its objects in an array under
// the request's key; a DELETE has no body.
func bodyItems(r plan.Request, fail func(string, ...any)) []map[string]any {
	if r.Method == "DELETE" {
		if len(r.Body) > 0 {
			fail("a DELETE with a body")
		}
		return nil
	}
	var body map[string][]map[string]any
	dec := json.NewDecoder(bytes.NewReader(r.Body))
	dec.UseNumber()
	if err := dec.Decode(&body); err != nil {
		fail("body: %v", err)
		return nil
	}
	if len(body) != 1 || body[r.Key] == nil {
		fail("body keys %v, want only %q", slices.Sorted(maps.Keys(body)), r.Key)
		return nil
	}
	if n := len(body[r.Key]); n == 0 || n > 100 {
		fail("%d objects in one call", n)
	}
	return body[r.Key]
}

// changedKeys is the set of top-level keys a change's fields touch.
func changedKeys(c *plan.Change) map[string]bool {
	keys := map[string]bool{}
	for _, f := range c.Fields {
		top, _, _ := strings.Cut(f.Path, ".")
		keys[top] = top != "replaces" // a delete of its own, not a body key
	}
	return keys
}

// exactKeys fails unless item has exactly the keys of want.
func exactKeys(item map[string]any, want map[string]bool, fail func(string, ...any)) {
	got := slices.Sorted(maps.Keys(item))
	w := []string{}
	for k, ok := range want {
		if ok {
			w = append(w, k)
		}
	}
	slices.Sort(w)
	if !slices.Equal(got, w) {
		fail("body keys %v, want %v", got, w)
	}
	for k, v := range item {
		if v == nil {
			fail("key %s is null", k)
		}
	}
}

func checkItem(r plan.Request, c *plan.Change, item map[string]any, fail func(string, ...any)) {
	if c.Replaces != nil && r.Method == "DELETE" {
		if !strings.Contains(r.Path, c.Replaces.ID) && c.Key.Kind != model.KindContactRole {
			fail("the path does not name the id %s of the object %s replaces", c.Replaces.ID, c.Key)
		}
		return
	}
	if c.Action == plan.Update && item != nil && item["name"] == model.TempName(c.Key.Kind, c.Key.Name) {
		exactKeys(item, map[string]bool{"id": true, "name": true}, fail) // a move to the temporary name
		return
	}
	if c.Action == plan.Delete {
		if r.Method != "DELETE" {
			fail("%s is a delete carried by a %s", c.Key, r.Method)
		}
		if !strings.Contains(r.Path, c.ID) && c.Key.Kind != model.KindContactRole {
			fail("the path does not name %s's id %s", c.Key, c.ID)
		}
		return
	}
	if c.Key.Kind == model.KindField {
		checkFieldItem(r, c, item, fail)
		return
	}
	want := map[string]bool{}
	if c.Action == plan.Create && r.Method != "POST" || c.Action == plan.Update && r.Method != "PUT" {
		fail("%s %s carried by a %s", c.Action, c.Key, r.Method)
		return
	}
	if c.Action == plan.Update && item != nil {
		// Updates carry the object's id in the body, except modules and
		// roles, whose id is in the path only (as Zoho's SDK sends them).
		if c.Key.Kind == model.KindModule || c.Key.Kind == model.KindRole {
			if !strings.HasSuffix(r.Path, "/"+c.ID) {
				fail("%s path %s does not end in its id %s", c.Key.Kind, r.Path, c.ID)
			}
		} else if item["id"] != c.ID {
			fail("%s: id %v, want %s", c.Key, item["id"], c.ID)
		} else {
			want["id"] = true
		}
	}
	if item == nil {
		return
	}
	switch c.Key.Kind {
	case model.KindLockingConfig:
		checkLockingItem(c, item, want, fail)
	case model.KindModule:
		checkModuleItem(c, item, want, fail)
	case model.KindRole:
		checkRoleItem(c, item, want, fail)
	case model.KindContactRole:
		checkContactRoleItem(c, item, want, fail)
	}
}

// checkLockingItem: lock_type always; locking_rules whenever the lock type
// is automatic or both; locked_for and lock_excluded_profiles together when
// profiles are excluded; a create sends every key the manifest sets, an
// update only the keys that changed.
func checkLockingItem(c *plan.Change, item map[string]any, want map[string]bool, fail func(string, ...any)) {
	cfg := c.After.LockingConfig
	if c.Action == plan.Create {
		set := map[string]bool{
			"lock_type":                 cfg.LockType != nil,
			"locked_for":                cfg.LockedFor != nil,
			"lock_excluded_profiles":    cfg.LockExcludedProfiles != nil,
			"excluded_fields":           cfg.ExcludedFields != nil,
			"restricted_actions":        cfg.RestrictedActions != nil,
			"restricted_communications": cfg.RestrictedCommunications != nil,
			"restricted_custom_buttons": cfg.RestrictedCustomButtons != nil,
			"lock_for_portal_users":     cfg.LockForPortalUsers != nil,
			"locking_rules":             cfg.LockingRules != nil,
		}
		maps.Copy(want, set)
	} else {
		maps.Copy(want, changedKeys(c))
	}
	want["lock_type"] = true
	lockType := ""
	if cfg.LockType != nil {
		lockType = *cfg.LockType
	}
	if lockType == "automatic" || lockType == "both" {
		want["locking_rules"] = true
	}
	if cfg.LockedFor != nil && *cfg.LockedFor == "all_profiles_except_excluded_profiles" && (want["locked_for"] || want["lock_excluded_profiles"]) {
		want["locked_for"], want["lock_excluded_profiles"] = true, true
	}
	exactKeys(item, want, fail)
	if rules, ok := item["locking_rules"].([]any); ok {
		checkRules(c, rules, fail)
	}
}

// checkRules: the complete wanted set, kept rules with their live id, new
// rules without, and deletions as {"id", "_delete": true} of live rules only.
func checkRules(c *plan.Change, rules []any, fail func(string, ...any)) {
	live := map[string]string{} // name -> id
	liveIDs := map[string]bool{}
	if c.Before != nil && c.Before.LockingConfig.LockingRules != nil {
		for _, r := range *c.Before.LockingConfig.LockingRules {
			live[r.Name] = r.ID
			liveIDs[r.ID] = true
		}
	}
	var wanted []string
	for _, r := range *c.After.LockingConfig.LockingRules {
		wanted = append(wanted, r.Name)
	}
	var sent []string
	for _, x := range rules {
		r, _ := x.(map[string]any)
		if r["_delete"] != nil {
			id, _ := r["id"].(string)
			if len(r) != 2 || r["_delete"] != true || !liveIDs[id] {
				fail("rule deletion %v: want {id of a live rule, _delete: true}", r)
			}
			for name, lid := range live {
				if lid == id && slices.Contains(wanted, name) {
					fail("deletes wanted rule %q", name)
				}
			}
			continue
		}
		name, _ := r["name"].(string)
		sent = append(sent, name)
		for k := range r {
			if !slices.Contains([]string{"id", "name", "lock_existing_records", "criteria"}, k) {
				fail("rule %q has key %s", name, k)
			}
		}
		if id, ok := live[name]; ok != (r["id"] != nil) || ok && r["id"] != id {
			fail("rule %q: id %v, live id %q", name, r["id"], id)
		}
	}
	if !slices.Equal(sent, wanted) {
		fail("rules sent %q, want the complete wanted set %q", sent, wanted)
	}
	for name := range live {
		if !slices.Contains(wanted, name) && !slices.ContainsFunc(rules, func(x any) bool {
			r, _ := x.(map[string]any)
			return r["id"] == live[name] && r["_delete"] == true
		}) {
			fail("live rule %q is neither kept nor deleted", name)
		}
	}
}

// checkModuleItem: both labels and the complete profile list, with removals
// as {"id", "_delete": true}.
func checkModuleItem(c *plan.Change, item map[string]any, want map[string]bool, fail func(string, ...any)) {
	m := c.After.Module
	want["plural_label"], want["singular_label"], want["profiles"] = m.PluralLabel != nil, m.SingularLabel != nil, true
	exactKeys(item, want, fail)
	profiles, _ := item["profiles"].([]any)
	var kept, removed int
	for _, x := range profiles {
		p, _ := x.(map[string]any)
		switch {
		case len(p) == 1 && p["id"] != nil:
			kept++
		case len(p) == 2 && p["id"] != nil && p["_delete"] == true:
			removed++
		default:
			fail("profile item %v", p)
		}
	}
	gone := 0
	for _, name := range *c.Before.Module.Profiles {
		if !slices.Contains(*m.Profiles, name) {
			gone++
		}
	}
	if kept != len(*m.Profiles) || removed != gone {
		fail("profiles: %d kept and %d removed, want %d and %d", kept, removed, len(*m.Profiles), gone)
	}
}

// checkRoleItem: one role per call; a create sends name, reporting_to and
// the keys the manifest sets, an update its id and the keys that changed.
func checkRoleItem(c *plan.Change, item map[string]any, want map[string]bool, fail func(string, ...any)) {
	r := c.After.Role
	if c.Action == plan.Create {
		maps.Copy(want, map[string]bool{"name": true, "reporting_to": true, "description": r.Description != nil,
			"share_with_peers": r.ShareWithPeers != nil, "forecast_manager": r.ForecastManager != nil && *r.ForecastManager != ""})
	} else {
		maps.Copy(want, changedKeys(c))
	}
	if fm, ok := item["forecast_manager"]; ok && fm == nil {
		if r.ForecastManager == nil || *r.ForecastManager != "" {
			fail("forecast_manager is null, but the manifest does not clear it")
		}
		delete(item, "forecast_manager") // null is how a clear is written
		delete(want, "forecast_manager")
	}
	exactKeys(item, want, fail)
	if item["name"] != nil && item["name"] != c.Key.Name {
		fail("name %v, want %q", item["name"], c.Key.Name)
	}
}

// checkContactRoleItem: a create sends the name and the keys the manifest
// sets, an update its id and the keys that changed.
func checkContactRoleItem(c *plan.Change, item map[string]any, want map[string]bool, fail func(string, ...any)) {
	if c.Action == plan.Create {
		want["name"], want["sequence_number"] = true, c.After.ContactRole.SequenceNumber != nil
	} else {
		maps.Copy(want, changedKeys(c))
	}
	exactKeys(item, want, fail)
}

// checkQuery: locking calls name their module, role deletes the role that
// receives the users, contact-role deletes at most 100 ids, in change order.
func checkQuery(r plan.Request, changes map[model.Key]*plan.Change, fail func(string, ...any)) {
	q := map[string]string{}
	for _, p := range r.Query {
		q[p.Name] = p.Value
	}
	var want []string
	switch {
	case strings.HasPrefix(r.Path, "/settings/record_locking_configurations"):
		want = []string{"module"}
		if len(r.Changes) == 1 && q["module"] != r.Changes[0].Name {
			fail("module=%s for %s", q["module"], r.Changes[0])
		}
	case strings.HasPrefix(r.Path, "/settings/fields"):
		want = []string{"module"}
		for _, k := range r.Changes {
			if m, _ := model.SplitFieldKey(k.Name); q["module"] != m {
				fail("module=%s for %s", q["module"], k)
			}
		}
	case strings.HasPrefix(r.Path, "/settings/roles") && r.Method == "DELETE":
		want = []string{"transfer_to_id"}
		if q["transfer_to_id"] == "" {
			fail("no transfer_to_id")
		}
	case r.Path == "/Contacts/roles" && r.Method == "DELETE":
		want = []string{"ids"}
		ids := strings.Split(q["ids"], ",")
		var wantIDs []string
		for _, k := range r.Changes {
			if c := changes[k]; c != nil && c.Replaces != nil {
				wantIDs = append(wantIDs, c.Replaces.ID)
			} else if c != nil {
				wantIDs = append(wantIDs, c.ID)
			}
		}
		if len(ids) > 100 || !slices.Equal(ids, wantIDs) {
			fail("ids=%s, want the %d ids of its changes (at most 100)", q["ids"], len(wantIDs))
		}
	}
	if got := slices.Sorted(maps.Keys(q)); !slices.Equal(got, want) && !(len(got) == 0 && want == nil) {
		fail("query %v, want %v", got, want)
	}
}

// checkGraph: the "after" graph has no cycle; every placeholder is the id of
// an object that a request it waits for creates; every whole-object delete
// waits for every other write.
func checkGraph(t *testing.T, p *plan.Plan) {
	t.Helper()
	byID := map[int]plan.Request{}
	freesName := map[int]bool{} // deletes that a write waits for: they free a name
	for _, r := range p.Requests {
		byID[r.ID] = r
		for _, a := range r.After {
			freesName[a] = true
		}
	}
	// deps returns every request r waits for, directly or not.
	deps := func(r plan.Request) (map[int]bool, bool) {
		seen := map[int]bool{}
		stack := slices.Clone(r.After)
		for len(stack) > 0 {
			id := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if id == r.ID {
				return nil, false
			}
			if seen[id] {
				continue
			}
			seen[id] = true
			stack = append(stack, byID[id].After...)
		}
		return seen, true
	}
	for _, r := range p.Requests {
		all, ok := deps(r)
		if !ok {
			t.Errorf("request %d waits for itself", r.ID)
			continue
		}
		for _, ref := range r.Refs {
			if !strings.Contains(string(r.Body), ref.Placeholder) && !slices.ContainsFunc(r.Query, func(q plan.Param) bool { return strings.Contains(q.Value, ref.Placeholder) }) {
				t.Errorf("request %d lists ref %s it does not use", r.ID, ref.Placeholder)
			}
			if ref.Placeholder != plan.Placeholder(ref.Key) {
				t.Errorf("request %d: placeholder %s for %s", r.ID, ref.Placeholder, ref.Key)
			}
			if !slices.ContainsFunc(slices.Collect(maps.Keys(all)), func(id int) bool {
				return byID[id].Method == "POST" && slices.Contains(byID[id].Changes, ref.Key)
			}) {
				t.Errorf("request %d uses the id of %s but waits for no request that creates it", r.ID, ref.Key)
			}
		}
		if strings.Contains(string(r.Body), "${id:") && len(r.Refs) == 0 {
			t.Errorf("request %d has a placeholder but no refs", r.ID)
		}
		if r.Method == "DELETE" && !freesName[r.ID] {
			for _, o := range p.Requests {
				if o.Method != "DELETE" && !all[o.ID] && !slices.Contains(r.Wait, o.ID) {
					t.Errorf("delete request %d does not wait for request %d", r.ID, o.ID)
				}
			}
		}
	}
}
