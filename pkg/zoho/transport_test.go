package zoho

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

const rolesOK = `{"roles":[{"id":"1","name":"CEO"}]}`

func TestReadRetries(t *testing.T) {
	cases := []struct {
		name    string
		replies []string
		calls   int
	}{
		{"429 twice", []string{"429 " + `{"code":"TOO_MANY_REQUESTS","status":"error","message":"too many"}`, "429 ", "200 " + rolesOK}, 3},
		{"500 then ok", []string{"500 " + `{"code":"INTERNAL_ERROR","status":"error","message":"x"}`, "200 " + rolesOK}, 2},
		{"503 html then ok", []string{"503 <html>down</html>", "200 " + rolesOK}, 2},
		{"connection reset then ok", []string{"DROP", "DROP", "200 " + rolesOK}, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t)
			h, _ := sequence(tc.replies...)
			f.setHandler(h)
			c := f.client(nil)
			roles, err := c.ListRoles(context.Background())
			if err != nil || len(roles) != 1 {
				t.Fatalf("ListRoles = %v, %v", roles, err)
			}
			if n := callCount(c, "GET", "/settings/roles"); n != tc.calls {
				t.Errorf("attempts = %d, want %d", n, tc.calls)
			}
		})
	}
}

func TestReadRetriesAreBounded(t *testing.T) {
	f := newFake(t)
	h, hits := sequence("500 " + `{"code":"INTERNAL_ERROR","details":{},"message":"Internal Server Error","status":"error"}`)
	f.setHandler(h)
	c := f.client(nil)
	_, err := c.ListRoles(context.Background())
	if ErrorCode(err) != "INTERNAL_ERROR" || !strings.Contains(err.Error(), "gave up after 4 attempts") {
		t.Fatalf("err = %v", err)
	}
	if hits.Load() != 4 || callCount(c, "GET", "/settings/roles") != 4 {
		t.Errorf("attempts = %d, want 4", hits.Load())
	}
	if IsOutcomeUnknown(err) {
		t.Error("a read is never outcome-unknown")
	}
}

func TestRetryDeadlineAndRetryAfter(t *testing.T) {
	f := newFake(t)
	f.setHandler(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "30")
		reply(w, 429, `{"code":"TOO_MANY_REQUESTS","status":"error","message":"limit"}`)
	})
	c := f.client(func(cfg *Config) { cfg.Retry.Deadline = 200 * time.Millisecond })
	start := time.Now()
	_, err := c.ListRoles(context.Background())
	if ErrorCode(err) != "TOO_MANY_REQUESTS" || time.Since(start) > 2*time.Second {
		t.Fatalf("err = %v after %v", err, time.Since(start))
	}
	if n := callCount(c, "GET", "/settings/roles"); n != 1 {
		t.Errorf("attempts = %d, want 1 (Retry-After exceeds the deadline)", n)
	}

	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"3": 3 * time.Second, "0": 0, now.Add(5 * time.Second).Format(http.TimeFormat): 5 * time.Second,
	} {
		h := http.Header{"Retry-After": {v}}
		if d, ok := retryAfter(h, now); !ok || d != want {
			t.Errorf("Retry-After %q = %v, %v; want %v", v, d, ok, want)
		}
	}
	if _, ok := retryAfter(http.Header{}, now); ok {
		t.Error("no header: want false")
	}
}

func TestBackoffIsBounded(t *testing.T) {
	p := RetryPolicy{BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}
	for n := 1; n < 70; n++ {
		if d := p.backoff(n); d < 0 || d >= time.Second {
			t.Fatalf("backoff(%d) = %v", n, d)
		}
	}
}

func TestWriteRetriesOnlyOn429(t *testing.T) {
	f := newFake(t)
	h, hits := sequence("429 "+`{"code":"TOO_MANY_REQUESTS","status":"error","message":"x"}`,
		"200 "+`{"roles":[{"code":"SUCCESS","details":{"id":"9"},"message":"ok","status":"success"}]}`)
	f.setHandler(h)
	c := f.client(nil)
	res, err := c.UpdateRole(context.Background(), "9", RoleWrite{Name: ptr("x")})
	if err != nil || !res.OK() || hits.Load() != 2 {
		t.Fatalf("UpdateRole = %+v, %v after %d attempts", res, err, hits.Load())
	}
}

