package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// env is a running emulator and a token for a test.
type env struct {
	t   *testing.T
	s   *Server
	url string
	tok string
}

func newEnv(t *testing.T, opts Options) *env {
	t.Helper()
	s, url := Start(t, opts)
	return &env{t: t, s: s, url: url, tok: s.IssueToken()}
}

// withReadings starts an emulator with one reading changed.
func withReadings(t *testing.T, r Readings) *env {
	t.Helper()
	return newEnv(t, Options{Readings: r})
}

// resp is a decoded answer.
type resp struct {
	status int
	body   map[string]any
	raw    []byte
}

// do sends a request to path (e.g. "/crm/v8/settings/roles"); body is a
// string sent as is, or any other value marshalled to JSON.
func (e *env) do(method, path string, body any) resp {
	e.t.Helper()
	return e.doAuth(method, path, body, "Zoho-oauthtoken "+e.tok)
}

func (e *env) doAuth(method, path string, body any, auth string) resp {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, e.url+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := resp{status: res.StatusCode, raw: raw}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &out.body); err != nil {
			e.t.Fatalf("%s %s: bad JSON %q: %v", method, path, raw, err)
		}
	}
	return out
}

// list returns the array under key.
func (r resp) list(key string) []map[string]any {
	arr, _ := r.body[key].([]any)
	out := make([]map[string]any, 0, len(arr))
	for _, x := range arr {
		m, _ := x.(map[string]any)
		out = append(out, m)
	}
	return out
}

// code is the top-level code, else the first item's code under key.
func (r resp) code(key string) string {
	if c, ok := r.body["code"].(string); ok {
		return c
	}
	if l := r.list(key); len(l) > 0 {
		c, _ := l[0]["code"].(string)
		return c
	}
	return ""
}

// item returns item i under key.
func (r resp) item(key string, i int) map[string]any {
	l := r.list(key)
	if i >= len(l) {
		return nil
	}
	return l[i]
}

func details(m map[string]any) map[string]any {
	d, _ := m["details"].(map[string]any)
	return d
}

// expect checks status and code (top level, or the first item under key).
func (e *env) expect(r resp, status int, key, code string) {
	e.t.Helper()
	if r.status != status || r.code(key) != code {
		e.t.Fatalf("got %d %q, want %d %q; body %s", r.status, r.code(key), status, code, r.raw)
	}
}

// obj builds request bodies tersely.
type m = map[string]any

func wrap(key string, items ...any) m { return m{key: items} }

const (
	v8      = "/crm/v8"
	lockURL = v8 + "/settings/record_locking_configurations"
)

// lockOf returns the GET view of a module's locking config (nil if none).
func (e *env) lockOf(module string) map[string]any {
	e.t.Helper()
	r := e.do("GET", lockURL+"?module="+module, nil)
	if r.status == http.StatusNoContent {
		return nil
	}
	e.expect(r, 200, lockKey, "")
	return r.item(lockKey, 0)
}

func names(list []any, key string) []string {
	var out []string
	for _, x := range list {
		out = append(out, x.(map[string]any)[key].(string))
	}
	return out
}

// demoIDs returns the ids the demo org gets (generation is deterministic):
// "Module.Field" for fields, "button:Module.Name", "profile:Name",
// "role:Name", "user:email", "cr:Name", "module:Api_Name".
func demoIDs(t testing.TB) map[string]string {
	t.Helper()
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	snap := s.Snapshot()
	ids := map[string]string{}
	for _, md := range snap.Modules {
		ids["module:"+md.APIName] = md.ID
		for _, f := range md.Fields {
			ids[md.APIName+"."+f.APIName] = f.ID
		}
		for _, b := range md.CustomButtons {
			ids["button:"+md.APIName+"."+b.Name] = b.ID
		}
	}
	for _, p := range snap.Profiles {
		ids["profile:"+p.Name] = p.ID
	}
	for _, r := range snap.Roles {
		ids["role:"+r.Name] = r.ID
	}
	for _, u := range snap.Users {
		ids["user:"+u.Email] = u.ID
	}
	for _, c := range snap.ContactRoles {
		ids["cr:"+c.Name] = c.ID
	}
	return ids
}
