package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Server is an emulated Zoho CRM org served over HTTP. It is safe for
// concurrent use.
type Server struct {
	opts Options

	mu sync.RWMutex // guards st
	st *state

	knobMu   sync.Mutex // guards the fields below
	readings Readings
	latency  time.Duration
	maxConc  int
	r429     float64
	r500     float64
	rApplied float64
	rng      *rand.Rand
	failures []Failure

	inflight atomic.Int64
	log      requestLog
	auth     tokenStore

	srvMu   sync.Mutex
	httpSrv *http.Server
	baseURL string
}

// New builds a server from opts. It loads Options.StateFile when it exists,
// else Options.Seed, else Options.SeedFile, else DemoSeed().
func New(opts Options) (*Server, error) {
	opts = opts.withDefaults()
	rd, err := opts.Readings.normalize()
	if err != nil {
		return nil, err
	}
	seed, err := initialSeed(opts)
	if err != nil {
		return nil, err
	}
	st, err := newState(seed, opts.Now().In(opts.Location).Format(timeLayout))
	if err != nil {
		return nil, err
	}
	s := &Server{
		opts: opts, st: st, readings: rd,
		latency: opts.Latency, maxConc: opts.MaxConcurrent,
		r429: opts.Rate429, r500: opts.Rate500, rApplied: opts.RateApplied500,
		rng:  rand.New(rand.NewPCG(uint64(opts.RandSeed), uint64(opts.RandSeed)^0x9e3779b97f4a7c15)),
		auth: newTokenStore(),
	}
	return s, nil
}

func initialSeed(opts Options) (*Seed, error) {
	if opts.StateFile != "" {
		s, err := loadSeedFile(opts.StateFile)
		if err == nil {
			return s, nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("emulator: state file: %w", err)
		}
	}
	switch {
	case opts.Seed != nil:
		return cloneSeed(opts.Seed)
	case opts.SeedFile != "":
		return loadSeedFile(opts.SeedFile)
	}
	return DemoSeed(), nil
}

// Handler returns the HTTP handler serving /crm/{version}/... and
// /oauth/v2/token.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

// Listen serves on addr (e.g. "127.0.0.1:0") in the background and returns
// the base URL, e.g. "http://127.0.0.1:41234".
func (s *Server) Listen(addr string) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", err
	}
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	s.srvMu.Lock()
	s.httpSrv = srv
	s.baseURL = "http://" + ln.Addr().String()
	base := s.baseURL
	s.srvMu.Unlock()
	go srv.Serve(ln)
	return base, nil
}

// Close stops a server started by Listen.
func (s *Server) Close() error {
	s.srvMu.Lock()
	srv := s.httpSrv
	s.httpSrv = nil
	s.srvMu.Unlock()
	if srv == nil {
		return nil
	}
	// In-flight requests get a moment to finish; idle keep-alive
	// connections, which Shutdown would wait on, are closed at once.
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		return srv.Close()
	}
	return nil
}

// Snapshot returns a deep copy of the current state.
func (s *Server) Snapshot() *Seed {
	s.mu.RLock()
	seed := s.st.toSeed()
	b, err := json.Marshal(seed)
	s.mu.RUnlock()
	if err != nil {
		panic("emulator: snapshot: " + err.Error())
	}
	out, err := decodeSeedJSON(b)
	if err != nil {
		panic("emulator: snapshot: " + err.Error())
	}
	return out
}

// Counts returns the number of objects of each kind, keyed by the wire
// wrapper key (record_locking_configurations, modules, roles, contact_roles,
// profiles, users).
func (s *Server) Counts() map[string]int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return map[string]int{
		"record_locking_configurations": len(s.st.locks),
		"modules":                       len(s.st.modules),
		"roles":                         len(s.st.roles),
		"contact_roles":                 len(s.st.contactRoles),
		"profiles":                      len(s.st.profiles),
		"users":                         len(s.st.users),
	}
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	rep := s.pipeline(r, body)
	s.log.add(r, body, rep)
	writeReply(w, rep)
}

// pipeline applies the knobs around dispatch: concurrency limit, latency,
// injected failures and random faults.
func (s *Server) pipeline(r *http.Request, body []byte) reply {
	isAPI := strings.HasPrefix(r.URL.Path, "/crm/")
	k := s.knobs()
	// The concurrency limit counts API calls only: token calls go to the
	// accounts server, another host than the API domain [api.md §6.1, §7].
	if isAPI {
		n := s.inflight.Add(1)
		defer s.inflight.Add(-1)
		if k.maxConc > 0 && n > int64(k.maxConc) {
			return tooManyRequests()
		}
	}
	if k.latency > 0 {
		t := time.NewTimer(k.latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return errInternal().reply()
		}
	}
	f := s.takeFailure(r.Method, r.URL.Path)
	if f != nil && len(f.IgnoreKeys) > 0 {
		return s.dispatch(r, dropKeys(body, f.IgnoreKeys))
	}
	switch {
	case f != nil && !f.Applied:
		return f.reply(isAPI)
	case f == nil && isAPI && s.roll(k.r429):
		return tooManyRequests()
	case f == nil && isAPI && s.roll(k.r500):
		return errInternal().reply()
	}
	rep := s.dispatch(r, body)
	if f != nil {
		return f.reply(isAPI)
	}
	if isAPI && r.Method != http.MethodGet && s.roll(k.rApplied) {
		return errInternal().reply()
	}
	return rep
}

func tooManyRequests() reply {
	return newErr(http.StatusTooManyRequests, "TOO_MANY_REQUESTS",
		"the number of API requests for the 24 hour period is exceeded or the concurrency limit of the user for the app is exceeded", obj{}).reply()
}

func (s *Server) dispatch(r *http.Request, body []byte) reply {
	switch p := r.URL.Path; {
	case p == "/oauth/v2/token":
		return s.tokenEndpoint(r, body)
	case p == "/oauth/v2/token/revoke":
		return s.revokeEndpoint(r, body)
	case strings.HasPrefix(p, "/crm/"):
		return s.api(r, body)
	}
	return errURLPattern().reply()
}

func writeReply(w http.ResponseWriter, rep reply) {
	if rep.body == nil {
		w.WriteHeader(rep.status)
		return
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rep.body); err != nil {
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(rep.status)
	w.Write(buf.Bytes())
}

// stamp is the current time in the configured zone, second precision.
func (s *Server) stamp() string {
	return s.opts.Now().In(s.opts.Location).Format(timeLayout)
}

// TB is the part of testing.TB that Start needs.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
	Cleanup(func())
}

// Start runs a server for a test on a loopback httptest server, closed at
// the end of the test. It returns the server and its base URL.
func Start(tb TB, opts Options) (*Server, string) {
	tb.Helper()
	s, err := New(opts)
	if err != nil {
		tb.Fatalf("emulator: %v", err)
	}
	ts := httptest.NewServer(s.Handler())
	tb.Cleanup(ts.Close)
	s.srvMu.Lock()
	s.baseURL = ts.URL
	s.srvMu.Unlock()
	return s, ts.URL
}

// BaseURL returns the URL the server listens on ("" before Listen or Start).
func (s *Server) BaseURL() string {
	s.srvMu.Lock()
	defer s.srvMu.Unlock()
	return s.baseURL
}
