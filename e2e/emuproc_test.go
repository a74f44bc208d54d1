package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Helpers of the Go tests that drive `crmsync emulator` and crmsync as
// processes: the emulator's request log, its process, and exit codes.

// requestLogLine is a line of `crmsync emulator --request-log`.
type requestLogLine struct {
	Event  string    `json:"event"`
	Time   time.Time `json:"time"`
	Method string    `json:"method"`
	Path   string    `json:"path"`
	Status int       `json:"status"`
}

func isWrite(l requestLogLine) bool {
	return l.Method != "GET" && strings.HasPrefix(l.Path, "/crm/")
}

func readRequestLog(t *testing.T, path string) []requestLogLine {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []requestLogLine
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var l requestLogLine
		if json.Unmarshal(sc.Bytes(), &l) == nil { // a line being written is skipped
			out = append(out, l)
		}
	}
	return out
}

// emuProc is a `crmsync emulator` started by a Go test.
type emuProc struct {
	cmd    *exec.Cmd
	exited chan struct{}
	err    error // of Wait, once exited is closed
	url    string
	log    string
}

func startEmulatorProc(t *testing.T, dir string, args ...string) *emuProc {
	t.Helper()
	full := append([]string{"emulator", "--addr", "127.0.0.1:0", "--client-id", emuClientID,
		"--client-secret", emuClientSecret, "--refresh-token", emuRefreshToken}, args...)
	cmd := exec.Command(crmsyncBin, full...)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "GORACE=" + os.Getenv("GORACE")}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &emuProc{cmd: cmd, exited: make(chan struct{})}
	for i, a := range args {
		if a == "--request-log" && i+1 < len(args) {
			p.log = filepath.Join(dir, args[i+1])
		}
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "http://127.0.0.1:") {
		cmd.Process.Kill()
		t.Fatalf("emulator printed %q (%v)\n%s", line, err, &stderr)
	}
	p.url = strings.TrimSpace(line)
	go func() { p.err = cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill() // an error once it has exited
		<-p.exited
	})
	return p
}

// stop interrupts the emulator and waits until it has exited, so that its
// state file is complete.
func (p *emuProc) stop(t *testing.T) {
	t.Helper()
	_ = p.cmd.Process.Signal(os.Interrupt)
	select {
	case <-p.exited:
		if p.err != nil {
			t.Errorf("emulator: %v", p.err)
		}
	case <-time.After(20 * time.Second):
		p.cmd.Process.Kill()
		t.Errorf("emulator did not stop within 20s")
	}
}

// waitExit waits for cmd and returns its exit code.
func waitExit(t *testing.T, cmd *exec.Cmd, limit time.Duration) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(limit):
		cmd.Process.Kill()
		t.Fatalf("apply did not end within %s of the signal", limit)
	}
	return -1
}

// lockedBuffer is a bytes.Buffer that a test may read while a process
// writes to it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
