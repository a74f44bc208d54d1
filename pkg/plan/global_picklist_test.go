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

// TestGlobalPicklistSequenceNumbersWithGaps: Zoho may keep the sequence
// numbers it answered (with gaps, after removals or edits in the UI) and
// sort the values by number after an update that sets some of them. For
// random lists whose live numbers have gaps, the update's numbers still
// put the values in the target order under that reading, as well as under
// the two others.
func TestGlobalPicklistSequenceNumbersWithGaps(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 300; n++ {
		names := make([]string, 1+rng.IntN(8))
		seqs := make([]int, len(names))
		for i := range names {
			names[i] = fmt.Sprintf("v%d", i+1)
			seqs[i] = 1 + i + rng.IntN(3)
			if i > 0 {
				seqs[i] = seqs[i-1] + 1 + rng.IntN(3)
			}
		}
		live := liveSet("Regions", false, names...)
		for i := range *live.GlobalPicklist.PickListValues {
			(*live.GlobalPicklist.PickListValues)[i].SequenceNumber = seqs[i]
		}
		var target []string
		for _, nm := range names {
			if rng.IntN(4) > 0 {
				target = append(target, nm)
			}
		}
		if rng.IntN(2) == 0 {
			target = append(target, "new0")
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
		for _, byCount := range []bool{false, true} {
			if got := simulateKept(t, names, seqs, p, byCount); !slices.Equal(got, target) {
				t.Fatalf("%v (numbers %v, new by count %v) -> %v gives %v\nrequests: %s", names, seqs, byCount, target, got, requestText(p))
			}
		}
		for _, mode := range []string{"insert", "renumber"} {
			if got := simulate(t, names, p, mode); !slices.Equal(got, target) {
				t.Fatalf("%s: %v -> %v gives %v\nrequests: %s", mode, names, target, got, requestText(p))
			}
		}
	}
}

// simulateKept applies the plan's PATCHes to values with the given live
// sequence numbers under the reading that keeps numbers: a removal leaves
// a gap, a new value without a number takes the highest plus one (or, with
// byCount, the count of values plus one), a given number replaces the
// value's own, and the values are sorted by number (ties keep their order).
func simulateKept(t *testing.T, names []string, seqs []int, p *plan.Plan, byCount bool) []string {
	type val struct {
		id, name string
		seq      int
	}
	var list []val
	for i, n := range names {
		list = append(list, val{fmt.Sprintf("id%d", i+1), n, seqs[i]})
	}
	fresh := 0
	for _, r := range p.Requests {
		for _, e := range bodyOf(t, r).PickListValues {
			top := len(list)
			for _, v := range list {
				if !byCount {
					top = max(top, v.seq)
				}
			}
			i := slices.IndexFunc(list, func(v val) bool { return v.id == e.ID })
			switch {
			case e.Delete:
				list = slices.Delete(list, i, i+1)
				continue
			case e.ID == "":
				fresh++
				list = append(list, val{fmt.Sprintf("new-%d", fresh), e.DisplayValue, top + 1})
				i = len(list) - 1
			case e.DisplayValue != "":
				list[i].name = e.DisplayValue
			}
			if e.SequenceNumber > 0 {
				list[i].seq = e.SequenceNumber
			}
		}
		sort.SliceStable(list, func(i, j int) bool { return list[i].seq < list[j].seq })
	}
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = v.name
	}
	return out
}

// TestGlobalPicklistLabelTaken: Zoho keeps set labels unique ("Duplicate
// name found"), so a create or a relabel to a label another set holds
// after the plan, or holds until its deletion (which goes last), is a plan
// error at display_label; a label another set gives up is not.
func TestGlobalPicklistLabelTaken(t *testing.T) {
	sizes := liveSet("Sizes", false, "S")
	sizes.ID = "901"
	const create = gpHead + "display_label: sizes\npick_list_values: [{display_value: A}]\n"
	_, err := planGP(t, nil, create, sizes)
	want := `g.yaml:3:1: GlobalPicklist "Regions": display_label "sizes" is the label of the global picklist Sizes after this plan, and Zoho keeps global picklist labels unique ("Duplicate name found", DUPLICATE_DATA); choose another label`
	if err == nil || err.Error() != want {
		t.Errorf("create: got  %v\nwant %s", err, want)
	}
	_, err = planGP(t, liveSet("Regions", false, "A"), gpHead+"display_label: Sizes\n", sizes)
	if err == nil || !strings.Contains(err.Error(), `display_label "Sizes" is the label of the global picklist Sizes`) {
		t.Errorf("relabel: %v", err)
	}
	m, err := desired.Parse(desired.File{Path: "g.yaml", Data: []byte(create +
		"---\napiVersion: crmsync/v1\nkind: GlobalPicklist\napi_name: Sizes\nabsent: true\n")})
	if err != nil {
		t.Fatal(err)
	}
	obs := model.NewState()
	obs.Put(sizes)
	_, err = plan.Make(plan.Input{Desired: m.State, Observed: obs}, plan.Options{})
	if err == nil || !strings.Contains(err.Error(), "which this plan deletes last, and Zoho may keep it until the deletion job ends; apply the deletion first") {
		t.Errorf("label of a set deleted in the same plan: %v", err)
	}
	p, err := planGP(t, nil, create+"---\napiVersion: crmsync/v1\nkind: GlobalPicklist\napi_name: Sizes\ndisplay_label: Old sizes\n", sizes)
	if err != nil || p.Summary.Create != 1 || p.Summary.Update != 1 {
		t.Fatalf("a label the other set gives up: %v %+v", err, p)
	}
	var post, patch plan.Request
	for _, r := range p.Requests {
		if r.Method == "POST" {
			post = r
		} else {
			patch = r
		}
	}
	if !slices.Contains(post.After, patch.ID) {
		t.Errorf("the create (after %v) does not wait for the relabel %d that frees its label:%s", post.After, patch.ID, requestText(p))
	}
}

