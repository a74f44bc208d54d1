package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/crmsync/crmsync/internal/project"
	"github.com/crmsync/crmsync/internal/redact"
	"github.com/crmsync/crmsync/pkg/apply"
	"github.com/crmsync/crmsync/pkg/desired"
	"github.com/crmsync/crmsync/pkg/plan"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// allEnvs is the --env value that selects every environment (plan, drift).
const allEnvs = "all"

// envFlags choose an environment of the project file.
func envFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "env", Usage: "environment of crmsync.yaml to use (plan and drift: 'all' for every one)", EnvVars: []string{"CRMSYNC_ENV"}, Category: "Environment"},
		&cli.StringFlag{Name: "project", Usage: "project file (default: crmsync.yaml at the root of the first -f directory)", EnvVars: []string{"CRMSYNC_PROJECT"}, Category: "Environment"},
	}
}

// envSetup is the chosen environment of a run: all nil without a project
// file or without --env.
type envSetup struct {
	proj   *project.Project
	env    *project.Env
	values map[string]any
	red    *redact.Redactor
	files  []string // manifest paths
}

// name is the environment's name, or "".
func (es *envSetup) name() string {
	if es == nil || es.env == nil {
		return ""
	}
	return es.env.Name
}

// envOptions are the environment flags of a command (--project, -f and
// --env), read once.
type envOptions struct {
	project string   // --project, or "" to look at the manifests' root
	files   []string // -f: manifest paths
	env     string   // --env NAME, allEnvs, or ""
}

func envOptionsOf(c *cli.Context) envOptions {
	return envOptions{project: c.String("project"), files: c.StringSlice("file"), env: c.String("env")}
}

// loadProject reads the project file named by --project or found at the
// manifests' root; nil when there is none.
func loadProject(eo envOptions, errw io.Writer) (*project.Project, error) {
	path := eo.project
	if path == "" {
		path = project.Find(eo.files)
	}
	if path == "" {
		return nil, nil
	}
	p, err := project.Load(path)
	if err != nil {
		var ds desired.Diagnostics
		if errors.As(err, &ds) {
			fmt.Fprintln(errw, ds.Error())
			fmt.Fprintf(errw, "Error: %s in the project file; nothing was sent to Zoho\n", plural(len(ds), "problem"))
			return nil, silentExit(exitError)
		}
		return nil, withCode(exitError, err)
	}
	return p, nil
}

// selectEnv resolves --env into the environment to use.
func selectEnv(eo envOptions, errw io.Writer) (*envSetup, error) {
	p, err := loadProject(eo, errw)
	if err != nil {
		return nil, err
	}
	name := eo.env
	if name == allEnvs {
		return nil, withCode(exitError, fmt.Errorf("--env all is for plan and drift; name one environment here"))
	}
	if name == "" && p != nil {
		// Never guess which org a project's manifests are for.
		return nil, withCode(exitError, fmt.Errorf("%s defines the environments %s: choose one with --env NAME (plan and drift also take --env all)",
			p.Path, strings.Join(p.Names(), ", ")))
	}
	return envFor(eo.files, p, name)
}

// envFor builds the setup of environment name of p ("" for none); files
// are the -f paths.
func envFor(files []string, p *project.Project, name string) (*envSetup, error) {
	es := &envSetup{proj: p, files: files}
	if name == "" {
		return es, nil
	}
	if p == nil {
		return nil, withCode(exitError, fmt.Errorf("--env %s: no project file; write crmsync.yaml at the manifests' root (see 'crmsync schema project') or pass --project PATH", name))
	}
	e, err := p.Env(name)
	if err != nil {
		return nil, withCode(exitError, err)
	}
	vals, err := e.Values(os.Getenv)
	if err != nil {
		return nil, withCode(exitError, err)
	}
	es.env, es.values, es.red = e, vals, redact.New(e.SecretValues(vals))
	es.files = manifestPaths(es.files, p, e)
	return es, nil
}

// manifestPaths are the environment's manifests when -f names only the
// project's directory (or is left at its default), else the -f paths.
func manifestPaths(files []string, p *project.Project, e *project.Env) []string {
	if len(e.Manifests) == 0 {
		return files
	}
	if len(files) == 0 || (len(files) == 1 && filepath.Clean(files[0]) == filepath.Clean(p.Dir)) {
		return e.Manifests
	}
	return files
}

// options are the loading options of the environment.
func (es *envSetup) options() desired.Options {
	var o desired.Options
	if es.proj != nil {
		o.Envs = es.proj.Names()
	}
	if es.env != nil {
		o.Env, o.Vars = es.env.Name, es.values
	}
	return o
}

// redactor hides the environment's secret values; it is never nil.
func (es *envSetup) redactor() *redact.Redactor {
	if es == nil || es.red == nil {
		return redact.New(nil)
	}
	return es.red
}

