package zoho

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// ErrNotFound is returned (wrapped) by the Get* reads when Zoho answers
// 204 No Content or an empty list for one object.
var ErrNotFound = errors.New("not found")

// APIError is a Zoho error: the top-level error object of a response, or
// one failed per-item action result.
type APIError struct {
	HTTPStatus   int
	Method, Path string // Path is relative to /crm/{version}, without query
	Code         string // e.g. INVALID_DATA; "" when the body was not a Zoho error
	Message      string
	Details      map[string]any
	Item         int // index of the failed item in the response; -1 if top-level
}

// Error returns one line, e.g.
// `PUT /settings/roles/123: INVALID_DATA: the id given seems to be invalid (key reporting_to at $.roles[0].reporting_to)`.
func (e *APIError) Error() string {
	return e.Method + " " + e.Path + ": " + e.summary()
}

// summary is Error without the method and path.
func (e *APIError) summary() string {
	var b strings.Builder
	if e.Code != "" {
		b.WriteString(e.Code)
	} else {
		fmt.Fprintf(&b, "HTTP %d", e.HTTPStatus)
	}
	if msg := oneLine(e.Message); msg != "" {
		b.WriteString(": " + msg)
	}
	if d := detailText(e.Details, e.Item); d != "" {
		b.WriteString(" (" + d + ")")
	}
	return redactPatterns(b.String())
}

// detailKeys returns the details printed after the key and path, in order,
// with their labels.
func detailKeys() [][2]string {
	return [][2]string{
		{"param", "param"}, {"param_name", "param"}, {"id", "id"},
		{"expected_data_type", "expected type"}, {"maximum_length", "maximum length"},
		{"minimum_length", "minimum length"}, {"limit", "limit"}, {"available_limit", "available limit"},
		{"supported_values", "supported values"}, {"expected_fields", "expected fields"},
		{"dependee", "depends on"}, {"resource_path_index", "path segment"},
		{"ambiguity_due_to", "ambiguous"}, {"action", "action"}, {"permissions", "permissions"},
	}
}

// detailText renders the useful details: "key reporting_to at $.roles[0].reporting_to, limit 5".
func detailText(d map[string]any, item int) string {
	var head []string
	if v, ok := d["api_name"]; ok {
		head = append(head, "key "+detailValue(v))
	}
	if v, ok := d["json_path"]; ok {
		head = append(head, "at "+detailValue(v))
	} else if item >= 0 {
		head = append(head, fmt.Sprintf("item %d", item))
	}
	var parts []string
	if len(head) > 0 {
		parts = append(parts, strings.Join(head, " "))
	}
	for _, kv := range detailKeys() {
		if v, ok := d[kv[0]]; ok && v != nil {
			parts = append(parts, kv[1]+" "+detailValue(v))
		}
	}
	return strings.Join(parts, ", ")
}

func detailValue(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case nil:
		return "null"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// OutcomeUnknownError is a write that failed with a 5xx status, a broken
// connection or a timeout: Zoho may or may not have applied it. It is never
// retried; re-read the object before trying again.
type OutcomeUnknownError struct {
	Method, Path string
	Err          error
}

// Error says what happened and what to do.
func (e *OutcomeUnknownError) Error() string {
	return fmt.Sprintf("%s %s: outcome unknown, the change may or may not have been applied "+
		"(re-read before retrying): %s", e.Method, e.Path, causeText(e.Method, e.Path, e.Err))
}

// Unwrap returns the cause.
func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// IsOutcomeUnknown reports whether err's chain holds an *OutcomeUnknownError.
func IsOutcomeUnknown(err error) bool {
	var o *OutcomeUnknownError
	return errors.As(err, &o)
}

// ErrorCode returns the Zoho code of the first *APIError in err's chain, or "".
func ErrorCode(err error) string {
	var e *APIError
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// TokenError is a failed call to the accounts server's token endpoint.
type TokenError struct {
	Grant       string // "refresh_token" or "authorization_code"
	HTTPStatus  int    // 0 if no response was received
	Code        string // Zoho's "error", e.g. invalid_client
	Description string
	Hint        string
	err         error // network or context cause, redacted
}

// Error returns one line with Zoho's error and a hint.
func (e *TokenError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "zoho token request (grant_type=%s) failed", e.Grant)
	if e.Code != "" {
		b.WriteString(": " + e.Code)
	}
	if e.HTTPStatus != 0 {
		fmt.Fprintf(&b, " (HTTP %d %s)", e.HTTPStatus, http.StatusText(e.HTTPStatus))
	}
	if d := oneLine(e.Description); d != "" {
		b.WriteString(": " + d)
	}
	if e.err != nil {
		b.WriteString(": " + e.err.Error())
	}
	if e.Hint != "" {
		b.WriteString("; hint: " + e.Hint)
	}
	return redactPatterns(b.String())
}

// Unwrap returns the network or context cause, if any.
func (e *TokenError) Unwrap() error { return e.err }

// NotSentError is a call that was never sent because its context ended
// while it waited for a connection slot, a token or a retry. Zoho did not
// process it: nothing of it was applied.
type NotSentError struct {
	Method, Path string
	Err          error
}

// Error says that the call was not sent, and why.
func (e *NotSentError) Error() string {
	return fmt.Sprintf("%s %s: not sent: %v", e.Method, e.Path, e.Err)
}

// Unwrap returns the cause, usually context.Canceled.
func (e *NotSentError) Unwrap() error { return e.Err }

// IsNotSent reports whether err's chain holds a *NotSentError.
func IsNotSent(err error) bool {
	var n *NotSentError
	return errors.As(err, &n)
}