func TestWriteOutcomeUnknown(t *testing.T) {
	cases := []struct {
		name, reply, code string
	}{
		{"500", "500 " + `{"code":"INTERNAL_ERROR","details":{},"message":"Internal Server Error","status":"error"}`, "INTERNAL_ERROR"},
		{"502 html", "502 <html>bad gateway</html>", ""},
		{"dropped connection", "DROP", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t)
			h, hits := sequence(tc.reply)
			f.setHandler(h)
			c := f.client(nil)
			_, err := c.CreateLockingConfig(context.Background(), "Deals", LockingConfig{LockType: "manual"})
			var ou *OutcomeUnknownError
			if !errors.As(err, &ou) || !IsOutcomeUnknown(err) {
				t.Fatalf("err = %v, want *OutcomeUnknownError", err)
			}
			if ou.Method != "POST" || ou.Path != "/settings/record_locking_configurations" {
				t.Errorf("error names %s %s", ou.Method, ou.Path)
			}
			if ErrorCode(err) != tc.code || !strings.Contains(err.Error(), "outcome unknown") {
				t.Errorf("err = %v", err)
			}
			if hits.Load() != 1 || callCount(c, "POST", "/settings/record_locking_configurations") != 1 {
				t.Errorf("attempts = %d, want exactly 1", hits.Load())
			}
		})
	}
}

func TestWriteTimeoutIsOutcomeUnknown(t *testing.T) {
	f := newFake(t)
	f.setHandler(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	})
	c := f.client(func(cfg *Config) { cfg.HTTPClient = &http.Client{Timeout: 100 * time.Millisecond} })
	_, err := c.DeleteRole(context.Background(), "5", "6")
	if !IsOutcomeUnknown(err) || callCount(c, "DELETE", "/settings/roles/{id}") != 1 {
		t.Fatalf("err = %v, calls %v", err, c.Calls())
	}
}

func TestWriteDialErrorIsRetried(t *testing.T) {
	f := newFake(t)
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close() // nothing listens here: the request is never sent
	c := f.client(func(cfg *Config) { cfg.APIDomain = dead.URL })
	_, err := c.UpdateRole(context.Background(), "1", RoleWrite{Name: ptr("x")})
	if err == nil || IsOutcomeUnknown(err) {
		t.Fatalf("err = %v, want a plain error", err)
	}
	if n := callCount(c, "PUT", "/settings/roles/{id}"); n != 4 {
		t.Errorf("attempts = %d, want 4", n)
	}
}

func TestConcurrencyLimit(t *testing.T) {
	f := newFake(t)
	f.setHandler(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(20 * time.Millisecond)
		reply(w, 200, rolesOK)
	})
	c := f.client(func(cfg *Config) { cfg.Concurrency = 3 })
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.ListRoles(context.Background()); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if m := f.maxInFlight.Load(); m != 3 {
		t.Errorf("max in flight = %d, want 3", m)
	}

	// The default limit is 5.
	f.maxInFlight.Store(0)
	c = f.client(nil)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = c.ListRoles(context.Background())
		}()
	}
	wg.Wait()
	if m := f.maxInFlight.Load(); m > 5 {
		t.Errorf("max in flight = %d with the default limit", m)
	}
}

func TestCancelStopsRetryWait(t *testing.T) {
	f := newFake(t)
	h, hits := sequence("500 " + `{"code":"INTERNAL_ERROR","status":"error","message":"x"}`)
	f.setHandler(h)
	c := f.client(func(cfg *Config) {
		cfg.Retry = RetryPolicy{MaxAttempts: 10, BaseDelay: time.Minute, MaxDelay: time.Minute, Deadline: time.Hour}
	})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.ListRoles(ctx)
	if !errors.Is(err, context.Canceled) || time.Since(start) > 5*time.Second {
		t.Fatalf("err = %v after %v", err, time.Since(start))
	}
	if hits.Load() > 2 {
		t.Errorf("attempts after cancel: %d", hits.Load())
	}
	// A cancelled context sends nothing.
	before := len(f.requests())
	if _, err := c.ListRoles(ctx); !errors.Is(err, context.Canceled) || len(f.requests()) != before {
		t.Errorf("cancelled call: %v", err)
	}
}

