package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// signalRoles is the number of independent role creates the signal tests
// plan: one POST each, all ready at once.
const signalRoles = 8

// signalLatency is the emulator's latency in the signal tests. Writes go in
// waves of --concurrency 2; the next wave can only start when a write of
// the first has been answered, a whole latency later. It is long enough
// for the test to see the first write and signal well inside that gap on
// a loaded machine.
const signalLatency = 3 * time.Second

// TestApplyStopsOnSignal starts a real `crmsync apply` against a slow
// `crmsync emulator`, sends SIGINT (or SIGTERM, what CI systems send on
// cancel) once the emulator's request log shows the first write, and
// checks from that log that no write started after the signal: every write
// arrived before the first one was answered. The report says what was done
// and what is left, and a rerun converges.
func TestApplyStopsOnSignal(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			writeSignalManifests(t, dir)
			emu := startEmulatorProc(t, dir, "--latency", signalLatency.String(), "--state", "state.json", "--request-log", "requests.log")
			apply := crmsyncCmd(dir, emu.url, "apply", "-f", "roles.yaml", "--auto-approve", "--concurrency", "2", "--report", "report.json")
			var stdout, stderr bytes.Buffer
			apply.Stdout, apply.Stderr = &stdout, &stderr
			if err := apply.Start(); err != nil {
				t.Fatal(err)
			}
			waitForWrite(t, emu, apply)
			signalled := time.Now()
			if err := apply.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			code := waitExit(t, apply, 2*time.Minute)
			log := readRequestLog(t, emu.log)
			started := checkNoWriteAfterSignal(t, log, signalled)
			if code != 1 {
				t.Errorf("apply exited %d after %s, want 1\nstdout:\n%s\nstderr:\n%s", code, sig, &stdout, &stderr)
			}
			for _, want := range []string{
				fmt.Sprintf("Apply interrupted: %d created, 0 updated, 0 deleted, 0 failed, %d skipped, 0 unknown.", started, signalRoles-started),
				"Still to do (not started):", "Run 'crmsync plan' to see what is left",
			} {
				if !strings.Contains(stdout.String(), want) {
					t.Errorf("stdout lacks %q:\n%s", want, &stdout)
				}
			}
			if strings.Contains(stdout.String(), "Verified:") {
				t.Errorf("an interrupted apply claims verification:\n%s", &stdout)
			}
			if !strings.Contains(stderr.String(), "no new call will start") {
				t.Errorf("stderr does not say what the signal does:\n%s", &stderr)
			}
			checkInterruptedReport(t, filepath.Join(dir, "report.json"), started)
			emu.stop(t)
			rerunConverges(t, dir, signalRoles-started)
		})
	}
}

// TestApplyRefusesWithoutTerminal: standard input from /dev/null is no
// terminal, even though /dev/null is a character device: apply without
// --auto-approve shows the plan, refuses, exits 1 and sends no write.
func TestApplyRefusesWithoutTerminal(t *testing.T) {
	dir := t.TempDir()
	writeSignalManifests(t, dir)
	emu := startEmulatorProc(t, dir, "--request-log", "requests.log")
	devnull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	cmd := crmsyncCmd(dir, emu.url, "apply", "-f", "roles.yaml")
	cmd.Stdin = devnull
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("apply with stdin from /dev/null: %v, want exit 1\n%s", err, out)
	}
	for _, want := range []string{"Plan: 8 to create", "standard input is not a terminal", "--auto-approve"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), "Do you want to perform these actions?") {
		t.Errorf("apply asked for confirmation without a terminal:\n%s", out)
	}
	for _, l := range readRequestLog(t, emu.log) {
		if isWrite(l) {
			t.Errorf("write sent without confirmation: %s %s", l.Method, l.Path)
		}
	}
}

