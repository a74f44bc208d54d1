package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// postToken posts form values to the token endpoint.
func postToken(t *testing.T, base string, form url.Values) (int, map[string]any) {
	t.Helper()
	res, err := http.Post(base+"/oauth/v2/token", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("token answer %q: %v", raw, err)
	}
	return res.StatusCode, out
}

func refreshForm(refresh string) url.Values {
	return url.Values{"grant_type": {"refresh_token"}, "client_id": {"cid"}, "client_secret": {"secret"},
		"refresh_token": {refresh}}
}

func TestTokenRefreshGrant(t *testing.T) {
	clock := &fakeClock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	e := newEnv(t, Options{ClientID: "cid", ClientSecret: "secret", RefreshToken: "1000.refresh", Now: clock.now, TokenLifetime: 120})
	st, body := postToken(t, e.url, refreshForm("1000.refresh"))
	if st != 200 || body["access_token"] == nil || body["token_type"] != "Bearer" || body["expires_in"] != float64(120) ||
		body["api_domain"] != e.url || body["scope"] == nil || body["refresh_token"] != nil {
		t.Fatalf("refresh answer %d %v", st, body)
	}
	e.tok = body["access_token"].(string)
	e.expect(e.do("GET", v8+"/org", nil), 200, "org", "")
	clock.add(121 * time.Second)
	e.expect(e.do("GET", v8+"/org", nil), 401, "", "INVALID_TOKEN")

	bad := []struct {
		name string
		form url.Values
		err  string
	}{
		{"wrong client", url.Values{"grant_type": {"refresh_token"}, "client_id": {"x"}, "client_secret": {"secret"}, "refresh_token": {"1000.refresh"}}, "invalid_client"},
		{"wrong secret", url.Values{"grant_type": {"refresh_token"}, "client_id": {"cid"}, "client_secret": {"x"}, "refresh_token": {"1000.refresh"}}, "invalid_client"},
		{"no client", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {"1000.refresh"}}, "invalid_client"},
		{"wrong refresh token", refreshForm("1000.other"), "invalid_code"},
		{"no grant type", url.Values{"client_id": {"cid"}, "client_secret": {"secret"}}, "invalid_request"},
		{"other grant", url.Values{"grant_type": {"password"}, "client_id": {"cid"}, "client_secret": {"secret"}}, "unsupported_grant_type"},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			st, body := postToken(t, e.url, c.form)
			if st != 200 || body["error"] != c.err || body["access_token"] != nil {
				t.Fatalf("got %d %v, want 200 error %s", st, body, c.err)
			}
		})
	}
}

func TestTokenQueryParamsAndAPIDomain(t *testing.T) {
	e := newEnv(t, Options{APIDomain: "https://www.zohoapis.com"})
	q := refreshForm("anything").Encode()
	res, err := http.Post(e.url+"/oauth/v2/token?"+q, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	json.NewDecoder(res.Body).Decode(&body)
	res.Body.Close()
	if body["access_token"] == nil || body["api_domain"] != "https://www.zohoapis.com" {
		t.Fatalf("query-param grant: %v", body)
	}
	res, _ = http.Get(e.url + "/oauth/v2/token?" + q)
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("GET token: %d", res.StatusCode)
	}
	res.Body.Close()
}

func TestTokenCodeExchange(t *testing.T) {
	e := newEnv(t, Options{AuthCode: "1000.code"})
	form := url.Values{"grant_type": {"authorization_code"}, "code": {"1000.code"}, "client_id": {"c"}, "client_secret": {"s"}}
	_, body := postToken(t, e.url, form)
	refresh, _ := body["refresh_token"].(string)
	if body["access_token"] == nil || refresh == "" {
		t.Fatalf("code exchange: %v", body)
	}
	if _, again := postToken(t, e.url, form); again["error"] != "invalid_code" {
		t.Fatalf("code reuse: %v", again)
	}
	form.Set("code", "1000.other")
	if _, other := postToken(t, e.url, form); other["error"] != "invalid_code" {
		t.Fatalf("unexpected code: %v", other)
	}
	rf := refreshForm(refresh)
	rf.Set("client_id", "c")
	rf.Set("client_secret", "s")
	_, body = postToken(t, e.url, rf)
	if body["access_token"] == nil {
		t.Fatalf("refresh with issued token: %v", body)
	}
	e.tok = body["access_token"].(string)
	e.expect(e.do("GET", v8+"/org", nil), 200, "org", "")
	res, err := http.Post(e.url+"/oauth/v2/token/revoke?token="+url.QueryEscape(refresh), "", nil)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("revoke: %v %v", err, res)
	}
	res.Body.Close()
	if _, body = postToken(t, e.url, rf); body["error"] != "invalid_code" {
		t.Fatalf("refresh after revoke: %v", body)
	}
	e.expect(e.do("GET", v8+"/org", nil), 401, "", "INVALID_TOKEN")
}

func TestTokenMintLimit(t *testing.T) {
	clock := &fakeClock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	e := newEnv(t, Options{Now: clock.now})
	for i := 0; i < 10; i++ {
		if _, body := postToken(t, e.url, refreshForm("r1")); body["access_token"] == nil {
			t.Fatalf("mint %d refused: %v", i+1, body)
		}
		clock.add(30 * time.Second)
	}
	_, body := postToken(t, e.url, refreshForm("r1"))
	if body["error"] != "Access Denied" || !strings.Contains(body["error_description"].(string), "too many requests") {
		t.Fatalf("11th mint: %v", body)
	}
	if _, other := postToken(t, e.url, refreshForm("r2")); other["access_token"] == nil {
		t.Fatalf("another refresh token is limited separately: %v", other)
	}
	clock.add(6 * time.Minute) // the first mints leave the 10-minute window
	if _, body = postToken(t, e.url, refreshForm("r1")); body["access_token"] == nil {
		t.Fatalf("after the window: %v", body)
	}
}

func TestTokenReadings(t *testing.T) {
	e := withReadings(t, Readings{TokenExpiresIn: "millis", TokenErrorStatus: 400})
	_, body := postToken(t, e.url, refreshForm("r"))
	if body["expires_in"] != float64(3600000) || body["expires_in_sec"] != float64(3600) {
		t.Fatalf("millis reading: %v", body)
	}
	form := refreshForm("r")
	form.Del("client_id")
	if st, body := postToken(t, e.url, form); st != 400 || body["error"] != "invalid_client" {
		t.Fatalf("error status reading: %d %v", st, body)
	}
}

// TestTokenRefreshMultipart: Zoho's v8 Node SDK posts the refresh grant as
// multipart/form-data (lib/models/authenticator/oauth_token.js:308-335).
func TestTokenRefreshMultipart(t *testing.T) {
	e := newEnv(t, Options{ClientID: "cid", ClientSecret: "secret", RefreshToken: "1000.refresh", TokenLifetime: 120})
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range refreshForm("1000.refresh") {
		if err := w.WriteField(k, v[0]); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	res, err := http.Post(e.url+"/oauth/v2/token", w.FormDataContentType(), &buf)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || body["access_token"] == nil {
		t.Fatalf("multipart refresh answer %d %v", res.StatusCode, body)
	}
	e.tok = body["access_token"].(string)
	e.expect(e.do("GET", v8+"/org", nil), 200, "org", "")
}
