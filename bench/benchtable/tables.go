package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

func planTable(w io.Writer, r runs) {
	if len(r.scales("BenchmarkPlan")) == 0 {
		return
	}
	fmt.Fprintln(w, "### Plan (observe + plan.Make over HTTP)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| scale | conc | GETs | GETs ÷ min | wall s | lower bound s | wall ÷ bound | 429s | naive GETs | naive wall s | naive ÷ this, wall | runs |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|---|---|")
	for _, s := range r.scales("BenchmarkPlan") {
		naive := "BenchmarkPlan/scale=" + s + "/naive"
		ng, ngok := r.get(naive, "gets/op")
		nw, nwok := r.get(naive, "ns/op")
		for _, c := range r.concs("BenchmarkPlan", s) {
			name := "BenchmarkPlan/scale=" + s + "/conc=" + c
			gets, _ := r.get(name, "gets/op")
			ratio, _ := r.get(name, "gets/min")
			wall, _ := r.get(name, "ns/op")
			lb, _ := r.get(name, "lb-ms")
			wlb, _ := r.get(name, "wall/lb")
			t429, _ := r.get(name, "429s/op")
			fmt.Fprintf(w, "| %s | %s | %.0f | %.2f | %.2f | %.2f | **%.3f** | %.0f | %s | %s | %s | %d (naive %d) |\n",
				s, c, gets, ratio, wall/1e9, lb/1e3, wlb, t429, f(ng, ngok, "%.0f"), f(nw/1e9, nwok, "%.1f"),
				f(nw/wall, nwok, "%.0f×"), r.n(name), r.n(naive))
		}
	}
	fmt.Fprintln(w)
}

func applyTable(w io.Writer, r runs) {
	if len(r.scales("BenchmarkApply")) == 0 {
		return
	}
	fmt.Fprintln(w, "### Apply (writes, then verification reads, over HTTP)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| scale | conc | writes | writes ÷ min | write wall s | write bound s | write wall ÷ bound | plan chain / ideal | plan graph bound ÷ ideal bound | total wall s | total ÷ bound | naive writes | naive write wall s | naive ÷ this, write wall | runs |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
	for _, s := range r.scales("BenchmarkApply") {
		naive := "BenchmarkApply/scale=" + s + "/naive"
		nwr, nwrok := r.get(naive, "writes/op")
		nww, nwwok := r.get(naive, "write-ms")
		for _, c := range r.concs("BenchmarkApply", s) {
			name := "BenchmarkApply/scale=" + s + "/conc=" + c
			writes, _ := r.get(name, "writes/op")
			ratio, _ := r.get(name, "writes/min")
			ww, _ := r.get(name, "write-ms")
			wlb, _ := r.get(name, "write-lb-ms")
			wr, _ := r.get(name, "write-wall/lb")
			pc, _ := r.get(name, "plan-chain")
			ic, _ := r.get(name, "ideal-chain")
			pl, _ := r.get(name, "plan-lb/lb")
			total, _ := r.get(name, "ns/op")
			tr, _ := r.get(name, "total/lb")
			fmt.Fprintf(w, "| %s | %s | %.0f | %.2f | %.2f | %.2f | **%.3f** | %.0f / %.0f | %.2f | %.2f | %.3f | %s | %s | %s | %d (naive %d) |\n",
				s, c, writes, ratio, ww/1e3, wlb/1e3, wr, pc, ic, pl, total/1e9, tr, f(nwr, nwrok, "%.0f"),
				f(nww/1e3, nwwok, "%.2f"), f(nww/ww, nwwok, "%.1f×"), r.n(name), r.n(naive))
		}
	}
	fmt.Fprintln(w)
}

func offlineTable(w io.Writer, r runs) {
	if len(r.scales("BenchmarkLoad"))+len(r.scales("BenchmarkDiff")) == 0 {
		return
	}
	fmt.Fprintln(w, "### Offline phases (no network)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| phase | scale | objects | wall ms | CPU ms | µs per object (wall) | peak heap MB | heap before MB | allocated MB | allocs | runs |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|---|")
	for _, fam := range []struct{ name, label, count string }{
		{"BenchmarkLoad", "load+validate", "docs"}, {"BenchmarkDiff", "diff (plan.Make)", "objects"}} {
		for _, s := range r.scales(fam.name) {
			name := fam.name + "/scale=" + s
			objs, _ := r.get(name, fam.count)
			wall, _ := r.get(name, "ns/op")
			cpu, _ := r.get(name, "cpu-ms/op")
			peak, _ := r.get(name, "peak-MB")
			base, _ := r.get(name, "base-MB")
			bytes, _ := r.get(name, "B/op")
			allocs, _ := r.get(name, "allocs/op")
			fmt.Fprintf(w, "| %s | %s | %.0f | %.0f | %.0f | %.1f | %.0f | %.0f | %.0f | %.2fM | %d |\n",
				fam.label, s, objs, wall/1e6, cpu, wall/1e3/objs, peak, base, bytes/1e6, allocs/1e6, r.n(name))
		}
	}
	fmt.Fprintln(w)
}

func depthTable(w io.Writer, r runs) {
	var depths []string
	for name := range r {
		if rest, ok := strings.CutPrefix(name, "BenchmarkDepth/depth="); ok && strings.HasSuffix(rest, "/diff") {
			depths = append(depths, strings.TrimSuffix(rest, "/diff"))
		}
	}
	if len(depths) == 0 {
		return
	}
	sort.Slice(depths, func(i, j int) bool { return scaleValue(depths[i]) < scaleValue(depths[j]) })
	fmt.Fprintln(w, "### Role-tree depth (1× org, offline)")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| depth | load+validate ms | load CPU ms | diff ms | diff CPU ms | diff peak heap MB | runs |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	for _, d := range depths {
		load, diff := "BenchmarkDepth/depth="+d+"/load", "BenchmarkDepth/depth="+d+"/diff"
		lw, _ := r.get(load, "ns/op")
		lc, _ := r.get(load, "cpu-ms/op")
		dw, _ := r.get(diff, "ns/op")
		dc, _ := r.get(diff, "cpu-ms/op")
		dp, _ := r.get(diff, "peak-MB")
		fmt.Fprintf(w, "| %s | %.0f | %.0f | %.0f | %.0f | %.0f | %d |\n", d, lw/1e6, lc, dw/1e6, dc, dp, r.n(diff))
	}
	fmt.Fprintln(w)
}
