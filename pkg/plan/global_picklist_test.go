package plan_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/desired"
	"github.com/crmsync/crmsync/pkg/kinds/globalpicklist"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

// liveSet is an observed global picklist with used values named like
// their ids ("v1"...); names ending in "~" are unused.
func liveSet(apiName string, system bool, names ...string) *model.Object {
	vals := []model.PicklistValue{}
	for i, n := range names {
		typ := model.PicklistUsed
		if strings.HasSuffix(n, "~") {
			n, typ = strings.TrimSuffix(n, "~"), model.PicklistUnused
		}
		vals = append(vals, model.PicklistValue{ID: fmt.Sprintf("id%d", i+1), DisplayValue: n, ActualValue: model.Ptr(n), Type: model.Ptr(typ)})
	}
	return &model.Object{Key: model.Key{Kind: model.KindGlobalPicklist, Name: apiName}, ID: "900", System: system,
		GlobalPicklist: &model.GlobalPicklist{APIName: apiName, DisplayLabel: model.Ptr(apiName),
			PickListValuesSortedLexically: model.Ptr(false), PickListValues: &vals}}
}

func planGP(t *testing.T, live *model.Object, manifest string, extra ...*model.Object) (*plan.Plan, error) {
	t.Helper()
	m, err := desired.Parse(desired.File{Path: "g.yaml", Data: []byte(manifest)})
	if err != nil {
		t.Fatal(err)
	}
	obs := model.NewState()
	for _, o := range append(extra, live) {
		if o != nil {
			obs.Put(o)
		}
	}
	return plan.Make(plan.Input{Desired: m.State, Observed: obs}, plan.Options{})
}

func bodyOf(t *testing.T, r plan.Request) globalpicklist.Item {
	t.Helper()
	var b globalpicklist.Body
	if err := json.Unmarshal(r.Body, &b); err != nil || len(b.GlobalPicklists) != 1 {
		t.Fatalf("body %s: %v", r.Body, err)
	}
	return b.GlobalPicklists[0]
}

const gpHead = "apiVersion: crmsync/v1\nkind: GlobalPicklist\napi_name: Regions\n"

// TestGlobalPicklistOnlyWhatChanged: a description change alone is one
// PATCH with display_label, the description and one value as it is
// (display_label and pick_list_values are mandatory under one reading);
// a set in sync plans nothing.
func TestGlobalPicklistOnlyWhatChanged(t *testing.T) {
	live := liveSet("Regions", false, "EMEA", "APAC")
	p, err := planGP(t, live, gpHead+"description: Sales regions\n")
	if err != nil || len(p.Requests) != 1 {
		t.Fatalf("plan: %v, %d requests", err, len(p.Requests))
	}
	got := string(p.Requests[0].Body)
	want := `{"global_picklists":[{"display_label":"Regions","description":"Sales regions","pick_list_values":[{"id":"id1","display_value":"EMEA"}]}]}`
	if got != want || p.Requests[0].Method != "PATCH" || p.Requests[0].Path != "/settings/global_picklists/900" {
		t.Errorf("%s %s %s, want PATCH .../900 %s", p.Requests[0].Method, p.Requests[0].Path, got, want)
	}
	p, err = planGP(t, live, gpHead+"display_label: regions \npick_list_values:\n  - display_value: emea\n  - {display_value: APAC, type: used}\n")
	if err != nil {
		t.Fatal(err)
	}
	if !p.Summary.Empty() && len(p.Changes[0].Fields) != 2 {
		t.Errorf("case changes: %+v", p.Changes)
	}
}

