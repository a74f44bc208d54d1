package apply

// End-to-end: swaps and chains of global picklist display values, under
// every reading (TestScenarios), including whether Zoho checks that
// display values stay unique entry by entry or per request.

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/plan"
)

const gpRegionsPath = "PATCH /settings/global_picklists/5843104000000930001"

// regionsOf is a Regions manifest with the given value lines.
func regionsOf(values ...string) string {
	return "apiVersion: crmsync/v1\nkind: GlobalPicklist\napi_name: Regions\ndisplay_label: Regions\npick_list_values:\n  - " +
		strings.Join(values, "\n  - ") + "\n  - {display_value: Antarctica, type: unused}\n"
}

// gpRegionsSwap swaps the display values of EMEA and APAC.
var gpRegionsSwap = regionsOf("{display_value: APAC, actual_value: EMEA}", "{display_value: Americas}",
	"{display_value: EMEA, actual_value: APAC}")

// gpBody is the exact body of a Regions PATCH with the given entries.
func gpBody(entries ...string) string {
	return `{"global_picklists":[{"display_label":"Regions","pick_list_values":[` + strings.Join(entries, ",") + `]}]}`
}

func gpRename(id, display string) string {
	return fmt.Sprintf(`{"id":%q,"display_value":%q}`, id, display)
}

