package redact

import (
	"encoding/json"
	"strings"
)

// Sensitive is what a secret value is printed as.
const Sensitive = "(sensitive)"

// Redactor replaces secret values in text and in JSON data.
type Redactor struct {
	secrets []string
	r       *strings.Replacer
}

// NewRedactor redacts the given secret texts; empty ones are ignored.
// Longer secrets are replaced first, so that a secret containing another
// is hidden whole.
func New(secrets []string) *Redactor {
	var pairs []string
	var kept []string
	for _, s := range secrets {
		if s != "" {
			kept = append(kept, s)
		}
	}
	// strings.Replacer picks the first matching old string at each
	// position, so order longer secrets first.
	for i := range kept {
		for j := i + 1; j < len(kept); j++ {
			if len(kept[j]) > len(kept[i]) {
				kept[i], kept[j] = kept[j], kept[i]
			}
		}
	}
	for _, s := range kept {
		pairs = append(pairs, s, Sensitive)
	}
	return &Redactor{secrets: kept, r: strings.NewReplacer(pairs...)}
}

// Empty reports whether there is nothing to redact.
func (r *Redactor) Empty() bool { return r == nil || len(r.secrets) == 0 }

// String redacts s.
func (r *Redactor) String(s string) string {
	if r.Empty() {
		return s
	}
	return r.r.Replace(s)
}

// Value redacts every string inside a decoded JSON value (map[string]any,
// []any, string...), leaving keys and other types alone; it returns a copy.
func (r *Redactor) Value(v any) any {
	if r.Empty() {
		return v
	}
	switch x := v.(type) {
	case string:
		return r.r.Replace(x)
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = r.Value(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = r.Value(e)
		}
		return out
	}
	return v
}

// Copy redacts a JSON-shaped struct: it marshals src, redacts the string
// values (request bodies embedded as raw JSON included) and decodes the
// result into dst, which should be a pointer to a fresh value of src's type.
func (r *Redactor) Copy(src, dst any) error {
	data, err := json.Marshal(src)
	if err != nil {
		return err
	}
	if !r.Empty() {
		var v any
		dec := json.NewDecoder(strings.NewReader(string(data)))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			return err
		}
		if data, err = json.Marshal(r.Value(v)); err != nil {
			return err
		}
	}
	return json.Unmarshal(data, dst)
}
