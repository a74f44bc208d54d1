package emulator

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// Token limits [api.md §6.2]: one refresh token mints at most 10 access
// tokens per 10 minutes.
const (
	mintLimit  = 10
	mintWindow = 10 * time.Minute
)

// tokenStore holds the issued tokens. Access tokens map to their expiry
// and to the refresh token that minted them ("" for IssueToken).
type tokenStore struct {
	mu       sync.Mutex
	access   map[string]accessToken
	refresh  map[string]bool // issued by a code exchange; false = revoked
	mints    map[string][]time.Time
	usedCode map[string]bool
}

type accessToken struct {
	expires time.Time
	refresh string
}

func newTokenStore() tokenStore {
	return tokenStore{access: map[string]accessToken{}, refresh: map[string]bool{},
		mints: map[string][]time.Time{}, usedCode: map[string]bool{}}
}

func randomToken() string {
	var b [32]byte
	rand.Read(b[:])
	return "1000." + hex.EncodeToString(b[:16]) + "." + hex.EncodeToString(b[16:])
}

func (ts *tokenStore) valid(tok string, now time.Time) bool {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	a, ok := ts.access[tok]
	return ok && now.Before(a.expires)
}

func (ts *tokenStore) issue(refresh string, now time.Time, life time.Duration) string {
	tok := randomToken()
	ts.mu.Lock()
	ts.access[tok] = accessToken{expires: now.Add(life), refresh: refresh}
	ts.mu.Unlock()
	return tok
}

// IssueToken returns a valid access token without going through a grant.
func (s *Server) IssueToken() string {
	return s.auth.issue("", s.opts.Now(), time.Duration(s.opts.TokenLifetime)*time.Second)
}

// ExpireTokens makes every access token issued so far invalid (INVALID_TOKEN).
func (s *Server) ExpireTokens() {
	s.auth.mu.Lock()
	defer s.auth.mu.Unlock()
	for k := range s.auth.access {
		delete(s.auth.access, k)
	}
}

// tokenParams merges query and body parameters [api.md §6.2]: the docs
// show query parameters, and Zoho's v8 Node SDK POSTs the grant as a
// multipart/form-data body (@zohocrm/nodejs-sdk-8.0 2.0.0,
// lib/models/authenticator/oauth_token.js:308-335); a urlencoded body is
// read too.
func tokenParams(r *http.Request, body []byte) url.Values {
	p := r.URL.Query()
	form := formFields(r.Header.Get("Content-Type"), body)
	for k, v := range form {
		p[k] = append(p[k], v...)
	}
	return p
}

// formFields reads a multipart/form-data or urlencoded body.
func formFields(contentType string, body []byte) url.Values {
	mt, params, _ := mime.ParseMediaType(contentType)
	if mt != "multipart/form-data" || params["boundary"] == "" {
		form, _ := url.ParseQuery(string(body))
		return form
	}
	form, err := multipart.NewReader(bytes.NewReader(body), params["boundary"]).ReadForm(1 << 20)
	if err != nil {
		return nil
	}
	defer form.RemoveAll()
	return form.Value
}

func (s *Server) tokenErr(code string) reply {
	return reply{status: s.Readings().TokenErrorStatus, body: obj{"error": code}}
}

// tokenEndpoint serves POST /oauth/v2/token: grant_type refresh_token or
// authorization_code [api.md §6.2].
func (s *Server) tokenEndpoint(r *http.Request, body []byte) reply {
	if r.Method != http.MethodPost {
		return reply{status: http.StatusMethodNotAllowed, body: obj{"error": "invalid_request_method"}}
	}
	p := tokenParams(r, body)
	if !s.clientOK(p) {
		return s.tokenErr("invalid_client")
	}
	now := s.opts.Now()
	var refresh string
	switch p.Get("grant_type") {
	case "refresh_token":
		refresh = p.Get("refresh_token")
		if !s.refreshOK(refresh) {
			return s.tokenErr("invalid_code")
		}
	case "authorization_code":
		code := p.Get("code")
		if !s.codeOK(code) {
			return s.tokenErr("invalid_code")
		}
		refresh = randomToken()
		s.auth.mu.Lock()
		s.auth.refresh[refresh] = true
		s.auth.mu.Unlock()
	case "":
		return s.tokenErr("invalid_request")
	default:
		return s.tokenErr("unsupported_grant_type")
	}
	if !s.auth.allowMint(refresh, now) {
		return reply{status: s.Readings().TokenErrorStatus, body: obj{"error": "Access Denied",
			"error_description": "You have made too many requests continuously. Please try again after some time."}}
	}
	life := time.Duration(s.opts.TokenLifetime) * time.Second
	out := obj{"access_token": s.auth.issue(refresh, now, life), "api_domain": s.apiDomain(r),
		"token_type": "Bearer", "scope": s.opts.Scope, "expires_in": s.opts.TokenLifetime}
	if s.Readings().TokenExpiresIn == "millis" {
		out["expires_in"] = s.opts.TokenLifetime * 1000
		out["expires_in_sec"] = s.opts.TokenLifetime
	}
	if p.Get("grant_type") == "authorization_code" {
		out["refresh_token"] = refresh
	}
	return reply{status: http.StatusOK, body: out}
}

func (s *Server) clientOK(p url.Values) bool {
	id, secret := p.Get("client_id"), p.Get("client_secret")
	if id == "" || secret == "" {
		return false
	}
	return (s.opts.ClientID == "" || id == s.opts.ClientID) &&
		(s.opts.ClientSecret == "" || secret == s.opts.ClientSecret)
}

func (s *Server) refreshOK(tok string) bool {
	if tok == "" {
		return false
	}
	s.auth.mu.Lock()
	live, issued := s.auth.refresh[tok]
	s.auth.mu.Unlock()
	if issued {
		return live
	}
	return s.opts.RefreshToken == "" || tok == s.opts.RefreshToken
}

// codeOK accepts a grant code once (codes are single use, [api.md §6.2]).
func (s *Server) codeOK(code string) bool {
	if code == "" || (s.opts.AuthCode != "" && code != s.opts.AuthCode) {
		return false
	}
	s.auth.mu.Lock()
	defer s.auth.mu.Unlock()
	if s.auth.usedCode[code] {
		return false
	}
	s.auth.usedCode[code] = true
	return true
}

// allowMint records a mint for the refresh token unless it already minted
// mintLimit tokens within mintWindow.
func (ts *tokenStore) allowMint(refresh string, now time.Time) bool {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	recent := ts.mints[refresh][:0]
	for _, t := range ts.mints[refresh] {
		if now.Sub(t) < mintWindow {
			recent = append(recent, t)
		}
	}
	if len(recent) >= mintLimit {
		ts.mints[refresh] = recent
		return false
	}
	ts.mints[refresh] = append(recent, now)
	return true
}

func (s *Server) apiDomain(r *http.Request) string {
	if s.opts.APIDomain != "" {
		return s.opts.APIDomain
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// revokeEndpoint serves POST /oauth/v2/token/revoke?token=...: a revoked
// refresh token can no longer mint, and its access tokens stop working.
func (s *Server) revokeEndpoint(r *http.Request, body []byte) reply {
	tok := tokenParams(r, body).Get("token")
	if r.Method != http.MethodPost || tok == "" {
		return s.tokenErr("invalid_request")
	}
	s.auth.mu.Lock()
	defer s.auth.mu.Unlock()
	s.auth.refresh[tok] = false
	for k, a := range s.auth.access {
		if k == tok || a.refresh == tok {
			delete(s.auth.access, k)
		}
	}
	return reply{status: http.StatusOK, body: obj{"status": "success"}}
}