// TestGlobalPicklistRefusals: what Zoho would refuse is a plan error at the
// manifest.
func TestGlobalPicklistRefusals(t *testing.T) {
	tests := []struct {
		name, manifest string
		live           *model.Object
		want           string
	}{
		{"system set", gpHead + "description: x\n", liveSet("Regions", true, "A"),
			`g.yaml:3:1: GlobalPicklist "Regions": Regions is a system-defined global picklist, which Zoho does not let anyone change (NOT_ALLOWED); remove the keys that differ: description`},
		{"create without label", gpHead + "pick_list_values: [{display_value: A}]\n", nil,
			`g.yaml:3:1: GlobalPicklist "Regions": no global picklist "Regions" in the org, and Zoho creates one only with display_label: add them`},
		{"api name in another case", gpHead + "display_label: R\npick_list_values: [{display_value: A}]\n", liveSet("REGIONS", false, "A"),
			`g.yaml:3:1: GlobalPicklist "Regions": the org has the global picklist "REGIONS", and API names are unique without regard to case; write api_name: REGIONS`},
		{"two removals free display values", gpHead + "pick_list_values:\n  - {display_value: A, actual_value: C}\n  - {display_value: B, actual_value: D}\n",
			liveSet("Regions", false, "A", "B", "C", "D"),
			`g.yaml:3:1: GlobalPicklist "Regions": 2 removed values give their display values to other values, and Zoho removes one value per request while it checks display values at each; apply the removals first (without the renames), then the rest`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := planGP(t, tt.live, tt.manifest)
			var ps plan.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("err = %v, want problems", err)
			}
			if tt.want != "" && err.Error() != tt.want {
				t.Errorf("got  %s\nwant %s", err, tt.want)
			}
		})
	}
}

// TestGlobalPicklistRenamesKeepIDs: renames by previous_names and by
// actual value edit the live value (its id), never delete and add.
func TestGlobalPicklistRenamesKeepIDs(t *testing.T) {
	live := liveSet("Regions", false, "EMEA", "APAC", "Americas")
	p, err := planGP(t, live, gpHead+"pick_list_values:\n  - display_value: Europe\n    previous_names: [EMEA]\n"+
		"  - {display_value: Asia, actual_value: APAC}\n  - display_value: Americas\n")
	if err != nil || len(p.Requests) != 1 {
		t.Fatalf("plan: %v, %+v", err, p)
	}
	want := []globalpicklist.Value{{ID: "id1", DisplayValue: "Europe"}, {ID: "id2", DisplayValue: "Asia"}}
	if got := bodyOf(t, p.Requests[0]).PickListValues; !slices.Equal(got, want) {
		t.Errorf("values %+v, want %+v", got, want)
	}
	if p.Changes[0].Destructive {
		t.Errorf("a rename is not destructive: %s", p.Changes[0].Destroys)
	}
}

// TestGlobalPicklistSequenceNumbers: for random lists and targets (values
// kept, added and removed, in any order), the sequence numbers of the
// update put the values in the target order whether Zoho inserts each
// moved value at its number (in increasing order) or renumbers the values
// and sorts them by number, and the removals that follow in later
// requests keep that order.
func TestGlobalPicklistSequenceNumbers(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 300; n++ {
		names := make([]string, 1+rng.IntN(8))
		for i := range names {
			names[i] = fmt.Sprintf("v%d", i+1)
		}
		live := liveSet("Regions", false, names...)
		var target []string
		for _, nm := range names {
			if rng.IntN(4) > 0 {
				target = append(target, nm)
			}
		}
		for i := 0; i < rng.IntN(3); i++ {
			target = append(target, fmt.Sprintf("new%d", i))
		}
		if len(target) == 0 {
			target = []string{"only"}
		}
		rng.Shuffle(len(target), func(i, j int) { target[i], target[j] = target[j], target[i] })
		var b strings.Builder
		b.WriteString(gpHead + "pick_list_values:\n")
		for _, nm := range target {
			b.WriteString("  - display_value: " + nm + "\n")
		}
		p, err := planGP(t, live, b.String())
		if err != nil {
			t.Fatalf("%v -> %v: %v", names, target, err)
		}
		for _, mode := range []string{"insert", "renumber"} {
			if got := simulate(t, names, p, mode); !slices.Equal(got, target) {
				t.Fatalf("%s: %v -> %v gives %v\nrequests: %s", mode, names, target, got, requestText(p))
			}
		}
	}
}

