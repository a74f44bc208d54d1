package zoho

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// Zoho answers in three shapes [api.md §8]: per-item action results under
// the resource key, a top-level single object (request-level errors, and
// the v6 Update Role success), and data under the resource key (or 204).

// ItemResult is one per-item action result:
// {"code":"SUCCESS","details":{"id":"…"},"message":"…","status":"success"}.
type ItemResult struct {
	Code, Status, Message string
	Details               map[string]any // numbers are json.Number
	ID                    string         // details.id
	// Index is the position of the result under the resource key, which
	// matches the position of the input object; -1 for a bare top-level
	// object.
	Index int
	// HTTPStatus is the status of the response that carried the result.
	HTTPStatus int
}

// OK reports success, decided from status and code only, never from the
// message or the HTTP status.
func (r ItemResult) OK() bool {
	return strings.EqualFold(r.Status, "success") || strings.EqualFold(r.Code, "SUCCESS")
}

// Err returns the result as an *APIError, or nil if it succeeded.
func (r ItemResult) Err(method, path string) *APIError {
	if r.OK() {
		return nil
	}
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	return &APIError{
		HTTPStatus: r.HTTPStatus, Method: method, Path: path,
		Code: r.Code, Message: redactPatterns(r.Message), Details: r.Details, Item: r.Index,
	}
}

// wireResult is an action result or an error object on the wire.
type wireResult struct {
	Code    string         `json:"code"`
	Status  string         `json:"status"`
	Message string         `json:"message"`
	Details map[string]any `json:"details"`
}

func (w wireResult) item(index, status int) ItemResult {
	r := ItemResult{Code: w.Code, Status: w.Status, Message: w.Message, Details: w.Details,
		Index: index, HTTPStatus: status}
	if id, ok := w.Details["id"]; ok && id != nil {
		r.ID = detailValue(id)
	}
	return r
}

// decodeJSON decodes b into v with numbers as json.Number.
func decodeJSON(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	return dec.Decode(v)
}

// envelope is a decoded response body: its top-level keys.
type envelope struct {
	keys map[string]json.RawMessage
	body []byte
}

// parseEnvelope decodes a JSON object body. An empty body gives a nil
// envelope; a body that is not a JSON object is an error.
func parseEnvelope(body []byte) (envelope, error) {
	env := envelope{body: body}
	if len(bytes.TrimSpace(body)) == 0 {
		return env, nil
	}
	if err := json.Unmarshal(body, &env.keys); err != nil {
		return env, fmt.Errorf("response is not a JSON object: %w", err)
	}
	return env, nil
}

// topLevel returns the body as a single result object if it is one: it has
// a "code" or a "status" that is a string.
func (env envelope) topLevel() (wireResult, bool) {
	var w wireResult
	_, hasCode := env.keys["code"]
	_, hasStatus := env.keys["status"]
	if !hasCode && !hasStatus {
		return w, false
	}
	if err := decodeJSON(env.body, &w); err != nil || (w.Code == "" && w.Status == "") {
		return w, false
	}
	return w, true
}

// items returns the action results under key, and whether key held an
// array of objects.
func (env envelope) items(key string, status int) ([]ItemResult, bool) {
	raw, ok := env.keys[key]
	if key == "" || !ok {
		return nil, false
	}
	var ws []wireResult
	if err := decodeJSON(raw, &ws); err != nil {
		return nil, false
	}
	out := make([]ItemResult, len(ws))
	for i, w := range ws {
		out[i] = w.item(i, status)
	}
	return out, true
}

// data decodes the value under key into v; a missing key or null leaves v
// untouched.
func (env envelope) data(key string, v any) error {
	raw, ok := env.keys[key]
	if !ok || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return nil
	}
	if err := decodeJSON(raw, v); err != nil {
		return fmt.Errorf("decode %q: %w", key, err)
	}
	return nil
}

// apiError builds the *APIError of a failed response: Zoho's top-level
// error object if there is one, else the HTTP status and a short,
// redacted snippet of the body.
func (c *Client) apiError(method, path string, status int, body []byte) *APIError {
	e := &APIError{HTTPStatus: status, Method: method, Path: path, Item: -1}
	env, err := parseEnvelope(body)
	if w, ok := env.topLevel(); err == nil && ok {
		e.Code, e.Message, e.Details = w.Code, c.red.String(w.Message), c.red.details(w.Details)
		return e
	}
	e.Message = http.StatusText(status)
	if s := oneLine(c.red.String(string(body))); s != "" {
		if len(s) > 200 {
			s = s[:200] + "…"
		}
		e.Message += ": " + s
	}
	return e
}
