package plan

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"hash"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
)

// FingerprintOf computes the digest of one live object: its managed content
// and IDs, without audit data, so that a change made by hand between plan
// and apply is noticed. The digest is the SHA-256 of the object's JSON.
func FingerprintOf(o *model.Object) string {
	return newFingerprinter().of(o)
}

// Fingerprints digests every object of a live state, in key order.
func Fingerprints(s *model.State) []Fingerprint {
	if s == nil {
		return []Fingerprint{}
	}
	objs := s.Objects()
	out := make([]Fingerprint, 0, len(objs))
	fp := newFingerprinter()
	for _, o := range objs {
		out = append(out, Fingerprint{Key: o.Key, ID: o.ID, Hash: fp.of(o)})
	}
	return out
}

// fingerprinter streams each object's JSON straight into one reused hash,
// without building the encoded bytes: the digest is the same as the
// SHA-256 of json.Marshal's output. A field's permission map, shared by
// many fields after observe, is encoded once per map and spliced in.
type fingerprinter struct {
	h     hash.Hash
	w     *spliceWriter
	enc   *json.Encoder
	sum   []byte
	perms map[*map[string]string][]byte
}

func newFingerprinter() *fingerprinter {
	h := sha256.New()
	w := &spliceWriter{w: h}
	return &fingerprinter{h: h, w: w, enc: json.NewEncoder(w), sum: make([]byte, 0, sha256.Size),
		perms: map[*map[string]string][]byte{}}
}

func (f *fingerprinter) of(o *model.Object) string {
	c := *o
	c.Audit, c.Source = nil, nil
	f.h.Reset()
	f.w.tail = nil
	if c.Field != nil && c.Field.Permissions != nil {
		fd := *c.Field
		f.w.tail = f.permissions(fd.Permissions)
		fd.Permissions = nil
		c.Field = &fd
	}
	if err := f.enc.Encode(&c); err != nil {
		panic(err)
	}
	f.sum = f.h.Sum(f.sum[:0])
	return hex.EncodeToString(f.sum)
}

// permissions returns `,"permissions":` and the map's JSON followed by the
// closing braces of the field and the object: permissions is the last
// member of a field, and field the last of an object.
func (f *fingerprinter) permissions(p *map[string]string) []byte {
	if b, ok := f.perms[p]; ok {
		return b
	}
	m, err := json.Marshal(*p)
	if err != nil {
		panic(err)
	}
	b := append(append([]byte(`,"permissions":`), m...), "}}"...)
	f.perms[p] = b
	return b
}

// spliceWriter drops the newline json.Encoder writes after each value,
// which json.Marshal does not (compact JSON has no other raw newline).
// With a tail, it also drops the closing braces of the field and the
// object and writes the tail in their place.
type spliceWriter struct {
	w    io.Writer
	tail []byte
}

func (d *spliceWriter) Write(b []byte) (int, error) {
	n := len(b)
	if n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	if d.tail != nil {
		if !bytes.HasSuffix(b, []byte("}}")) {
			return 0, errors.New("fingerprint: a field's JSON does not end the object")
		}
		b = b[:len(b)-2]
	}
	if _, err := d.w.Write(b); err != nil {
		return 0, err
	}
	if _, err := d.w.Write(d.tail); err != nil {
		return 0, err
	}
	return n, nil
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
