package zoho

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Request is one API call. Path is relative to {api_domain}/crm/{version},
// e.g. "/settings/roles/123".
type Request struct {
	Method, Path string
	Query        url.Values
	Body         []byte // JSON; sent with Content-Type application/json
	// Key is the resource key of the action results, e.g. "roles".
	Key string
}

// Response is the answer to a call that did not fail at request level.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
	// Items are the action results under Request.Key, or the bare top-level
	// result object as one item (Index -1). A failed item is not an error of
	// Do: check each item with OK.
	Items []ItemResult
}

// maxResponseBody bounds the body read from one response.
const maxResponseBody = 32 << 20

// Do sends a call with the shared access token, bounded concurrency and the
// retry rules of the package (see doc.go), and parses the envelope. A
// non-2xx answer without per-item results under r.Key is an *APIError; a
// write whose outcome is unknown is an *OutcomeUnknownError.
func (c *Client) Do(ctx context.Context, r Request) (*Response, error) {
	r.Method = strings.ToUpper(r.Method)
	if err := checkRequest(r); err != nil {
		return nil, err
	}
	a, err := c.send(ctx, r)
	if err != nil {
		return nil, err
	}
	return c.finish(r, a)
}

func checkRequest(r Request) error {
	switch r.Method {
	case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch:
	default:
		return fmt.Errorf("zoho request: unsupported method %q", r.Method)
	}
	if !strings.HasPrefix(r.Path, "/") || strings.ContainsAny(r.Path, "?#") || strings.Contains(r.Path, "..") {
		return fmt.Errorf("zoho request: path %q must start with / and hold no query, fragment or \"..\" segment", r.Path)
	}
	return nil
}

// attempt is the outcome of one HTTP attempt.
type attempt struct {
	status int
	header http.Header
	body   []byte
	err    error  // transport error once the request was handed to the client
	token  string // the access token used
	fresh  bool   // the token was minted in this run and had not been accepted yet
	width  int    // calls allowed in flight when the attempt got its slot
}

// action is what to do after an attempt.
type action int

const (
	actDone    action = iota // hand the answer to finish
	actRetry                 // wait and repeat
	actReauth                // drop the token, mint one, repeat at once
	actUnknown               // write with unknown outcome: stop
	actFail                  // stop with the transport error
)

// send runs the attempts of one call. ctx ending stops the call before an
// attempt is sent and between attempts; under FinishStarted an attempt on
// the wire runs to its end.
func (c *Client) send(ctx context.Context, r Request) (attempt, error) {
	start, reauthed := time.Now(), false
	wire := wireContext(ctx)
	for n := 1; ; n++ {
		a, err := c.roundTrip(ctx, wire, r)
		if err != nil {
			return a, err
		}
		switch c.decide(wire, r.Method, a, reauthed) {
		case actDone:
			return a, nil
		case actFail:
			return a, fmt.Errorf("%s %s: %w", r.Method, r.Path, a.err)
		case actUnknown:
			return a, &OutcomeUnknownError{Method: r.Method, Path: r.Path, Err: c.cause(r, a)}
		case actReauth:
			reauthed, n = true, n-1 // the rejected call was not processed
			c.tokens.invalidate(a.token)
			continue
		}
		if a.status == http.StatusTooManyRequests {
			c.narrow(a.width)
		}
		wait := c.s.Retry.backoff(n)
		if d, ok := retryAfter(a.header, time.Now()); ok {
			wait = d
		}
		if n >= c.s.Retry.MaxAttempts || time.Since(start)+wait > c.s.Retry.Deadline {
			return a, &retryError{method: r.Method, path: r.Path, attempts: n, took: time.Since(start), err: c.cause(r, a)}
		}
		if err := sleepCtx(ctx, wait); err != nil {
			return a, &NotSentError{Method: r.Method, Path: r.Path, Err: err}
		}
	}
}

