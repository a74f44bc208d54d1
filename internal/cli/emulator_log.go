package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/crmsync/crmsync/pkg/emulator"
)

// requestLogLine is one line of `crmsync emulator --request-log`: a request
// arriving ("start") or answered ("end"). Tests read it from another
// process to see when each write started.
type requestLogLine struct {
	Event  string    `json:"event"`
	Time   time.Time `json:"time"`
	Method string    `json:"method"`
	Path   string    `json:"path"`
	Status int       `json:"status,omitempty"`
}

// requestLogger writes requestLogLines to a file, one JSON object a line.
type requestLogger struct {
	mu sync.Mutex
	f  *os.File
}

func (l *requestLogger) write(line requestLogLine) {
	data, _ := json.Marshal(line)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.f.Write(append(data, '\n'))
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (l *requestLogger) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.write(requestLogLine{Event: "start", Time: time.Now(), Method: r.Method, Path: r.URL.Path})
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(rec, r)
		l.write(requestLogLine{Event: "end", Time: time.Now(), Method: r.Method, Path: r.URL.Path, Status: rec.status})
	})
}

// serveLogged serves emu on addr, logging every request to path. It
// returns the base URL and a function that stops the server.
func serveLogged(emu *emulator.Server, addr, path string) (string, func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return "", nil, fmt.Errorf("request log: %w", err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		f.Close()
		return "", nil, err
	}
	srv := &http.Server{Handler: (&requestLogger{f: f}).wrap(emu.Handler()), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		defer cancel()
		if srv.Shutdown(ctx) != nil {
			srv.Close()
		}
		f.Close()
	}
	return "http://" + ln.Addr().String(), stop, nil
}
