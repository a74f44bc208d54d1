package plan_test

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

// applyChecked applies the plan's requests, in order, to a list of
// display values (ids id1…), and fails as Zoho would on a duplicate
// display value: after each entry when each is true, else at the end of
// each request. It returns the display values by id.
func applyChecked(t *testing.T, names []string, p *plan.Plan, each bool) (map[string]string, error) {
	t.Helper()
	byID := map[string]string{}
	for i, n := range names {
		byID[fmt.Sprintf("id%d", i+1)] = n
	}
	dup := func() error {
		seen := map[string]bool{}
		for _, n := range byID {
			if seen[model.Fold(n)] {
				return fmt.Errorf("duplicate display value %q", n)
			}
			seen[model.Fold(n)] = true
		}
		return nil
	}
	for _, r := range p.Requests {
		for j, e := range bodyOf(t, r).PickListValues {
			switch {
			case e.Delete:
				delete(byID, e.ID)
			case e.ID == "":
				byID[fmt.Sprintf("new%d.%d", r.ID, j)] = e.DisplayValue
			case e.DisplayValue != "":
				byID[e.ID] = e.DisplayValue
			}
			if err := dup(); each && err != nil {
				return nil, fmt.Errorf("request %d entry %d: %w", r.ID, j, err)
			}
		}
		if err := dup(); err != nil {
			return nil, fmt.Errorf("request %d: %w", r.ID, err)
		}
	}
	return byID, nil
}

func valuesByActual(pairs ...string) string {
	var b strings.Builder
	b.WriteString(gpHead + "pick_list_values:\n")
	for i := 0; i+1 < len(pairs); i += 2 {
		fmt.Fprintf(&b, "  - {display_value: %s, actual_value: %s}\n", pairs[i], pairs[i+1])
	}
	return b.String()
}

// TestGlobalPicklistSwapAndChain: a swap of display values and a chain go
// through temporary display values in a PATCH of their own, before the
// update, so they work whether Zoho checks uniqueness entry by entry or
// per request; a rename to a free display value stays one PATCH.
func TestGlobalPicklistSwapAndChain(t *testing.T) {
	for _, c := range []struct {
		name     string
		live     []string
		manifest string
		temps    string // the first request's entries, or "" for one request
		want     map[string]string
	}{
		{"swap", []string{"A", "B", "C"}, valuesByActual("B", "A", "A", "B", "C", "C"),
			"id1=crmsync tmp 1 id2=crmsync tmp 2", map[string]string{"id1": "B", "id2": "A", "id3": "C"}},
		{"chain", []string{"A", "B", "C"}, valuesByActual("B", "A", "C", "B", "D", "C"),
			"id2=crmsync tmp 1 id3=crmsync tmp 2", map[string]string{"id1": "B", "id2": "C", "id3": "D"}},
		{"case-only swap", []string{"a", "B"}, valuesByActual("b", "a", "A", "B"),
			"id1=crmsync tmp 1 id2=crmsync tmp 2", map[string]string{"id1": "b", "id2": "A"}},
		{"chain onto a removed value", []string{"A", "B", "C"}, valuesByActual("C", "A", "A", "B"),
			"id1=crmsync tmp 1", map[string]string{"id1": "C", "id2": "A"}},
		{"new value takes a renamed one's", []string{"A", "B"}, valuesByActual("X", "A", "B", "B", "A", "A2"),
			"id1=crmsync tmp 1", map[string]string{"id1": "X", "id2": "B", "new2.1": "A"}},
		{"free rename", []string{"A", "B"}, valuesByActual("X", "A", "Y", "B"),
			"", map[string]string{"id1": "X", "id2": "Y"}},
		{"case-only rename", []string{"A", "B"}, valuesByActual("a", "A", "B", "B"),
			"", map[string]string{"id1": "a", "id2": "B"}},
	} {
		p, err := planGP(t, liveSet("Regions", false, c.live...), c.manifest)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		wantReqs := 1
		if c.temps != "" {
			wantReqs = 2
		}
		if len(p.Requests) != wantReqs {
			t.Fatalf("%s: %d requests, want %d:%s", c.name, len(p.Requests), wantReqs, requestText(p))
		}
		if c.temps != "" {
			first := bodyOf(t, p.Requests[0])
			var got []string
			for _, v := range first.PickListValues {
				got = append(got, v.ID+"="+v.DisplayValue)
			}
			if strings.Join(got, " ") != c.temps || first.DisplayLabel != "Regions" {
				t.Errorf("%s: first request %s, want the temporary values %s with display_label", c.name, p.Requests[0].Body, c.temps)
			}
			if !slices.Contains(p.Requests[1].After, p.Requests[0].ID) {
				t.Errorf("%s: the update (after %v) does not wait for the temporary renames", c.name, p.Requests[1].After)
			}
		}
		for _, each := range []bool{true, false} {
			got, err := applyChecked(t, c.live, p, each)
			if err != nil || fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("%s (entry by entry %v): %v %v, want %v:%s", c.name, each, got, err, c.want, requestText(p))
			}
		}
	}
}

