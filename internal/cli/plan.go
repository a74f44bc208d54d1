package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/crmsync/crmsync/internal/render"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

func planCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "plan",
		Usage:     "show what apply would change, and the exact API calls it would make",
		ArgsUsage: " ",
		Description: `Reads the manifests, reads the live org (only what the manifests need, and
never writes), and shows every difference with the requests an apply sends.

Examples:
   crmsync plan --emulator -f examples/org            try it against the demo org
   crmsync plan -f manifests/ --format markdown       a pull-request comment
   crmsync plan -f manifests/ --out plan.json         save it for 'crmsync apply plan.json'
   crmsync plan -f manifests/ --target "Role/Sales Head" --show-requests
   crmsync plan --env sandbox                         one environment of crmsync.yaml
   crmsync plan --env all --format markdown           every environment, one PR comment

Exit codes:
   0  success (no changes, or changes without --detailed-exitcode)
   1  error (with --env all: in any environment)
   2  changes present, with --detailed-exitcode (--env all: in any)`,
		Flags: append(append(append([]cli.Flag{manifestFlag(),
			&cli.StringFlag{Name: "out", Usage: "save the plan as JSON to this file, for 'crmsync apply FILE'"},
			&cli.BoolFlag{Name: "detailed-exitcode", Usage: "exit 2 when there are changes"},
		}, planFlags()...), outputFlags()...), connectionFlags()...),
		Action: func(c *cli.Context) error { return runPlan(c, s, false) },
	}
}

func driftCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "drift",
		Usage:     "check whether the org still matches the manifests (exit 2 on drift)",
		ArgsUsage: " ",
		Description: `plan for scheduled jobs: reports every setting changed by hand in Zoho, with
who changed it and when where Zoho says so. It never writes.

Examples:
   crmsync drift -f manifests/
   crmsync drift -f manifests/ --format markdown > drift.md   an issue body
   crmsync drift --env all --format markdown               every environment

Exit codes:
   0  in sync
   1  error (with --env all: in any environment)
   2  drift found (--env all: in any)`,
		Flags:  append(append(append([]cli.Flag{manifestFlag()}, planFlags()...), outputFlags()...), connectionFlags()...),
		Action: func(c *cli.Context) error { return runPlan(c, s, true) },
	}
}

// planOptions are plan's and drift's flags, read and checked once.
type planOptions struct {
	common
	out      output
	save     string // --out: where to save the plan
	detailed bool   // --detailed-exitcode
	prune    bool
	targets  []model.Key
}

func planOptionsOf(c *cli.Context, s streams) (planOptions, error) {
	out, err := outputOf(c, s.out)
	if err != nil {
		return planOptions{}, err
	}
	targets, err := parseTargets(c.StringSlice("target"))
	return planOptions{common: commonOf(c), out: out, save: c.String("out"), detailed: c.Bool("detailed-exitcode"),
		prune: c.Bool("prune"), targets: targets}, err
}

// runPlan is plan and drift: load, connect, observe, plan, save, render.
func runPlan(c *cli.Context, s streams, drift bool) error {
	start := time.Now()
	ctx := c.Context
	opts, err := planOptionsOf(c, s)
	if err != nil {
		return withCode(exitError, err)
	}
	out := opts.out
	if opts.env.env == allEnvs {
		return runPlanAll(ctx, opts, s, drift)
	}
	es, err := selectEnv(opts.env, s.err)
	if err != nil {
		return err
	}
	pl, conn, err := planEnv(ctx, opts, es, s.err)
	if err != nil {
		return err
	}
	defer conn.Close()
	if opts.save != "" {
		if err := savePlan(ctx, conn, pl, opts.save); err != nil {
			return withCode(exitError, err)
		}
	}
	pl.Calls.Made = callCounts(conn)
	reportReads(s, pl.Calls.Made, time.Since(start))
	o := out.renderOptions(drift, conn.client.APIVersion())
	if name := es.name(); name != "" {
		o.Title = map[bool]string{false: "crmsync plan: ", true: "crmsync drift: "}[drift] + name
	}
	if err := out.renderPlan(s.out, es.redactPlan(pl), o); err != nil {
		return withCode(exitError, err)
	}
	if opts.save != "" {
		fmt.Fprintf(s.err, "Saved the plan to %s. Apply it with: crmsync apply %s\n", opts.save, opts.save)
	}
	if !pl.Summary.Empty() && (drift || opts.detailed) {
		return silentExit(exitChanges)
	}
	return nil
}

// planEnv loads the manifests of one environment, connects to its org
// and plans with the read-only view. The caller closes the connection.
func planEnv(ctx context.Context, opts planOptions, es *envSetup, errw io.Writer) (*plan.Plan, *connection, error) {
	m, err := loadManifestsFor(ctx, es, errw)
	if err != nil {
		return nil, nil, err
	}
	conn, err := connectFor(ctx, opts.conn, errw, es)
	if err != nil {
		return nil, nil, withCode(exitError, err)
	}
	// plan and drift hold only the read-only view: they cannot write.
	pl, err := (&planner{m: m, reader: conn.client.ReadOnly(), prune: opts.prune, targets: opts.targets, errw: errw}).make(ctx, nil)
	if err != nil {
		conn.Close()
		return nil, nil, err
	}
	return pl, conn, nil
}

// savePlan records the org and API domain, then writes the plan file. The
// plan holds no credential.
func savePlan(ctx context.Context, conn *connection, pl *plan.Plan, path string) error {
	org, err := conn.client.GetOrg(ctx)
	if err != nil {
		return fmt.Errorf("read the org for the saved plan: %w", err)
	}
	domain, err := conn.client.APIDomain(ctx)
	if err != nil {
		return err
	}
	pl.Org = &plan.Org{ID: string(org.ID), Name: org.CompanyName}
	pl.APIDomain, pl.APIVersion = domain, conn.client.APIVersion()
	pl.Calls.Made = callCounts(conn)
	// The saved plan is the JSON plan; it carries all that apply needs.
	var data bytes.Buffer
	if err := render.JSON(&data, pl, jsonPlanOptions); err != nil {
		return err
	}
	if err := os.WriteFile(path, data.Bytes(), 0o644); err != nil {
		return fmt.Errorf("save the plan: %w", err)
	}
	return nil
}

// reportReads tells, on stderr, what reading the org cost when it took more
// than a handful of calls.
func reportReads(s streams, calls []plan.CallCount, took time.Duration) {
	n := 0
	for _, c := range calls {
		n += c.Count
	}
	if n > 10 {
		fmt.Fprintf(s.err, "Read the org with %d API calls in %s.\n", n, took.Round(time.Millisecond))
	}
}
