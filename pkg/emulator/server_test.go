package emulator

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestAuthentication(t *testing.T) {
	clock := &fakeClock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	e := newEnv(t, Options{Now: clock.now, TokenLifetime: 60})
	cases := []struct {
		name, auth, code string
	}{
		{"no header", "", "AUTHENTICATION_FAILURE"},
		{"bearer scheme", "Bearer " + e.tok, "AUTHENTICATION_FAILURE"},
		{"empty token", "Zoho-oauthtoken ", "AUTHENTICATION_FAILURE"},
		{"unknown token", "Zoho-oauthtoken 1000.nope", "INVALID_TOKEN"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.doAuth("GET", v8+"/settings/roles", nil, c.auth)
			e.expect(r, http.StatusUnauthorized, "", c.code)
		})
	}
	e.expect(e.do("GET", v8+"/settings/roles", nil), 200, roleKey, "")
	clock.add(61 * time.Second)
	e.expect(e.do("GET", v8+"/settings/roles", nil), 401, "", "INVALID_TOKEN")
	e.tok = e.s.IssueToken()
	e.expect(e.do("GET", v8+"/settings/roles", nil), 200, roleKey, "")
	e.s.ExpireTokens()
	e.expect(e.do("GET", v8+"/settings/roles", nil), 401, "", "INVALID_TOKEN")
}

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestRoutingAndVersions(t *testing.T) {
	e := newEnv(t, Options{})
	for _, v := range []string{"v2", "v2.1", "v3", "v5", "v6", "v7", "v8", "v9", "v10"} {
		e.expect(e.do("GET", "/crm/"+v+"/settings/roles", nil), 200, roleKey, "")
	}
	cases := []struct {
		method, path string
		status       int
		code         string
	}{
		{"GET", "/crm/v1/settings/roles", 404, "INVALID_URL_PATTERN"},
		{"GET", "/crm/v11/settings/roles", 404, "INVALID_URL_PATTERN"},
		{"GET", "/crm/v8/settings/nothing", 404, "INVALID_URL_PATTERN"},
		{"GET", "/crm/v8/settings/roles/1/2", 404, "INVALID_URL_PATTERN"},
		{"GET", "/crm/v8/settings/custom_buttons/1", 404, "INVALID_URL_PATTERN"},
		{"GET", "/crm/v8/settings/roles/", 404, "INVALID_URL_PATTERN"},
		{"GET", "/somewhere", 404, "INVALID_URL_PATTERN"},
		{"POST", lockURL + "/5843104000001068044?module=Deals", 403, "INVALID_REQUEST_METHOD"},
		{"PATCH", lockURL + "?module=Deals", 403, "INVALID_REQUEST_METHOD"},
		{"PATCH", v8 + "/settings/roles", 400, "INVALID_REQUEST_METHOD"},
		{"DELETE", v8 + "/settings/roles", 400, "INVALID_REQUEST_METHOD"},
		{"DELETE", v8 + "/settings/modules/Projects", 400, "INVALID_REQUEST_METHOD"},
		{"POST", v8 + "/settings/modules/Projects", 400, "INVALID_REQUEST_METHOD"},
		{"POST", v8 + "/Contacts/roles/4150868000003611011", 400, "INVALID_REQUEST_METHOD"},
		{"PUT", v8 + "/settings/profiles", 400, "INVALID_REQUEST_METHOD"},
		{"POST", v8 + "/users", 400, "INVALID_REQUEST_METHOD"},
	}
	for _, c := range cases {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			e.expect(e.do(c.method, c.path, nil), c.status, "", c.code)
		})
	}
}

