package e2e

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/internal/cli"
	"github.com/rogpeppe/go-internal/testscript"
)

// repoRoot is the module root, relative to this package's directory.
const repoRoot = ".."

// crmsyncBin is the crmsync command: a copy of this test binary, first on
// PATH, that runs cli.Main in-process when started under the name crmsync
// (see TestMain). It is still a process of its own, so the tests that
// signal it, time it or run it from a shell keep working, and what it runs
// counts in the coverage of `go test -cover`.
var crmsyncBin string

// TestMain is testscript.Main's scheme, done by hand: testscript.Main would
// also claim the script command name "crmsync" for a plain exec, which
// would shadow cmdCrmsync (exit codes for `exitcode`, crash and race
// detection). Started as crmsync, the binary is crmsync; otherwise it puts
// a copy of itself named crmsync first on PATH and runs the tests.
func TestMain(m *testing.M) {
	if name := strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe"); name == "crmsync" {
		os.Exit(cli.Main(os.Args, "dev"))
	}
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "crmsync-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	if raceEnabled && os.Getenv("GORACE") == "" {
		// The race runtime otherwise sleeps a second at every exit of
		// the crmsync command; testscript passes GORACE on to scripts.
		os.Setenv("GORACE", "atexit_sleep_ms=0")
	}
	crmsyncBin, err = installSelf(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	os.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	return m.Run()
}

// installSelf links (or, across file systems, copies) the test binary to
// dir/crmsync.
func installSelf(dir string) (string, error) {
	self, err := os.Executable()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "crmsync")
	if filepath.Separator == '\\' {
		bin += ".exe"
	}
	if os.Link(self, bin) == nil {
		return bin, nil
	}
	data, err := os.ReadFile(self)
	if err != nil {
		return "", err
	}
	return bin, os.WriteFile(bin, data, 0o755)
}

// TestScripts runs testdata/script/*.txtar. Each script starts in a fresh
// $WORK holding a copy of examples/, with crmsync on PATH and no ZOHO_*
// variable set.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		Setup:               setupScript,
		Cmds:                scriptCmds(),
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       os.Getenv("CRMSYNC_UPDATE") != "",
	})
}

func setupScript(env *testscript.Env) error {
	env.Setenv("PATH", filepath.Dir(crmsyncBin)+string(os.PathListSeparator)+env.Getenv("PATH"))
	env.Values[scriptStateKey{}] = &scriptState{}
	return copyTree(filepath.Join(repoRoot, "examples"), filepath.Join(env.WorkDir, "examples"))
}

// copyTree copies the regular files under src to dst, keeping any file
// the script itself already put there.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if _, err := os.Stat(target); err == nil {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
