package bench

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crmsync/crmsync/pkg/desired"
	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
)

// settings are the benchmark knobs, from the environment (see doc.go).
type settings struct {
	scales, offline []float64
	latency         time.Duration
	concs           []int
	drift           float64
	seed            uint64
	naive           bool
	// fields adds Field manifests to the generated orgs (Config.Fields):
	// on when the Field kind is registered, unless CRMSYNC_BENCH_FIELDS=0.
	fields bool
}

func loadSettings(tb testing.TB) settings {
	tb.Helper()
	s := settings{scales: []float64{0.1}, offline: []float64{0.1, 1}, latency: 2 * time.Millisecond,
		concs: []int{5, 20}, drift: 0.05, seed: 1, naive: true}
	fail := func(name string, err error) {
		tb.Fatalf("%s=%q: %v", name, os.Getenv(name), err)
	}
	switch v := os.Getenv("CRMSYNC_BENCH_SCALE"); v {
	case "", "small":
	case "full":
		s.scales, s.offline = []float64{0.1, 0.5, 1}, []float64{0.1, 1, 5, 10}
	default:
		list, err := floats(v)
		if err != nil {
			fail("CRMSYNC_BENCH_SCALE", err)
		}
		s.scales = list
		s.offline = append(slices.Clone(list), 10)
	}
	if v := os.Getenv("CRMSYNC_BENCH_OFFLINE_SCALE"); v != "" {
		list, err := floats(v)
		if err != nil {
			fail("CRMSYNC_BENCH_OFFLINE_SCALE", err)
		}
		s.offline = list
	}
	if v := os.Getenv("CRMSYNC_BENCH_LATENCY"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			fail("CRMSYNC_BENCH_LATENCY", err)
		}
		s.latency = d
	}
	if v := os.Getenv("CRMSYNC_BENCH_CONC"); v != "" {
		s.concs = nil
		for _, f := range strings.Split(v, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 1 {
				fail("CRMSYNC_BENCH_CONC", fmt.Errorf("want positive integers"))
			}
			s.concs = append(s.concs, n)
		}
	}
	if v := os.Getenv("CRMSYNC_BENCH_DRIFT"); v != "" {
		d, err := strconv.ParseFloat(v, 64)
		if err != nil || d <= 0 || d > 1 {
			fail("CRMSYNC_BENCH_DRIFT", fmt.Errorf("want a fraction in (0, 1]"))
		}
		s.drift = d
	}
	if v := os.Getenv("CRMSYNC_BENCH_SEED"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			fail("CRMSYNC_BENCH_SEED", err)
		}
		s.seed = n
	}
	s.naive = os.Getenv("CRMSYNC_BENCH_NAIVE") != "0"
	s.fields = kinds.Known(model.KindField) && os.Getenv("CRMSYNC_BENCH_FIELDS") != "0"
	return s
}

func floats(v string) ([]float64, error) {
	var out []float64
	for _, f := range strings.Split(v, ",") {
		x, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || x <= 0 {
			return nil, fmt.Errorf("want positive numbers separated by commas")
		}
		out = append(out, x)
	}
	return out, nil
}

// scaleName renders a scale for benchmark names: 0.1x, 1x, 10x.
func scaleName(s float64) string { return "scale=" + strconv.FormatFloat(s, 'g', -1, 64) + "x" }

// fixture is a generated org with its manifests loaded, shared by the
// benchmarks of one process (generating and loading a 10× org takes a
// second; benchmark functions run several times while b.N ramps up).
type fixture struct {
	org *Org
	m   *desired.Manifests
	min MinReads
}

var fixtures = struct {
	sync.Mutex
	m map[Config]*fixture
}{m: map[Config]*fixture{}}

func getFixture(tb testing.TB, cfg Config) *fixture {
	tb.Helper()
	fixtures.Lock()
	defer fixtures.Unlock()
	if f := fixtures.m[cfg]; f != nil {
		return f
	}
	org := Gen(cfg)
	m, err := desired.Parse(org.Files...)
	if err != nil {
		tb.Fatalf("generated manifests: %v", err)
	}
	f := &fixture{org: org, m: m, min: MinGETs(m.State, org.Seed, emulator.DefaultReadings().ModuleListProfileLimit)}
	fixtures.m[cfg] = f
	return f
}

// dropFixtures forgets every fixture, so that a memory measurement sees
// only its own inputs live.
func dropFixtures() {
	fixtures.Lock()
	clear(fixtures.m)
	fixtures.Unlock()
}