// wantBodies requires the write bodies of res, in order.
func wantBodies(t *testing.T, res result, want ...string) {
	t.Helper()
	var got []string
	for _, w := range writes(res.Log) {
		got = append(got, string(w.Body))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("bodies:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// runGlobalPicklistSwap: a swap (EMEA ↔ APAC by actual value) and then a
// chain (APAC → Europe while EMEA → APAC) first give the values whose
// display values others take a temporary one, then the final ones; a
// rename to a free display value is one PATCH.
func runGlobalPicklistSwap(t *testing.T, r *rig) {
	before := gpOf(t, r.emu.Snapshot(), "Regions")
	emea, apac, americas := idOf(before, "EMEA"), idOf(before, "APAC"), idOf(before, "Americas")
	res := r.step(manifestSet{gpRegionsSwap}, plan.Options{}, map[string]int{gpRegionsPath: 2})
	wantBodies(t, res, gpBody(gpRename(emea, "crmsync tmp 1"), gpRename(apac, "crmsync tmp 2")),
		gpBody(gpRename(emea, "APAC"), gpRename(apac, "EMEA")))
	s := r.emu.Snapshot()
	if got := gpValues(t, s, "Regions"); got != "APAC=EMEA,Americas=Americas,EMEA=APAC,Antarctica=Antarctica(unused)" {
		t.Errorf("Regions values = %s", got)
	}
	if after := gpOf(t, s, "Regions"); idOf(after, "EMEA") != emea || idOf(after, "APAC") != apac {
		t.Errorf("the swap changed the values' ids: %+v", after.Values)
	}

	chain := regionsOf("{display_value: Europe, actual_value: EMEA}", "{display_value: Americas}",
		"{display_value: APAC, actual_value: APAC}")
	res = r.step(manifestSet{chain}, plan.Options{}, map[string]int{gpRegionsPath: 2})
	wantBodies(t, res, gpBody(gpRename(emea, "crmsync tmp 1")),
		gpBody(gpRename(emea, "Europe"), gpRename(apac, "APAC")))
	if got := gpValues(t, r.emu.Snapshot(), "Regions"); got != "Europe=EMEA,Americas=Americas,APAC=APAC,Antarctica=Antarctica(unused)" {
		t.Errorf("Regions values = %s", got)
	}

	free := regionsOf("{display_value: Europe, actual_value: EMEA}", "{display_value: The Americas, previous_names: [Americas]}",
		"{display_value: APAC, actual_value: APAC}")
	res = r.step(manifestSet{free}, plan.Options{}, map[string]int{gpRegionsPath: 1})
	wantBodies(t, res, gpBody(gpRename(americas, "The Americas")))
}

// seedRegionsInterrupted is the demo org after a swap of EMEA and APAC
// stopped between its requests: both values hold temporary display
// values.
func seedRegionsInterrupted() *emulator.Seed {
	s := emulator.DemoSeed()
	vals := s.GlobalPicklists[0].Values
	vals[0].DisplayValue, vals[0].ActualValue = "crmsync tmp 1", "EMEA"
	vals[2].DisplayValue, vals[2].ActualValue = "crmsync tmp 2", "APAC"
	return s
}

// runGlobalPicklistSwapResumed: the values left under temporary display
// values pair back by actual value; one PATCH gives the final ones, and no
// value is removed.
func runGlobalPicklistSwapResumed(t *testing.T, r *rig) {
	before := gpOf(t, r.emu.Snapshot(), "Regions")
	emea, apac := idOf(before, "EMEA"), idOf(before, "APAC")
	res := r.step(manifestSet{gpRegionsSwap}, plan.Options{}, map[string]int{gpRegionsPath: 1})
	wantBodies(t, res, gpBody(gpRename(emea, "APAC"), gpRename(apac, "EMEA")))
	if got := gpValues(t, r.emu.Snapshot(), "Regions"); got != "APAC=EMEA,Americas=Americas,EMEA=APAC,Antarctica=Antarctica(unused)" {
		t.Errorf("Regions values = %s", got)
	}
}

// TestFaultGlobalPicklistSwapLostResponse: Zoho applies the temporary
// renames of a swap but the answer is lost (500 after processing). Apply
// must still end with the final display values, and nothing removed.
func TestFaultGlobalPicklistSwapLostResponse(t *testing.T) {
	for _, v := range []string{"default", "GlobalValueUniqueness=request"} {
		t.Run(v, func(t *testing.T) {
			rd, ok := emulator.ReadingVariants()[v]
			if !ok {
				t.Fatalf("no reading variant %s", v)
			}
			r := newRig(t, emulator.Options{Readings: rd})
			r.emu.FailNext("PATCH", "/settings/global_picklists", 500, "INTERNAL_ERROR", true)
			m := manifestSet{gpRegionsSwap}.parse(t)
			before := r.emu.Snapshot()
			p := r.plan(m, plan.Options{})
			res := r.applyPlan(context.Background(), p)
			checkSafe(t, before, r.emu.Snapshot(), p)
			requireOK(t, res)
			if n := statuses(res.Log)[500]; n != 1 {
				t.Errorf("%d answers 500, want the lost one", n)
			}
			if n := count(res.Log, "PATCH", "/settings/global_picklists"); n != 2 {
				t.Errorf("%d PATCHes, want the temporary renames and the final ones:\n%s", n, describe(res))
			}
			r.converge(m, plan.Options{})
			if got := gpValues(t, r.emu.Snapshot(), "Regions"); got != "APAC=EMEA,Americas=Americas,EMEA=APAC,Antarctica=Antarctica(unused)" {
				t.Errorf("Regions values = %s", got)
			}
		})
	}
}

// TestFaultGlobalPicklistSwapInterrupted is Ctrl-C once the temporary
// renames of a swap have run: the apply reports the update as not done,
// the values keep their ids under temporary display values, and a rerun
// gives the final display values in one PATCH, removing nothing.
func TestFaultGlobalPicklistSwapInterrupted(t *testing.T) {
	for _, v := range []string{"default", "GlobalValueUniqueness=request"} {
		t.Run(v, func(t *testing.T) {
			r := newRig(t, emulator.Options{Readings: emulator.ReadingVariants()[v]})
			before := gpOf(t, r.emu.Snapshot(), "Regions")
			emea, apac := idOf(before, "EMEA"), idOf(before, "APAC")
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			m := manifestSet{gpRegionsSwap}
			p := r.plan(m.parse(t), plan.Options{})
			start := len(r.emu.Requests())
			d := &interruptDoer{Doer: r.client, outer: ctx, cancel: cancel}
			rep, err := Apply(ctx, d, p, Options{Observe: r.observeFunc()})
			res := result{Plan: p, Report: rep, Err: err, Log: r.emu.Requests()[start:]}
			if !rep.Interrupted || rep.OK() || len(writes(res.Log)) != 1 {
				t.Fatalf("err %v, want an interrupted apply after one write:\n%s", err, describe(res))
			}
			if o := rep.Outcomes[0]; o.Status == Updated {
				t.Errorf("the half-done update is reported %s", o.Status)
			}
			mid := gpOf(t, r.emu.Snapshot(), "Regions")
			if got := gpValues(t, r.emu.Snapshot(), "Regions"); got != "crmsync tmp 1=EMEA,Americas=Americas,crmsync tmp 2=APAC,Antarctica=Antarctica(unused)" ||
				idOf(mid, "EMEA") != emea || idOf(mid, "APAC") != apac {
				t.Fatalf("after the interruption: %s", got)
			}
			res = r.step(m, plan.Options{}, map[string]int{gpRegionsPath: 1})
			wantBodies(t, res, gpBody(gpRename(emea, "APAC"), gpRename(apac, "EMEA")))
			if got := gpValues(t, r.emu.Snapshot(), "Regions"); got != "APAC=EMEA,Americas=Americas,EMEA=APAC,Antarctica=Antarctica(unused)" {
				t.Errorf("Regions values = %s", got)
			}
		})
	}
}
