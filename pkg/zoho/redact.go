package zoho

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// mask replaces every secret in logs and error messages.
const mask = "[REDACTED]"

var (
	// tokenShape matches Zoho tokens and grant codes ("1000.<hex>.<hex>"),
	// and anything else that starts with "1000." and has a non-digit; a
	// plain number such as 1000.50 is kept.
	tokenShape = regexp.MustCompile(`1000\.[0-9]*[A-Za-z_\-][A-Za-z0-9_.\-]*`)
	// jsonSecret matches a secret-bearing JSON key with a string value.
	jsonSecret = regexp.MustCompile(`"(access_token|refresh_token|client_secret|id_token|token)"(\s*:\s*)"[^"]*"`)
	// formSecret matches a secret-bearing form or query parameter.
	formSecret = regexp.MustCompile(`\b(access_token|refresh_token|client_secret|code|token)=[^&\s"']*`)
	// authScheme matches an Authorization header value.
	authScheme = regexp.MustCompile(`(?i)\b(Zoho-oauthtoken|Bearer)\s+[^\s"',;]+`)
)

// redactPatterns removes everything that looks like a secret from s. It
// knows no secret values; redactor.String also removes those.
func redactPatterns(s string) string {
	s = authScheme.ReplaceAllString(s, "$1 "+mask)
	s = jsonSecret.ReplaceAllString(s, `"$1"$2"`+mask+`"`)
	s = formSecret.ReplaceAllString(s, "$1="+mask)
	return tokenShape.ReplaceAllString(s, mask)
}

// redactor removes secrets from text: the configured and minted secret
// values, and the patterns of redactPatterns.
type redactor struct {
	mu      sync.RWMutex
	secrets []string // longest first, so that a secret containing another is masked whole
}

func newRedactor(secrets ...string) *redactor {
	r := &redactor{}
	for _, s := range secrets {
		r.add(s)
	}
	return r
}

// add registers a secret value. Values shorter than 4 bytes are ignored:
// masking them would garble unrelated text.
func (r *redactor) add(s string) {
	if len(s) < 4 {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, have := range r.secrets {
		if have == s {
			return
		}
	}
	r.secrets = append(r.secrets, s)
	sort.Slice(r.secrets, func(i, j int) bool { return len(r.secrets[i]) > len(r.secrets[j]) })
}

// String returns s with every secret masked.
func (r *redactor) String(s string) string {
	r.mu.RLock()
	for _, sec := range r.secrets {
		s = strings.ReplaceAll(s, sec, mask)
	}
	r.mu.RUnlock()
	return redactPatterns(s)
}

// details returns a copy of Zoho error details with every string redacted.
func (r *redactor) details(d map[string]any) map[string]any {
	if d == nil {
		return nil
	}
	out := make(map[string]any, len(d))
	for k, v := range d {
		out[k] = r.value(v)
	}
	return out
}

func (r *redactor) value(v any) any {
	switch x := v.(type) {
	case string:
		return r.String(x)
	case map[string]any:
		return r.details(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = r.value(e)
		}
		return out
	}
	return v
}

// redactedError carries an error whose text may hold secrets (url.Error
// embeds the URL, oauth2 errors embed response bodies). Its text is
// redacted; Unwrap keeps errors.Is and errors.As working.
type redactedError struct {
	msg string
	err error
}

// Error returns the redacted text.
func (e *redactedError) Error() string { return e.msg }

// Unwrap returns the original error.
func (e *redactedError) Unwrap() error { return e.err }

// wrap returns err with a redacted text, or nil.
func (r *redactor) wrap(err error) error {
	if err == nil {
		return nil
	}
	return &redactedError{msg: r.String(err.Error()), err: err}
}

// debugLog writes one block per HTTP exchange to Config.Debug. Blocks are
// written whole, so concurrent calls do not interleave.
type debugLog struct {
	mu  sync.Mutex
	w   io.Writer
	red *redactor
}

// exchange is what debugLog records about one HTTP attempt.
type exchange struct {
	method, url   string
	reqBody       []byte
	status        int
	respBody      []byte
	err           error
	took          time.Duration
	hideBodies    bool // token endpoint: bodies are never logged
	authorization bool // an Authorization header was sent
}

// maxLoggedBody bounds each logged body.
const maxLoggedBody = 16 << 10

func (d *debugLog) log(e exchange) {
	if d == nil || d.w == nil {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "zoho: %s %s", e.method, e.url)
	if e.err != nil {
		fmt.Fprintf(&b, " -> error after %s: %v\n", roundDuration(e.took), e.err)
	} else {
		fmt.Fprintf(&b, " -> %d %s (%s)\n", e.status, http.StatusText(e.status), roundDuration(e.took))
	}
	if e.authorization {
		b.WriteString("zoho:   request header Authorization: Zoho-oauthtoken " + mask + "\n")
	}
	if e.hideBodies {
		b.WriteString("zoho:   token endpoint: request and response bodies are not logged\n")
	} else {
		d.body(&b, "request", e.reqBody)
		d.body(&b, "response", e.respBody)
	}
	text := d.red.String(b.String())
	d.mu.Lock()
	defer d.mu.Unlock()
	_, _ = io.WriteString(d.w, text)
}

// body appends a body, redacted before it is cut so that no partial
// secret survives the cut.
func (d *debugLog) body(b *strings.Builder, what string, body []byte) {
	if len(body) == 0 {
		return
	}
	s := d.red.String(string(body))
	if len(s) > maxLoggedBody {
		s = fmt.Sprintf("%s… (%d more bytes)", s[:maxLoggedBody], len(s)-maxLoggedBody)
	}
	s = strings.ReplaceAll(strings.TrimSpace(s), "\n", "\nzoho:     ")
	fmt.Fprintf(b, "zoho:   %s body: %s\n", what, s)
}
