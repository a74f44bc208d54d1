package zoho_test

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// syncBuffer is a bytes.Buffer safe for the client's concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestConcurrencyNarrowsAfter429: the org allows 2 calls in flight and the
// client starts at 8. The 429s halve the width (8, 4, 2) instead of
// retrying at the same width; each change is said once; every call
// succeeds, and a second burst at the lowered width meets no 429.
func TestConcurrencyNarrowsAfter429(t *testing.T) {
	h := newHarness(t, emulator.Options{MaxConcurrent: 2, Latency: 20 * time.Millisecond})
	var warn syncBuffer
	c := h.client(func(cfg *zoho.Config) {
		cfg.Concurrency = 8
		cfg.Warnings = &warn
		cfg.Retry = zoho.RetryPolicy{MaxAttempts: 100, BaseDelay: time.Millisecond, MaxDelay: 8 * time.Millisecond, Deadline: 20 * time.Second}
	})
	cx := ctx(t)
	if _, err := c.ListRoles(cx); err != nil { // the token, before the burst
		t.Fatal(err)
	}
	noErrors(t, "first burst", parallel(40, func(i int) error { return read(cx, c, i) }))
	if w := c.Concurrency(); w < 1 || w > 2 {
		t.Errorf("width %d after 429s at an org limit of 2, want 1 or 2", w)
	}
	lines := strings.Split(strings.TrimSpace(warn.String()), "\n")
	if len(lines) < 2 || len(lines) > 3 {
		t.Errorf("warnings:\n%s\nwant one line per halving (8 to 4 to 2, perhaps 1)", warn.String())
	}
	for _, l := range lines {
		if !strings.Contains(l, "429 TOO_MANY_REQUESTS") || !strings.Contains(l, "for the rest of this run") {
			t.Errorf("warning %q does not say what happened and what changes", l)
		}
	}
	if !strings.Contains(lines[0], "up to 8 calls in flight") || !strings.Contains(lines[0], "at most 4 at a time") {
		t.Errorf("first warning %q, want 8 halved to 4", lines[0])
	}
	h.emu.ResetLog()
	noErrors(t, "second burst", parallel(40, func(i int) error { return read(cx, c, i) }))
	if n := countStatus(h.apiLog("", "/"), 429); n != 0 {
		t.Errorf("%d answers 429 at the lowered width, want none", n)
	}
	if n := len(h.apiLog("GET", "/")); n != 40 {
		t.Errorf("%d reads in the second burst, want 40 (no retries)", n)
	}
}

// TestTokenTakenAfterSlot: one call in flight at a time, 50 ms each, and
// tokens that live 3 s. Seventy queued calls outlive the first token. Each
// takes the token when its turn comes, so none is sent with an expired
// one: the client refreshes ahead of expiry and Zoho never answers
// INVALID_TOKEN.
func TestTokenTakenAfterSlot(t *testing.T) {
	h := newHarness(t, emulator.Options{TokenLifetime: 3, Latency: 50 * time.Millisecond})
	c := h.client(func(cfg *zoho.Config) { cfg.Concurrency = 1 })
	cx := ctx(t)
	noErrors(t, "reads", parallel(70, func(i int) error { return read(cx, c, i) }))
	if n := countStatus(h.apiLog("", "/"), 401); n != 0 {
		t.Errorf("%d answers INVALID_TOKEN: calls were sent with a token taken before their turn", n)
	}
	if n := len(h.grants()); n < 2 || n > 4 {
		t.Errorf("%d grants over ~3.5 s of 3 s tokens, want 2 to 4", n)
	}
}

// TestTokenExpiresMidRun: tokens expire on the server at any moment (the
// emulator's lifetime knob, with its own clock running ahead of the
// client's). Every call that meets INVALID_TOKEN refreshes, also after
// earlier refreshes; the calls failing together share one grant.
func TestTokenExpiresMidRun(t *testing.T) {
	var mu sync.Mutex
	skew := time.Duration(0)
	now := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return time.Now().Add(skew)
	}
	h := newHarness(t, emulator.Options{TokenLifetime: 3600, Now: now})
	c := h.client(func(cfg *zoho.Config) { cfg.Concurrency = 5 })
	cx := ctx(t)
	for round := range 4 {
		mu.Lock()
		skew += time.Hour // the server's clock jumps past the token's life
		mu.Unlock()
		noErrors(t, "round", parallel(10, func(i int) error { return read(cx, c, i) }))
		if n := len(h.grants()); n != round+1 {
			t.Fatalf("round %d: %d grants, want %d (one per expiry, shared by the calls that met it)", round, n, round+1)
		}
	}
	if n := countStatus(h.apiLog("", "/"), 401); n == 0 {
		t.Errorf("no INVALID_TOKEN seen: the expiry was not exercised")
	}
}