// simulate applies the plan's PATCHes, in order, to a list of display
// values, with the given reading of sequence_number.
func simulate(t *testing.T, names []string, p *plan.Plan, mode string) []string {
	type val struct{ id, name string }
	var list []val
	for i, n := range names {
		list = append(list, val{fmt.Sprintf("id%d", i+1), n})
	}
	fresh := 0
	for _, r := range p.Requests {
		type mv struct {
			id  string
			seq int
		}
		var moves []mv
		for _, e := range bodyOf(t, r).PickListValues {
			id := e.ID
			switch {
			case e.Delete:
				list = slices.DeleteFunc(list, func(v val) bool { return v.id == id })
				continue
			case id == "":
				fresh++
				id = fmt.Sprintf("new-%d", fresh)
				list = append(list, val{id, e.DisplayValue})
			case e.DisplayValue != "":
				i := slices.IndexFunc(list, func(v val) bool { return v.id == id })
				list[i].name = e.DisplayValue
			}
			if e.SequenceNumber > 0 {
				moves = append(moves, mv{id, e.SequenceNumber})
			}
		}
		if mode == "insert" {
			sort.SliceStable(moves, func(i, j int) bool { return moves[i].seq < moves[j].seq })
			for _, m := range moves {
				i := slices.IndexFunc(list, func(v val) bool { return v.id == m.id })
				v := list[i]
				list = slices.Delete(list, i, i+1)
				list = slices.Insert(list, min(m.seq-1, len(list)), v)
			}
			continue
		}
		seq := map[string]int{}
		for i, v := range list {
			seq[v.id] = i + 1
		}
		for _, m := range moves {
			seq[m.id] = m.seq
		}
		sort.SliceStable(list, func(i, j int) bool { return seq[list[i].id] < seq[list[j].id] })
	}
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = v.name
	}
	return out
}

func requestText(p *plan.Plan) string {
	var b strings.Builder
	for _, r := range p.Requests {
		fmt.Fprintf(&b, "\n%s %s %s", r.Method, r.Path, r.Body)
	}
	return b.String()
}

// TestGlobalPicklistOrgLimit: a create beyond the 10 sets of Zoho's
// example is planned, with a warning.
func TestGlobalPicklistOrgLimit(t *testing.T) {
	var live []*model.Object
	for i := range 10 {
		o := liveSet(fmt.Sprintf("Set_%d", i), false, "A")
		o.ID = fmt.Sprint(100 + i)
		live = append(live, o)
	}
	manifest := gpHead + "display_label: Regions\npick_list_values: [{display_value: A}]\n"
	p, err := planGP(t, nil, manifest, live...)
	if err != nil || p.Summary.Create != 1 {
		t.Fatalf("plan: %v %+v", err, p)
	}
	if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0], "11 global picklists") {
		t.Errorf("warnings %q", p.Warnings)
	}
	p, _ = planGP(t, nil, manifest, live[1:]...)
	if len(p.Warnings) != 0 {
		t.Errorf("warnings at the limit: %q", p.Warnings)
	}
}

// TestGlobalPicklistSpecialCharacters: a label or value the plan writes
// with a character Zoho may refuse is planned, with a warning; one it does
// not write is not warned about.
func TestGlobalPicklistSpecialCharacters(t *testing.T) {
	live := liveSet("Regions", false, "EMEA!")
	p, err := planGP(t, live, gpHead+"display_label: Regions*\npick_list_values:\n  - display_value: EMEA!\n  - display_value: Asia & Pacific (APAC)\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0], `"Regions*" holds '*'`) {
		t.Errorf("warnings %q", p.Warnings)
	}
}
