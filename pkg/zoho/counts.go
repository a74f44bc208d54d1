package zoho

import (
	"sort"
	"strings"
	"sync"
)

// CallCount is the number of HTTP attempts sent to the API host for one
// method and endpoint template (ids replaced by {id}), e.g.
// {"PUT", "/settings/roles/{id}", 2}.
type CallCount struct {
	Method, Endpoint string
	Count            int
}

// counter counts API attempts per endpoint template, and token calls.
type counter struct {
	mu     sync.Mutex
	calls  map[[2]string]int // {endpoint, method}
	tokens int
}

func newCounter() *counter { return &counter{calls: map[[2]string]int{}} }

func (c *counter) addCall(method, path string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls[[2]string{endpointTemplate(path), method}]++
}

func (c *counter) addToken() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tokens++
}

// Calls returns the API call counts, sorted by endpoint then method. Every
// attempt counts, retries included; token calls are counted by TokenCalls.
func (c *Client) Calls() []CallCount {
	c.counts.mu.Lock()
	defer c.counts.mu.Unlock()
	out := make([]CallCount, 0, len(c.counts.calls))
	for k, n := range c.counts.calls {
		out = append(out, CallCount{Method: k[1], Endpoint: k[0], Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Endpoint != out[j].Endpoint {
			return out[i].Endpoint < out[j].Endpoint
		}
		return out[i].Method < out[j].Method
	})
	return out
}

// TokenCalls returns the number of HTTP calls made to the token endpoint.
func (c *Client) TokenCalls() int {
	c.counts.mu.Lock()
	defer c.counts.mu.Unlock()
	return c.counts.tokens
}

// ResetCalls sets all counts, token calls included, to zero.
func (c *Client) ResetCalls() {
	c.counts.mu.Lock()
	defer c.counts.mu.Unlock()
	c.counts.calls = map[[2]string]int{}
	c.counts.tokens = 0
}

// endpointTemplate replaces the ids in a path with {id}: every all-digit
// segment, and the module segment of /settings/modules/{api_name} (a module
// is addressed by id or API name). The query is dropped.
func endpointTemplate(path string) string {
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	segs := strings.Split(path, "/")
	for i, s := range segs {
		switch {
		case isDigits(s):
			segs[i] = "{id}"
		case i == 3 && segs[1] == "settings" && segs[2] == "modules" && s != "" && s != "actions":
			segs[i] = "{id}"
		}
	}
	return strings.Join(segs, "/")
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
