package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/crmsync/crmsync/pkg/apply"
	"github.com/crmsync/crmsync/pkg/desired"
	"github.com/crmsync/crmsync/pkg/jsonplan"
	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/observe"
	"github.com/crmsync/crmsync/pkg/plan"
)

// manifestFlag is -f, the manifests to read.
func manifestFlag() cli.Flag {
	return &cli.StringSliceFlag{Name: "file", Aliases: []string{"f"}, Usage: "manifest file or directory (repeatable)", Value: cli.NewStringSlice("."), EnvVars: []string{"CRMSYNC_FILES"}}
}

// planFlags shape what is planned.
func planFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "prune", Usage: "also delete roles and contact roles that no manifest names"},
		&cli.StringSliceFlag{Name: "target", Usage: "limit to one object, as Kind/name (repeatable), e.g. Role/Sales Head"},
	}
}

// outputFlags choose how a plan is shown.
func outputFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "format", Usage: "output format: text, json or markdown", Value: "text"},
		&cli.BoolFlag{Name: "show-requests", Usage: "print each change's request bodies (text)"},
		&cli.BoolFlag{Name: "no-color", Usage: "no colours (also when NO_COLOR is set)"},
	}
}

// loadManifests loads and validates the manifests, printing every problem.
func loadManifests(ctx context.Context, eo envOptions, errw io.Writer) (*desired.Manifests, error) {
	es, err := selectEnv(eo, errw)
	if err != nil {
		return nil, err
	}
	return loadManifestsFor(ctx, es, errw)
}

// loadManifestsFor loads the manifests of one environment.
func loadManifestsFor(ctx context.Context, es *envSetup, errw io.Writer) (*desired.Manifests, error) {
	m, err := desired.LoadWith(ctx, es.files, es.options())
	if err != nil {
		var ds desired.Diagnostics
		if errors.As(err, &ds) {
			fmt.Fprintln(errw, ds.Error())
			fmt.Fprintf(errw, "Error: %s in the manifests; nothing was sent to Zoho\n", plural(len(ds), "problem"))
			return nil, silentExit(exitError)
		}
		return nil, err
	}
	warnUnused(errw, es, m)
	return m, nil
}

// parseTargets reads --target Kind/name values.
func parseTargets(vals []string) ([]model.Key, error) {
	var out []model.Key
	for _, v := range vals {
		kind, name, ok := strings.Cut(v, "/")
		if !ok || name == "" || !kinds.Known(model.Kind(kind)) {
			return nil, fmt.Errorf("--target %q: write Kind/name, with Kind one of %s", v, strings.Join(kinds.Names(), ", "))
		}
		out = append(out, model.Key{Kind: model.Kind(kind), Name: name})
	}
	return out, nil
}

// planner makes plans for one set of manifests against one connection.
type planner struct {
	m       *desired.Manifests
	reader  observe.Reader
	prune   bool
	targets []model.Key
	errw    io.Writer
}

// make observes the live state and plans, limited to keys when given.
func (p *planner) make(ctx context.Context, keys []model.Key) (*plan.Plan, error) {
	scope := observe.ScopeFor(p.m.State)
	res, err := observe.Observe(ctx, p.reader, scope)
	if err != nil {
		return nil, err
	}
	targets := p.targets
	if keys != nil {
		targets = keys
	}
	pl, err := plan.Make(plan.Input{Desired: p.m.State, Observed: res.State, Lookups: res.Lookups, Scope: scope},
		plan.Options{Prune: p.prune, Targets: targets, Positions: p.m.Positions()})
	if err != nil {
		var ps plan.Problems
		if errors.As(err, &ps) {
			fmt.Fprintln(p.errw, ps.Error())
			fmt.Fprintf(p.errw, "Error: %s with the org; nothing was changed\n", plural(len(ps), "problem"))
			return nil, silentExit(exitError)
		}
		return nil, err
	}
	pl.Warnings = append(res.Warnings, pl.Warnings...)
	pl.ManifestDigest = p.m.Digest
	return pl, nil
}

// jsonPlanOptions build the JSON plan with the fallback body forms apply
// really sends.
var jsonPlanOptions = jsonplan.Options{Fallbacks: apply.FallbackForms}

// callCounts converts the client's counts for the plan.
func callCounts(conn *connection) []plan.CallCount {
	out := []plan.CallCount{}
	for _, c := range conn.client.Calls() {
		out = append(out, plan.CallCount{Method: c.Method, Endpoint: c.Endpoint, Count: c.Count})
	}
	return out
}
