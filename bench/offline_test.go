package bench

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crmsync/crmsync/pkg/desired"
	"github.com/crmsync/crmsync/pkg/observe"
	"github.com/crmsync/crmsync/pkg/plan"
)

// BenchmarkLoad measures load+validate (desired.Parse of the generated
// YAML, schema validation and every check included) without network. Only
// its input, the files, is live when it starts, as in the CLI. Metrics,
// besides ns/op, B/op and allocs/op:
//
//	cpu-ms/op  CPU time of the process (all threads, GC included)
//	peak-MB    the largest heap seen while it ran, inputs included
//	base-MB    the heap live before it started (the inputs)
//	docs       manifest documents loaded
func BenchmarkLoad(b *testing.B) {
	s := loadSettings(b)
	for _, scale := range s.offline {
		b.Run(scaleName(scale), func(b *testing.B) {
			dropFixtures()
			files := Gen(Config{Scale: scale, Drift: s.drift, Seed: s.seed, Fields: s.fields}).Files
			docs := 0
			benchOffline(b, func() any {
				m, err := desired.Parse(files...)
				if err != nil {
					b.Fatal(err)
				}
				docs = m.State.Len()
				return m
			})
			b.ReportMetric(float64(docs), "docs")
		})
	}
}

// BenchmarkDiff measures plan.Make alone (pairing, diff, requests)
// without network, on the state observed from the emulated org (read once,
// before timing). Only its inputs are live when it starts: the loaded
// manifests (whose positions plan.Options.Positions carries) and the observed state. Metrics as BenchmarkLoad, with objects
// the number of desired plus observed objects.
func BenchmarkDiff(b *testing.B) {
	s := loadSettings(b)
	for _, scale := range s.offline {
		b.Run(scaleName(scale), func(b *testing.B) {
			dropFixtures()
			in, opts, changes := diffInput(b, Config{Scale: scale, Drift: s.drift, Seed: s.seed, Fields: s.fields})
			benchOffline(b, func() any {
				p, err := plan.Make(in, opts)
				if err != nil {
					b.Fatal(err)
				}
				if len(p.Changes) != changes {
					b.Fatalf("the plan has %d changes; the generator made %d", len(p.Changes), changes)
				}
				return p
			})
			b.ReportMetric(float64(in.Desired.Len()+in.Observed.Len()), "objects")
		})
	}
}

// diffInput generates an org, loads its manifests and reads the org once
// without latency; it returns plan.Make's input and options, as the CLI
// passes them (Pos keeps the loaded manifests live, as in the CLI), and the
// number of changes the generator made. The org's seed and files are
// dropped.
func diffInput(b *testing.B, cfg Config) (plan.Input, plan.Options, int) {
	b.Helper()
	ctx := context.Background()
	org := Gen(cfg)
	m, err := desired.Parse(org.Files...)
	if err != nil {
		b.Fatal(err)
	}
	rig, err := NewRig(ctx, org.Seed, 0, 20)
	if err != nil {
		b.Fatal(err)
	}
	defer rig.Close()
	scope := observe.ScopeFor(m.State)
	obs, err := observe.Observe(ctx, rig.Client, scope)
	if err != nil {
		b.Fatal(err)
	}
	in := plan.Input{Desired: m.State, Observed: obs.State, Lookups: obs.Lookups, Scope: scope}
	return in, plan.Options{Positions: m.Positions()}, org.Ledger.Changes()
}

// benchOffline times op, with its CPU time and peak heap; the result of
// each run is dropped before the next so that it is not counted twice.
func benchOffline(b *testing.B, op func() any) {
	b.ReportAllocs()
	var peak, base uint64
	var cpu time.Duration
	var keep any
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		keep = nil
		FullGC()
		c0 := cpuTime()
		b.StartTimer()
		p, bs := PeakHeap(time.Millisecond, func() { keep = op() })
		b.StopTimer()
		cpu += cpuTime() - c0
		peak, base = max(peak, p), max(base, bs)
	}
	runtime.KeepAlive(keep)
	b.ReportMetric(ms(cpu)/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(peak)/1e6, "peak-MB")
	b.ReportMetric(float64(base)/1e6, "base-MB")
}

// BenchmarkDepth measures load+validate and diff of a 1× org whose role
// tree has a chain of the given depths under the top role (the issue's
// "deep tree"): the offline phases should not grow with depth faster than
// with size. It runs only when CRMSYNC_BENCH_DEPTHS lists depths, e.g.
// 30,300,1000.
func BenchmarkDepth(b *testing.B) {
	s := loadSettings(b)
	v := os.Getenv("CRMSYNC_BENCH_DEPTHS")
	if v == "" {
		b.Skip("set CRMSYNC_BENCH_DEPTHS, e.g. 30,300,1000")
	}
	for _, f := range strings.Split(v, ",") {
		depth, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || depth < 1 {
			b.Fatalf("CRMSYNC_BENCH_DEPTHS=%q: want positive integers", v)
		}
		cfg := Config{Scale: 1, Drift: s.drift, Seed: s.seed, Depth: depth, Fields: s.fields}
		b.Run("depth="+strconv.Itoa(depth)+"/load", func(b *testing.B) {
			dropFixtures()
			files := Gen(cfg).Files
			benchOffline(b, func() any {
				m, err := desired.Parse(files...)
				if err != nil {
					b.Fatal(err)
				}
				return m
			})
		})
		b.Run("depth="+strconv.Itoa(depth)+"/diff", func(b *testing.B) {
			dropFixtures()
			in, opts, _ := diffInput(b, cfg)
			benchOffline(b, func() any {
				p, err := plan.Make(in, opts)
				if err != nil {
					b.Fatal(err)
				}
				return p
			})
		})
	}
}