// configure applies the environment's data centre, servers and
// credentials to cfg. A credential's variable that is named but unset
// falls back to the flags (ZOHO_* variables).
func (es *envSetup) configure(cfg *zoho.Config) {
	if es == nil || es.env == nil {
		return
	}
	e := es.env
	if e.DC != "" {
		cfg.DC = e.DC
	}
	if e.APIDomain != "" {
		cfg.APIDomain = strings.TrimSuffix(e.APIDomain, "/")
	}
	if e.AccountsURL != "" {
		cfg.AccountsURL = strings.TrimSuffix(e.AccountsURL, "/")
	}
	for _, x := range []struct {
		name string
		dst  *string
	}{{e.Credentials.ClientID, &cfg.ClientID}, {e.Credentials.ClientSecret, &cfg.ClientSecret},
		{e.Credentials.RefreshToken, &cfg.RefreshToken}, {e.Credentials.AccessToken, &cfg.AccessToken}} {
		if x.name == "" {
			continue
		}
		if v := os.Getenv(x.name); v != "" {
			*x.dst = v
		}
	}
	if e.Credentials.RefreshToken != "" && e.Credentials.AccessToken == "" {
		// ZOHO_ACCESS_TOKEN may belong to another environment's org.
		cfg.AccessToken = ""
	} else if e.Credentials.AccessToken != "" {
		cfg.AccessToken = os.Getenv(e.Credentials.AccessToken)
	}
}

// checkOrg refuses an org other than the environment's, before any write.
func (es *envSetup) checkOrg(ctx context.Context, client *zoho.Client) error {
	if es == nil || es.env == nil || es.env.OrgID == "" {
		return nil
	}
	org, err := client.GetOrg(ctx)
	if err != nil {
		return fmt.Errorf("environment %s: read the org to check its id: %w", es.env.Name, err)
	}
	if !orgMatches(es.env.OrgID, org) {
		return fmt.Errorf("environment %s must be org %s, but the credentials reach org %s (%s); nothing was changed: check the environment's credentials (%s) and org_id in %s",
			es.env.Name, es.env.OrgID, org.ID, org.CompanyName, credNames(es.env), es.proj.Path)
	}
	return nil
}

func credNames(e *project.Env) string {
	var names []string
	for _, n := range []string{e.Credentials.ClientID, e.Credentials.ClientSecret, e.Credentials.RefreshToken, e.Credentials.AccessToken} {
		if n != "" {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return "ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN"
	}
	return strings.Join(names, ", ")
}

// warnUnused warns, on stderr, about the environment's variables that no
// manifest uses.
func warnUnused(errw io.Writer, es *envSetup, m *desired.Manifests) {
	if es == nil || es.env == nil {
		return
	}
	for _, name := range m.Unused(es.values) {
		v := es.env.Var(name)
		fmt.Fprintf(errw, "Warning: %s: variable %s of environment %s is not used by any manifest\n", v.Source, name, es.env.Name)
	}
}

// redactPlan returns pl with the environment's secret values hidden, for
// printing; pl itself is left as it is (apply sends it).
func (es *envSetup) redactPlan(pl *plan.Plan) *plan.Plan {
	r := es.redactor()
	if r.Empty() || pl == nil {
		return pl
	}
	var out plan.Plan
	if err := r.Copy(pl, &out); err != nil {
		// Never print the secrets: show the counts and say why.
		return &plan.Plan{FormatVersion: pl.FormatVersion, Summary: pl.Summary, Changes: []plan.Change{}, Requests: []plan.Request{},
			Warnings: []string{"the plan's details cannot be shown with its secret values hidden: " + err.Error()}}
	}
	return &out
}

// redactReport returns rep with the environment's secret values hidden.
func (es *envSetup) redactReport(rep *apply.Report) *apply.Report {
	r := es.redactor()
	if r.Empty() || rep == nil {
		return rep
	}
	var out apply.Report
	if err := r.Copy(rep, &out); err != nil {
		return rep
	}
	return &out
}

// redactWriter hides secret values in what is written through it (the
// --debug log, whose blocks are written whole).
type redactWriter struct {
	w io.Writer
	r *redact.Redactor
}

func (rw *redactWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(rw.w, rw.r.String(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// withSecretsOf returns a setup that also redacts other's secret values.
func (es *envSetup) withSecretsOf(other *envSetup) *envSetup {
	if other == nil || other.env == nil {
		return es
	}
	out := *es
	secrets := other.env.SecretValues(other.values)
	if es.env != nil {
		secrets = append(secrets, es.env.SecretValues(es.values)...)
	}
	out.red = redact.New(secrets)
	return &out
}

// orgMatches reports whether want names org: its id, or its zgid (the Org
// ID that Setup > Company Details shows), written with or without the
// "org" prefix of its domain name.
func orgMatches(want string, org *zoho.Org) bool {
	want = strings.TrimPrefix(strings.TrimSpace(want), "org")
	for _, have := range []string{string(org.ID), string(org.ZGID), strings.TrimPrefix(org.DomainName, "org")} {
		if have != "" && have == want {
			return true
		}
	}
	return false
}
