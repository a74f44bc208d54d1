package apply

// End-to-end: global picklists created, their values renamed, added,
// reordered, moved to unused and removed, and a set deleted, under every
// reading (TestScenarios runs this scenario under each).

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/plan"
)

const gpIndustries = `apiVersion: crmsync/v1
kind: GlobalPicklist
api_name: Industries
display_label: Industries
description: Customer industries
pick_list_values:
  - display_value: Software
  - display_value: Health care
    actual_value: Healthcare
  - display_value: Mining
    type: unused
`

// gpRegions renames APAC (previous_names) and Americas (by actual value),
// adds Africa and Oceania, moves Asia Pacific first, and removes EMEA
// and Antarctica: two removals, which Zoho takes one per request.
const gpRegions = `apiVersion: crmsync/v1
kind: GlobalPicklist
api_name: Regions
display_label: Regions
pick_list_values:
  - display_value: Asia Pacific
    previous_names: [APAC]
  - display_value: Africa
  - display_value: The Americas
    actual_value: Americas
  - display_value: Oceania
    type: unused
`

func runGlobalPicklists(t *testing.T, r *rig) {
	regions := gpOf(t, r.emu.Snapshot(), "Regions")
	r.step(manifestSet{gpIndustries}, plan.Options{}, map[string]int{"POST /settings/global_picklists": 1})
	s := r.emu.Snapshot()
	if got := gpValues(t, s, "Industries"); got != "Software=Software,Health care=Healthcare,Mining=Mining(unused)" {
		t.Errorf("Industries values = %s", got)
	}
	if !jsonSame(gpOf(t, s, "Regions"), regions) {
		t.Errorf("Regions changed, but no manifest asked for it")
	}

	r.step(manifestSet{gpIndustries, gpRegions}, plan.Options{Prune: true}, map[string]int{
		"PATCH /settings/global_picklists/5843104000000930001": 2})
	s = r.emu.Snapshot()
	if got := gpValues(t, s, "Regions"); got != "Asia Pacific=APAC,Africa=Africa,The Americas=Americas,Oceania=Oceania(unused)" {
		t.Errorf("Regions values = %s", got)
	}
	after := gpOf(t, s, "Regions")
	for _, want := range []string{"APAC", "Americas"} {
		if idOf(regions, want) == "" || idOf(regions, want) != idOf(after, want) {
			t.Errorf("value %s: id %q before, %q after: a rename must keep the value", want, idOf(regions, want), idOf(after, want))
		}
	}
	if got := fieldValues(t, s, "Accounts", "Region"); got != "APAC,Africa,Americas" {
		t.Errorf("Accounts.Region values = %s, want the set's used values", got)
	}

	// Sorted by Zoho: the list order is not managed; Mining moves to used
	// and Agriculture is added, in one PATCH.
	sorted := strings.Replace(gpIndustries, "pick_list_values:\n", "pick_list_values_sorted_lexically: true\npick_list_values:\n  - display_value: Agriculture\n", 1)
	sorted = strings.Replace(sorted, "    type: unused\n", "", 1)
	r.step(manifestSet{sorted, gpRegions}, plan.Options{}, map[string]int{"PATCH /settings/global_picklists/": 1})
	if got := gpValues(t, r.emu.Snapshot(), "Industries"); got != "Agriculture=Agriculture,Health care=Healthcare,Mining=Mining,Software=Software" {
		t.Errorf("Industries values = %s", got)
	}

	absent := "apiVersion: crmsync/v1\nkind: GlobalPicklist\napi_name: Industries\nabsent: true\n"
	res := r.step(manifestSet{absent, gpRegions}, plan.Options{}, map[string]int{"DELETE /settings/global_picklists/": 1})
	if c := res.Plan.Changes[0]; c.Action != plan.Delete || !c.Destructive {
		t.Errorf("the delete: %+v", c)
	}
	scheduled := r.emu.Readings().GlobalDelete != "immediate"
	if o := res.Report.Outcomes[0]; o.Status != Deleted || strings.Contains(o.Message, "background job") != scheduled {
		t.Errorf("the delete's outcome: %+v (scheduled %v)", o, scheduled)
	}
	if g := findGP(r.emu.Snapshot(), "Industries"); g != nil && !g.DeletePending {
		t.Errorf("Industries is still there and not being deleted: %+v", g)
	}
	if findGP(r.emu.Snapshot(), "Regions") == nil {
		t.Errorf("Regions was deleted, but no manifest asked for it")
	}
}