func TestCancelWhileWaitingForSlot(t *testing.T) {
	f := newFake(t)
	release := make(chan struct{})
	f.setHandler(func(w http.ResponseWriter, r *http.Request) {
		<-release
		reply(w, 200, rolesOK)
	})
	c := f.client(func(cfg *Config) { cfg.Concurrency = 1 })
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = c.ListRoles(context.Background())
	}()
	for f.inFlight.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.ListProfiles(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want deadline exceeded", err)
	}
	close(release)
	<-done
}

func TestCallCounts(t *testing.T) {
	f := newFake(t)
	f.setHandler(func(w http.ResponseWriter, r *http.Request) { reply(w, 204, "") })
	c := f.client(nil)
	ctx := context.Background()
	_, _ = c.ListRoles(ctx)
	_, _ = c.ListRoles(ctx)
	_, _ = c.GetRole(ctx, "5843104000000766010")
	_, _ = c.ListLockingConfigs(ctx, "Deals")
	_, _ = c.GetModule(ctx, "Leads")
	_, _ = c.DeleteLockingConfig(ctx, "Deals", "123")
	want := []CallCount{
		{"GET", "/settings/modules/{id}", 1},
		{"GET", "/settings/record_locking_configurations", 1},
		{"DELETE", "/settings/record_locking_configurations/{id}", 1},
		{"GET", "/settings/roles", 2},
		{"GET", "/settings/roles/{id}", 1},
	}
	got := c.Calls()
	if mustJSON(t, got) != mustJSON(t, want) {
		t.Errorf("Calls = %v\nwant %v", got, want)
	}
	if c.TokenCalls() != 1 {
		t.Errorf("TokenCalls = %d", c.TokenCalls())
	}
	c.ResetCalls()
	if len(c.Calls()) != 0 || c.TokenCalls() != 0 {
		t.Error("ResetCalls left counts")
	}
}

func TestEndpointTemplate(t *testing.T) {
	for in, want := range map[string]string{
		"/settings/roles/123":                           "/settings/roles/{id}",
		"/settings/modules/Leads":                       "/settings/modules/{id}",
		"/settings/modules":                             "/settings/modules",
		"/Contacts/roles/99?x=1":                        "/Contacts/roles/{id}",
		"/settings/record_locking_configurations":       "/settings/record_locking_configurations",
		"/settings/custom_buttons/actions/count":        "/settings/custom_buttons/actions/count",
		"/users/4150868000000225013/actions/associated": "/users/{id}/actions/associated",
	} {
		if got := endpointTemplate(in); got != want {
			t.Errorf("endpointTemplate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDoValidatesRequest(t *testing.T) {
	f := newFake(t)
	c := f.client(nil)
	for _, r := range []Request{
		{Method: "GET", Path: "settings/roles"},
		{Method: "GET", Path: "/settings/roles?x=1"},
		{Method: "TRACE", Path: "/settings/roles"},
		{Method: "GET", Path: "/settings/../x"},
	} {
		if _, err := c.Do(context.Background(), r); err == nil {
			t.Errorf("Do(%+v) succeeded", r)
		}
	}
	if len(f.requests()) != 0 {
		t.Error("invalid requests reached the API")
	}
}

func TestRequestHeaders(t *testing.T) {
	f := newFake(t)
	c := f.client(func(cfg *Config) { cfg.UserAgent = "crmsync-test/1" })
	var got http.Header
	f.setHandler(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		reply(w, 200, `{"roles":[{"code":"SUCCESS","status":"success","details":{"id":"1"},"message":"m"}]}`)
	})
	if _, err := c.CreateRole(context.Background(), RoleWrite{Name: ptr("x")}); err != nil {
		t.Fatal(err)
	}
	if got.Get("Content-Type") != "application/json" || got.Get("User-Agent") != "crmsync-test/1" ||
		!strings.HasPrefix(got.Get("Authorization"), "Zoho-oauthtoken 1000.") {
		t.Errorf("headers = %v", got)
	}
	if r := f.requests()[0]; r.Path != "/crm/v8/settings/roles" || r.Body != `{"roles":[{"name":"x"}]}` {
		t.Errorf("request = %+v", r)
	}
}
