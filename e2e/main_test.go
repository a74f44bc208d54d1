package e2e

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// repoRoot is the module root, relative to this package's directory.
const repoRoot = ".."

// crmsyncBin is the crmsync binary built by TestMain.
var crmsyncBin string

// buildFlags are added to `go build`; race_test.go adds -race.
var buildFlags []string

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "crmsync-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	if raceEnabled && os.Getenv("GORACE") == "" {
		// The race runtime otherwise sleeps a second at every exit of
		// the crmsync binary; testscript passes GORACE on to scripts.
		os.Setenv("GORACE", "atexit_sleep_ms=0")
	}
	crmsyncBin, err = buildCrmsync(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	return m.Run()
}

// buildCrmsync builds ./cmd/crmsync into dir with the go command that runs
// the tests (go test puts its GOROOT/bin first on PATH).
func buildCrmsync(dir string) (string, error) {
	bin := filepath.Join(dir, "crmsync")
	if filepath.Separator == '\\' {
		bin += ".exe"
	}
	args := append([]string{"build", "-o", bin}, buildFlags...)
	args = append(args, "./cmd/crmsync")
	cmd := exec.Command("go", args...)
	cmd.Dir = repoRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go %v: %v\n%s", args, err, out)
	}
	return bin, nil
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
