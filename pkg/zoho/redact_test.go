package zoho

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// syncBuffer is a Debug writer safe for concurrent use.
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

const grantCode = "1000.grantcode0123.abcdef"

// secrets are the values that must never be printed.
var secretsForTest = []string{testClientSecret, testRefreshToken, "0123456789abcdef", grantCode,
	"1000.ref.secret", "1000.acc.secret", "1000.static.secret"}

func assertNoSecret(t *testing.T, what, text string) {
	t.Helper()
	for _, s := range secretsForTest {
		if strings.Contains(text, s) {
			t.Errorf("%s leaks %q:\n%s", what, s, text)
		}
	}
}

func TestNoSecretInLogsOrErrors(t *testing.T) {
	var log syncBuffer
	f := newFake(t)
	errs := secretAPIErrors(t, f, &log)
	errs = append(errs, secretTokenErrors(t, f, &log)...)
	for i, err := range errs {
		if err == nil {
			t.Fatalf("case %d: want an error", i)
		}
		assertNoSecret(t, "error", err.Error())
		for e := errors.Unwrap(err); e != nil; e = errors.Unwrap(e) {
			if _, isURL := e.(*url.Error); !isURL { // url.Error is the raw cause behind a redacted text
				assertNoSecret(t, "wrapped error", e.Error())
			}
		}
	}
	text := log.String()
	assertNoSecret(t, "debug log", text)
	for _, want := range []string{"Zoho-oauthtoken [REDACTED]", "/oauth/v2/token", "bodies are not logged",
		"GET " + f.api.URL + "/crm/v8/settings/roles -> 200 OK", `"access_token":"[REDACTED]"`} {
		if !strings.Contains(text, want) {
			t.Errorf("debug log lacks %q:\n%s", want, text)
		}
	}
}

// secretAPIErrors runs API calls whose bodies, answers and URLs hold
// secrets, and returns their errors.
func secretAPIErrors(t *testing.T, f *fake, log *syncBuffer) []error {
	ctx := context.Background()
	c := f.client(func(cfg *Config) { cfg.Debug = log })
	f.setHandler(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			reply(w, 200, `{"roles":[],"echo":"`+r.Header.Get("Authorization")+`","rt":"`+testRefreshToken+`"}`)
			return
		}
		reply(w, 400, `{"code":"INVALID_DATA","details":{"api_name":"`+testClientSecret+`"},"message":"bad token `+
			strings.TrimPrefix(r.Header.Get("Authorization"), "Zoho-oauthtoken ")+`","status":"error"}`)
	})
	if _, err := c.ListRoles(ctx); err != nil {
		t.Fatal(err)
	}
	var errs []error
	_, err := c.Do(ctx, Request{Method: "POST", Path: "/settings/roles",
		Body: []byte(`{"access_token":"x","note":"` + testClientSecret + `"}`)})
	errs = append(errs, err)

	// url.Error embeds the URL: put secrets in the query of a failing call.
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	c.s.APIDomain = dead.URL
	_, err = c.Do(ctx, Request{Method: "GET", Path: "/settings/roles",
		Query: url.Values{"code": {grantCode}, "x": {testClientSecret}}})
	errs = append(errs, err)

	// A static access token that is rejected.
	c3, _ := New(ctx, Config{AccessToken: "1000.static.secret", APIDomain: f.api.URL, Debug: log})
	_, err = c3.ListRoles(ctx)
	return append(errs, err)
}

// secretTokenErrors runs token calls whose answers echo the secrets, and
// returns their errors.
func secretTokenErrors(t *testing.T, f *fake, log *syncBuffer) []error {
	ctx := context.Background()
	var errs []error
	for _, body := range []string{
		`{"error":"invalid_client","error_description":"bad ` + testClientSecret + ` for ` + testRefreshToken + `"}`,
		`<html>` + testClientSecret + ` ` + testRefreshToken + `</html>`,
	} {
		f2 := newFake(t)
		f2.tokenHook = func(int, url.Values) (int, string) { return 500, body }
		_, err := f2.client(func(cfg *Config) { cfg.Debug = log }).ListRoles(ctx)
		errs = append(errs, err)
	}
	// Grant-token exchange, failing and then succeeding.
	f4 := newFake(t)
	f4.tokenHook = func(n int, fm url.Values) (int, string) {
		if n == 1 {
			return 400, `{"error":"invalid_code","error_description":"` + fm.Get("code") + `"}`
		}
		return 200, `{"access_token":"1000.acc.secret","refresh_token":"1000.ref.secret","expires_in":3600}`
	}
	cfg := Config{ClientID: testClientID, ClientSecret: testClientSecret, AccountsURL: f4.accounts.URL, Debug: log}
	_, err := ExchangeGrantToken(ctx, cfg, grantCode)
	errs = append(errs, err)
	if _, err := ExchangeGrantToken(ctx, cfg, grantCode); err != nil {
		t.Fatal(err)
	}
	return errs
}

func TestRedactPatterns(t *testing.T) {
	for in, want := range map[string]string{
		"Authorization: Zoho-oauthtoken 1000.abc.def":            "Authorization: Zoho-oauthtoken [REDACTED]",
		`{"refresh_token": "anything", "code":"SUCCESS"}`:        `{"refresh_token": "[REDACTED]", "code":"SUCCESS"}`,
		"grant_type=authorization_code&code=xyz&client_secret=s": "grant_type=authorization_code&code=[REDACTED]&client_secret=[REDACTED]",
		"amount 1000.50 kept, token 1000.8cb99dxxxx.9b8 gone":    "amount 1000.50 kept, token [REDACTED] gone",
	} {
		if got := redactPatterns(in); got != want {
			t.Errorf("redact(%q)\n got %q\nwant %q", in, got, want)
		}
	}
	r := newRedactor("abc", "plain-secret-value")
	if got := r.String("x plain-secret-value y abc"); got != "x [REDACTED] y abc" {
		t.Errorf("by value: %q", got)
	}
}
