package zoho

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

func TestTokenSharedAcrossConcurrentCalls(t *testing.T) {
	f := newFake(t)
	f.tokenWait = 50 * time.Millisecond // widen the race
	c := f.client(nil)
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.ListRoles(context.Background())
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if g := f.grantCount(); g != 1 {
		t.Errorf("grants = %d, want exactly 1", g)
	}
	if n := c.TokenCalls(); n != 1 {
		t.Errorf("TokenCalls = %d, want 1", n)
	}
	for _, r := range f.requests() {
		if r.Auth != "Zoho-oauthtoken 1000.access0001.0123456789abcdef" {
			t.Fatalf("Authorization = %q", r.Auth)
		}
	}
	if n := callCount(c, "GET", "/settings/roles"); n != 20 {
		t.Errorf("GET /settings/roles count = %d, want 20", n)
	}
}

func TestTokenRequestForm(t *testing.T) {
	f := newFake(t)
	var got url.Values
	f.tokenHook = func(n int, form url.Values) (int, string) {
		got = form
		return 200, `{"access_token":"1000.x.y","expires_in":3600}`
	}
	f.allow("1000.x.y")
	c := f.client(func(c *Config) { c.APIDomain = f.api.URL })
	if _, err := c.ListRoles(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {testRefreshToken},
		"client_id": {testClientID}, "client_secret": {testClientSecret}}
	if got.Encode() != want.Encode() {
		t.Errorf("token form = %v, want %v", got, want)
	}
}

func TestInvalidTokenRefreshesAndRetriesOnce(t *testing.T) {
	f := newFake(t)
	c := f.client(nil)
	ctx := context.Background()
	if _, err := c.ListRoles(ctx); err != nil {
		t.Fatal(err)
	}
	f.expireAll()
	f.setHandler(func(w http.ResponseWriter, r *http.Request) {
		reply(w, 200, `{"roles":[{"code":"SUCCESS","details":{"id":"123"},"message":"role updated","status":"success"}]}`)
	})
	res, err := c.UpdateRole(ctx, "123", RoleWrite{Name: ptr("Sales")})
	if err != nil || res.ID != "123" {
		t.Fatalf("UpdateRole = %+v, %v", res, err)
	}
	if g := f.grantCount(); g != 2 {
		t.Errorf("grants = %d, want 2", g)
	}
	if n := callCount(c, "PUT", "/settings/roles/{id}"); n != 2 {
		t.Errorf("PUT attempts = %d, want 2 (rejected + retried)", n)
	}
	// A token that is rejected again is an error, with no third grant.
	f.tokenHook = func(int, url.Values) (int, string) {
		return 200, `{"access_token":"1000.never.valid","api_domain":"` + f.api.URL + `","expires_in":3600}`
	}
	f.expireAll()
	_, err = c.ListRoles(ctx)
	if ErrorCode(err) != "INVALID_TOKEN" || !strings.Contains(err.Error(), "freshly minted") {
		t.Errorf("err = %v", err)
	}
	if g := f.grantCount(); g != 3 {
		t.Errorf("grants = %d, want 3", g)
	}
}

func TestStaticAccessTokenWithoutRefresh(t *testing.T) {
	f := newFake(t)
	c, err := New(context.Background(), Config{AccessToken: "1000.static.token", APIDomain: f.api.URL, Retry: fastRetry()})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListRoles(context.Background())
	if ErrorCode(err) != "INVALID_TOKEN" {
		t.Fatalf("err = %v, want INVALID_TOKEN", err)
	}
	for _, want := range []string{EnvRefreshToken, EnvClientID, "no refresh token"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "1000.static.token") {
		t.Errorf("error leaks the token: %v", err)
	}
	if c.TokenCalls() != 0 || f.grantCount() != 0 {
		t.Errorf("token calls = %d, want 0", c.TokenCalls())
	}
	if n := callCount(c, "GET", "/settings/roles"); n != 1 {
		t.Errorf("attempts = %d, want 1", n)
	}
}

func TestStaticAccessTokenWithRefresh(t *testing.T) {
	f := newFake(t)
	f.allow("1000.static.ok")
	c := f.client(func(c *Config) { c.AccessToken = "1000.static.ok"; c.APIDomain = f.api.URL })
	ctx := context.Background()
	if _, err := c.ListRoles(ctx); err != nil {
		t.Fatal(err)
	}
	if c.TokenCalls() != 0 {
		t.Fatalf("minted although an access token was given")
	}
	f.expireAll()
	if _, err := c.ListRoles(ctx); err != nil {
		t.Fatal(err)
	}
	if c.TokenCalls() != 1 {
		t.Errorf("TokenCalls = %d, want 1", c.TokenCalls())
	}
}

