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

// TestLimiterWidthAtGrant: a waiter granted its slot at one width, whose
// goroutine wakes only after a 429 lowered the width, belongs to the burst
// of the old width. It must report that width, or its own 429 would halve
// the new width once more.
func TestLimiterWidthAtGrant(t *testing.T) {
	l := newLimiter(2)
	for range 2 {
		if _, err := l.acquire(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	got := make(chan int)
	go func() {
		w, _ := l.acquire(context.Background())
		got <- w
	}()
	for {
		l.mu.Lock()
		n := l.waiters.Len()
		l.mu.Unlock()
		if n == 1 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	// One call ends and hands its slot to the waiter; before the waiter
	// wakes, another call's 429 lowers the width.
	l.mu.Lock()
	l.inFlight--
	l.grant()
	l.width = 1
	l.mu.Unlock()
	if w := <-got; w != 2 {
		t.Errorf("width seen by the waiter = %d, want 2 (the width it was granted at)", w)
	}
	if w, changed := l.lower(2); changed || w != 1 {
		t.Errorf("lower(2) = %d, %v: a call of the old burst must not lower again", w, changed)
	}
}
