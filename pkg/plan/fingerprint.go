package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"regexp"
	"slices"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
)

// FingerprintOf computes the digest of one live object: its managed content
// and IDs, without audit data, so that a change made by hand between plan
// and apply is noticed.
func FingerprintOf(o *model.Object) string {
	c := *o
	c.Audit, c.Source = nil, nil
	b, err := json.Marshal(&c)
	if err != nil {
		panic(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Fingerprints digests every object of a live state, in key order.
func Fingerprints(s *model.State) []Fingerprint {
	out := []Fingerprint{}
	if s == nil {
		return out
	}
	for _, o := range s.Objects() {
		out = append(out, Fingerprint{Key: o.Key, ID: o.ID, Hash: FingerprintOf(o)})
	}
	return out
}

var idSegment = regexp.MustCompile(`^[0-9]+$`)

// Endpoint turns a request path into its template: numeric IDs become {id}.
func Endpoint(path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if idSegment.MatchString(p) {
			parts[i] = "{id}"
		}
	}
	return strings.Join(parts, "/")
}

// PlannedCalls counts a plan's requests per method and endpoint.
func PlannedCalls(reqs []Request) []CallCount {
	counts := map[[2]string]int{}
	for _, r := range reqs {
		counts[[2]string{Endpoint(r.Path), r.Method}]++
	}
	out := []CallCount{}
	for k, n := range counts {
		out = append(out, CallCount{Method: k[1], Endpoint: k[0], Count: n})
	}
	slices.SortFunc(out, func(a, b CallCount) int {
		if c := strings.Compare(a.Endpoint, b.Endpoint); c != 0 {
			return c
		}
		return strings.Compare(a.Method, b.Method)
	})
	return out
}
