package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// Failure is a deterministic fault injected by FailNext or AddFailure.
type Failure struct {
	// Method matches the request method; "" matches any.
	Method string
	// PathPrefix matches the request path, either in full
	// ("/crm/v8/settings/roles") or without the "/crm/{version}" prefix
	// ("/settings/roles"); "" matches any path.
	PathPrefix string
	// Status and Code are answered (code in a top-level error body; for
	// /oauth paths the body is {"error": Code}).
	Status int
	Code   string
	// Applied processes the request first (the write takes effect) and
	// then answers the failure, as when the response is lost.
	Applied bool
	// Times is how many matching requests fail (0 means 1).
	Times int
	// IgnoreKeys, when set, makes the matching requests not fail: they are
	// processed with these keys dropped from every item of the body and
	// answered as usual, as a server that accepts a field but ignores it.
	// Status, Code and Applied are then unused.
	IgnoreKeys []string
}

// dropKeys removes keys from every object in the top-level arrays of a
// JSON body ({"roles":[{...}]}); other bodies are returned unchanged.
func dropKeys(body []byte, keys []string) []byte {
	var w map[string][]map[string]json.RawMessage
	if json.Unmarshal(body, &w) != nil {
		return body
	}
	for _, items := range w {
		for _, it := range items {
			for _, k := range keys {
				delete(it, k)
			}
		}
	}
	out, err := json.Marshal(w)
	if err != nil {
		return body
	}
	return out
}

func (f *Failure) matches(method, path string) bool {
	if f.Method != "" && !strings.EqualFold(f.Method, method) {
		return false
	}
	if f.PathPrefix == "" || strings.HasPrefix(path, f.PathPrefix) {
		return true
	}
	return strings.HasPrefix(stripVersion(path), f.PathPrefix)
}

func (f *Failure) reply(isAPI bool) reply {
	st := f.Status
	if st == 0 {
		st = http.StatusInternalServerError
	}
	if !isAPI {
		return reply{status: st, body: obj{"error": f.Code}}
	}
	return newErr(st, f.Code, "injected failure", obj{}).reply()
}

// stripVersion turns "/crm/v8/settings/roles" into "/settings/roles".
func stripVersion(path string) string {
	rest, ok := strings.CutPrefix(path, "/crm/")
	if !ok {
		return path
	}
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		return rest[i:]
	}
	return "/"
}

// FailNext makes the next request matching method and pathPrefix fail with
// status and code. With applied, the request is processed first and only
// its response is replaced. Calls queue up; each failure fires once.
func (s *Server) FailNext(method, pathPrefix string, status int, code string, applied bool) {
	s.AddFailure(Failure{Method: method, PathPrefix: pathPrefix, Status: status, Code: code, Applied: applied})
}

// AddFailure queues a failure (see Failure).
func (s *Server) AddFailure(f Failure) {
	if f.Times <= 0 {
		f.Times = 1
	}
	s.knobMu.Lock()
	s.failures = append(s.failures, f)
	s.knobMu.Unlock()
}

// ClearFailures drops every queued failure.
func (s *Server) ClearFailures() {
	s.knobMu.Lock()
	s.failures = nil
	s.knobMu.Unlock()
}

func (s *Server) takeFailure(method, path string) *Failure {
	s.knobMu.Lock()
	defer s.knobMu.Unlock()
	for i := range s.failures {
		f := s.failures[i]
		if !f.matches(method, path) {
			continue
		}
		s.failures[i].Times--
		if s.failures[i].Times <= 0 {
			s.failures = append(s.failures[:i], s.failures[i+1:]...)
		}
		return &f
	}
	return nil
}

// SetLatency changes the latency added to every request.
func (s *Server) SetLatency(d time.Duration) {
	s.knobMu.Lock()
	s.latency = d
	s.knobMu.Unlock()
}

// SetMaxConcurrent changes the concurrency limit (0 disables it).
func (s *Server) SetMaxConcurrent(n int) {
	s.knobMu.Lock()
	s.maxConc = n
	s.knobMu.Unlock()
}

// SetFaultRates changes Rate429, Rate500 and RateApplied500.
func (s *Server) SetFaultRates(rate429, rate500, rateApplied500 float64) {
	s.knobMu.Lock()
	s.r429, s.r500, s.rApplied = rate429, rate500, rateApplied500
	s.knobMu.Unlock()
}

// SetReadings switches the readings at run time.
func (s *Server) SetReadings(r Readings) error {
	rd, err := r.normalize()
	if err != nil {
		return err
	}
	s.knobMu.Lock()
	s.readings = rd
	s.knobMu.Unlock()
	return nil
}

// Readings returns the readings in force, defaults filled in.
func (s *Server) Readings() Readings {
	s.knobMu.Lock()
	defer s.knobMu.Unlock()
	return s.readings
}

type knobValues struct {
	latency  time.Duration
	maxConc  int
	r429     float64
	r500     float64
	rApplied float64
}

func (s *Server) knobs() knobValues {
	s.knobMu.Lock()
	defer s.knobMu.Unlock()
	return knobValues{s.latency, s.maxConc, s.r429, s.r500, s.rApplied}
}

// roll draws from the deterministic random source.
func (s *Server) roll(p float64) bool {
	if p <= 0 {
		return false
	}
	s.knobMu.Lock()
	defer s.knobMu.Unlock()
	return s.rng.Float64() < p
}
