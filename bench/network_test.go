package bench

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/crmsync/crmsync/pkg/observe"
	"github.com/crmsync/crmsync/pkg/plan"
)

// BenchmarkPlan plans the generated manifests against the emulator over
// HTTP (observe and plan.Make, as `crmsync plan` does) at each scale and
// client concurrency, and with the naive reader at concurrency 1. Metrics:
//
//	gets/op   GETs per plan (attempts, retries included)
//	gets/min  GETs ÷ the minimum (MinGETs)
//	lb-ms     the lower bound of wall time: MinReads.Rounds(conc) × latency
//	wall/lb   wall time ÷ lb-ms
//	429s/op   calls the emulator refused for going over its limit
func BenchmarkPlan(b *testing.B) {
	s := loadSettings(b)
	for _, scale := range s.scales {
		f := getFixture(b, Config{Scale: scale, Drift: s.drift, Seed: s.seed, Fields: s.fields})
		for _, conc := range s.concs {
			b.Run(scaleName(scale)+"/conc="+strconv.Itoa(conc), func(b *testing.B) { benchPlan(b, f, s.latency, conc, false) })
		}
		if s.naive {
			b.Run(scaleName(scale)+"/naive", func(b *testing.B) { benchPlan(b, f, s.latency, 1, true) })
		}
	}
}

func benchPlan(b *testing.B, f *fixture, latency time.Duration, conc int, naive bool) {
	ctx := context.Background()
	rig, err := NewRig(ctx, f.org.Seed, latency, conc)
	if err != nil {
		b.Fatal(err)
	}
	defer rig.Close()
	var rd observe.Reader = rig.Client
	if naive {
		rd = NaiveReader{C: rig.Client}
	}
	var gets, throttled, n int
	var wall time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		rig.Client.ResetCalls()
		rig.Emu.ResetLog()
		b.StartTimer()
		start := time.Now()
		p, err := Plan(ctx, rd, f.m)
		wall += time.Since(start)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		if len(p.Changes) != f.org.Ledger.Changes() {
			b.Fatalf("the plan has %d changes; the generator made %d", len(p.Changes), f.org.Ledger.Changes())
		}
		g, _ := rig.Calls()
		gets, throttled, n = gets+g, throttled+rig.Throttled(), n+1
	}
	lb := Duration(f.min.Rounds(conc), latency)
	per := float64(n)
	b.ReportMetric(float64(gets)/per, "gets/op")
	b.ReportMetric(float64(gets)/per/float64(f.min.Total()), "gets/min")
	b.ReportMetric(ms(lb), "lb-ms")
	b.ReportMetric(wall.Seconds()/per/lb.Seconds(), "wall/lb")
	b.ReportMetric(float64(throttled)/per, "429s/op")
}

// BenchmarkApply applies the plan of the generated manifests to a fresh
// emulated org each iteration (setup untimed), as `crmsync apply` does:
// the writes, then the verification reads. The naive form sends every
// contact role in its own call at concurrency 1 and does not verify.
// Metrics:
//
//	writes/op      write calls per apply
//	writes/min     write calls ÷ Ledger.MinWrites
//	write-ms       wall time of the writes
//	write-lb-ms    their lower bound: WriteRounds(MinWrites, RoleChain, conc) × latency
//	write-wall/lb  write-ms ÷ write-lb-ms
//	plan-chain     critical path of the plan's request graph, in calls
//	ideal-chain    the critical path an ideal client cannot avoid (Ledger.RoleChain)
//	plan-lb/lb     the bound the plan's graph allows, WriteRounds(writes, plan-chain, conc),
//	               ÷ the ideal one: above 1 when the plan orders more than it must
//	total/lb       the whole apply ÷ (write-lb-ms + the verification reads' lower bound)
func BenchmarkApply(b *testing.B) {
	s := loadSettings(b)
	for _, scale := range s.scales {
		f := getFixture(b, Config{Scale: scale, Drift: s.drift, Seed: s.seed, Fields: s.fields})
		for _, conc := range s.concs {
			b.Run(scaleName(scale)+"/conc="+strconv.Itoa(conc), func(b *testing.B) { benchApply(b, f, s.latency, conc, false) })
		}
		if s.naive {
			b.Run(scaleName(scale)+"/naive", func(b *testing.B) { benchApply(b, f, s.latency, 1, true) })
		}
	}
}

func benchApply(b *testing.B, f *fixture, latency time.Duration, conc int, naive bool) {
	ctx := context.Background()
	var writes, n, chain int
	var writeWall, total time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		rig, p := plannedRig(b, f, conc, naive)
		rig.Emu.SetLatency(latency)
		chain = PlanChain(p)
		var verify observe.Reader = rig.Client
		if naive {
			verify = nil
		}
		b.StartTimer()
		res, err := Apply(ctx, rig.Client, verify, p)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		_, w := rig.Calls()
		writes, writeWall, total, n = writes+w, writeWall+res.Writes, total+res.Total, n+1
		rig.Emu.SetLatency(0)
		checkConverged(b, rig, f)
		rig.Close()
	}
	led := f.org.Ledger
	per := float64(n)
	wlb := Duration(WriteRounds(led.MinWrites(), led.RoleChain, conc), latency)
	b.ReportMetric(float64(writes)/per, "writes/op")
	b.ReportMetric(float64(writes)/per/float64(led.MinWrites()), "writes/min")
	b.ReportMetric(ms(writeWall)/per, "write-ms")
	b.ReportMetric(ms(wlb), "write-lb-ms")
	b.ReportMetric(writeWall.Seconds()/per/wlb.Seconds(), "write-wall/lb")
	b.ReportMetric(float64(chain), "plan-chain")
	b.ReportMetric(float64(WriteRounds(writes/max(n, 1), chain, conc))/float64(WriteRounds(led.MinWrites(), led.RoleChain, conc)), "plan-lb/lb")
	b.ReportMetric(float64(led.RoleChain), "ideal-chain")
	if !naive {
		vlb := Duration(f.min.Rounds(conc), latency)
		b.ReportMetric(total.Seconds()/per/(wlb+vlb).Seconds(), "total/lb")
	}
}

// plannedRig starts a fresh org without latency and plans the manifests
// against it; naive rewrites the plan to one object per call.
func plannedRig(b *testing.B, f *fixture, conc int, naive bool) (*Rig, *plan.Plan) {
	b.Helper()
	ctx := context.Background()
	rig, err := NewRig(ctx, f.org.Seed, 0, conc)
	if err != nil {
		b.Fatal(err)
	}
	p, err := Plan(ctx, rig.Client, f.m)
	if err != nil {
		rig.Close()
		b.Fatal(err)
	}
	if naive {
		if p, err = OneObjectPerCall(p); err != nil {
			rig.Close()
			b.Fatal(err)
		}
	}
	rig.Client.ResetCalls()
	rig.Emu.ResetLog()
	return rig, p
}

// checkConverged plans again after an apply: no change, and no write.
func checkConverged(tb testing.TB, rig *Rig, f *fixture) {
	tb.Helper()
	rig.Client.ResetCalls()
	p, err := Plan(context.Background(), rig.Client, f.m)
	if err != nil {
		tb.Fatalf("plan after apply: %v", err)
	}
	if len(p.Changes) != 0 {
		tb.Fatalf("plan after apply has %d changes, first %s %s %v", len(p.Changes), p.Changes[0].Action, p.Changes[0].Key, p.Changes[0].Fields)
	}
	if _, w := rig.Calls(); w != 0 {
		tb.Fatalf("plan after apply made %d writes", w)
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