// narrow lowers the calls in flight after a 429 [api.md §7: the same code
// answers the daily limit and the concurrency limit, so every 429 counts]
// and says so on Config.Warnings.
func (c *Client) narrow(seen int) {
	w, changed := c.slots.lower(seen)
	if changed && c.s.Warnings != nil {
		fmt.Fprintf(c.s.Warnings, "Zoho answered 429 TOO_MANY_REQUESTS with up to %d calls in flight: "+
			"crmsync now makes at most %d at a time for the rest of this run\n", seen, w)
	}
}

// retryError is a call that failed on every attempt it was allowed.
type retryError struct {
	method, path string
	attempts     int
	took         time.Duration
	err          error
}

// Error says how many attempts failed and why the last one did.
func (e *retryError) Error() string {
	return fmt.Sprintf("%s %s: gave up after %d attempts in %s: %s",
		e.method, e.path, e.attempts, roundDuration(e.took), causeText(e.method, e.path, e.err))
}

// Unwrap returns the error of the last attempt.
func (e *retryError) Unwrap() error { return e.err }

// causeText is err's text without a leading "METHOD PATH: " of the same call.
func causeText(method, path string, err error) string {
	var apiErr *APIError
	switch {
	case err == nil:
		return "<nil>"
	case errors.As(err, &apiErr) && apiErr.Method == method && apiErr.Path == path:
		return apiErr.summary()
	}
	return err.Error()
}

// roundDuration rounds d for messages: milliseconds, or microseconds below 1ms.
func roundDuration(d time.Duration) time.Duration {
	if d < time.Millisecond {
		return d.Round(time.Microsecond)
	}
	return d.Round(time.Millisecond)
}

// cause is the error an attempt ended with: the transport error, or the
// *APIError of the response.
func (c *Client) cause(r Request, a attempt) error {
	if a.err != nil {
		return a.err
	}
	return c.apiError(r.Method, r.Path, a.status, a.body)
}

// decide classifies an attempt. Reads retry on 429, 5xx and network errors;
// writes only on 429 and dial errors, since anything else may have been
// applied [api.md §8].
func (c *Client) decide(ctx context.Context, method string, a attempt, reauthed bool) action {
	write := method != http.MethodGet
	switch {
	case a.err != nil && ctx.Err() != nil && isDialError(a.err):
		return actFail // cancelled before anything was sent
	case a.err != nil && ctx.Err() != nil:
		if write {
			return actUnknown
		}
		return actFail
	case a.err != nil && isDialError(a.err):
		return actRetry
	case a.err != nil && write:
		return actUnknown
	case a.err != nil:
		return actRetry
	case a.status == http.StatusUnauthorized && !reauthed && c.s.canRefresh && isInvalidToken(a.body):
		return actReauth
	case a.status == http.StatusTooManyRequests:
		return actRetry
	case a.status >= 500 && write:
		return actUnknown
	case a.status >= 500:
		return actRetry
	}
	return actDone
}

// isInvalidToken says whether a body is Zoho's INVALID_TOKEN error.
func isInvalidToken(body []byte) bool {
	env, err := parseEnvelope(body)
	w, ok := env.topLevel()
	return err == nil && ok && strings.EqualFold(w.Code, "INVALID_TOKEN")
}

// roundTrip sends one attempt. An error means the request was not sent
// (no slot, no token, bad URL). It waits for a slot under ctx, then takes
// the token, and checks ctx once more right before sending; the HTTP
// exchange itself runs under wire.
func (c *Client) roundTrip(ctx, wire context.Context, r Request) (attempt, error) {
	fail := func(err error) (attempt, error) {
		if ctx.Err() != nil {
			return attempt{}, &NotSentError{Method: r.Method, Path: r.Path, Err: err}
		}
		return attempt{}, fmt.Errorf("%s %s: %w", r.Method, r.Path, err)
	}
	width, err := c.slots.acquire(ctx)
	if err != nil {
		return fail(err)
	}
	defer c.slots.release()
	base, err := c.APIDomain(ctx)
	if err != nil {
		return fail(err)
	}
	tok, err := c.tokens.token(ctx)
	if err != nil {
		return fail(err)
	}
	req, err := c.newRequest(wire, base, tok.value, r)
	if err != nil {
		return fail(c.red.wrap(err))
	}
	if err := ctx.Err(); err != nil {
		return fail(err)
	}
	c.counts.addCall(r.Method, r.Path)
	a, start := attempt{token: tok.value, fresh: tok.fresh, width: width}, time.Now()
	resp, err := c.http.Do(req)
	if err == nil {
		a.status, a.header = resp.StatusCode, resp.Header
		a.body, err = io.ReadAll(io.LimitReader(resp.Body, maxResponseBody))
		resp.Body.Close()
		if !(a.status == http.StatusUnauthorized && isInvalidToken(a.body)) {
			c.tokens.prove(tok.value)
		}
	}
	a.err = c.red.wrap(err)
	c.log.log(exchange{method: r.Method, url: req.URL.String(), reqBody: r.Body, status: a.status,
		respBody: a.body, err: a.err, took: time.Since(start), authorization: true})
	return a, nil
}

