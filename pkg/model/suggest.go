package model

import (
	"slices"
	"strings"
)

// Closest returns up to n candidates nearest to name by edit distance
// (case-insensitive), nearest first, skipping ones too far to be a typo.
func Closest(name string, candidates []string, n int) []string {
	type scored struct {
		s string
		d int
	}
	var all []scored
	ln := strings.ToLower(name)
	for _, c := range candidates {
		d := Distance(ln, strings.ToLower(c))
		if d <= max(2, len(name)/2) {
			all = append(all, scored{c, d})
		}
	}
	slices.SortStableFunc(all, func(a, b scored) int {
		if a.d != b.d {
			return a.d - b.d
		}
		return strings.Compare(a.s, b.s)
	})
	var out []string
	for _, s := range all {
		if len(out) == n {
			break
		}
		if !slices.Contains(out, s.s) {
			out = append(out, s.s)
		}
	}
	return out
}

// Distance is the Levenshtein edit distance between a and b, by rune.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
