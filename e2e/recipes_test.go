package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The CI recipes (examples/ci) and the action (action.yml) are checked
// against the CLI, so they cannot drift from it: valid YAML with the
// expected shape, every crmsync command line with only flags that exist,
// in an order the CLI parses, and each one also run by ci_recipes.txtar.

// recipe is one CI file and the crmsync commands it runs.
type recipe struct {
	path     string // relative to the repository root
	doc      map[string]any
	commands []recipeCommand
}

// recipeCommand is one crmsync invocation: args after "crmsync".
type recipeCommand struct {
	where string
	args  []string
}

func (c recipeCommand) String() string { return "crmsync " + strings.Join(c.args, " ") }

const (
	workflowDir  = "examples/ci/github"
	gitlabFile   = "examples/ci/gitlab/.gitlab-ci.yml"
	actionFile   = "action.yml"
	actionRef    = "crmsync/crmsync@"
	recipeScript = "testdata/script/ci_recipes.txtar"
)

func loadYAML(t *testing.T, rel string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, rel))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	if doc == nil {
		t.Fatalf("%s: empty document", rel)
	}
	return doc
}

// loadRecipes reads every workflow and the GitLab file.
func loadRecipes(t *testing.T) []recipe {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(repoRoot, workflowDir, "*.yml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no workflows in %s (%v)", workflowDir, err)
	}
	var out []recipe
	for _, f := range files {
		rel := filepath.ToSlash(filepath.Join(workflowDir, filepath.Base(f)))
		r := recipe{path: rel, doc: loadYAML(t, rel)}
		r.commands = githubCommands(r.doc)
		out = append(out, r)
	}
	r := recipe{path: gitlabFile, doc: loadYAML(t, gitlabFile)}
	r.commands = gitlabCommands(r.doc)
	return append(out, r)
}

func asMap(v any) map[string]any { m, _ := v.(map[string]any); return m }
func asList(v any) []any         { l, _ := v.([]any); return l }
func asString(v any) string      { s, _ := v.(string); return s }

// githubCommands finds crmsync in run: scripts and in steps that use the
// action (command plus args).
func githubCommands(doc map[string]any) []recipeCommand {
	var out []recipeCommand
	for _, job := range sortedKeys(asMap(doc["jobs"])) {
		for i, st := range asList(asMap(asMap(doc["jobs"])[job])["steps"]) {
			step := asMap(st)
			where := fmt.Sprintf("jobs.%s.steps[%d]", job, i)
			for _, args := range crmsyncCommands(asString(step["run"])) {
				out = append(out, recipeCommand{where: where + ".run", args: args})
			}
			if strings.HasPrefix(asString(step["uses"]), actionRef) {
				with := asMap(step["with"])
				if cmd := asString(with["command"]); cmd != "" {
					args := append(strings.Fields(cmd), splitArgs(asString(with["args"]))...)
					out = append(out, recipeCommand{where: where + ".with", args: args})
				}
			}
		}
	}
	return out
}

// gitlabCommands finds crmsync in every script, before_script and
// after_script (YAML anchors are already resolved).
func gitlabCommands(doc map[string]any) []recipeCommand {
	var out []recipeCommand
	for _, job := range sortedKeys(doc) {
		for _, key := range []string{"before_script", "script", "after_script"} {
			for i, line := range flatten(asMap(doc[job])[key]) {
				for _, args := range crmsyncCommands(line) {
					out = append(out, recipeCommand{where: fmt.Sprintf("%s.%s[%d]", job, key, i), args: args})
				}
			}
		}
	}
	return out
}

// flatten turns GitLab's nested script lists into lines.
func flatten(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func requireKeys(t *testing.T, where string, m map[string]any, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("%s: no %q key", where, k)
		}
	}
}

func TestWorkflowsShape(t *testing.T) {
	for _, r := range loadRecipes(t) {
		if r.path == gitlabFile {
			continue
		}
		requireKeys(t, r.path, r.doc, "name", "on", "jobs", "permissions")
		jobs := asMap(r.doc["jobs"])
		if len(jobs) == 0 {
			t.Errorf("%s: no jobs", r.path)
		}
		for name, j := range jobs {
			job := asMap(j)
			where := r.path + ": jobs." + name
			requireKeys(t, where, job, "runs-on", "steps")
			for i, s := range asList(job["steps"]) {
				step := asMap(s)
				if (step["uses"] == nil) == (step["run"] == nil) {
					t.Errorf("%s.steps[%d]: want exactly one of uses and run", where, i)
				}
			}
		}
		if len(r.commands) == 0 {
			t.Errorf("%s: runs no crmsync command", r.path)
		}
	}
}

