package zoho

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestLimiterCancelReleasesWaiter: a caller waiting for a slot returns as
// soon as its context ends, and leaves no trace: the next release goes to
// the waiter behind it.
func TestLimiterCancelReleasesWaiter(t *testing.T) {
	l := newLimiter(1)
	if _, err := l.acquire(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	waited := make(chan error, 1)
	go func() { _, err := l.acquire(ctx); waited <- err }()
	got := make(chan struct{})
	go func() {
		time.Sleep(20 * time.Millisecond) // queue behind the cancelled one
		if _, err := l.acquire(context.Background()); err == nil {
			close(got)
		}
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case err := <-waited:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled waiter: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a cancelled waiter still waits for its slot")
	}
	l.release()
	select {
	case <-got:
	case <-time.After(5 * time.Second):
		t.Fatal("the slot was not handed to the next waiter")
	}
	l.mu.Lock()
	inFlight, waiters := l.inFlight, l.waiters.Len()
	l.mu.Unlock()
	if inFlight != 1 || waiters != 0 {
		t.Errorf("in flight %d, waiters %d; want 1 and 0", inFlight, waiters)
	}
}

// TestLimiterLowerWhileQueued: halving applies at once to queued callers,
// and a burst of 429s from calls granted at the same width halves once.
func TestLimiterLowerWhileQueued(t *testing.T) {
	l := newLimiter(4)
	var seen []int
	for range 4 {
		w, err := l.acquire(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		seen = append(seen, w)
	}
	granted := make(chan struct{}, 4)
	for range 4 {
		go func() {
			if _, err := l.acquire(context.Background()); err == nil {
				granted <- struct{}{}
			}
		}()
	}
	for _, w := range seen { // four 429s of one burst
		l.lower(w)
	}
	if w := l.current(); w != 2 {
		t.Fatalf("width %d after one burst at 4, want 2", w)
	}
	for range 4 {
		l.release()
	}
	time.Sleep(50 * time.Millisecond)
	if n := len(granted); n != 2 {
		t.Errorf("%d queued callers got a slot at width 2, want 2", n)
	}
	if _, changed := l.lower(1); changed {
		t.Errorf("a stale width lowered the limit")
	}
}