func writeSignalManifests(t *testing.T, dir string) {
	t.Helper()
	var b strings.Builder
	for i := 1; i <= signalRoles; i++ {
		fmt.Fprintf(&b, "---\napiVersion: crmsync/v1\nkind: Role\nname: Signal Role %d\nreporting_to: CEO\ndescription: role %d\n", i, i)
	}
	if err := os.WriteFile(filepath.Join(dir, "roles.yaml"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// crmsyncCmd is crmsync ARGS in dir, pointed at the emulator at url.
func crmsyncCmd(dir, url string, args ...string) *exec.Cmd {
	cmd := exec.Command(crmsyncBin, args...)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "GORACE=" + os.Getenv("GORACE"),
		"ZOHO_ACCOUNTS_URL=" + url, "ZOHO_CLIENT_ID=" + emuClientID,
		"ZOHO_CLIENT_SECRET=" + emuClientSecret, "ZOHO_REFRESH_TOKEN=" + emuRefreshToken}
	return cmd
}

// waitForWrite waits until the request log shows the first write arriving.
func waitForWrite(t *testing.T, emu *emuProc, apply *exec.Cmd) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		for _, l := range readRequestLog(t, emu.log) {
			if isWrite(l) {
				return
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	apply.Process.Kill()
	t.Fatalf("no write within 2 minutes")
}

// checkNoWriteAfterSignal asserts that every write arrived before the
// first write was answered, and while the signal had not been sent: a
// write started after the signal would have waited for a slot, freed only
// by an answer. It returns the number of writes.
func checkNoWriteAfterSignal(t *testing.T, log []requestLogLine, signalled time.Time) int {
	t.Helper()
	var starts []time.Time
	var firstEnd time.Time
	for _, l := range log {
		switch {
		case !isWrite(l):
		case l.Event == "start":
			starts = append(starts, l.Time)
		case l.Event == "end" && firstEnd.IsZero():
			firstEnd = l.Time
			if l.Status != 201 && l.Status != 200 {
				t.Errorf("write %s %s answered %d", l.Method, l.Path, l.Status)
			}
		}
	}
	if firstEnd.IsZero() || !signalled.Before(firstEnd) {
		t.Fatalf("the signal (%s) was not sent while the first writes were in flight (first answer %s): "+
			"the test cannot tell what started after it", signalled.Format(time.StampMicro), firstEnd.Format(time.StampMicro))
	}
	for _, s := range starts {
		if s.After(firstEnd) {
			t.Errorf("a write started at %s, after the signal at %s", s.Format(time.StampMicro), signalled.Format(time.StampMicro))
		}
	}
	if len(starts) == 0 || len(starts) > 2 {
		t.Errorf("%d writes, want 1 or 2 (the ones in flight at --concurrency 2)", len(starts))
	}
	return len(starts)
}

func checkInterruptedReport(t *testing.T, path string, done int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Result   string         `json:"result"`
		Verified bool           `json:"verified"`
		Summary  map[string]int `json:"summary"`
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Result != "interrupted" || rep.Verified || rep.Summary["created"] != done || rep.Summary["skipped"] != signalRoles-done {
		t.Errorf("report: %s", data)
	}
}

// rerunConverges applies again on the saved state, without latency: it
// creates exactly the rest (left, or any number if left < 0), and then
// plan shows no changes and a third apply sends no write.
func rerunConverges(t *testing.T, dir string, left int) {
	t.Helper()
	emu := startEmulatorProc(t, dir, "--state", "state.json", "--request-log", "rerun.log")
	defer emu.stop(t)
	out, err := crmsyncCmd(dir, emu.url, "apply", "-f", "roles.yaml", "--auto-approve").CombinedOutput()
	want := fmt.Sprintf("Apply complete: %d created, 0 updated", left)
	if left < 0 {
		want = "Apply complete: "
	}
	if err != nil || !strings.Contains(string(out), want) ||
		!strings.Contains(string(out), "Verified: live state matches the manifests.") {
		t.Fatalf("rerun: %v\n%s", err, out)
	}
	if out, err := crmsyncCmd(dir, emu.url, "plan", "-f", "roles.yaml", "--detailed-exitcode").CombinedOutput(); err != nil {
		t.Fatalf("plan after the rerun: %v\n%s", err, out)
	}
	before := len(readRequestLog(t, emu.log))
	out, err = crmsyncCmd(dir, emu.url, "apply", "-f", "roles.yaml", "--auto-approve").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "No changes.") {
		t.Fatalf("third apply: %v\n%s", err, out)
	}
	for _, l := range readRequestLog(t, emu.log)[before:] {
		if isWrite(l) {
			t.Errorf("the third apply wrote: %s %s", l.Method, l.Path)
		}
	}
}

// TestApplySecondSignal: a second SIGTERM ends crmsync at once, with exit
// status 143 (128 + 15) and a line that says so, without waiting for the
// writes in flight; a rerun still converges.
func TestApplySecondSignal(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeSignalManifests(t, dir)
	emu := startEmulatorProc(t, dir, "--latency", signalLatency.String(), "--state", "state.json", "--request-log", "requests.log")
	apply := crmsyncCmd(dir, emu.url, "apply", "-f", "roles.yaml", "--auto-approve", "--concurrency", "2")
	var stderr lockedBuffer
	apply.Stderr = &stderr
	if err := apply.Start(); err != nil {
		t.Fatal(err)
	}
	waitForWrite(t, emu, apply)
	if err := apply.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// The second signal once the first has been taken in.
	deadline := time.Now().Add(time.Minute)
	for !strings.Contains(stderr.String(), "no new call will start") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if err := apply.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := waitExit(t, apply, time.Minute); code != 143 {
		t.Errorf("exit %d after a second SIGTERM, want 143\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted again; stopping now") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
	emu.stop(t)
	rerunConverges(t, dir, -1)
}
