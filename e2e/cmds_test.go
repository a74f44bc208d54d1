package e2e

import (
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// scriptStateKey keys each script's *scriptState in testscript's Values.
type scriptStateKey struct{}

// scriptState is what the custom commands of one script share.
type scriptState struct {
	ran      bool // a crmsync command ran
	lastExit int  // its exit code
	emu      *emulatorProc
}

func stateOf(ts *testscript.TestScript) *scriptState {
	return ts.Value(scriptStateKey{}).(*scriptState)
}

// scriptCmds are the commands scripts may use besides testscript's own.
//
//	[!] crmsync ARGS...      run the built binary; ! accepts exit 1 or 2 only
//	exitcode N               the last crmsync command exited N
//	emulator [ARGS...]       start `crmsync emulator` and point ZOHO_* at it
//	emulator stop            stop it and check it exited cleanly
//	[!] json FILE [ASSERT...] FILE (or stdout) is JSON; ASSERT is PATH,
//	                         PATH=VALUE or PATH#=LEN, PATH dotted (a.0.b)
//	[!] grepr REGEXP DIR...  some file under DIR has a line matching REGEXP
func scriptCmds() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	return map[string]func(ts *testscript.TestScript, neg bool, args []string){
		"crmsync":       cmdCrmsync,
		"exitcode":      cmdExitcode,
		"emulator":      cmdEmulator,
		"orgemulator":   cmdOrgEmulator,
		"expand":        cmdExpand,
		"setenv-stdout": cmdSetenvStdout,
		"cmp-mermaid":   cmdCmpMermaid,
		"json":          cmdJSON,
		"grepr":         cmdGrepr,
	}
}

// crashRE finds a Go panic or a race report in crmsync's stderr.
var crashRE = regexp.MustCompile(`(?m)^(panic: |fatal error: |WARNING: DATA RACE)`)

func cmdCrmsync(ts *testscript.TestScript, neg bool, args []string) {
	st := stateOf(ts)
	err := ts.Exec(crmsyncBin, args...)
	code := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("crmsync: %v", err)
		}
		code = ee.ExitCode()
	}
	st.ran, st.lastExit = true, code
	if crashRE.MatchString(ts.ReadFile("stderr")) {
		ts.Fatalf("crmsync crashed or raced (exit %d)", code)
	}
	switch {
	case !neg && code != 0:
		ts.Fatalf("crmsync exited %d, want 0", code)
	case neg && code == 0:
		ts.Fatalf("crmsync exited 0, want a failure")
	case neg && code != 1 && code != 2:
		ts.Fatalf("crmsync exited %d; its exit codes are 0, 1 and 2", code)
	}
}

func cmdExitcode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: exitcode N")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	st := stateOf(ts)
	if !st.ran {
		ts.Fatalf("exitcode: no crmsync command ran yet")
	}
	if st.lastExit != want {
		ts.Fatalf("crmsync exited %d, want %d", st.lastExit, want)
	}
}

func cmdGrepr(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: [!] grepr REGEXP DIR...")
	}
	re, err := regexp.Compile(args[0])
	ts.Check(err)
	var hits []string
	for _, dir := range args[1:] {
		files, err := filesUnder(ts.MkAbs(dir))
		ts.Check(err)
		for _, f := range files {
			for i, line := range strings.Split(ts.ReadFile(f), "\n") {
				if re.MatchString(line) {
					hits = append(hits, fmt.Sprintf("%s:%d: %s", f, i+1, line))
				}
			}
		}
	}
	for _, h := range hits {
		ts.Logf("%s", h)
	}
	switch {
	case neg && len(hits) > 0:
		ts.Fatalf("%d unexpected matches for %q", len(hits), args[0])
	case !neg && len(hits) == 0:
		ts.Fatalf("no match for %q under %s", args[0], strings.Join(args[1:], " "))
	}
}