// TestGlobalPicklistSwapResumed: an apply interrupted after the temporary
// renames leaves values under "crmsync tmp N"; the next plan pairs them by
// actual value and renames them in one PATCH, removing nothing. Named by
// display value only, such a value is refused, never removed.
func TestGlobalPicklistSwapResumed(t *testing.T) {
	live := liveSet("Regions", false, "A", "B")
	vals := *live.GlobalPicklist.PickListValues
	vals[0].DisplayValue, vals[1].DisplayValue = "crmsync tmp 1", "crmsync tmp 2"
	p, err := planGP(t, live, valuesByActual("B", "A", "A", "B"))
	if err != nil || len(p.Requests) != 1 {
		t.Fatalf("plan: %v%s", err, requestText(p))
	}
	got, err := applyChecked(t, []string{"crmsync tmp 1", "crmsync tmp 2"}, p, true)
	if err != nil || fmt.Sprint(got) != fmt.Sprint(map[string]string{"id1": "B", "id2": "A"}) {
		t.Errorf("after the resumed plan: %v %v", got, err)
	}
	vals[0].ActualValue, vals[1].ActualValue = model.Ptr("a1"), model.Ptr("b1")
	_, err = planGP(t, live, gpHead+"pick_list_values:\n  - {display_value: X, previous_names: [A]}\n  - {display_value: Y, previous_names: [B]}\n")
	if err == nil || !strings.Contains(err.Error(), "temporary display value from an interrupted apply") || !strings.Contains(err.Error(), "actual_value: a1") {
		t.Errorf("a plan that would remove a value under a temporary name: err = %v", err)
	}
}

// TestGlobalPicklistRandomRenames: random permutations of display values
// (named by actual value), with new display values mixed in, reach the
// target under both readings of uniqueness, with a temporary PATCH only
// when a display value is reused.
func TestGlobalPicklistRandomRenames(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	pool := []string{"A", "B", "C", "D", "E", "F", "G"}
	for n := 0; n < 300; n++ {
		k := 2 + rng.Intn(4)
		live := pool[:k]
		target := slices.Clone(pool[:k+rng.Intn(3)])
		rng.Shuffle(len(target), func(i, j int) { target[i], target[j] = target[j], target[i] })
		target = target[:k]
		var pairs []string
		want := map[string]string{}
		reused := false
		for i, a := range live {
			pairs = append(pairs, target[i], a)
			want[fmt.Sprintf("id%d", i+1)] = target[i]
			reused = reused || (target[i] != a && slices.Contains(live, target[i]))
		}
		p, err := planGP(t, liveSet("Regions", false, live...), valuesByActual(pairs...))
		if err != nil {
			t.Fatalf("%v -> %v: %v", live, target, err)
		}
		if hasTemp := strings.Contains(requestText(p), "crmsync tmp"); hasTemp != reused {
			t.Fatalf("%v -> %v: temporary renames %v, want %v:%s", live, target, hasTemp, reused, requestText(p))
		}
		for _, each := range []bool{true, false} {
			got, err := applyChecked(t, live, p, each)
			if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("%v -> %v (entry by entry %v): %v %v:%s", live, target, each, got, err, requestText(p))
			}
		}
	}
}

// TestGlobalPicklistTempNamesFree: a temporary display value is neither a
// display value nor an actual value of the set.
func TestGlobalPicklistTempNamesFree(t *testing.T) {
	live := liveSet("Regions", false, "A", "B", "C", "crmsync tmp 2")
	(*live.GlobalPicklist.PickListValues)[2].ActualValue = model.Ptr("crmsync tmp 1")
	p, err := planGP(t, live, valuesByActual("B", "A", "A", "B", "C", "crmsync tmp 1", "crmsync tmp 2", "crmsync tmp 2"))
	if err != nil || len(p.Requests) != 2 {
		t.Fatalf("plan: %v%s", err, requestText(p))
	}
	if got := string(p.Requests[0].Body); !strings.Contains(got, `"crmsync tmp 3"`) || !strings.Contains(got, `"crmsync tmp 4"`) {
		t.Errorf("temporary renames %s, want crmsync tmp 3 and 4", got)
	}
}
