package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
)

// cliHelp is what `crmsync CMD... --help` says about one command.
type cliHelp struct {
	path        []string
	flags       map[string]bool // name -> takes a value
	subcommands []string
	envVars     []string
}

var (
	helpMu    sync.Mutex
	helpCache = map[string]*cliHelp{}
)

var (
	// flagLineRE is an option line: its first column holds the names.
	flagLineRE = regexp.MustCompile(`^\s+(-{1,2}[A-Za-z].*?)(?:\s{2,}|$)`)
	flagNameRE = regexp.MustCompile(`(?:^|[ ,])-{1,2}([A-Za-z][\w-]*)( value)?`)
	envVarRE   = regexp.MustCompile(`\[\$([A-Z0-9_]+)(?:, \$([A-Z0-9_]+))*\]`)
	subcmdRE   = regexp.MustCompile(`^\s{3}([a-z][\w-]*)(?:, [a-z]+)?\s{2,}`)
)

// helpFor runs the built binary's --help for the command path.
func helpFor(t *testing.T, path []string) *cliHelp {
	t.Helper()
	key := strings.Join(path, " ")
	helpMu.Lock()
	defer helpMu.Unlock()
	if h, ok := helpCache[key]; ok {
		return h
	}
	out, err := exec.Command(crmsyncBin, append(slices.Clone(path), "--help")...).Output()
	text := string(out)
	if err != nil || !strings.HasPrefix(text, "NAME:\n   crmsync "+key+" - ") {
		// An unknown command exits 1 with no help text.
		helpCache[key] = nil
		return nil
	}
	h := &cliHelp{path: path, flags: map[string]bool{}}
	section := ""
	for _, line := range strings.Split(text, "\n") {
		if strings.HasSuffix(line, ":") && !strings.HasPrefix(line, " ") {
			section = line
			continue
		}
		switch {
		case section == "COMMANDS:":
			if m := subcmdRE.FindStringSubmatch(line); m != nil && m[1] != "help" {
				h.subcommands = append(h.subcommands, m[1])
			}
		case section == "OPTIONS:" || section == "GLOBAL OPTIONS:":
			if m := flagLineRE.FindStringSubmatch(line); m != nil {
				for _, f := range flagNameRE.FindAllStringSubmatch(m[1], -1) {
					h.flags[f[1]] = f[2] != ""
				}
			}
			for _, m := range envVarRE.FindAllStringSubmatch(line, -1) {
				h.envVars = append(h.envVars, m[1:]...)
			}
		}
	}
	helpCache[key] = h
	return h
}

// checkCommand reports what the CLI would reject in args (after crmsync).
func checkCommand(t *testing.T, args []string) (*cliHelp, []string, error) {
	if len(args) == 0 {
		return nil, nil, fmt.Errorf("no command")
	}
	h := helpFor(t, args[:1])
	if h == nil {
		return nil, nil, fmt.Errorf("crmsync has no command %q", args[0])
	}
	rest := args[1:]
	for len(rest) > 0 && slices.Contains(h.subcommands, rest[0]) {
		h = helpFor(t, append(slices.Clone(h.path), rest[0]))
		rest = rest[1:]
	}
	var positional []string
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if !strings.HasPrefix(a, "-") || a == "-" {
			positional = append(positional, a)
			continue
		}
		if len(positional) > 0 {
			return h, positional, fmt.Errorf("flag %s after the argument %q is not parsed (flags go first)", a, positional[0])
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		takesValue, ok := h.flags[name]
		if !ok {
			return h, positional, fmt.Errorf("crmsync %s has no flag %s", strings.Join(h.path, " "), a)
		}
		if takesValue && !hasValue {
			if i+1 == len(rest) {
				return h, positional, fmt.Errorf("flag %s needs a value", a)
			}
			i++
		}
	}
	return h, positional, nil
}

// TestRecipeCommandsMatchCLI checks every crmsync command line in the CI
// recipes against the CLI's own --help.
func TestRecipeCommandsMatchCLI(t *testing.T) {
	total := 0
	for _, r := range loadRecipes(t) {
		for _, c := range r.commands {
			total++
			t.Logf("%s: %s: %s", r.path, c.where, c)
			h, positional, err := checkCommand(t, c.args)
			if err != nil {
				t.Errorf("%s: %s: %s: %v", r.path, c.where, c, err)
				continue
			}
			max := 0
			if h.path[0] == "apply" {
				max = 1 // the plan file
			}
			if len(positional) > max {
				t.Errorf("%s: %s: %s: unexpected arguments %q", r.path, c.where, c, positional)
			}
		}
	}
	if total < 10 {
		t.Errorf("found only %d crmsync commands in the recipes; is the extraction broken?", total)
	}
}

// TestRecipeEnvMatchesCLI checks that every ZOHO_ variable a recipe sets
// is one crmsync reads.
func TestRecipeEnvMatchesCLI(t *testing.T) {
	known := helpFor(t, []string{"plan"}).envVars
	if !slices.Contains(known, "ZOHO_REFRESH_TOKEN") {
		t.Fatalf("plan --help lists no ZOHO_REFRESH_TOKEN; is the help parser broken? %v", known)
	}
	for _, r := range loadRecipes(t) {
		for _, name := range envKeys(r.doc) {
			if strings.HasPrefix(name, "ZOHO_") && !slices.Contains(known, name) {
				t.Errorf("%s: sets %s, which crmsync does not read (it reads %v)", r.path, name, known)
			}
		}
	}
}

// envKeys lists the keys of every env: and variables: map in doc.
func envKeys(v any) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		for _, k := range sortedKeys(x) {
			if k == "env" || k == "variables" {
				out = append(out, sortedKeys(asMap(x[k]))...)
			}
			out = append(out, envKeys(x[k])...)
		}
	case []any:
		for _, e := range x {
			out = append(out, envKeys(e)...)
		}
	}
	return out
}

// TestCIRecipesScriptRunsTheRecipes checks that ci_recipes.txtar runs, for
// every command of the recipes, one with the same command and flags.
func TestCIRecipesScriptRunsTheRecipes(t *testing.T) {
	data, err := os.ReadFile(recipeScript)
	if err != nil {
		t.Fatal(err)
	}
	script, _, _ := strings.Cut(string(data), "\n-- ")
	var ran []string
	for _, line := range strings.Split(script, "\n") {
		line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "!"))
		if rest, ok := strings.CutPrefix(line, "crmsync "); ok {
			ran = append(ran, commandShape(t, splitArgs(rest)))
		}
	}
	for _, r := range loadRecipes(t) {
		for _, c := range r.commands {
			if shape := commandShape(t, c.args); !slices.Contains(ran, shape) {
				t.Errorf("%s: %s: %s: %s runs no command shaped %q", r.path, c.where, c, recipeScript, shape)
			}
		}
	}
}

// commandShape is the command path, the sorted flag names and the number
// of arguments: "apply --report +1".
func commandShape(t *testing.T, args []string) string {
	h, positional, err := checkCommand(t, args)
	if err != nil || h == nil {
		return fmt.Sprintf("invalid: %v", err)
	}
	var flags []string
	for _, a := range args[len(h.path):] {
		if name, _, _ := strings.Cut(a, "="); strings.HasPrefix(name, "-") {
			flags = append(flags, "--"+strings.TrimLeft(name, "-"))
		}
	}
	slices.Sort(flags)
	flags = slices.Compact(flags)
	return fmt.Sprintf("%s %s +%d", strings.Join(h.path, " "), strings.Join(flags, " "), len(positional))
}
