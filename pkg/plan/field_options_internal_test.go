package plan

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/model"
)

// TestOptionEditsGiveTheTarget: for random live and wanted option lists,
// the edits optionEdits sends, cut into requests of ten entries and
// followed by the removals, give exactly the wanted order under both
// readings of sequence_number: "insert the option at that position, moves
// in ascending order" and "set the number, then sort by it".
func TestOptionEditsGiveTheTarget(t *testing.T) {
	rng := rand.New(rand.NewSource(13))
	for n := 0; n < 500; n++ {
		live := make([]model.PicklistValue, 1+rng.Intn(15))
		for i := range live {
			live[i] = model.PicklistValue{ID: fmt.Sprint("id", i), DisplayValue: fmt.Sprint("v", i)}
		}
		var desired []model.PicklistValue
		for _, i := range rng.Perm(len(live)) {
			if rng.Intn(4) > 0 {
				desired = append(desired, model.PicklistValue{DisplayValue: live[i].DisplayValue})
			}
		}
		for k := rng.Intn(6); k > 0; k-- {
			at := rng.Intn(len(desired) + 1)
			desired = slices.Insert(desired, at, model.PicklistValue{DisplayValue: fmt.Sprint("new", n, k)})
		}
		if len(desired) == 0 {
			continue
		}
		target, removed := pairOptions(desired, live)
		edits, removals := optionEdits(target, live, removed, false)
		want := make([]string, len(desired))
		for i, d := range desired {
			want[i] = d.DisplayValue
		}
		for _, mode := range []string{"insert", "sort"} {
			if got := simulate(live, edits, removals, mode); !slices.Equal(got, want) {
				t.Fatalf("%s: live %v, want %v, got %v (edits %+v)", mode, names(live), want, got, edits)
			}
		}
	}
}

type simOption struct {
	id, display string
	seq         int
}

// simulate runs the edits in requests of ten, then the removals.
func simulate(live []model.PicklistValue, edits []optionEdit, removals []string, mode string) []string {
	var opts []simOption
	for i, o := range live {
		opts = append(opts, simOption{id: o.ID, display: o.DisplayValue, seq: i + 1})
	}
	for len(edits) > 0 {
		chunk := edits[:min(10, len(edits))]
		edits = edits[len(chunk):]
		type mv struct {
			id  string
			seq int
		}
		var moves []mv
		for _, e := range chunk {
			id := e.id
			if e.isNew {
				id = "n:" + e.display
				opts = append(opts, simOption{id: id, display: e.display, seq: len(opts) + 1})
			}
			i := slices.IndexFunc(opts, func(o simOption) bool { return o.id == id })
			if e.rename {
				opts[i].display = e.display
			}
			if e.seq > 0 {
				moves = append(moves, mv{id, e.seq})
				if mode == "sort" {
					opts[i].seq = e.seq
				}
			}
		}
		switch mode {
		case "insert":
			slices.SortStableFunc(moves, func(a, b mv) int { return a.seq - b.seq })
			for _, m := range moves {
				i := slices.IndexFunc(opts, func(o simOption) bool { return o.id == m.id })
				o := opts[i]
				opts = slices.Delete(opts, i, i+1)
				opts = slices.Insert(opts, min(m.seq-1, len(opts)), o)
			}
			for i := range opts {
				opts[i].seq = i + 1
			}
		case "sort":
			slices.SortStableFunc(opts, func(a, b simOption) int { return a.seq - b.seq })
		}
	}
	var out []string
	for _, o := range opts {
		if !slices.Contains(removals, o.id) {
			out = append(out, o.display)
		}
	}
	return out
}

func names(vals []model.PicklistValue) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = v.DisplayValue
	}
	return out
}

// TestPairOptionsCaseOnlyRename: a manifest that changes only the case of
// a display value renames the live option (Zoho compares display values
// in any case, so adding the new one beside the old is DUPLICATE_DATA,
// and removing the old one would drop it from records).
func TestPairOptionsCaseOnlyRename(t *testing.T) {
	live := []model.PicklistValue{
		{ID: "1", DisplayValue: "Gold", ActualValue: model.Ptr("Gold")},
		{ID: "2", DisplayValue: "E-mail", ActualValue: model.Ptr("Email")},
	}
	desired := []model.PicklistValue{{DisplayValue: "GOLD"}, {DisplayValue: "e-mail"}}
	out, removed := pairOptions(desired, live)
	if len(removed) != 0 {
		t.Fatalf("removed %v, want none", names(removed))
	}
	if out[0].ID != "1" || *out[0].ActualValue != "Gold" || out[1].ID != "2" || *out[1].ActualValue != "Email" {
		t.Fatalf("paired %+v", out)
	}
	edits, removals := optionEdits(out, live, removed, false)
	if len(removals) != 0 || len(edits) != 2 || !edits[0].rename || edits[0].isNew || edits[0].display != "GOLD" || edits[1].display != "e-mail" {
		t.Fatalf("edits %+v, removals %v, want two renames", edits, removals)
	}
}

// TestTempRenames: only a live option whose display value another
// option's rename takes goes through a temporary display value: in a swap
// and a chain, not in a case-only rename or a rename to a free value.
func TestTempRenames(t *testing.T) {
	live := []model.PicklistValue{{ID: "1", DisplayValue: "Gold"}, {ID: "2", DisplayValue: "Silver"}, {ID: "3", DisplayValue: "crmsync tmp 1"}}
	ren := func(id, to string) optionEdit { return optionEdit{id: id, display: to, rename: true} }
	for _, c := range []struct {
		name  string
		edits []optionEdit
		want  string
	}{
		{"swap", []optionEdit{ren("1", "Silver"), ren("2", "Gold")}, "1=crmsync tmp 2 2=crmsync tmp 3"},
		{"chain", []optionEdit{ren("1", "Silver"), ren("2", "Copper")}, "2=crmsync tmp 2"},
		{"case only", []optionEdit{ren("1", "GOLD")}, ""},
		{"free", []optionEdit{ren("1", "Platinum"), ren("2", "Copper")}, ""},
		{"new value takes a renamed one's", []optionEdit{ren("1", "Platinum"), {display: "Gold", isNew: true}}, "1=crmsync tmp 2"},
		{"new value takes a free one", []optionEdit{ren("1", "Platinum"), {display: "Bronze", isNew: true}}, ""},
	} {
		var got []string
		for _, o := range optionTemps(c.edits, live) {
			got = append(got, o.ID+"="+o.DisplayValue)
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("%s: %q, want %q", c.name, g, c.want)
		}
	}
}
