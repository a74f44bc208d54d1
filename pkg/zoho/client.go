package zoho

import (
	"context"
	"net/http"
)

// Client calls the Zoho CRM API of one org. It is safe for concurrent use;
// all its state (token, counters, concurrency slots) belongs to it.
type Client struct {
	s      settings
	http   *http.Client
	tokens *tokenManager
	slots  *limiter // one slot per API call in flight
	counts *counter
	red    *redactor
	log    *debugLog
}

// New validates cfg and returns a Client. It does not call the network: the
// access token is minted by the first call that needs it. Missing
// credentials give an error that names the environment variables.
func New(ctx context.Context, cfg Config) (*Client, error) {
	_ = ctx // reserved: New does no I/O today
	s, err := resolve(cfg, true)
	if err != nil {
		return nil, err
	}
	red := newRedactor(s.ClientSecret, s.RefreshToken, s.AccessToken)
	c := &Client{
		s:      s,
		http:   s.HTTPClient,
		slots:  newLimiter(s.Concurrency),
		counts: newCounter(),
		red:    red,
		log:    &debugLog{w: s.Debug, red: red},
	}
	c.tokens = newTokenManager(s, tokenClient(s, c.counts, c.log), red)
	return c, nil
}

// APIVersion returns the API version in the path, e.g. "v8".
func (c *Client) APIVersion() string { return c.s.APIVersion }

// Concurrency returns the number of API calls allowed in flight now: the
// configured concurrency, or less after Zoho answered 429.
func (c *Client) Concurrency() int { return c.slots.current() }
