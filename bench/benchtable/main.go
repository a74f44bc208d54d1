// Command benchtable reads the output of `go test -bench ./bench/` (one or
// more files, any -count) and prints the Markdown tables of BENCHMARKS.md:
// the median of every metric over the runs, the ratios to the lower bounds
// and to the naive baseline, and the number of runs behind each median.
//
//	go run ./bench/benchtable results/*.txt
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// runs maps a benchmark name (without the -GOMAXPROCS suffix) to its
// metrics, each with one value per run.
type runs map[string]map[string][]float64

var line = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)

func parse(r io.Reader, into runs) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		f := strings.Fields(m[2])
		if into[m[1]] == nil {
			into[m[1]] = map[string][]float64{}
		}
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return fmt.Errorf("%s: %q: %v", m[1], f[i], err)
			}
			into[m[1]][f[i+1]] = append(into[m[1]][f[i+1]], v)
		}
	}
	return sc.Err()
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// get is the median of a metric, and whether it was measured.
func (r runs) get(name, unit string) (float64, bool) {
	v, ok := r[name][unit]
	return median(v), ok && len(v) > 0
}

func (r runs) n(name string) int { return len(r[name]["ns/op"]) }

// scales lists the scales of a benchmark family, smallest first.
func (r runs) scales(family string) []string {
	seen := map[string]bool{}
	for name := range r {
		if rest, ok := strings.CutPrefix(name, family+"/scale="); ok {
			seen[strings.SplitN(rest, "/", 2)[0]] = true
		}
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return scaleValue(out[i]) < scaleValue(out[j]) })
	return out
}

func scaleValue(s string) float64 {
	v, _ := strconv.ParseFloat(strings.TrimSuffix(s, "x"), 64)
	return v
}

// concs lists the concurrencies measured for a family at a scale.
func (r runs) concs(family, scale string) []string {
	var out []string
	for name := range r {
		if rest, ok := strings.CutPrefix(name, family+"/scale="+scale+"/conc="); ok {
			out = append(out, rest)
		}
	}
	sort.Slice(out, func(i, j int) bool { a, _ := strconv.Atoi(out[i]); b, _ := strconv.Atoi(out[j]); return a < b })
	return out
}

func f(v float64, ok bool, format string) string {
	if !ok {
		return "–"
	}
	return fmt.Sprintf(format, v)
}

func main() {
	r := runs{}
	for _, path := range os.Args[1:] {
		fh, err := os.Open(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		err = parse(fh, r)
		fh.Close()
		if err != nil {
			fmt.Fprintln(os.Stderr, path+":", err)
			os.Exit(1)
		}
	}
	planTable(os.Stdout, r)
	applyTable(os.Stdout, r)
	offlineTable(os.Stdout, r)
	depthTable(os.Stdout, r)
}