func (c *Client) newRequest(ctx context.Context, base, tok string, r Request) (*http.Request, error) {
	u := base + "/crm/" + c.s.APIVersion + r.Path
	if len(r.Query) > 0 {
		u += "?" + r.Query.Encode()
	}
	var body io.Reader
	if r.Body != nil {
		body = bytes.NewReader(r.Body)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, u, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Zoho-oauthtoken "+tok)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.s.UserAgent)
	if r.Body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

// finish parses the final answer of a call.
func (c *Client) finish(r Request, a attempt) (*Response, error) {
	resp := &Response{Status: a.status, Header: a.header, Body: a.body}
	ok := a.status >= 200 && a.status < 300 || a.status == http.StatusNotModified
	env, err := parseEnvelope(a.body)
	if err != nil || env.keys == nil {
		if ok {
			return resp, nil // 204, 304 or a body for the caller to read
		}
		return nil, c.failure(r, a)
	}
	if items, found := env.items(r.Key, a.status); found {
		resp.Items = items
		return resp, nil
	}
	w, top := env.topLevel()
	switch {
	case !ok:
		return nil, c.failure(r, a)
	case top:
		resp.Items = []ItemResult{w.item(-1, a.status)}
	}
	return resp, nil
}

// failure is the error of a non-2xx answer: its *APIError, with a hint when
// Zoho rejected the access token for good.
func (c *Client) failure(r Request, a attempt) error {
	e := c.apiError(r.Method, r.Path, a.status, a.body)
	if a.status != http.StatusUnauthorized || !strings.EqualFold(e.Code, "INVALID_TOKEN") {
		return e
	}
	if !c.s.canRefresh {
		return fmt.Errorf("%w; the access token is expired or revoked and no refresh token is configured: "+
			"set %s, %s and %s, or a fresh %s", e, EnvClientID, EnvClientSecret, EnvRefreshToken, EnvAccessToken)
	}
	if a.fresh {
		return fmt.Errorf("%w; a freshly minted access token was rejected too, on its first use: check that %s matches the "+
			"data centre of the refresh token", e, EnvDC)
	}
	return fmt.Errorf("%w; the access token was rejected again after a refresh: the refresh token may have been "+
		"revoked; get a new one with 'crmsync auth exchange'", e)
}

// backoff is the wait before retry n (n ≥ 1): exponential with full jitter.
func (p RetryPolicy) backoff(n int) time.Duration {
	ceil := p.BaseDelay
	for i := 1; i < n && ceil < p.MaxDelay; i++ {
		ceil *= 2
	}
	ceil = min(ceil, p.MaxDelay)
	if ceil <= 0 {
		return 0
	}
	return rand.N(ceil)
}

// retryAfter reads a Retry-After header (seconds or HTTP date). Zoho does
// not document one [api.md §7], but honours nothing else either.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// sleepCtx waits for d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// isNetError says whether err is a network failure (not a cancellation).
func isNetError(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var ne net.Error
	var ue *url.Error
	return errors.As(err, &ne) || errors.As(err, &ue) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
}

// isDialError says whether the connection could not be opened, so that the
// request was certainly not sent.
func isDialError(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}
