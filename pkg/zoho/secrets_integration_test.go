package zoho_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// lockedBuffer is a Debug writer safe for concurrent calls.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestNoSecretInSessionLogsOrErrors runs a whole session with debug logging —
// grants that fail, a grant-code exchange, an INVALID_TOKEN refresh, 429 and
// 500 answers, a lost write, failed items — and checks that no secret (the
// client secret, the refresh tokens, the grant code, any access token the
// emulator issued) reaches a log line or an error message.
func TestNoSecretInSessionLogsOrErrors(t *testing.T) {
	const (
		grantCode   = "1000.grantcode0123456789abcdef.0123456789abcdef"
		staleAccess = "1000.staleaccess0123456789.abcdef"
	)
	h := newHarness(t, emulator.Options{AuthCode: grantCode})
	log := &lockedBuffer{}
	debug := func(cfg *zoho.Config) { cfg.Debug = log }
	cx := ctx(t)
	var texts []string // every error text and printed value of the session
	keep := func(err error) {
		if err != nil {
			texts = append(texts, err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err))
		}
	}

	// 1. Failed grants: a wrong client secret, then a wrong refresh token.
	wrongSecret := h.client(debug, func(cfg *zoho.Config) { cfg.ClientSecret = "wrong-secret-value-0815" })
	_, err := wrongSecret.ListRoles(cx)
	var te *zoho.TokenError
	if !errors.As(err, &te) || te.Code != "invalid_client" {
		t.Fatalf("wrong secret: %v", err)
	}
	keep(err)
	wrongRefresh := h.client(debug, func(cfg *zoho.Config) { cfg.RefreshToken = "1000.wrongrefresh0123456789.abcdef" })
	_, err = wrongRefresh.ListContactRoles(cx)
	if !errors.As(err, &te) || te.Code != "invalid_code" {
		t.Fatalf("wrong refresh token: %v", err)
	}
	keep(err)

	// 2. A grant-code exchange, then the same code again (codes are single use).
	cfg := h.config()
	cfg.Debug = log
	grant, err := zoho.ExchangeGrantToken(cx, cfg, grantCode)
	if err != nil || grant.RefreshToken == "" {
		t.Fatalf("exchange: %+v, %v", grant, err)
	}
	texts = append(texts, grant.String(), fmt.Sprintf("%v", grant), fmt.Sprintf("%+v", *grant))
	_, err = zoho.ExchangeGrantToken(cx, cfg, grantCode)
	if !errors.As(err, &te) || te.Code != "invalid_code" {
		t.Fatalf("second exchange: %v", err)
	}
	keep(err)

	// 3. A stale access token: INVALID_TOKEN, one refresh, then the run.
	c := h.client(debug, func(cfg *zoho.Config) { cfg.AccessToken, cfg.APIDomain = staleAccess, h.url })
	if _, err := c.ListRoles(cx); err != nil {
		t.Fatalf("refresh after INVALID_TOKEN: %v", err)
	}
	h.emu.AddFailure(emulator.Failure{Method: "GET", PathPrefix: "/settings/profiles", Status: 500, Code: "INTERNAL_ERROR"})
	h.emu.AddFailure(emulator.Failure{Method: "GET", PathPrefix: "/users", Status: 429, Code: "TOO_MANY_REQUESTS"})
	_, err = c.ListProfiles(cx)
	keep(err)
	_, err = c.ListUsers(cx)
	keep(err)
	h.emu.FailNext("PUT", "/settings/roles", 500, "INTERNAL_ERROR", true)
	_, err = c.UpdateRole(cx, demoSalesHeadRole, zoho.RoleWrite{Description: ptr("lost")})
	if !zoho.IsOutcomeUnknown(err) {
		t.Fatalf("lost write: %v", err)
	}
	keep(err)
	items, err := c.CreateContactRoles(cx, []zoho.ContactRole{{Name: "Purchasing"}, {Name: "New one"}})
	keep(err)
	for _, it := range items {
		if e := it.Err("POST", "/Contacts/roles"); e != nil {
			keep(e)
		}
	}
	_, err = c.CreateRole(cx, zoho.RoleWrite{Name: ptr("Manager"), ReportingTo: zoho.RefObject(demoCEORole)})
	keep(err)
	h.emu.ExpireTokens()
	if _, err := c.ListRoles(cx); err != nil {
		t.Fatalf("refresh after expiry: %v", err)
	}
	// A client that gets only a stale token and no refresh credentials.
	stale := h.client(debug, func(cfg *zoho.Config) {
		cfg.ClientID, cfg.ClientSecret, cfg.RefreshToken = "", "", ""
		cfg.AccessToken, cfg.APIDomain = staleAccess, h.url
	})
	_, err = stale.ListRoles(cx)
	keep(err)

	secrets := append(issuedSecrets(t, h), itClientSecret, itRefreshToken, grantCode, staleAccess,
		"wrong-secret-value-0815", "1000.wrongrefresh0123456789.abcdef", grant.RefreshToken, grant.AccessToken)
	text := log.String()
	for _, want := range []string{"Zoho-oauthtoken [REDACTED]", "token endpoint: request and response bodies are not logged",
		"-> 401", "-> 500", "-> 429", "INVALID_TOKEN"} {
		if !strings.Contains(text, want) {
			t.Errorf("the debug log has no %q", want)
		}
	}
	texts = append(texts, text)
	tokenLike := regexp.MustCompile(`1000\.[0-9a-f]{8,}`)
	for _, s := range texts {
		for _, sec := range secrets {
			if sec != "" && strings.Contains(s, sec) {
				t.Errorf("secret %.12s… leaked in:\n%s", sec, s)
			}
		}
		if m := tokenLike.FindString(s); m != "" {
			t.Errorf("token-shaped text %q in:\n%.300s", m, s)
		}
	}
	if len(secrets) < 10 {
		t.Errorf("only %d secrets collected", len(secrets))
	}
}

// issuedSecrets returns every access and refresh token in the emulator's
// token answers, as the recorder saw them.
func issuedSecrets(t *testing.T, h *harness) []string {
	var out []string
	for _, x := range h.rec.exchanges() {
		if x.Path != "/oauth/v2/token" {
			continue
		}
		var body map[string]any
		if err := json.Unmarshal(x.RespBody, &body); err != nil {
			t.Fatalf("token answer: %v", err)
		}
		for _, k := range []string{"access_token", "refresh_token"} {
			if s, ok := body[k].(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}
