package project

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/crmsync/crmsync/pkg/desired"
	"github.com/crmsync/crmsync/pkg/model"
)

// FileName is the project file's name at the manifests' root.
const FileName = "crmsync.yaml"

// Project is a parsed crmsync.yaml.
type Project struct {
	// Path is the project file as given; Dir is its directory.
	Path, Dir string
	// Envs are the environments in file order.
	Envs []*Env
}

// Env is one environment of the project.
type Env struct {
	Name string
	// DC is the Zoho data centre (us, eu, ...); APIDomain and AccountsURL
	// override the data centre's servers when set.
	DC, APIDomain, AccountsURL string
	// OrgID is the id the live org must have; "" skips the check.
	OrgID string
	// Credentials holds the names of the environment variables that hold
	// this environment's credentials (never the credentials themselves).
	Credentials Credentials
	// Manifests are the manifest paths, relative to the working directory.
	Manifests []string
	// Vars are the variables in file order.
	Vars   []Var
	Source model.Source
}

// Credentials are names of environment variables.
type Credentials struct {
	ClientID     string `yaml:"client_id"`
	ClientSecret string `yaml:"client_secret"`
	RefreshToken string `yaml:"refresh_token"`
	AccessToken  string `yaml:"access_token"`
}

// Var is one variable of an environment.
type Var struct {
	Name string
	// Value is the typed YAML value (string, bool, int, float64...), unless
	// FromEnv names the environment variable that holds it.
	Value   any
	FromEnv string
	Secret  bool
	Source  model.Source
}

// Find returns the project file at the root of the first manifest
// directory (or beside the first manifest file), or "" when there is none.
func Find(paths []string) string {
	if len(paths) == 0 {
		return ""
	}
	dir := paths[0]
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		dir = filepath.Dir(dir)
	}
	for _, name := range []string{FileName, "crmsync.yml"} {
		f := filepath.Join(dir, name)
		if info, err := os.Stat(f); err == nil && !info.IsDir() {
			return f
		}
	}
	return ""
}

// Load reads and validates the project file at path. When it is invalid
// the error is a desired.Diagnostics holding every problem.
func Load(path string) (*Project, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read the project file: %w", err)
	}
	return Parse(path, data)
}

// Parse is Load for a project file in memory.
func Parse(path string, data []byte) (*Project, error) {
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		return nil, desired.Diagnostics{{Source: model.Source{File: path}, Message: "YAML syntax error: " + strings.TrimPrefix(err.Error(), "yaml: ")}}
	}
	if len(doc.Content) == 0 {
		return nil, desired.Diagnostics{{Source: model.Source{File: path}, Message: "the project file is empty; see 'crmsync schema project'"}}
	}
	root := doc.Content[0]
	if ds := validate(path, root); len(ds) > 0 {
		return nil, ds
	}
	p := &Project{Path: path, Dir: filepath.Dir(path)}
	envs := member(root, "environments")
	for i := 0; i+1 < len(envs.Content); i += 2 {
		e, err := p.env(envs.Content[i], envs.Content[i+1])
		if err != nil {
			return nil, err
		}
		p.Envs = append(p.Envs, e)
	}
	return p, nil
}

func (p *Project) env(k, v *yaml.Node) (*Env, error) {
	e := &Env{Name: k.Value, Source: model.Source{File: p.Path, Line: k.Line, Column: k.Column}}
	var raw struct {
		DC          string      `yaml:"dc"`
		APIDomain   string      `yaml:"api_domain"`
		AccountsURL string      `yaml:"accounts_url"`
		OrgID       string      `yaml:"org_id"`
		Credentials Credentials `yaml:"credentials"`
		Manifests   []string    `yaml:"manifests"`
	}
	if err := v.Decode(&raw); err != nil {
		return nil, desired.Diagnostics{{Source: e.Source, Key: "environment " + e.Name, Message: err.Error()}}
	}
	e.DC, e.APIDomain, e.AccountsURL, e.OrgID, e.Credentials = raw.DC, raw.APIDomain, raw.AccountsURL, raw.OrgID, raw.Credentials
	for _, m := range raw.Manifests {
		e.Manifests = append(e.Manifests, filepath.Join(p.Dir, filepath.FromSlash(m)))
	}
	vars := member(v, "vars")
	if vars == nil {
		return e, nil
	}
	for i := 0; i+1 < len(vars.Content); i += 2 {
		vk, vv := vars.Content[i], vars.Content[i+1]
		x := Var{Name: vk.Value, Source: model.Source{File: p.Path, Line: vk.Line, Column: vk.Column}}
		if vv.Kind == yaml.MappingNode {
			var spec struct {
				Value  yaml.Node `yaml:"value"`
				Env    string    `yaml:"env"`
				Secret bool      `yaml:"secret"`
			}
			if err := vv.Decode(&spec); err != nil {
				return nil, desired.Diagnostics{{Source: x.Source, Key: "variable " + x.Name, Message: err.Error()}}
			}
			x.FromEnv, x.Secret = spec.Env, spec.Secret
			vv = &spec.Value
		}
		if x.FromEnv == "" {
			if err := vv.Decode(&x.Value); err != nil {
				return nil, desired.Diagnostics{{Source: x.Source, Key: "variable " + x.Name, Message: err.Error()}}
			}
		}
		e.Vars = append(e.Vars, x)
	}
	return e, nil
}

// member returns the value node of key in mapping n, or nil.
func member(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// Names lists the environments' names in file order.
func (p *Project) Names() []string {
	out := make([]string, len(p.Envs))
	for i, e := range p.Envs {
		out[i] = e.Name
	}
	return out
}

// Env returns the environment called name.
func (p *Project) Env(name string) (*Env, error) {
	for _, e := range p.Envs {
		if e.Name == name {
			return e, nil
		}
	}
	return nil, fmt.Errorf("%s: no environment %q; the project defines %s", p.Path, name, strings.Join(p.Names(), ", "))
}

// Values returns the environment's variable values, reading those held in
// environment variables through getenv. A missing environment variable is
// an error that names it.
func (e *Env) Values(getenv func(string) string) (map[string]any, error) {
	out := make(map[string]any, len(e.Vars))
	var missing []string
	for _, v := range e.Vars {
		if v.FromEnv == "" {
			out[v.Name] = v.Value
			continue
		}
		s := getenv(v.FromEnv)
		if s == "" {
			missing = append(missing, fmt.Sprintf("%s (variable %s)", v.FromEnv, v.Name))
			continue
		}
		out[v.Name] = s
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("environment %s: set %s", e.Name, strings.Join(missing, ", "))
	}
	return out, nil
}

// SecretValues returns the text of every secret variable's value, for
// redaction; values empty after trimming are left out.
func (e *Env) SecretValues(values map[string]any) []string {
	var out []string
	for _, v := range e.Vars {
		if !v.Secret {
			continue
		}
		if s := strings.TrimSpace(fmt.Sprint(values[v.Name])); s != "" && values[v.Name] != nil {
			out = append(out, fmt.Sprint(values[v.Name]))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Var returns the variable called name, or nil.
func (e *Env) Var(name string) *Var {
	for i := range e.Vars {
		if e.Vars[i].Name == name {
			return &e.Vars[i]
		}
	}
	return nil
}
