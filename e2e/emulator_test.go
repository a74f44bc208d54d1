package e2e

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// The credentials the emulator expects and the scripts send. The emulator
// is started with them, so a CLI that sent anything else would fail.
const (
	emuClientID     = "1000.E2ECLIENTID"
	emuClientSecret = "e2e-client-secret-0123456789"
	emuRefreshToken = "1000.e2erefreshtoken0123456789.abcdef"
)

// emulatorProc is a `crmsync emulator` running in the background.
type emulatorProc struct {
	cmd  *exec.Cmd
	done chan error
	log  string
}

// cmdEmulator starts `crmsync emulator --addr 127.0.0.1:0 ARGS...` in the
// script's current directory, reads the base URL it prints, and sets
// ZOHO_ACCOUNTS_URL (and EMULATOR_URL), ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET
// and ZOHO_REFRESH_TOKEN. `emulator stop` stops it; otherwise it is stopped
// when the script ends.
func cmdEmulator(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! emulator")
	}
	st := stateOf(ts)
	if len(args) == 1 && args[0] == "stop" {
		if st.emu == nil {
			ts.Fatalf("emulator stop: no emulator is running")
		}
		p := st.emu
		st.emu = nil
		ts.Check(p.stop())
		return
	}
	if st.emu != nil {
		ts.Fatalf("emulator: one is running already; run 'emulator stop' first")
	}
	p, url, err := startEmulator(ts, args)
	ts.Check(err)
	st.emu = p
	ts.Defer(func() {
		if st.emu == p {
			st.emu = nil
			if err := p.stop(); err != nil {
				ts.Logf("%v", err)
			}
		}
	})
	ts.Logf("emulator at %s", url)
	for k, v := range map[string]string{
		"EMULATOR_URL": url, "ZOHO_ACCOUNTS_URL": url, "ZOHO_CLIENT_ID": emuClientID,
		"ZOHO_CLIENT_SECRET": emuClientSecret, "ZOHO_REFRESH_TOKEN": emuRefreshToken,
	} {
		ts.Setenv(k, v)
	}
}

func startEmulator(ts *testscript.TestScript, args []string) (*emulatorProc, string, error) {
	full := append([]string{"emulator", "--addr", "127.0.0.1:0", "--client-id", emuClientID,
		"--client-secret", emuClientSecret, "--refresh-token", emuRefreshToken}, args...)
	cmd := exec.Command(crmsyncBin, full...)
	cmd.Dir = ts.MkAbs(".")
	cmd.Env = []string{"PATH=" + ts.Getenv("PATH"), "HOME=" + ts.Getenv("WORK"), "GORACE=" + ts.Getenv("GORACE")}
	logPath := filepath.Join(ts.Getenv("WORK"), ".emulator.log")
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, "", err
	}
	defer logf.Close()
	r, w, err := os.Pipe()
	if err != nil {
		return nil, "", err
	}
	defer r.Close()
	cmd.Stdout, cmd.Stderr = w, logf
	err = cmd.Start()
	w.Close()
	if err != nil {
		return nil, "", err
	}
	p := &emulatorProc{cmd: cmd, done: make(chan error, 1), log: logPath}
	go func() { p.done <- cmd.Wait() }()
	url, err := readURL(r, p)
	if err != nil {
		p.stop()
		return nil, "", err
	}
	return p, url, nil
}

// readURL reads the first line of the emulator's stdout: its base URL.
func readURL(r *os.File, p *emulatorProc) (string, error) {
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		lines <- strings.TrimSpace(line)
	}()
	select {
	case url := <-lines:
		if !strings.HasPrefix(url, "http://127.0.0.1:") {
			return "", fmt.Errorf("emulator printed %q, want its URL first\n%s", url, p.logText())
		}
		return url, nil
	case <-time.After(15 * time.Second):
		return "", fmt.Errorf("emulator printed no URL within 15s\n%s", p.logText())
	}
}

// stop interrupts the emulator as Ctrl-C would and checks that it exits 0
// with no race report.
func (p *emulatorProc) stop() error {
	_ = p.cmd.Process.Signal(os.Interrupt)
	var err error
	select {
	case err = <-p.done:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
		return fmt.Errorf("emulator did not stop within 10s of an interrupt\n%s", p.logText())
	}
	if err != nil {
		return fmt.Errorf("emulator: %v\n%s", err, p.logText())
	}
	if log := p.logText(); crashRE.MatchString(log) {
		return fmt.Errorf("emulator crashed or raced\n%s", log)
	}
	return nil
}

func (p *emulatorProc) logText() string {
	data, _ := os.ReadFile(p.log)
	return "emulator stderr:\n" + string(data)
}
