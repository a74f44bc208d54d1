package zoho

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// TokenGrant is the answer to a grant-token (authorization code) exchange.
// It holds secrets: print its fields only where the user asked for them.
type TokenGrant struct {
	RefreshToken, AccessToken string
	APIDomain                 string // e.g. https://www.zohoapis.eu
	Scope                     string
	ExpiresIn                 int // seconds
}

// String describes the grant with its tokens masked, so that %v never
// prints a secret.
func (g TokenGrant) String() string {
	return fmt.Sprintf("zoho token grant (api_domain %s, scope %q, expires in %ds, tokens %s)",
		g.APIDomain, g.Scope, g.ExpiresIn, mask)
}

// ExchangeGrantToken exchanges a self-client grant code for a refresh token
// (grant_type=authorization_code) at the DC's accounts server
// [api.md §6.2]. It needs ClientID and ClientSecret; AccountsURL, DC,
// HTTPClient and Debug apply as in New.
func ExchangeGrantToken(ctx context.Context, cfg Config, code string) (*TokenGrant, error) {
	s, err := resolve(cfg, false)
	if err != nil {
		return nil, err
	}
	code = strings.TrimSpace(code)
	if s.ClientID == "" || s.ClientSecret == "" || code == "" {
		return nil, fmt.Errorf("grant token exchange needs %s, %s and the grant code from the API console",
			EnvClientID, EnvClientSecret)
	}
	red := newRedactor(s.ClientSecret, s.RefreshToken, s.AccessToken, code)
	httpc := tokenClient(s, newCounter(), &debugLog{w: s.Debug, red: red})
	tok, err := oauthConfig(s).Exchange(context.WithValue(ctx, oauth2.HTTPClient, httpc), code)
	if err != nil {
		return nil, tokenError("authorization_code", err, red)
	}
	red.add(tok.AccessToken)
	red.add(tok.RefreshToken)
	g := &TokenGrant{RefreshToken: tok.RefreshToken, AccessToken: tok.AccessToken,
		ExpiresIn: int(tokenLifetime(tok) / time.Second)}
	g.APIDomain, _ = tok.Extra("api_domain").(string)
	g.Scope, _ = tok.Extra("scope").(string)
	if g.RefreshToken == "" {
		return nil, &TokenError{Grant: "authorization_code", Description: "the response has no refresh_token",
			Hint: "generate the code in the API console's Self Client with access_type offline, then exchange it at once"}
	}
	return g, nil
}

// tokenError turns an error of the oauth2 library into a *TokenError. The
// library's texts embed the response body, so only the parsed error code,
// the redacted description and the redacted network cause are kept.
func tokenError(grant string, err error, red *redactor) *TokenError {
	te := &TokenError{Grant: grant}
	var re *oauth2.RetrieveError
	switch {
	case errors.As(err, &re):
		te.Code = re.ErrorCode
		te.Description = red.String(re.ErrorDescription)
		if re.Response != nil {
			te.HTTPStatus = re.Response.StatusCode
		}
		if te.Code == "" {
			te.Description = "unexpected answer from the token endpoint"
		}
	case strings.Contains(err.Error(), "missing access_token"):
		te.Description = "the response has no access_token"
	case isNetError(err) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		te.err = red.wrap(err)
	default:
		te.Description = red.String(err.Error())
	}
	te.Hint = tokenHint(grant, te)
	return te
}

// tokenHint suggests a fix for a token failure.
func tokenHint(grant string, te *TokenError) string {
	creds := fmt.Sprintf("%s, %s and %s (or %s)", EnvClientID, EnvClientSecret, EnvDC, EnvAccountsURL)
	switch code := strings.ToLower(te.Code); {
	case te.err != nil:
		return "check the network and the accounts server URL (" + EnvDC + ", " + EnvAccountsURL + ")"
	case code == "invalid_client":
		return "the client id or secret is wrong, or the client belongs to another data centre: check " + creds
	case code == "invalid_code" && grant == "authorization_code":
		return "the grant code is wrong, expired (codes live a few minutes), already used, or from another " +
			"data centre: generate a new one in the API console of your DC"
	case code == "invalid_code":
		return "the refresh token is revoked or wrong, or was issued in another data centre: check " +
			EnvRefreshToken + " and " + EnvDC + ", or get a new one with 'crmsync auth exchange'"
	case strings.Contains(code, "access denied") || strings.Contains(strings.ToLower(te.Description), "too many"):
		return "Zoho allows 10 access tokens per refresh token per 10 minutes; wait, and do not run crmsync in a tight loop"
	}
	return "check " + EnvRefreshToken + ", " + creds
}

// tokenTransport counts and logs the calls to the token endpoint. Their
// bodies hold secrets and are never logged.
type tokenTransport struct {
	base   http.RoundTripper
	counts *counter
	log    *debugLog
	ua     string
}

// RoundTrip sends one token call.
func (t *tokenTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.Header.Set("User-Agent", t.ua)
	t.counts.addToken()
	start := time.Now()
	resp, err := t.base.RoundTrip(r)
	e := exchange{method: r.Method, url: r.URL.Redacted(), err: err, took: time.Since(start), hideBodies: true}
	if resp != nil {
		e.status = resp.StatusCode
	}
	t.log.log(e)
	return resp, err
}

// tokenClient is the HTTP client of token calls: the configured client's
// transport and timeout, counted and logged.
func tokenClient(s settings, counts *counter, log *debugLog) *http.Client {
	base := s.HTTPClient.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	return &http.Client{
		Transport: &tokenTransport{base: base, counts: counts, log: log, ua: s.UserAgent},
		Timeout:   s.HTTPClient.Timeout,
	}
}

// APIDomain returns the base URL of API calls: Config.APIDomain if set,
// else the api_domain of the access token (minting it if needed), else the
// DC's default. With only an AccessToken configured, no token is minted.
func (c *Client) APIDomain(ctx context.Context) (string, error) {
	if c.s.APIDomain != "" {
		return c.s.APIDomain, nil
	}
	d, err := c.tokens.domain(ctx)
	if err != nil || d != "" {
		return d, err
	}
	if c.s.AccessToken == "" && c.s.canRefresh {
		if _, err := c.tokens.token(ctx); err != nil {
			return "", err
		}
		if d, err = c.tokens.domain(ctx); err != nil || d != "" {
			return d, err
		}
	}
	return c.s.dcDomain, nil
}