// runGlobalPicklistLocking: a locking rule compares a field that uses the
// set with a value the next plan removes, and the next plan also moves the
// rule to another value. Under the harshest reading Zoho refuses to remove
// a value a rule uses, so the removal must wait for the locking update.
func runGlobalPicklistLocking(t *testing.T, r *rig) {
	lock := func(value string) string {
		return fmt.Sprintf(`apiVersion: crmsync/v1
kind: RecordLockingConfig
module: Accounts
lock_type: automatic
locking_rules:
  - name: Regional accounts
    criteria: {field: Region, comparator: equal, value: %s}
`, value)
	}
	r.step(manifestSet{lock("EMEA")}, plan.Options{}, map[string]int{"POST /settings/record_locking_configurations": 1})
	without := strings.Replace(gpRegionsAll, "  - display_value: EMEA\n", "", 1)
	res := r.step(manifestSet{lock("Americas"), without}, plan.Options{}, map[string]int{
		"PUT /settings/record_locking_configurations/":         1,
		"PATCH /settings/global_picklists/5843104000000930001": 1})
	var lockReq, gpReq int
	for _, q := range res.Plan.Requests {
		switch {
		case strings.HasPrefix(q.Path, "/settings/record_locking"):
			lockReq = q.ID
		case strings.HasPrefix(q.Path, "/settings/global_picklists"):
			gpReq = q.ID
			if len(q.Wait) == 0 {
				t.Errorf("the removal waits for nothing: %+v", q)
			}
		}
	}
	if lockReq == 0 || gpReq == 0 || !strings.Contains(fmt.Sprint(res.Plan.Requests[gpReq-1].Wait), fmt.Sprint(lockReq)) {
		t.Errorf("the removal (request %d) does not wait for the locking update (request %d)", gpReq, lockReq)
	}
	if got := gpValues(t, r.emu.Snapshot(), "Regions"); got != "Americas=Americas,APAC=APAC,Antarctica=Antarctica(unused)" {
		t.Errorf("Regions values = %s", got)
	}

	// The rule moves to a value the same plan adds to the set: the plan
	// checks it against the set's new values, and the locking update goes
	// after the set's.
	with := without + "  - display_value: Africa\n"
	res = r.step(manifestSet{lock("Africa"), with}, plan.Options{}, map[string]int{
		"PUT /settings/record_locking_configurations/":         1,
		"PATCH /settings/global_picklists/5843104000000930001": 1})
	for _, q := range res.Plan.Requests {
		if strings.HasPrefix(q.Path, "/settings/record_locking") && (len(q.After) != 1 || !strings.HasPrefix(res.Plan.Requests[q.After[0]-1].Path, "/settings/global_picklists")) {
			t.Errorf("the locking update (request %d) goes after %v, not after the set's update", q.ID, q.After)
		}
	}
	if got, _ := json.Marshal(lockOf(t, r.emu.Snapshot(), "Accounts").LockingRules); !strings.Contains(string(got), `"Africa"`) {
		t.Errorf("Accounts locking: %+v", got)
	}
	// A rule on a value that no manifest gives the set is refused at the
	// manifest, before any call.
	_, err := r.tryPlan(context.Background(), manifestSet{lock("Oceania"), with}.parse(t), plan.Options{})
	if err == nil || !strings.Contains(err.Error(), `"Oceania" is not a value of the picklist Region`) {
		t.Errorf("plan of a rule on a missing value: %v", err)
	}
}

// gpRegionsAll is the demo set as it is.
const gpRegionsAll = `apiVersion: crmsync/v1
kind: GlobalPicklist
api_name: Regions
pick_list_values:
  - display_value: EMEA
  - display_value: Americas
  - display_value: APAC
  - display_value: Antarctica
    type: unused
`

func findGP(s *emulator.Seed, apiName string) *emulator.GlobalPicklist {
	for i := range s.GlobalPicklists {
		if s.GlobalPicklists[i].APIName == apiName {
			return &s.GlobalPicklists[i]
		}
	}
	return nil
}

