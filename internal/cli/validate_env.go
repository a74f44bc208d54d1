package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/crmsync/crmsync/internal/project"
	"github.com/crmsync/crmsync/pkg/desired"
)

// validateEnvs validates the manifests of every environment of the
// project file (or of --env alone). It reports handled=false when there is
// no project file and no --env: then validate works as without projects.
func validateEnvs(ctx context.Context, opts validateOptions, out, errw io.Writer) (bool, error) {
	path := opts.project
	if path == "" {
		path = project.Find(opts.paths)
	}
	if path == "" {
		if opts.env != "" && opts.env != allEnvs {
			return true, withCode(exitError, fmt.Errorf("--env %s: no project file; write crmsync.yaml at the manifests' root or pass --project PATH", opts.env))
		}
		return false, nil
	}
	p, err := project.Load(path)
	if err != nil {
		var ds desired.Diagnostics
		if errors.As(err, &ds) {
			fmt.Fprintln(errw, ds.Error())
			fmt.Fprintf(errw, "Invalid: %s in the project file.\n", plural(len(ds), "problem"))
			return true, silentExit(exitError)
		}
		return true, withCode(exitError, err)
	}
	envs := p.Envs
	if opts.env != "" && opts.env != allEnvs {
		e, err := p.Env(opts.env)
		if err != nil {
			return true, withCode(exitError, err)
		}
		envs = []*project.Env{e}
	}
	failed := 0
	for _, e := range envs {
		if !validateEnv(ctx, opts, p, e, out, errw) {
			failed++
		}
	}
	if failed > 0 {
		return true, silentExit(exitError)
	}
	return true, nil
}

// validateEnv validates one environment's manifests offline. A variable
// held in an unset environment variable is checked with a stand-in text.
func validateEnv(ctx context.Context, opts validateOptions, p *project.Project, e *project.Env, out, errw io.Writer) bool {
	vals, _ := e.Values(func(name string) string {
		if v := os.Getenv(name); v != "" {
			return v
		}
		return "unset-" + strings.ToLower(name)
	})
	paths := manifestPaths(opts.paths, p, e)
	es := &envSetup{proj: p, env: e, values: vals, files: paths}
	m, err := desired.LoadWith(ctx, paths, es.options())
	var ds desired.Diagnostics
	switch {
	case errors.As(err, &ds):
		fmt.Fprintln(errw, ds.Error())
		fmt.Fprintf(errw, "Invalid (%s): %s.\n", e.Name, plural(len(ds), "problem"))
		return false
	case err != nil:
		fmt.Fprintf(errw, "Error (%s): %v\n", e.Name, err)
		return false
	}
	warnUnused(errw, es, m)
	fmt.Fprintf(out, "Valid (%s): %s, %s.\n", e.Name, plural(len(m.Files), "file"), plural(m.State.Len(), "object"))
	return true
}
