package apply

// Ctrl-C during apply.

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/plan"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// interruptDoer is Ctrl-C at an exact point: it cancels the apply's context
// as soon as the first write has succeeded, before apply sees the result,
// and counts the calls started after that.
type interruptDoer struct {
	Doer
	outer  context.Context
	cancel context.CancelFunc
	once   sync.Once
	late   atomic.Int32
}

func (d *interruptDoer) Do(ctx context.Context, r zoho.Request) (*zoho.Response, error) {
	if d.outer.Err() != nil {
		d.late.Add(1)
	}
	resp, err := d.Doer.Do(ctx, r)
	if r.Method != "GET" && err == nil {
		d.once.Do(d.cancel)
	}
	return resp, err
}

// TestFaultInterrupt is Ctrl-C: the context is cancelled once the first
// write has completed, while others are in flight. Apply starts no new
// request, lets the running ones finish, reports Interrupted with each
// write that ran as done and every other change skipped, and a rerun
// finishes the job.
func TestFaultInterrupt(t *testing.T) {
	r := newRig(t, emulator.Options{Latency: 15 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	before := r.emu.Snapshot()
	p := r.plan(faultManifests.parse(t), plan.Options{})
	start := len(r.emu.Requests())
	d := &interruptDoer{Doer: r.client, outer: ctx, cancel: cancel}
	rep, err := Apply(ctx, d, p, Options{Observe: r.observeFunc()})
	res := result{Plan: p, Report: rep, Err: err, Log: r.emu.Requests()[start:]}
	checkSafe(t, before, r.emu.Snapshot(), p)
	if err != nil || !rep.Interrupted || rep.OK() || rep.Verified {
		t.Fatalf("err %v; report: interrupted %v, OK %v, verified %v:\n%s", err, rep.Interrupted, rep.OK(), rep.Verified, describe(res))
	}
	if n := d.late.Load(); n > 0 {
		t.Errorf("%d calls started after the interrupt", n)
	}
	counts := map[Status]int{}
	for _, o := range rep.Outcomes {
		counts[o.Status]++
		if o.Status != Skipped && o.Status != doneStatus(o.Action) {
			t.Errorf("%s: %s: %s", o.Key, o.Status, o.Message)
		}
	}
	if counts[Skipped] == 0 || counts[Skipped] == len(rep.Outcomes) {
		t.Errorf("outcomes %v: want some done and the rest skipped", counts)
	}
	// Each write the org processed is a plan request reported done.
	checkBodies(t, res)
	done := 0
	for _, w := range writes(res.Log) {
		if w.Status >= 300 {
			t.Errorf("write %s %s -> %d", w.Method, w.Path, w.Status)
		}
		done++
	}
	if reported := doneRequests(p, rep); reported != done {
		t.Errorf("the org processed %d writes, the report has %d requests done:\n%s", done, reported, describe(res))
	}
	r.rerunUntilConverged(1)
}

// doneRequests counts the plan's requests whose changes are all done.
func doneRequests(p *plan.Plan, rep *Report) int {
	status := map[string]Status{}
	for _, o := range rep.Outcomes {
		status[o.Key.String()] = o.Status
	}
	n := 0
	for _, rq := range p.Requests {
		ok := true
		for _, k := range rq.Changes {
			ok = ok && status[k.String()] != Skipped
		}
		if ok {
			n++
		}
	}
	return n
}

// sendLog is an HTTP transport that records when each API write leaves the
// client, after its slot and its token: the moment it goes on the wire.
type sendLog struct {
	mu    sync.Mutex
	sent  []time.Time
	inner http.RoundTripper
}

func (s *sendLog) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodGet && strings.HasPrefix(req.URL.Path, "/crm/") {
		s.mu.Lock()
		s.sent = append(s.sent, time.Now())
		s.mu.Unlock()
	}
	return s.inner.RoundTrip(req)
}

// TestInterruptQueuedWrites: one call in flight at a time and many ready
// writes queued for the slot. Ctrl-C while the first write is on the wire:
// that write finishes, and none of the queued ones is sent, although each
// was handed to the client before the signal.
func TestInterruptQueuedWrites(t *testing.T) {
	sends := &sendLog{inner: http.DefaultTransport}
	r := newRig(t, emulator.Options{}, func(c *zoho.Config) {
		c.Concurrency = 1
		c.HTTPClient = &http.Client{Transport: sends}
	})
	before := r.emu.Snapshot()
	p := r.plan(faultManifests.parse(t), plan.Options{})
	// Slow from here: a queued write could only be sent a whole latency
	// after the first, long after the interrupt.
	r.emu.SetLatency(time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var cancelled time.Time
	go func() { // Ctrl-C once the first write is on the wire
		for {
			sends.mu.Lock()
			n := len(sends.sent)
			sends.mu.Unlock()
			if n > 0 {
				cancelled = time.Now()
				cancel()
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	rep, err := Apply(ctx, r.client, p, Options{Observe: r.observeFunc()})
	checkSafe(t, before, r.emu.Snapshot(), p)
	if err != nil || !rep.Interrupted || rep.Result != ResultInterrupted || rep.Verified {
		t.Fatalf("err %v; interrupted %v, result %s, verified %v", err, rep.Interrupted, rep.Result, rep.Verified)
	}
	sends.mu.Lock()
	sent := append([]time.Time(nil), sends.sent...)
	sends.mu.Unlock()
	for _, at := range sent[1:] {
		if at.After(cancelled) {
			t.Errorf("a write was sent %s after the interrupt", at.Sub(cancelled))
		}
	}
	if n := len(sent); n != 1 {
		t.Errorf("%d writes sent, want only the one on the wire at the interrupt", n)
	}
	if n := doneRequests(p, rep); n != len(sent) || rep.Summary.Failed+rep.Summary.Unknown != 0 {
		t.Errorf("summary %+v, %d requests done: want the write that was sent done and every other change still to do", rep.Summary, n)
	}
	r.emu.SetLatency(0)
	r.rerunUntilConverged(1)
}
