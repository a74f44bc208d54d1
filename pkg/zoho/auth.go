package zoho

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/sync/semaphore"
)

// tokenManager holds the one access token of a Client and mints it with the
// refresh-token grant. At most one mint runs at a time, so concurrent calls
// that need a token cause exactly one grant; it never mints more than
// mintLimit tokens per mintWindow [api.md §6.2: 10 tokens per 10 minutes].
type tokenManager struct {
	lock       *semaphore.Weighted // one slot; held while reading or minting
	conf       *oauth2.Config
	httpc      *http.Client // token endpoint client: counts and logs
	refresh    string
	canRefresh bool
	policy     RetryPolicy
	red        *redactor
	now        func() time.Time

	access    string      // current access token, "" if none
	minted    bool        // access was minted in this run (not given in Config)
	proven    bool        // a call with access got an answer other than INVALID_TOKEN
	expiry    time.Time   // when to mint again; zero = until rejected
	apiDomain string      // api_domain of the last minted token
	sticky    error       // permanent mint failure, returned without new calls
	mints     []time.Time // start of each grant in the last mintWindow
}

// The token budget of one refresh token [api.md §6.2].
const (
	mintLimit  = 10
	mintWindow = 10 * time.Minute
)

// maxTokenAttempts bounds retries of a token call on 5xx or network errors.
const maxTokenAttempts = 3

func newTokenManager(s settings, httpc *http.Client, red *redactor) *tokenManager {
	return &tokenManager{
		lock:       semaphore.NewWeighted(1),
		conf:       oauthConfig(s),
		httpc:      httpc,
		refresh:    s.RefreshToken,
		canRefresh: s.canRefresh,
		policy:     s.Retry,
		red:        red,
		now:        time.Now,
		access:     s.AccessToken,
	}
}

func oauthConfig(s settings) *oauth2.Config {
	return &oauth2.Config{
		ClientID:     s.ClientID,
		ClientSecret: s.ClientSecret,
		Endpoint: oauth2.Endpoint{
			AuthURL:   s.accounts + "/oauth/v2/auth",
			TokenURL:  s.accounts + "/oauth/v2/token",
			AuthStyle: oauth2.AuthStyleInParams, // no Basic-auth probing
		},
	}
}

// accessToken is the token a call uses. fresh says that it was minted in
// this run and no call has had it accepted yet: if Zoho refuses it, the
// fault is not its age.
type accessToken struct {
	value string
	fresh bool
}

// token returns the current access token, minting one if there is none or
// it is about to expire.
func (m *tokenManager) token(ctx context.Context) (accessToken, error) {
	if err := m.lock.Acquire(ctx, 1); err != nil {
		return accessToken{}, err
	}
	defer m.lock.Release(1)
	switch {
	case m.access != "" && (m.expiry.IsZero() || m.now().Before(m.expiry)):
		return accessToken{m.access, m.minted && !m.proven}, nil
	case m.sticky != nil:
		return accessToken{}, m.sticky
	case !m.canRefresh:
		return accessToken{}, errNoRefresh()
	}
	tok, err := m.mint(ctx)
	return accessToken{tok, err == nil}, err
}

func errNoRefresh() error {
	return &TokenError{Grant: "refresh_token", Code: "INVALID_TOKEN",
		Description: "the access token was rejected and no refresh token is configured",
		Hint: fmt.Sprintf("set %s, %s and %s (or a fresh %s)",
			EnvClientID, EnvClientSecret, EnvRefreshToken, EnvAccessToken)}
}

// invalidate drops the token used by a call that got INVALID_TOKEN, unless
// another call already replaced it: the calls that fail together with one
// token cause one mint.
func (m *tokenManager) invalidate(used string) {
	_ = m.lock.Acquire(context.Background(), 1)
	defer m.lock.Release(1)
	if m.access == used {
		m.access, m.expiry = "", time.Time{}
	}
}

// prove records that Zoho accepted the token used by a call.
func (m *tokenManager) prove(used string) {
	_ = m.lock.Acquire(context.Background(), 1)
	defer m.lock.Release(1)
	if m.access == used {
		m.proven = true
	}
}

// domain returns the api_domain learnt from the last minted token.
func (m *tokenManager) domain(ctx context.Context) (string, error) {
	if err := m.lock.Acquire(ctx, 1); err != nil {
		return "", err
	}
	defer m.lock.Release(1)
	return m.apiDomain, nil
}

