package zoho

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// getList runs a GET and decodes the list under key. 204, an empty body, a
// missing key and an empty array all give nil. A successful answer is
// decoded once, straight into the typed list (see decodeList); a failed one
// goes through Do's error handling.
func getList[T any](ctx context.Context, c *Client, path string, q url.Values, key string) ([]T, envelope, error) {
	r := Request{Method: http.MethodGet, Path: path, Query: q}
	a, err := c.send(ctx, r)
	if err != nil {
		return nil, envelope{}, err
	}
	if a.status < 200 || a.status >= 300 && a.status != http.StatusNotModified {
		if _, err := c.finish(r, a); err != nil {
			return nil, envelope{}, err
		}
	}
	out, env, err := decodeList[T](a.body, key)
	if err != nil && env.keys == nil {
		return nil, env, fmt.Errorf("GET %s: %w", path, err)
	}
	if w, top := env.topLevel(); top && !w.item(-1, a.status).OK() {
		return nil, env, c.apiError(http.MethodGet, path, a.status, a.body)
	}
	if err != nil {
		return nil, env, fmt.Errorf("GET %s: %w", path, err)
	}
	if len(out) == 0 {
		out = nil
	}
	return out, env, nil
}

// decodeList decodes a JSON object body in one pass: the value under key
// into the typed list, every other top-level key kept raw in the envelope
// (they are small: info, code, status). It answers as parseEnvelope and
// envelope.data would: an empty body gives nothing, a body that is not a
// JSON object an error with a nil envelope, and a value under key of the
// wrong shape a decode error with the envelope still filled, so that an
// error object is still recognised.
func decodeList[T any](body []byte, key string) ([]T, envelope, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' || !json.Valid(trimmed) {
		var out []T
		env, err := parseEnvelope(body)
		if err == nil {
			err = env.data(key, &out)
		}
		return out, env, err
	}
	env := envelope{body: body, keys: map[string]json.RawMessage{}}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil { // the '{' checked above
		return nil, envelope{body: body}, fmt.Errorf("response is not a JSON object: %w", err)
	}
	var out []T
	var decErr error
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, envelope{body: body}, fmt.Errorf("response is not a JSON object: %w", err)
		}
		k, _ := tok.(string)
		if k != key {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, envelope{body: body}, fmt.Errorf("response is not a JSON object: %w", err)
			}
			env.keys[k] = raw
			continue
		}
		var list []T // a repeated key: the last one stands, as in a map
		decErr = dec.Decode(&list)
		if decErr != nil {
			decErr = fmt.Errorf("decode %q: %w", key, decErr)
		}
		out = list
	}
	return out, env, decErr
}