func gpOf(t testing.TB, s *emulator.Seed, apiName string) emulator.GlobalPicklist {
	t.Helper()
	g := findGP(s, apiName)
	if g == nil {
		t.Fatalf("no global picklist %s", apiName)
	}
	return *g
}

// gpValues renders a set's values in order: display=actual, (unused).
func gpValues(t testing.TB, s *emulator.Seed, apiName string) string {
	t.Helper()
	var out []string
	for _, v := range gpOf(t, s, apiName).Values {
		e := v.DisplayValue + "=" + v.ActualValue
		if v.Type == "unused" {
			e += "(unused)"
		}
		out = append(out, e)
	}
	return strings.Join(out, ",")
}

func idOf(g emulator.GlobalPicklist, actual string) string {
	for _, v := range g.Values {
		if v.ActualValue == actual {
			return v.ID
		}
	}
	return ""
}

// fieldValues lists the actual values of a module's picklist field.
func fieldValues(t testing.TB, s *emulator.Seed, module, apiName string) string {
	t.Helper()
	for _, m := range s.Modules {
		if m.APIName != module {
			continue
		}
		for _, f := range m.Fields {
			if f.APIName == apiName {
				return strings.Join(f.PickListValues, ",")
			}
		}
	}
	t.Fatalf("no field %s.%s", module, apiName)
	return ""
}

// checkGlobalPicklistsSafe: a set no plan deletes is still there (a set
// being deleted counts as gone), and one no plan changes is as it was.
func checkGlobalPicklistsSafe(t testing.TB, before, after *emulator.Seed, touched, deleted map[string]bool) {
	t.Helper()
	for _, g := range before.GlobalPicklists {
		now := findGP(after, g.APIName)
		switch {
		case (now == nil || now.DeletePending) && !deleted[g.ID]:
			t.Errorf("global picklist %s was deleted, but no plan deletes it", g.APIName)
		case now != nil && !touched[g.ID] && !jsonSame(*now, g):
			t.Errorf("global picklist %s changed, but no plan changes it", g.APIName)
		}
	}
}

// withoutGlobalFields is m without its fields that use a global picklist.
func withoutGlobalFields(m emulator.Module) emulator.Module {
	m.Fields = slices.DeleteFunc(slices.Clone(m.Fields), func(f emulator.Field) bool { return f.GlobalPicklist != nil })
	return m
}

// TestFaultGlobalPicklistLostResponses: Zoho applies the create and the
// first update of a set but the answers are lost (500 after processing).
// Apply must not create the set twice nor repeat a removal: it reads the
// org again, finds what took, and sends only what is still missing.
func TestFaultGlobalPicklistLostResponses(t *testing.T) {
	for _, v := range []string{"default", "GlobalUpdateMandatory=none"} {
		t.Run(v, func(t *testing.T) {
			rd, ok := emulator.ReadingVariants()[v]
			if !ok {
				t.Fatalf("no reading variant %s", v)
			}
			r := newRig(t, emulator.Options{Readings: rd})
			r.emu.FailNext("POST", "/settings/global_picklists", 500, "INTERNAL_ERROR", true)
			r.emu.FailNext("PATCH", "/settings/global_picklists", 500, "INTERNAL_ERROR", true)
			m := manifestSet{gpIndustries, gpRegions}.parse(t)
			before := r.emu.Snapshot()
			p := r.plan(m, plan.Options{})
			res := r.applyPlan(context.Background(), p)
			checkSafe(t, before, r.emu.Snapshot(), p)
			requireOK(t, res)
			if n := statuses(res.Log)[500]; n != 2 {
				t.Errorf("%d answers 500, want the 2 lost responses", n)
			}
			if n := count(res.Log, "POST", "/settings/global_picklists"); n != 1 {
				t.Errorf("%d creates of Industries, want 1", n)
			}
			r.converge(m, plan.Options{})
			s := r.emu.Snapshot()
			if got := gpValues(t, s, "Regions"); got != "Asia Pacific=APAC,Africa=Africa,The Americas=Americas,Oceania=Oceania(unused)" {
				t.Errorf("Regions values = %s", got)
			}
			if got := gpValues(t, s, "Industries"); got != "Software=Software,Health care=Healthcare,Mining=Mining(unused)" {
				t.Errorf("Industries values = %s", got)
			}
		})
	}
}
