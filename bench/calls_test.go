package bench

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// TestCallCountsAtMinimum plans and applies a small generated org (0.1×,
// every kind of drift) against the emulator at each client concurrency,
// and fails when the plan makes more GETs than MinGETs allows or the apply
// more writes than Ledger.MinWrites. It also checks that the plan has
// exactly the generator's changes and that a second plan after the apply
// shows none and writes nothing. CRMSYNC_BENCH_TEST_SCALE changes the
// scale.
func TestCallCountsAtMinimum(t *testing.T) {
	s := loadSettings(t)
	scale := 0.1
	if v := os.Getenv("CRMSYNC_BENCH_TEST_SCALE"); v != "" {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || x <= 0 {
			t.Fatalf("CRMSYNC_BENCH_TEST_SCALE=%q: want a positive number", v)
		}
		scale = x
	}
	f := getFixture(t, Config{Scale: scale, Drift: 0.1, Seed: s.seed, EveryKind: true, Fields: s.fields})
	for _, conc := range s.concs {
		t.Run("conc="+strconv.Itoa(conc), func(t *testing.T) { checkCallCounts(t, f, s, conc) })
	}
}

func checkCallCounts(t *testing.T, f *fixture, s settings, conc int) {
	ctx := context.Background()
	rig, err := NewRig(ctx, f.org.Seed, s.latency, conc)
	if err != nil {
		t.Fatal(err)
	}
	defer rig.Close()
	p, err := Plan(ctx, rig.Client, f.m)
	if err != nil {
		t.Fatal(err)
	}
	gets, writes := rig.Calls()
	if gets > f.min.Total() || writes > 0 {
		t.Errorf("plan made %d GETs and %d writes; the minimum is %d GETs (%+v), no write\n%s",
			gets, writes, f.min.Total(), f.min, callTable(rig.Client.Calls(), expectedGETs(f.min)))
	}
	if gets < f.min.Total() {
		t.Logf("plan made %d GETs, fewer than the %d the rules count (%+v)", gets, f.min.Total(), f.min)
	}
	led := f.org.Ledger
	if len(p.Changes) != led.Changes() {
		t.Fatalf("the plan has %d changes; the generator made %d (%+v)", len(p.Changes), led.Changes(), led)
	}
	rig.Client.ResetCalls()
	if _, err := Apply(ctx, rig.Client, nil, p); err != nil {
		t.Fatal(err)
	}
	if _, writes = rig.Calls(); writes > led.MinWrites() {
		t.Errorf("apply made %d writes for %d changes; the minimum is %d (%+v)\n%s",
			writes, led.Changes(), led.MinWrites(), led, callTable(rig.Client.Calls(), nil))
	}
	if n := rig.Throttled(); n > 0 {
		t.Errorf("the emulator refused %d calls over its limit of %d", n, conc)
	}
	checkConverged(t, rig, f)
}

// expectedGETs is the minimum per endpoint, for messages.
func expectedGETs(m MinReads) map[string]int {
	return map[string]int{
		"/settings/modules": 1, "/settings/roles": 1, "/Contacts/roles": 1,
		"/settings/record_locking_configurations": m.Locking, "/settings/profiles": m.Profiles,
		"/settings/fields": m.Fields, "/settings/custom_buttons": m.Buttons, "/users": m.UserPages,
		"/settings/modules/{id}": m.Modules,
	}
}

// callTable renders the calls per endpoint, with the expected GETs.
func callTable(calls []zoho.CallCount, want map[string]int) string {
	var b strings.Builder
	for _, c := range calls {
		fmt.Fprintf(&b, "  %-6s %-45s %4d", c.Method, c.Endpoint, c.Count)
		if w, ok := want[c.Endpoint]; ok && c.Method == http.MethodGet {
			fmt.Fprintf(&b, "  (minimum %d)", w)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestMinGETsRounds checks the lower bound of plan rounds on small cases
// worked out by hand.
func TestMinGETsRounds(t *testing.T) {
	for _, tt := range []struct {
		m    MinReads
		conc int
		want int
	}{
		{MinReads{Lists: 3, Locking: 5}, 5, 2},
		{MinReads{Lists: 1, Modules: 4}, 5, 2},             // the module list, then the modules
		{MinReads{Lists: 3, Locking: 2, Modules: 5}, 5, 2}, // 5 in round 1, 5 in round 2
		{MinReads{Lists: 3, Locking: 1, Modules: 6}, 5, 3}, // only 4 can go first
		{MinReads{Lists: 3, Locking: 50, Modules: 200}, 20, 13},
		{MinReads{Lists: 1, UserPages: 3}, 20, 3},
	} {
		if got := tt.m.Rounds(tt.conc); got != tt.want {
			t.Errorf("%+v.Rounds(%d) = %d, want %d", tt.m, tt.conc, got, tt.want)
		}
	}
}

// TestGenDeterministic checks that a Config always gives the same org and
// that the seed loads into the emulator.
func TestGenDeterministic(t *testing.T) {
	cfg := Config{Scale: 0.1, Drift: 0.1, Seed: 7, EveryKind: true}
	a, b := Gen(cfg), Gen(cfg)
	if len(a.Files) != len(b.Files) || a.Ledger != b.Ledger {
		t.Fatalf("two orgs of one config differ: %d and %d files, ledgers %+v and %+v", len(a.Files), len(b.Files), a.Ledger, b.Ledger)
	}
	for i := range a.Files {
		if a.Files[i].Path != b.Files[i].Path || string(a.Files[i].Data) != string(b.Files[i].Data) {
			t.Fatalf("file %s differs between two orgs of one config", a.Files[i].Path)
		}
	}
	if _, err := emulator.New(emulator.Options{Seed: a.Seed}); err != nil {
		t.Fatalf("the seed does not load: %v", err)
	}
}