// TestGlobalPicklistFreedNameDeletedFirst: a removal that frees a display
// value the same update gives another value is the update's first entry,
// so the name is free whether Zoho checks display values at the end of the
// request or entry by entry.
func TestGlobalPicklistFreedNameDeletedFirst(t *testing.T) {
	live := liveSet("Regions", false, "EMEA", "Europe", "APAC")
	p, err := planGP(t, live, gpHead+"pick_list_values:\n  - {display_value: EMEA, actual_value: Europe}\n  - display_value: APAC\n  - display_value: Africa\n")
	if err != nil || len(p.Requests) != 1 {
		t.Fatalf("plan: %v %+v", err, p)
	}
	vals := bodyOf(t, p.Requests[0]).PickListValues
	if len(vals) == 0 || vals[0] != (globalpicklist.Value{ID: "id1", Delete: true}) {
		t.Errorf("entries %+v, want the removal of id1 first", vals)
	}
	if got := simulate(t, []string{"EMEA", "Europe", "APAC"}, p, "insert"); !slices.Equal(got, []string{"EMEA", "APAC", "Africa"}) {
		t.Errorf("values after the update: %v", got)
	}
}

// TestGlobalPicklistSystemSetAbsent: a system set (customizable false) is
// never deleted: absent: true is a plan error that says what it is.
func TestGlobalPicklistSystemSetAbsent(t *testing.T) {
	_, err := planGP(t, liveSet("Regions", true, "A"), gpHead+"absent: true\n")
	if err == nil || !strings.Contains(err.Error(), "cannot be absent: it is a system object (the top role, a system-defined locking configuration or global picklist)") {
		t.Errorf("err = %v", err)
	}
}

// TestGlobalPicklistBeingDeleted: a set whose deletion Zoho still runs
// (presence false, left out of the live state) keeps its name and label
// until the job ends, so a create with either is a plan error that says to
// wait, not a create Zoho refuses.
func TestGlobalPicklistBeingDeleted(t *testing.T) {
	for _, manifest := range []string{
		gpHead + "display_label: Areas\npick_list_values: [{display_value: A}]\n",
		"apiVersion: crmsync/v1\nkind: GlobalPicklist\napi_name: Areas\ndisplay_label: sales regions\npick_list_values: [{display_value: A}]\n",
	} {
		m, err := desired.Parse(desired.File{Path: "g.yaml", Data: []byte(manifest)})
		if err != nil {
			t.Fatal(err)
		}
		lk := &model.Lookups{GlobalPicklistsDeleting: map[string]string{"regions": "Sales Regions"}}
		_, err = plan.Make(plan.Input{Desired: m.State, Observed: model.NewState(), Lookups: lk}, plan.Options{})
		if err == nil || !strings.Contains(err.Error(), "Zoho is still deleting the global picklist regions (presence false)") ||
			!strings.Contains(err.Error(), "wait until the deletion ends") {
			t.Errorf("%s: err = %v", manifest, err)
		}
	}
}

// TestGlobalPicklistAddWithGapsIsNoReorder: with gaps in the live sequence
// numbers, adding a value at the end numbers every value in the request,
// but the plan does not claim a reorder.
func TestGlobalPicklistAddWithGapsIsNoReorder(t *testing.T) {
	live := liveSet("Regions", false, "EMEA", "APAC")
	(*live.GlobalPicklist.PickListValues)[0].SequenceNumber = 1
	(*live.GlobalPicklist.PickListValues)[1].SequenceNumber = 3
	p, err := planGP(t, live, gpHead+"pick_list_values:\n  - display_value: EMEA\n  - display_value: APAC\n  - display_value: Africa\n")
	if err != nil || len(p.Changes) != 1 {
		t.Fatalf("plan: %v %+v", err, p)
	}
	for _, f := range p.Changes[0].Fields {
		if f.Path == "pick_list_values.(order)" {
			t.Errorf("an addition at the end is shown as a reorder: %v -> %v", f.Old, f.New)
		}
	}
	if vals := bodyOf(t, p.Requests[0]).PickListValues; len(vals) != 3 || vals[0].SequenceNumber != 1 || vals[2].SequenceNumber != 3 {
		t.Errorf("entries %+v, want every value numbered", vals)
	}
}
