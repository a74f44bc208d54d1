package emulator

import (
	"net/http"
	"sync"
	"time"
)

// LoggedRequest is one request the server answered. The Authorization
// header is never stored.
type LoggedRequest struct {
	Time     time.Time
	Method   string
	Path     string
	RawQuery string
	Body     []byte
	Status   int
	// Code is the answer's code: the top-level "code", else the first
	// item's "code" under the wrapper key, else the token endpoint's
	// "error"; "" for data answers.
	Code string
}

type requestLog struct {
	mu      sync.Mutex
	entries []LoggedRequest
}

func (l *requestLog) add(r *http.Request, body []byte, rep reply) {
	e := LoggedRequest{
		Time: time.Now(), Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery,
		Body: append([]byte(nil), body...), Status: rep.status, Code: replyCode(rep.body),
	}
	l.mu.Lock()
	l.entries = append(l.entries, e)
	l.mu.Unlock()
}

func replyCode(body any) string {
	m, ok := body.(obj)
	if !ok {
		return ""
	}
	if c, ok := m["code"].(string); ok {
		return c
	}
	if c, ok := m["error"].(string); ok {
		return c
	}
	for _, v := range m {
		if list, ok := v.([]obj); ok && len(list) > 0 {
			if c, ok := list[0]["code"].(string); ok {
				return c
			}
		}
	}
	return ""
}

// Requests returns a copy of the request log, oldest first.
func (s *Server) Requests() []LoggedRequest {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	return append([]LoggedRequest(nil), s.log.entries...)
}

// ResetLog empties the request log.
func (s *Server) ResetLog() {
	s.log.mu.Lock()
	s.log.entries = nil
	s.log.mu.Unlock()
}
