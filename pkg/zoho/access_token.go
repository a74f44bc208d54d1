package zoho

import "context"

// AccessToken returns the client's access token, minting one with the
// refresh grant when it holds none (or only an expired one), for
// `crmsync auth token`, which hands one token to every later step of a CI
// workflow. The token is a secret: print it only where the user asked.
func (c *Client) AccessToken(ctx context.Context) (string, error) {
	t, err := c.tokens.token(ctx)
	return t.value, err
}