func TestBodyEnvelopeErrors(t *testing.T) {
	e := newEnv(t, Options{})
	cases := []struct {
		name, body string
		code       string
	}{
		{"empty body", "", "MANDATORY_NOT_FOUND"},
		{"not json", "{", "UNABLE_TO_PARSE_DATA_TYPE"},
		{"missing wrapper", `{"roles":[]}`, "MANDATORY_NOT_FOUND"},
		{"null wrapper", `{"contact_roles":null}`, "MANDATORY_NOT_FOUND"},
		{"wrapper not array", `{"contact_roles":{"name":"x"}}`, "INVALID_DATA"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := e.do("POST", v8+"/Contacts/roles", c.body)
			e.expect(r, 400, "", c.code)
		})
	}
	r := e.do("POST", v8+"/Contacts/roles", `{"contact_roles":["x"]}`)
	e.expect(r, 400, crKey, "INVALID_DATA")
	if d := details(r.item(crKey, 0)); d["expected_data_type"] != "jsonobject" {
		t.Fatalf("details %v", d)
	}
}

func newRole(name string) m {
	return wrap(crKey, m{"name": name})
}

func TestFaultsBeforeProcessingLeaveStateUnchanged(t *testing.T) {
	e := newEnv(t, Options{Rate429: 1})
	before := len(e.s.Snapshot().ContactRoles)
	e.expect(e.do("POST", v8+"/Contacts/roles", newRole("Buyer")), 429, "", "TOO_MANY_REQUESTS")
	e.s.SetFaultRates(0, 1, 0)
	e.expect(e.do("POST", v8+"/Contacts/roles", newRole("Buyer")), 500, "", "INTERNAL_ERROR")
	if got := len(e.s.Snapshot().ContactRoles); got != before {
		t.Fatalf("state changed by a fault before processing: %d -> %d", before, got)
	}
	e.s.SetFaultRates(0, 0, 1)
	e.expect(e.do("POST", v8+"/Contacts/roles", newRole("Buyer")), 500, "", "INTERNAL_ERROR")
	if got := len(e.s.Snapshot().ContactRoles); got != before+1 {
		t.Fatalf("applied-500 did not apply the write: %d -> %d", before, got)
	}
	// GETs are never hit by the applied-500 knob.
	e.expect(e.do("GET", v8+"/Contacts/roles", nil), 200, crKey, "")
}

func TestFaultRatesAreDeterministic(t *testing.T) {
	run := func() string {
		e := newEnv(t, Options{Rate429: 0.3, Rate500: 0.2, RandSeed: 42})
		var b strings.Builder
		for i := 0; i < 30; i++ {
			fmt.Fprintf(&b, "%d,", e.do("GET", v8+"/org", nil).status)
		}
		return b.String()
	}
	a, b := run(), run()
	if a != b {
		t.Fatalf("same RandSeed, different faults:\n%s\n%s", a, b)
	}
	if !strings.Contains(a, "429") || !strings.Contains(a, "500") || !strings.Contains(a, "200") {
		t.Fatalf("expected a mix of 200/429/500, got %s", a)
	}
}

func TestFailNext(t *testing.T) {
	e := newEnv(t, Options{})
	before := len(e.s.Snapshot().ContactRoles)
	e.s.FailNext("POST", "/Contacts/roles", 503, "SERVICE_UNAVAILABLE", false)
	e.expect(e.do("GET", v8+"/Contacts/roles", nil), 200, crKey, "") // method does not match
	e.expect(e.do("POST", v8+"/Contacts/roles", newRole("A1")), 503, "", "SERVICE_UNAVAILABLE")
	if got := len(e.s.Snapshot().ContactRoles); got != before {
		t.Fatalf("not-applied failure changed state")
	}
	e.expect(e.do("POST", v8+"/Contacts/roles", newRole("A2")), 200, crKey, "SUCCESS") // fired once
	e.s.FailNext("", "/crm/v8/Contacts", 500, "INTERNAL_ERROR", true)
	e.expect(e.do("POST", v8+"/Contacts/roles", newRole("A3")), 500, "", "INTERNAL_ERROR")
	if got := len(e.s.Snapshot().ContactRoles); got != before+2 {
		t.Fatalf("applied failure: want %d roles, got %d", before+2, got)
	}
	e.s.AddFailure(Failure{PathPrefix: "/org", Status: 429, Code: "TOO_MANY_REQUESTS", Times: 2})
	e.expect(e.do("GET", v8+"/org", nil), 429, "", "TOO_MANY_REQUESTS")
	e.expect(e.do("GET", v8+"/org", nil), 429, "", "TOO_MANY_REQUESTS")
	e.expect(e.do("GET", v8+"/org", nil), 200, "org", "")
	e.s.AddFailure(Failure{PathPrefix: "/org", Status: 429, Code: "X", Times: 5})
	e.s.ClearFailures()
	e.expect(e.do("GET", v8+"/org", nil), 200, "org", "")
}

