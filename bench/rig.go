package bench

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/crmsync/crmsync/pkg/apply"
	"github.com/crmsync/crmsync/pkg/desired"
	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/observe"
	"github.com/crmsync/crmsync/pkg/plan"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// Rig is an emulated org served over loopback HTTP and a client of it
// whose token is already minted, so that every counted call is an API
// call of the phase being measured.
type Rig struct {
	Emu    *emulator.Server
	URL    string
	Client *zoho.Client
	srv    *httptest.Server
	h      *handlerRef
}

// handlerRef serves through a handler that Close forgets: the goroutines
// of a closed httptest.Server end asynchronously and would otherwise keep
// the emulated org reachable for a moment, which memory measurements see.
type handlerRef struct {
	mu sync.RWMutex
	h  http.Handler
}

func (r *handlerRef) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.RLock()
	h := r.h
	r.mu.RUnlock()
	if h == nil {
		http.Error(w, "closed", http.StatusServiceUnavailable)
		return
	}
	h.ServeHTTP(w, req)
}

// NewRig serves seed with the given latency per call and a concurrency
// limit equal to the client's concurrency conc.
//
// The server is an httptest.Server rather than emulator.Listen: closing
// it also closes the connections the client dialed but never used, where
// http.Server.Shutdown waits until they are five seconds old.
func NewRig(ctx context.Context, seed *emulator.Seed, latency time.Duration, conc int) (*Rig, error) {
	emu, err := emulator.New(emulator.Options{Seed: seed, Latency: latency, MaxConcurrent: conc})
	if err != nil {
		return nil, err
	}
	ref := &handlerRef{h: emu.Handler()}
	srv := httptest.NewServer(ref)
	c, err := zoho.New(ctx, zoho.Config{ClientID: "x", ClientSecret: "x", RefreshToken: "x", AccountsURL: srv.URL, Concurrency: conc})
	if err != nil {
		srv.Close()
		return nil, err
	}
	if _, err := c.APIDomain(ctx); err != nil { // mints the token
		srv.Close()
		return nil, fmt.Errorf("token: %w", err)
	}
	c.ResetCalls()
	emu.ResetLog()
	return &Rig{Emu: emu, URL: srv.URL, Client: c, srv: srv, h: ref}, nil
}

// Close stops the server.
func (r *Rig) Close() {
	r.srv.Close()
	r.h.mu.Lock()
	r.h.h = nil
	r.h.mu.Unlock()
}

// Calls sums the client's call counts: GETs and writes.
func (r *Rig) Calls() (gets, writes int) {
	for _, c := range r.Client.Calls() {
		if c.Method == http.MethodGet {
			gets += c.Count
		} else {
			writes += c.Count
		}
	}
	return gets, writes
}

// Throttled counts the calls the emulator answered 429 since the log was
// last reset.
func (r *Rig) Throttled() int {
	n := 0
	for _, q := range r.Emu.Requests() {
		if q.Status == http.StatusTooManyRequests {
			n++
		}
	}
	return n
}

// Plan runs the CLI's plan pipeline (scope, observe, plan.Make) through rd.
func Plan(ctx context.Context, rd observe.Reader, m *desired.Manifests) (*plan.Plan, error) {
	scope := observe.ScopeFor(m.State)
	res, err := observe.Observe(ctx, rd, scope)
	if err != nil {
		return nil, fmt.Errorf("observe: %w", err)
	}
	p, err := plan.Make(plan.Input{Desired: m.State, Observed: res.State, Lookups: res.Lookups, Scope: scope}, plan.Options{})
	if err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	return p, nil
}

// ApplyResult is one apply, timed.
type ApplyResult struct {
	Report *apply.Report
	// Writes is the wall time from the start of the apply to the end of
	// its last write; Total includes the verification reads.
	Writes, Total time.Duration
}

// Apply applies p through d, verifying with reads through rd when rd is
// not nil, as the CLI does.
func Apply(ctx context.Context, d apply.Doer, rd observe.Reader, p *plan.Plan) (*ApplyResult, error) {
	td := &timedDoer{d: d, start: time.Now()}
	opts := apply.Options{}
	if rd != nil {
		opts.Observe = func(ctx context.Context, scope model.Scope) (*model.State, *model.Lookups, error) {
			res, err := observe.Observe(ctx, rd, scope)
			if err != nil {
				return nil, nil, err
			}
			return res.State, res.Lookups, nil
		}
	}
	rep, err := apply.Apply(ctx, td, p, opts)
	res := &ApplyResult{Report: rep, Total: time.Since(td.start), Writes: td.last()}
	if err != nil {
		return res, err
	}
	for _, o := range rep.Outcomes {
		switch o.Status {
		case apply.Created, apply.Updated, apply.Deleted:
		default:
			return res, fmt.Errorf("apply: %s: %s: %s", o.Key, o.Status, o.Message)
		}
	}
	if len(rep.Mismatches) > 0 {
		m := rep.Mismatches[0]
		return res, fmt.Errorf("apply: %d fields did not take, first %s %s: want %v, live %v", len(rep.Mismatches), m.Key, m.Path, m.Want, m.Got)
	}
	return res, nil
}

// timedDoer records when the last write ended.
type timedDoer struct {
	d     apply.Doer
	start time.Time
	mu    sync.Mutex
	end   time.Duration
}

func (t *timedDoer) Do(ctx context.Context, r zoho.Request) (*zoho.Response, error) {
	resp, err := t.d.Do(ctx, r)
	if r.Method != http.MethodGet {
		t.mu.Lock()
		t.end = max(t.end, time.Since(t.start))
		t.mu.Unlock()
	}
	return resp, err
}

func (t *timedDoer) last() time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.end
}
