package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The action's shell steps, run with bash as GitHub runs them (shell: bash
// is `bash --noprofile --norc -eo pipefail`), with ${{ inputs.* }} and
// ${{ github.* }} replaced by test values.

var inputExprRE = regexp.MustCompile(`\$\{\{\s*(inputs|github)\.([\w-]+)\s*\}\}`)

// actionRun is one run of an action step.
type actionRun struct {
	exit    int
	log     string            // stdout and stderr
	outputs map[string]string // what the step wrote to GITHUB_OUTPUT
	temp    string            // RUNNER_TEMP
}

func needBash(t *testing.T) string {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	if _, err := exec.LookPath("xargs"); err != nil {
		t.Skip("no xargs")
	}
	return bash
}

// runActionStep runs the named step of action.yml with inputs (defaults
// from the action) in the repository root.
func runActionStep(t *testing.T, step string, inputs, github map[string]string) actionRun {
	t.Helper()
	bash := needBash(t)
	doc := loadYAML(t, actionFile)
	all := map[string]string{}
	for name, in := range asMap(doc["inputs"]) {
		all[name] = asString(asMap(in)["default"])
	}
	for k, v := range inputs {
		all[k] = v
	}
	subst := func(s string) string {
		return inputExprRE.ReplaceAllStringFunc(s, func(m string) string {
			sub := inputExprRE.FindStringSubmatch(m)
			if sub[1] == "inputs" {
				return all[sub[2]]
			}
			return github[sub[2]]
		})
	}
	st := actionStep(t, doc, step)
	if asString(st["shell"]) != "bash" {
		t.Fatalf("step %q: shell is %v, want bash", step, st["shell"])
	}
	temp := t.TempDir()
	script := filepath.Join(temp, "step.sh")
	if err := os.WriteFile(script, []byte(subst(asString(st["run"]))), 0o644); err != nil {
		t.Fatal(err)
	}
	root, _ := filepath.Abs(repoRoot)
	files := map[string]string{}
	for _, f := range []string{"GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH"} {
		files[f] = filepath.Join(temp, f)
		if err := os.WriteFile(files[f], nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := []string{
		"PATH=" + filepath.Dir(crmsyncBin) + string(os.PathListSeparator) + os.Getenv("PATH"),
		"HOME=" + os.Getenv("HOME"), "RUNNER_TEMP=" + temp, "GITHUB_ACTION_PATH=" + root,
		"GITHUB_OUTPUT=" + files["GITHUB_OUTPUT"], "GITHUB_ENV=" + files["GITHUB_ENV"], "GITHUB_PATH=" + files["GITHUB_PATH"],
		"GORACE=" + os.Getenv("GORACE"),
	}
	for _, k := range []string{"GOPATH", "GOCACHE", "GOMODCACHE", "GOFLAGS", "GOPROXY", "GOTOOLCHAIN"} {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	for k, v := range asMap(st["env"]) {
		env = append(env, k+"="+subst(asString(v)))
	}
	cmd := exec.Command(bash, "--noprofile", "--norc", "-eo", "pipefail", script)
	cmd.Dir = filepath.Join(root, subst(asString(st["working-directory"])))
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	run := actionRun{log: string(out), outputs: map[string]string{}, temp: temp}
	if ee, ok := err.(*exec.ExitError); ok {
		run.exit = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(files["GITHUB_OUTPUT"])
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			run.outputs[k] = v
		}
	}
	for _, f := range []string{"GITHUB_ENV", "GITHUB_PATH"} {
		data, _ := os.ReadFile(files[f])
		run.outputs[f] = string(data)
	}
	return run
}

func TestActionRunStep(t *testing.T) {
	const step = "Run crmsync"
	step2 := "--emulator -f examples/kaizen-109/step2-manual-and-closed-lost"
	tests := []struct {
		name      string
		inputs    map[string]string
		exit      int    // the step's
		code      string // output exit-code
		stdout    string // in output-file
		notStdout string
		stderr    string // in stderr-file
	}{
		{name: "validate", inputs: map[string]string{"command": "validate", "args": "-f examples/org"},
			code: "0", stdout: "Valid: 11 files, 26 objects."},
		{name: "changes pass", inputs: map[string]string{"command": "plan", "args": step2 + " --format markdown --detailed-exitcode"},
			code: "2", stdout: "**Plan: 0 to create, 1 to update, 0 to delete.**"},
		{name: "changes fail on request", inputs: map[string]string{"command": "plan", "args": step2 + " --detailed-exitcode", "fail-on-changes": "true"},
			exit: 2, code: "2", stdout: "Plan: 0 to create, 1 to update"},
		{name: "quoted args", inputs: map[string]string{"command": "plan", "args": `--emulator -f "examples/org" --target 'Role/Inside Sales'`},
			code: "0", stdout: `+ Role "Inside Sales"`, notStdout: "RecordLockingConfig"},
		{name: "multi-line args", inputs: map[string]string{"command": "plan", "args": "--emulator\n-f examples/org\n--target \"Role/Inside Sales\"\n"},
			code: "0", stdout: `+ Role "Inside Sales"`, notStdout: "RecordLockingConfig"},
		{name: "nothing expanded", inputs: map[string]string{"command": "validate", "args": `-f '$HOME' -f "$(echo x)"`},
			exit: 1, code: "1", stderr: "$HOME: cannot read"},
		{name: "error fails", inputs: map[string]string{"command": "plan", "args": "--emulator -f examples/org --format yaml"},
			exit: 1, code: "1", stderr: `--format "yaml": use text, json or markdown`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			run := runActionStep(t, step, tt.inputs, nil)
			if run.exit != tt.exit || run.outputs["exit-code"] != tt.code {
				t.Fatalf("step exit %d, exit-code output %q; want %d and %q\n%s", run.exit, run.outputs["exit-code"], tt.exit, tt.code, run.log)
			}
			if want := map[bool]string{true: "true", false: "false"}[tt.code == "2"]; run.outputs["changes"] != want {
				t.Errorf("changes output %q, want %q", run.outputs["changes"], want)
			}
			stdout := readOutput(t, run, "output-file")
			if !strings.Contains(stdout, tt.stdout) || (tt.notStdout != "" && strings.Contains(stdout, tt.notStdout)) {
				t.Errorf("output-file:\n%s\nwant it to contain %q and not %q", stdout, tt.stdout, tt.notStdout)
			}
			if stderr := readOutput(t, run, "stderr-file"); !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr-file:\n%s\nwant %q", stderr, tt.stderr)
			}
			if !strings.Contains(run.log, stdout) {
				t.Errorf("the step's log does not show crmsync's output:\n%s", run.log)
			}
			if tt.exit != 0 && !strings.Contains(run.log, "::error::") {
				t.Errorf("a failing step should annotate the error:\n%s", run.log)
			}
		})
	}
}