func TestMaxConcurrentAndLatency(t *testing.T) {
	e := newEnv(t, Options{Latency: 400 * time.Millisecond, MaxConcurrent: 2})
	before := len(e.s.Snapshot().ContactRoles)
	var wg sync.WaitGroup
	statuses := make([]int, 8)
	for i := range statuses {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			statuses[i] = e.do("POST", v8+"/Contacts/roles", newRole(fmt.Sprintf("Conc %d", i))).status
		}(i)
	}
	wg.Wait()
	ok, limited := 0, 0
	for _, st := range statuses {
		switch st {
		case 200:
			ok++
		case 429:
			limited++
		default:
			t.Fatalf("unexpected status %d", st)
		}
	}
	if ok < 1 || limited < 1 || ok > 2 {
		t.Fatalf("want 1-2 successes and some 429s, got %v", statuses)
	}
	if got := len(e.s.Snapshot().ContactRoles); got != before+ok {
		t.Fatalf("429 answers changed state: %d roles, want %d", got, before+ok)
	}
	e.s.SetMaxConcurrent(0)
	e.s.SetLatency(60 * time.Millisecond)
	start := time.Now()
	e.do("GET", v8+"/org", nil)
	if d := time.Since(start); d < 60*time.Millisecond {
		t.Fatalf("latency not applied: %v", d)
	}
}

func TestRequestLog(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("GET", v8+"/settings/fields?module=Deals", nil)
	e.do("POST", v8+"/Contacts/roles", `{"contact_roles":[{"name":"Logged"}]}`)
	e.do("GET", v8+"/nothing", nil)
	log := e.s.Requests()
	if len(log) != 3 {
		t.Fatalf("want 3 entries, got %d", len(log))
	}
	if l := log[0]; l.Method != "GET" || l.Path != "/crm/v8/settings/fields" || l.RawQuery != "module=Deals" || l.Status != 200 || l.Code != "" {
		t.Fatalf("entry 0: %+v", l)
	}
	if l := log[1]; string(l.Body) != `{"contact_roles":[{"name":"Logged"}]}` || l.Code != "SUCCESS" {
		t.Fatalf("entry 1: %+v", l)
	}
	if l := log[2]; l.Status != 404 || l.Code != "INVALID_URL_PATTERN" {
		t.Fatalf("entry 2: %+v", l)
	}
	for _, l := range log {
		if strings.Contains(fmt.Sprintf("%+v", l), e.tok) {
			t.Fatal("the token leaked into the log")
		}
	}
	e.s.ResetLog()
	if len(e.s.Requests()) != 0 {
		t.Fatal("ResetLog kept entries")
	}
}

func TestConcurrentUse(t *testing.T) {
	e := newEnv(t, Options{})
	before := e.s.Counts()["contact_roles"]
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(2)
		go func(i int) {
			defer wg.Done()
			r := e.do("POST", v8+"/Contacts/roles", newRole(fmt.Sprintf("Parallel %d", i)))
			if r.status != 200 {
				t.Errorf("create %d: %d %s", i, r.status, r.raw)
			}
		}(i)
		go func() {
			defer wg.Done()
			e.do("GET", v8+"/Contacts/roles", nil)
			e.s.Snapshot()
			e.s.Requests()
		}()
	}
	wg.Wait()
	if got := e.s.Counts()["contact_roles"]; got != before+20 {
		t.Fatalf("want %d contact roles, got %d", before+20, got)
	}
}

func TestListenAndClose(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	base, err := s.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", base+"/crm/v8/org", nil)
	req.Header.Set("Authorization", "Zoho-oauthtoken "+s.IssueToken())
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("GET org: %v %v", err, res)
	}
	res.Body.Close()
	if s.BaseURL() != base {
		t.Fatalf("BaseURL %q != %q", s.BaseURL(), base)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}
