package zoho

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Test credentials. The client secret is not token-shaped, so the tests
// prove that configured secret values are redacted by value.
const (
	testClientID     = "1000.CLIENTID"
	testClientSecret = "s3cr3t-client-secret-value"
	testRefreshToken = "1000.refresh0123456789abcdef.fedcba9876543210"
)

// fake is a fake Zoho: an accounts server and an API server.
type fake struct {
	t        *testing.T
	accounts *httptest.Server
	api      *httptest.Server

	mu        sync.Mutex
	grants    int             // token endpoint calls
	issued    int             // tokens issued
	valid     map[string]bool // access tokens the API accepts
	reqs      []apiReq
	tokenHook func(n int, form url.Values) (int, string) // overrides the token reply when non-nil
	noDomain  bool                                       // token replies carry no api_domain
	tokenWait time.Duration

	handler     http.HandlerFunc // API handler, after the token check
	inFlight    atomic.Int32
	maxInFlight atomic.Int32
}

// apiReq is one request seen by the fake API.
type apiReq struct {
	Method, Path, Query, Auth string
	Body                      string
}

func newFake(t *testing.T) *fake {
	t.Helper()
	f := &fake{t: t, valid: map[string]bool{}}
	f.accounts = httptest.NewServer(http.HandlerFunc(f.serveToken))
	f.api = httptest.NewServer(http.HandlerFunc(f.serveAPI))
	t.Cleanup(f.accounts.Close)
	t.Cleanup(f.api.Close)
	f.handler = func(w http.ResponseWriter, r *http.Request) { reply(w, 200, `{"roles":[]}`) }
	return f
}

func (f *fake) serveToken(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	form, _ := url.ParseQuery(string(body))
	f.mu.Lock()
	f.grants++
	n, hook, wait := f.grants, f.tokenHook, f.tokenWait
	f.mu.Unlock()
	time.Sleep(wait)
	if r.URL.Path != "/oauth/v2/token" || r.Method != http.MethodPost {
		reply(w, 404, `{"error":"not found"}`)
		return
	}
	if hook != nil {
		status, body := hook(n, form)
		reply(w, status, body)
		return
	}
	if form.Get("grant_type") != "refresh_token" || form.Get("refresh_token") != testRefreshToken ||
		form.Get("client_id") != testClientID || form.Get("client_secret") != testClientSecret {
		reply(w, 200, `{"error":"invalid_code"}`)
		return
	}
	tok := f.issue()
	domain := fmt.Sprintf(`,"api_domain":%q`, f.api.URL)
	if f.noDomain {
		domain = ""
	}
	reply(w, 200, fmt.Sprintf(`{"access_token":%q%s,"token_type":"Bearer","expires_in":3600}`, tok, domain))
}

// issue returns a new valid access token.
func (f *fake) issue() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.issued++
	tok := fmt.Sprintf("1000.access%04d.0123456789abcdef", f.issued)
	f.valid[tok] = true
	return tok
}

// allow makes tok a valid access token.
func (f *fake) allow(tok string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.valid[tok] = true
}

// expireAll makes every issued token invalid.
func (f *fake) expireAll() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.valid = map[string]bool{}
}

func (f *fake) serveAPI(w http.ResponseWriter, r *http.Request) {
	n := f.inFlight.Add(1)
	defer f.inFlight.Add(-1)
	for m := f.maxInFlight.Load(); n > m && !f.maxInFlight.CompareAndSwap(m, n); m = f.maxInFlight.Load() {
	}
	body, _ := io.ReadAll(r.Body)
	auth := r.Header.Get("Authorization")
	f.mu.Lock()
	f.reqs = append(f.reqs, apiReq{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Auth: auth, Body: string(body)})
	ok := f.valid[strings.TrimPrefix(auth, "Zoho-oauthtoken ")]
	h := f.handler
	f.mu.Unlock()
	if !strings.HasPrefix(auth, "Zoho-oauthtoken ") || !ok {
		reply(w, 401, `{"code":"INVALID_TOKEN","details":{},"message":"invalid oauth token","status":"error"}`)
		return
	}
	r.Body = io.NopCloser(strings.NewReader(string(body)))
	h(w, r)
}

// setHandler replaces the API handler.
func (f *fake) setHandler(h http.HandlerFunc) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.handler = h
}

// requests returns the API requests seen so far.
func (f *fake) requests() []apiReq {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]apiReq(nil), f.reqs...)
}

func (f *fake) grantCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.grants
}

func reply(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// dropConn closes the connection without an answer.
func dropConn(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		conn.Close()
	}
}

// fastRetry is a retry policy for tests: 4 attempts, millisecond waits.
func fastRetry() RetryPolicy {
	return RetryPolicy{MaxAttempts: 4, BaseDelay: time.Millisecond, MaxDelay: 4 * time.Millisecond, Deadline: 5 * time.Second}
}

// config returns a Config for the fake with refresh credentials.
func (f *fake) config() Config {
	return Config{
		ClientID: testClientID, ClientSecret: testClientSecret, RefreshToken: testRefreshToken,
		AccountsURL: f.accounts.URL, Retry: fastRetry(),
	}
}

// client returns a Client for the fake; edit may change the Config.
func (f *fake) client(edit func(*Config)) *Client {
	f.t.Helper()
	cfg := f.config()
	if edit != nil {
		edit(&cfg)
	}
	c, err := New(context.Background(), cfg)
	if err != nil {
		f.t.Fatalf("New: %v", err)
	}
	return c
}

// sequence answers the n-th API call (from 1) with replies[n-1], and the
// last reply after that. A reply of "DROP" closes the connection.
func sequence(replies ...string) (http.HandlerFunc, *atomic.Int32) {
	var n atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		i = min(i, len(replies)-1)
		if replies[i] == "DROP" {
			dropConn(w)
			return
		}
		var status int
		var body string
		_, _ = fmt.Sscanf(replies[i], "%d", &status)
		if j := strings.IndexByte(replies[i], ' '); j >= 0 {
			body = replies[i][j+1:]
		}
		reply(w, status, body)
	}, &n
}

// callCount returns the count of one endpoint in c.Calls().
func callCount(c *Client, method, endpoint string) int {
	for _, cc := range c.Calls() {
		if cc.Method == method && cc.Endpoint == endpoint {
			return cc.Count
		}
	}
	return 0
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