func TestTokenEndpointWithoutAccessToken(t *testing.T) {
	cases := []struct {
		name, body string
		status     int
		want       []string
	}{
		{"200 invalid_client", `{"error":"invalid_client"}`, 200, []string{"invalid_client", "hint:", EnvClientID, EnvDC}},
		{"200 invalid_code", `{"error":"invalid_code"}`, 200, []string{"invalid_code", "revoked", EnvRefreshToken}},
		{"200 empty", `{}`, 200, []string{"no access_token"}},
		{"400 access denied", `{"error_description":"You have made too many requests continuously. Please try again after some time.","error":"Access Denied","status":"failure"}`,
			400, []string{"Access Denied", "10 access tokens"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t)
			f.tokenHook = func(int, url.Values) (int, string) { return tc.status, tc.body }
			c := f.client(nil)
			_, err := c.ListRoles(context.Background())
			var te *TokenError
			if !errors.As(err, &te) {
				t.Fatalf("err = %v, want *TokenError", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			// The failure is permanent: a second call makes no token call.
			_, err2 := c.ListRoles(context.Background())
			if err2 == nil || f.grantCount() != 1 {
				t.Errorf("second call: err %v, grants %d; want the same error and 1 grant", err2, f.grantCount())
			}
			if len(f.requests()) != 0 {
				t.Errorf("API called without a token")
			}
		})
	}
}

func TestTokenEndpointTransientFailureIsRetried(t *testing.T) {
	f := newFake(t)
	f.tokenHook = func(n int, form url.Values) (int, string) {
		if n == 1 {
			return 502, `<html>bad gateway</html>`
		}
		f.allow("1000.second.try")
		return 200, `{"access_token":"1000.second.try","api_domain":"` + f.api.URL + `","expires_in":3600}`
	}
	c := f.client(nil)
	if _, err := c.ListRoles(context.Background()); err != nil {
		t.Fatal(err)
	}
	if c.TokenCalls() != 2 {
		t.Errorf("TokenCalls = %d, want 2", c.TokenCalls())
	}
}

func TestTokenLifetime(t *testing.T) {
	tok := func(in int64, extra map[string]any) *oauth2.Token {
		return (&oauth2.Token{AccessToken: "a", ExpiresIn: in}).WithExtra(extra)
	}
	cases := []struct {
		name string
		tok  *oauth2.Token
		want time.Duration
	}{
		{"seconds", tok(3600, map[string]any{"expires_in": 3600.0}), time.Hour},
		{"millis with expires_in_sec", tok(3600000, map[string]any{"expires_in": 3600000.0, "expires_in_sec": 3600.0}), time.Hour},
		{"millis alone", tok(3600000, map[string]any{"expires_in": 3600000.0}), time.Hour},
		{"expires_in_sec as string", tok(0, map[string]any{"expires_in_sec": "1800"}), 30 * time.Minute},
		{"missing", tok(0, map[string]any{}), time.Hour},
	}
	for _, tc := range cases {
		if got := tokenLifetime(tc.tok); got != tc.want {
			t.Errorf("%s: lifetime = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestTokenExpiryFromMillisecondResponse(t *testing.T) {
	f := newFake(t)
	f.tokenHook = func(int, url.Values) (int, string) {
		tok := f.issue()
		return 200, `{"access_token":"` + tok + `","api_domain":"` + f.api.URL +
			`","expires_in":3600000,"expires_in_sec":3600}`
	}
	c := f.client(nil)
	if _, err := c.ListRoles(context.Background()); err != nil {
		t.Fatal(err)
	}
	left := time.Until(c.tokens.expiry)
	if left < 55*time.Minute || left > time.Hour {
		t.Errorf("token valid for %v, want about 59 minutes", left)
	}
	// Once expired, the next call mints again.
	c.tokens.expiry = time.Now().Add(-time.Second)
	if _, err := c.ListRoles(context.Background()); err != nil {
		t.Fatal(err)
	}
	if c.TokenCalls() != 2 {
		t.Errorf("TokenCalls = %d, want 2", c.TokenCalls())
	}
}

func TestDCTable(t *testing.T) {
	want := map[string][2]string{
		"us": {"https://accounts.zoho.com", "https://www.zohoapis.com"},
		"eu": {"https://accounts.zoho.eu", "https://www.zohoapis.eu"},
		"in": {"https://accounts.zoho.in", "https://www.zohoapis.in"},
		"au": {"https://accounts.zoho.com.au", "https://www.zohoapis.com.au"},
		"jp": {"https://accounts.zoho.jp", "https://www.zohoapis.jp"},
		"ca": {"https://accounts.zohocloud.ca", "https://www.zohoapis.ca"},
		"cn": {"https://accounts.zoho.com.cn", "https://www.zohoapis.com.cn"},
		"sa": {"https://accounts.zoho.sa", "https://www.zohoapis.sa"},
		"":   {"https://accounts.zoho.com", "https://www.zohoapis.com"},
		"EU": {"https://accounts.zoho.eu", "https://www.zohoapis.eu"},
	}
	for dc, w := range want {
		acc, err1 := AccountsURLFor(dc)
		api, err2 := APIDomainFor(dc)
		if err1 != nil || err2 != nil || acc != w[0] || api != w[1] {
			t.Errorf("DC %q: %q, %q (%v, %v); want %q, %q", dc, acc, api, err1, err2, w[0], w[1])
		}
	}
	if len(DataCentres()) != 8 {
		t.Errorf("DataCentres = %v", DataCentres())
	}
	if _, err := AccountsURLFor("uk"); err == nil || !strings.Contains(err.Error(), "unknown Zoho data centre") {
		t.Errorf("unknown DC: err = %v", err)
	}
}

func TestAPIDomainPrecedence(t *testing.T) {
	ctx := context.Background()
	f, other := newFake(t), newFake(t)
	const tok = "1000.fixed.tok"
	f.allow(tok)
	other.allow(tok)
	domain := `,"api_domain":"` + f.api.URL + `"`
	f.tokenHook = func(int, url.Values) (int, string) {
		return 200, `{"access_token":"` + tok + `"` + domain + `,"expires_in":3600}`
	}

	// The token's api_domain is used when no domain is configured.
	c := f.client(nil)
	if d, err := c.APIDomain(ctx); err != nil || d != f.api.URL {
		t.Errorf("from token: %q, %v; want %q", d, err, f.api.URL)
	}

	// An explicit APIDomain wins over the token's.
	c = f.client(func(cfg *Config) { cfg.APIDomain = other.api.URL + "/" })
	if d, _ := c.APIDomain(ctx); d != other.api.URL {
		t.Errorf("explicit: %q, want %q", d, other.api.URL)
	}
	if _, err := c.ListRoles(ctx); err != nil {
		t.Fatal(err)
	}
	if len(other.requests()) != 1 || len(f.requests()) != 0 {
		t.Errorf("explicit domain not used: other %d, token's %d", len(other.requests()), len(f.requests()))
	}

	// Without api_domain in the token, the DC default applies.
	domain = ""
	c = f.client(func(cfg *Config) { cfg.DC = "eu" })
	if d, err := c.APIDomain(ctx); err != nil || d != "https://www.zohoapis.eu" {
		t.Errorf("DC default: %q, %v", d, err)
	}

	// With only an access token, nothing is minted.
	c, _ = New(ctx, Config{AccessToken: "1000.tok.x", DC: "in"})
	if d, _ := c.APIDomain(ctx); d != "https://www.zohoapis.in" || c.TokenCalls() != 0 {
		t.Errorf("static: %q, %d token calls", d, c.TokenCalls())
	}
}

func TestNewValidation(t *testing.T) {
	ctx := context.Background()
	_, err := New(ctx, Config{ClientID: "x"})
	if err == nil || !strings.Contains(err.Error(), EnvClientSecret) || !strings.Contains(err.Error(), EnvRefreshToken) ||
		strings.Contains(err.Error(), EnvClientID+",") {
		t.Errorf("missing credentials: %v", err)
	}
	bad := []Config{
		{AccessToken: "t", DC: "mars"},
		{AccessToken: "t", APIDomain: "www.zohoapis.com"},
		{AccessToken: "t", AccountsURL: "ftp://x"},
		{AccessToken: "t", Concurrency: -1},
		{AccessToken: "t", Retry: RetryPolicy{MaxAttempts: -1}},
	}
	for _, cfg := range bad {
		if _, err := New(ctx, cfg); err == nil {
			t.Errorf("New(%+v) succeeded", cfg)
		}
	}
	c, err := New(ctx, Config{AccessToken: "t"})
	if err != nil || c.APIVersion() != "v8" || c.s.Concurrency != 5 || c.s.Retry.MaxAttempts != 6 {
		t.Errorf("defaults: %v %+v", err, c.s)
	}
}

func TestConfigFromEnv(t *testing.T) {
	env := map[string]string{EnvClientID: "id", EnvClientSecret: "sec", EnvRefreshToken: "rt", EnvDC: "eu"}
	cfg := ConfigFromEnv(func(k string) string { return env[k] })
	if cfg.ClientID != "id" || cfg.ClientSecret != "sec" || cfg.RefreshToken != "rt" || cfg.DC != "eu" {
		t.Errorf("ConfigFromEnv = %+v", cfg)
	}
}

func TestExchangeGrantToken(t *testing.T) {
	f := newFake(t)
	var form url.Values
	f.tokenHook = func(n int, fm url.Values) (int, string) {
		form = fm
		if fm.Get("code") != "1000.grantcode.abc" {
			return 200, `{"error":"invalid_code"}`
		}
		return 200, `{"access_token":"1000.acc.x","refresh_token":"1000.ref.y","scope":"ZohoCRM.settings.ALL",` +
			`"api_domain":"https://www.zohoapis.eu","token_type":"Bearer","expires_in":3600}`
	}
	cfg := Config{ClientID: testClientID, ClientSecret: testClientSecret, AccountsURL: f.accounts.URL}
	g, err := ExchangeGrantToken(context.Background(), cfg, "1000.grantcode.abc")
	if err != nil {
		t.Fatal(err)
	}
	want := TokenGrant{RefreshToken: "1000.ref.y", AccessToken: "1000.acc.x", APIDomain: "https://www.zohoapis.eu",
		Scope: "ZohoCRM.settings.ALL", ExpiresIn: 3600}
	if *g != want {
		t.Errorf("grant = %#v", *g)
	}
	if form.Get("grant_type") != "authorization_code" || form.Get("client_secret") != testClientSecret {
		t.Errorf("form = %v", form)
	}
	if s := g.String(); strings.Contains(s, "1000.ref.y") || strings.Contains(s, "1000.acc.x") {
		t.Errorf("String leaks tokens: %s", s)
	}
	_, err = ExchangeGrantToken(context.Background(), cfg, "1000.wrong.code")
	if err == nil || !strings.Contains(err.Error(), "invalid_code") || !strings.Contains(err.Error(), "grant code") {
		t.Errorf("bad code: %v", err)
	}
	if _, err := ExchangeGrantToken(context.Background(), Config{}, "x"); err == nil {
		t.Error("no credentials: want an error")
	}
}

func ptr[T any](v T) *T { return &v }

// TestInvalidTokenBlamesDCOnlyOnFirstUse: a refused token sends the admin
// to ZOHO_DC only when it was minted in this run and refused on its first
// use; a token that had worked and is refused later was revoked or
// expired, which the data centre does not explain.
func TestInvalidTokenBlamesDCOnlyOnFirstUse(t *testing.T) {
	f := newFake(t)
	c := f.client(nil)
	body := []byte(`{"code":"INVALID_TOKEN","details":{},"message":"invalid oauth token","status":"error"}`)
	r := Request{Method: "GET", Path: "/settings/roles"}
	fresh := c.failure(r, attempt{status: http.StatusUnauthorized, body: body, fresh: true}).Error()
	if !strings.Contains(fresh, "on its first use") || !strings.Contains(fresh, EnvDC) {
		t.Errorf("fresh token refused: %s", fresh)
	}
	used := c.failure(r, attempt{status: http.StatusUnauthorized, body: body, fresh: false}).Error()
	if strings.Contains(used, EnvDC) || strings.Contains(used, "data centre") || !strings.Contains(used, "auth exchange") {
		t.Errorf("token that had worked refused: %s", used)
	}
}

// TestTokenBudget: the client never asks for more than ten tokens in ten
// minutes; the eleventh is refused before any call, with the time after
// which a run can go on, and the window slides.
func TestTokenBudget(t *testing.T) {
	f := newFake(t)
	c := f.client(nil)
	now := time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)
	c.tokens.now = func() time.Time { return now }
	for i := range 10 {
		f.expireAll()
		if _, err := c.ListRoles(context.Background()); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
		now = now.Add(30 * time.Second)
	}
	f.expireAll()
	_, err := c.ListRoles(context.Background())
	var te *TokenError
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "run again after 10:10:00 UTC") {
		t.Fatalf("eleventh token: %v", err)
	}
	if g := f.grantCount(); g != 10 {
		t.Errorf("%d grants, want 10", g)
	}
	now = now.Add(6 * time.Minute) // the first grants leave the window
	if _, err := c.ListRoles(context.Background()); err != nil {
		t.Errorf("after the window slid: %v", err)
	}
}
