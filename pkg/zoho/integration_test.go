package zoho_test

// Integration tests: the real client (pkg/zoho) against the real emulator
// (pkg/emulator) over HTTP. The two were written independently from Zoho's
// documents, so a test here fails when one of them misreads a document the
// other reads correctly. This file holds the shared harness; the tests are in
// the *_integration_test.go files beside it:
//
//   - errors_integration_test.go: every documented error case, as the
//     client's typed errors (record locking, modules, roles);
//   - requests_integration_test.go: contact-role and request-level errors,
//     client-side checks, partial success of 100 items, 401 handling;
//   - faults_integration_test.go: 429 storms, lost write responses, token
//     expiry and concurrency limits;
//   - readings_integration_test.go: the client's reads and writes under every
//     reading of the emulator (emulator.ReadingVariants);
//   - oas_integration_test.go: request and response bodies against Zoho's
//     OpenAPI files in testdata/oas, with the checker in oas_checker_test.go
//     and the documented deviations in oas_allowances_test.go;
//   - secrets_integration_test.go: no secret in any log line or error.

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// OAuth values the emulator expects. The secret is not token-shaped, so the
// secret tests prove that configured values are redacted by value.
const (
	itClientID     = "1000.ITCLIENTID"
	itClientSecret = "it-client-secret-value-4711"
	itRefreshToken = "1000.itrefresh0123456789abcdef.fedcba9876543210"
)

// Ids of the emulator's demo org (emulator.DemoSeed).
const (
	demoCEORole        = "4150868000000026005"
	demoSalesHeadRole  = "4150868000000231921"
	demoJaneUser       = "738964000000291009"
	demoAdminProfile   = "5843104000000026011"
	demoStandardProf   = "5843104000000026014"
	demoDealsLock      = "5843104000001068044"
	demoDealsRule      = "5843104000001068052"
	demoLeadsLock      = "5843104000000758004"
	demoMarketingModID = "2423488000000834002"
	demoPurchasingCR   = "4150868000003611011"
)

// exchange is one HTTP exchange seen by the recorder in front of the
// emulator: the emulator's request log keeps no response bodies.
type exchange struct {
	Method, Path, RawQuery string
	ReqBody                []byte
	Status                 int
	RespBody               []byte
}

// recorder is an http.Handler that records every exchange with the
// emulator's handler.
type recorder struct {
	next http.Handler
	mu   sync.Mutex
	log  []exchange
}

func (rc *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var body []byte
	if r.Body != nil {
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(r.Body)
		body = buf.Bytes()
		r.Body.Close()
		r.Body = readCloser{bytes.NewReader(body)}
	}
	cw := &captureWriter{ResponseWriter: w, status: http.StatusOK}
	rc.next.ServeHTTP(cw, r)
	rc.mu.Lock()
	rc.log = append(rc.log, exchange{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery,
		ReqBody: body, Status: cw.status, RespBody: cw.buf.Bytes()})
	rc.mu.Unlock()
}

func (rc *recorder) exchanges() []exchange {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]exchange(nil), rc.log...)
}

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

type captureWriter struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
}

func (w *captureWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *captureWriter) Write(b []byte) (int, error) {
	w.buf.Write(b)
	return w.ResponseWriter.Write(b)
}

// harness is a running emulator with a recorder in front of it.
type harness struct {
	t   *testing.T
	emu *emulator.Server
	rec *recorder
	url string
}

// newHarness starts an emulator with opts; the expected OAuth values are
// filled in unless set.
func newHarness(t *testing.T, opts emulator.Options) *harness {
	t.Helper()
	if opts.ClientID == "" {
		opts.ClientID, opts.ClientSecret, opts.RefreshToken = itClientID, itClientSecret, itRefreshToken
	}
	s, err := emulator.New(opts)
	if err != nil {
		t.Fatalf("emulator: %v", err)
	}
	rec := &recorder{next: s.Handler()}
	ts := httptest.NewServer(rec)
	t.Cleanup(ts.Close)
	return &harness{t: t, emu: s, rec: rec, url: ts.URL}
}

// fastRetry keeps the suite fast: retries wait a few milliseconds at most.
func fastRetry() zoho.RetryPolicy {
	return zoho.RetryPolicy{MaxAttempts: 8, BaseDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond, Deadline: 10 * time.Second}
}

// config is a client configuration for the emulator: refresh credentials,
// the emulator as accounts server, and no API domain, so that the client
// learns it from the token's api_domain.
func (h *harness) config() zoho.Config {
	return zoho.Config{
		ClientID: itClientID, ClientSecret: itClientSecret, RefreshToken: itRefreshToken,
		AccountsURL: h.url, Retry: fastRetry(),
		HTTPClient: &http.Client{Timeout: 10 * time.Second},
	}
}

// client returns a client for the emulator; edit changes its config.
func (h *harness) client(edit ...func(*zoho.Config)) *zoho.Client {
	h.t.Helper()
	cfg := h.config()
	for _, e := range edit {
		e(&cfg)
	}
	c, err := zoho.New(context.Background(), cfg)
	if err != nil {
		h.t.Fatalf("zoho.New: %v", err)
	}
	return c
}

// apiLog returns the emulator's log entries of API calls (not token calls)
// with method (any if "") whose path, without /crm/{version}, starts with
// prefix.
func (h *harness) apiLog(method, prefix string) []emulator.LoggedRequest {
	var out []emulator.LoggedRequest
	for _, r := range h.emu.Requests() {
		p, ok := strings.CutPrefix(r.Path, "/crm/v8")
		if !ok || (method != "" && r.Method != method) || !strings.HasPrefix(p, prefix) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// grants returns the emulator's log entries of token calls.
func (h *harness) grants() []emulator.LoggedRequest {
	var out []emulator.LoggedRequest
	for _, r := range h.emu.Requests() {
		if r.Path == "/oauth/v2/token" {
			out = append(out, r)
		}
	}
	return out
}

// countStatus counts the entries answered with status.
func countStatus(log []emulator.LoggedRequest, status int) int {
	n := 0
	for _, r := range log {
		if r.Status == status {
			n++
		}
	}
	return n
}

// ctx is a test context that ends with the test.
func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return c
}

// apiErrorOf returns the *APIError in err's chain or fails the test.
func apiErrorOf(t *testing.T, err error) *zoho.APIError {
	t.Helper()
	var e *zoho.APIError
	if !errors.As(err, &e) {
		t.Fatalf("want an *APIError, got %T: %v", err, err)
	}
	return e
}

func ptr[T any](v T) *T { return &v }