func TestGitlabShape(t *testing.T) {
	doc := loadYAML(t, gitlabFile)
	requireKeys(t, gitlabFile, doc, "stages", "default", "plan", "apply", "drift")
	for _, job := range []string{"plan", "apply", "drift"} {
		requireKeys(t, gitlabFile+": "+job, asMap(doc[job]), "stage", "rules", "script")
		if !slices.Contains(asList(doc["stages"]), asMap(doc[job])["stage"]) {
			t.Errorf("%s: %s: stage %v is not in stages", gitlabFile, job, asMap(doc[job])["stage"])
		}
	}
}

func TestActionShape(t *testing.T) {
	doc := loadYAML(t, actionFile)
	requireKeys(t, actionFile, doc, "name", "description", "inputs", "outputs", "runs")
	requireKeys(t, actionFile+": inputs", asMap(doc["inputs"]), "command", "args", "go-version", "working-directory")
	requireKeys(t, actionFile+": outputs", asMap(doc["outputs"]), "exit-code", "output-file")
	runs := asMap(doc["runs"])
	if runs["using"] != "composite" {
		t.Errorf("%s: runs.using is %v, want composite", actionFile, runs["using"])
	}
	install := actionStep(t, doc, "Install crmsync")
	if !strings.Contains(asString(install["run"]), `cd "$GITHUB_ACTION_PATH"`) ||
		!strings.Contains(asString(install["run"]), "go install") || !strings.Contains(asString(install["run"]), "./cmd/crmsync") {
		t.Errorf("%s: the install step must go install ./cmd/crmsync from the action's own path", actionFile)
	}
	for name, o := range asMap(doc["outputs"]) {
		if !strings.Contains(asString(asMap(o)["value"]), "steps.run.outputs."+name) {
			t.Errorf("%s: output %s is not the run step's", actionFile, name)
		}
	}
}

// actionStep returns the action's step with this name.
func actionStep(t *testing.T, doc map[string]any, name string) map[string]any {
	t.Helper()
	for _, s := range asList(asMap(doc["runs"])["steps"]) {
		if asMap(s)["name"] == name {
			return asMap(s)
		}
	}
	t.Fatalf("%s: no step %q", actionFile, name)
	return nil
}

// secretInRunRE finds a secret interpolated into a script (it belongs in
// env:) and a ZOHO_ variable printed.
var (
	secretInRunRE = regexp.MustCompile(`\$\{\{\s*secrets`)
	echoSecretRE  = regexp.MustCompile(`(?m)^\s*(echo|printf)\b[^\n]*\$\{?ZOHO_`)
	secretNameRE  = regexp.MustCompile(`secrets\.([A-Z0-9_]+)|'(ZOHO_[A-Z_]+)_\{0\}'`)
)

// TestRecipesKeepSecretsOut checks that secrets reach crmsync only through
// env, are never printed, and are the documented four.
func TestRecipesKeepSecretsOut(t *testing.T) {
	allowed := []string{"ZOHO_CLIENT_ID", "ZOHO_CLIENT_SECRET", "ZOHO_REFRESH_TOKEN", "ZOHO_DC"}
	// environments.yml: the same three per environment of crmsync.yaml.
	for _, env := range []string{"SANDBOX", "PRODUCTION"} {
		allowed = append(allowed, env+"_ZOHO_CLIENT_ID", env+"_ZOHO_CLIENT_SECRET", env+"_ZOHO_REFRESH_TOKEN")
	}
	for _, rel := range append(recipePaths(t), actionFile) {
		data, err := os.ReadFile(filepath.Join(repoRoot, rel))
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := yaml.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		for _, script := range scripts(doc) {
			if secretInRunRE.MatchString(script) {
				t.Errorf("%s: a script interpolates a secret; pass it through env:\n%s", rel, script)
			}
			if echoSecretRE.MatchString(script) {
				t.Errorf("%s: a script prints a ZOHO_ variable:\n%s", rel, script)
			}
		}
		for _, m := range secretNameRE.FindAllStringSubmatch(string(data), -1) {
			name := m[1] + m[2]
			if name != "GITHUB_TOKEN" && !slices.Contains(allowed, name) {
				t.Errorf("%s: secret %s is not one of %v", rel, name, allowed)
			}
		}
	}
}

func recipePaths(t *testing.T) []string {
	var out []string
	for _, r := range loadRecipes(t) {
		out = append(out, r.path)
	}
	return out
}

// scripts returns every run:, script:, before_script: and after_script:
// string in doc.
func scripts(v any) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		for _, k := range sortedKeys(x) {
			switch k {
			case "run", "script", "before_script", "after_script":
				out = append(out, flatten(x[k])...)
			default:
				out = append(out, scripts(x[k])...)
			}
		}
	case []any:
		for _, e := range x {
			out = append(out, scripts(e)...)
		}
	}
	return out
}