func readOutput(t *testing.T, run actionRun, name string) string {
	t.Helper()
	path := run.outputs[name]
	if !strings.HasPrefix(path, run.temp) {
		t.Fatalf("output %s = %q, want a file in RUNNER_TEMP", name, path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestActionInstallStep runs the install step: go install from the
// action's own path, onto GITHUB_PATH, with the ref as the version.
func TestActionInstallStep(t *testing.T) {
	if testing.Short() {
		t.Skip("builds crmsync again")
	}
	t.Parallel()
	run := runActionStep(t, "Install crmsync", nil, map[string]string{"action_ref": "v9.8.7"})
	if run.exit != 0 {
		t.Fatalf("install step exited %d:\n%s", run.exit, run.log)
	}
	bin := filepath.Join(run.temp, "crmsync-bin")
	if strings.TrimSpace(run.outputs["GITHUB_PATH"]) != bin {
		t.Errorf("GITHUB_PATH got %q, want %q", run.outputs["GITHUB_PATH"], bin)
	}
	root, _ := filepath.Abs(repoRoot)
	if !strings.Contains(run.outputs["GITHUB_ENV"], "CRMSYNC_ACTION_PATH="+root) {
		t.Errorf("GITHUB_ENV got %q, want CRMSYNC_ACTION_PATH", run.outputs["GITHUB_ENV"])
	}
	out, err := exec.Command(filepath.Join(bin, "crmsync"), "version").Output()
	if err != nil || !strings.HasPrefix(string(out), "crmsync v9.8.7 (") {
		t.Errorf("installed crmsync version: %q, %v; want crmsync v9.8.7 (…)", out, err)
	}
}
