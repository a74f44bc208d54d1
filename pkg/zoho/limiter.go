package zoho

import (
	"container/list"
	"context"
	"sync"
)

// limiter bounds the API calls in flight. Its width starts at the
// configured concurrency and only goes down: a 429 answered while more than
// one call was in flight halves it for the rest of the run (see lower).
// Waiters are served first come, first served, and a waiter whose context
// ends leaves the queue at once.
//
// golang.org/x/sync/semaphore cannot be narrowed while callers queue (a
// reservation would wait behind them), so the queue is kept here.
type limiter struct {
	mu       sync.Mutex
	width    int // calls allowed in flight
	inFlight int
	waiters  list.List // of chan int, sent the width in force when granted a slot
}

func newLimiter(width int) *limiter {
	return &limiter{width: max(width, 1)}
}

// acquire waits for a slot, or until ctx ends. It returns the width in
// force when the slot was granted, for lower.
func (l *limiter) acquire(ctx context.Context) (int, error) {
	l.mu.Lock()
	if err := ctx.Err(); err != nil {
		l.mu.Unlock()
		return 0, err
	}
	if l.inFlight < l.width && l.waiters.Len() == 0 {
		l.inFlight++
		w := l.width
		l.mu.Unlock()
		return w, nil
	}
	// The width is the one in force at the grant, not when this goroutine
	// wakes: a 429 may lower it in between, and this call still belongs to
	// the burst of the old width (see lower).
	ready := make(chan int, 1)
	elem := l.waiters.PushBack(ready)
	l.mu.Unlock()
	select {
	case w := <-ready:
		return w, nil
	case <-ctx.Done():
		l.mu.Lock()
		defer l.mu.Unlock()
		select {
		case <-ready: // granted meanwhile: hand the slot on
			l.inFlight--
			l.grant()
		default:
			l.waiters.Remove(elem)
		}
		return 0, ctx.Err()
	}
}

// release frees a slot taken by acquire.
func (l *limiter) release() {
	l.mu.Lock()
	l.inFlight--
	l.grant()
	l.mu.Unlock()
}

// grant hands free slots to the first waiters; the caller holds mu.
func (l *limiter) grant() {
	for l.inFlight < l.width && l.waiters.Len() > 0 {
		front := l.waiters.Front()
		l.waiters.Remove(front)
		l.inFlight++
		front.Value.(chan int) <- l.width
	}
}

// lower halves the width (floor 1) after a call that was granted its slot
// at width seen got a 429 for concurrency. Calls of the same burst share one
// halving: only the first whose width is still in force lowers it. It
// returns the new width and whether it changed.
func (l *limiter) lower(seen int) (int, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if seen != l.width || l.width <= 1 {
		return l.width, false
	}
	l.width = max(l.width/2, 1)
	return l.width, true
}

// current returns the width in force.
func (l *limiter) current() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.width
}