// mint runs the refresh grant; the caller holds the lock.
func (m *tokenManager) mint(ctx context.Context) (string, error) {
	hctx := context.WithValue(ctx, oauth2.HTTPClient, m.httpc)
	for attempt := 1; ; attempt++ {
		start := m.now()
		if err := m.spend(start); err != nil {
			return "", err
		}
		tok, err := m.conf.TokenSource(hctx, &oauth2.Token{RefreshToken: m.refresh}).Token()
		if err == nil {
			return m.store(tok, start), nil
		}
		terr := tokenError("refresh_token", err, m.red)
		if ctx.Err() != nil {
			return "", terr
		}
		if !transientTokenError(err) {
			m.sticky = terr
			return "", terr
		}
		if attempt >= maxTokenAttempts {
			return "", terr
		}
		if err := sleepCtx(ctx, m.policy.backoff(attempt)); err != nil {
			return "", fmt.Errorf("%w; %w", terr, err)
		}
	}
}

// spend counts one grant against the budget of mintLimit per mintWindow,
// or refuses it. Every grant counts, failed ones too: Zoho counts requests.
func (m *tokenManager) spend(now time.Time) error {
	kept := m.mints[:0]
	for _, t := range m.mints {
		if now.Sub(t) < mintWindow {
			kept = append(kept, t)
		}
	}
	m.mints = kept
	if len(m.mints) >= mintLimit {
		return &TokenError{Grant: "refresh_token",
			Description: fmt.Sprintf("this run already asked for %d access tokens in the last %s, the most Zoho "+
				"allows per refresh token; one more would block the refresh token for the rest of the window",
				len(m.mints), mintWindow),
			Hint: fmt.Sprintf("nothing more was sent; run again after %s", m.mints[0].Add(mintWindow).UTC().Format("15:04:05 UTC"))}
	}
	m.mints = append(m.mints, now)
	return nil
}

// store keeps a minted token and returns its access token.
func (m *tokenManager) store(tok *oauth2.Token, start time.Time) string {
	m.red.add(tok.AccessToken)
	if tok.RefreshToken != "" && tok.RefreshToken != m.refresh {
		m.red.add(tok.RefreshToken)
		m.refresh = tok.RefreshToken
	}
	life := tokenLifetime(tok)
	margin := min(time.Minute, life/10)
	m.access, m.expiry = tok.AccessToken, start.Add(life-margin)
	m.minted, m.proven = true, false
	if d, ok := tok.Extra("api_domain").(string); ok && d != "" {
		if clean, err := checkBaseURL("api_domain", d); err == nil {
			m.apiDomain = clean
		}
	}
	m.sticky = nil
	return m.access
}

// tokenLifetime is the token's lifetime. Zoho sends expires_in in seconds;
// older responses sent it in milliseconds with expires_in_sec beside it
// [api.md §6.2]. A value above one day is taken as milliseconds; a missing
// value as one hour.
func tokenLifetime(tok *oauth2.Token) time.Duration {
	if sec, ok := asInt(tok.Extra("expires_in_sec")); ok && sec > 0 {
		return time.Duration(sec) * time.Second
	}
	n := tok.ExpiresIn
	if n == 0 {
		n, _ = asInt(tok.Extra("expires_in"))
	}
	switch {
	case n <= 0:
		return time.Hour
	case n > 86400:
		return time.Duration(n) * time.Millisecond
	}
	return time.Duration(n) * time.Second
}

// asInt reads a number from a decoded JSON or form value.
func asInt(v any) (int64, bool) {
	switch x := v.(type) {
	case float64:
		return int64(x), true
	case int64:
		return x, true
	case json.Number:
		n, err := x.Int64()
		return n, err == nil
	case string:
		n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		return n, err == nil
	}
	return 0, false
}

// transientTokenError says whether a token call may be repeated: network
// errors and 5xx answers. Zoho's own errors (invalid_client, invalid_code,
// "Access Denied" for too many tokens) are permanent for this run.
func transientTokenError(err error) bool {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		return re.ErrorCode == "" && re.Response != nil && re.Response.StatusCode >= 500
	}
	return isNetError(err)
}
