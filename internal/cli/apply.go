package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/crmsync/crmsync/internal/render"
	"github.com/crmsync/crmsync/pkg/apply"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/observe"
	"github.com/crmsync/crmsync/pkg/plan"
)

func applyCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "apply",
		Usage:     "make the changes a plan shows, then verify them",
		ArgsUsage: "[PLANFILE]",
		Description: `Without PLANFILE: plans from the manifests, prints the plan and asks for
confirmation (on a terminal; elsewhere --auto-approve is required).
With PLANFILE (from 'crmsync plan --out'): applies exactly that plan without
asking, after checking that it was made for this org and that nothing it read
has changed since.

After applying, crmsync reads the touched objects again and checks that they
match. Whole objects are deleted only for 'absent: true' or under --prune,
and --max-deletes caps the deletions before any call is made.

Examples:
   crmsync apply --emulator -f examples/org --auto-approve
   crmsync apply -f manifests/
   crmsync plan -f manifests/ --out plan.json && crmsync apply plan.json
   crmsync apply -f manifests/ --prune --max-deletes 3 --auto-approve --report apply.json

Ctrl-C or SIGTERM: no new write starts, the writes on the wire finish, and
apply reports what was done, what failed, what is unknown and what is still
to do, then exits 1. A second signal stops at once (exit 130 or 143).

Exit codes:
   0  everything applied and verified
   1  anything else (an error, a failed or skipped change, a field that did
      not take, an interrupt)`,
		Flags: append(append([]cli.Flag{manifestFlag(),
			&cli.BoolFlag{Name: "auto-approve", Usage: "apply without asking"},
			&cli.IntFlag{Name: "max-deletes", Usage: "refuse to apply a plan that deletes more objects than this (default 0 with --prune)", Value: -1},
			&cli.StringFlag{Name: "report", Usage: "write a JSON report of every change and its outcome to this file"},
			&cli.BoolFlag{Name: "no-color", Usage: "no colours (also when NO_COLOR is set)"},
			&cli.BoolFlag{Name: "show-requests", Usage: "print each change's request bodies"},
		}, planFlags()...), connectionFlags()...),
		Action: func(c *cli.Context) error { return runApply(c, s) },
	}
}

// applyOptions are apply's flags and argument, read once.
type applyOptions struct {
	planFile    string // the saved plan to apply, or "" to plan from the manifests
	report      string // --report: where to write the JSON report
	maxDeletes  int
	autoApprove bool
	prune       bool
	targets     []model.Key
	text        render.Options // the plan's text view, without the API version
	common                     // the environment and the connection
}

func applyOptionsOf(c *cli.Context, s streams) (applyOptions, error) {
	if c.NArg() > 1 {
		return applyOptions{}, fmt.Errorf("apply takes at most one plan file; flags go before it")
	}
	targets, err := parseTargets(c.StringSlice("target"))
	if err != nil {
		return applyOptions{}, err
	}
	return applyOptions{planFile: c.Args().First(), report: c.String("report"), maxDeletes: c.Int("max-deletes"),
		autoApprove: c.Bool("auto-approve"), prune: c.Bool("prune"), targets: targets,
		text:   render.Options{ShowRequests: c.Bool("show-requests"), Color: colorFor(c, s.out)},
		common: commonOf(c)}, nil
}

func runApply(c *cli.Context, s streams) error {
	ctx := c.Context
	opts, err := applyOptionsOf(c, s)
	if err != nil {
		return withCode(exitError, err)
	}
	conn, err := connect(ctx, opts.common, s.err)
	if err != nil {
		return withCode(exitError, err)
	}
	defer conn.Close()
	opts.text.APIVersion = conn.client.APIVersion()
	var pl *plan.Plan
	if opts.planFile != "" {
		pl, err = loadSavedPlan(ctx, conn, opts.planFile)
		if err == nil {
			err = render.Text(s.out, conn.env.redactPlan(pl), opts.text)
		}
		if err == nil && pl.Summary.Empty() {
			pl = nil
		}
	} else {
		pl, err = planForApply(ctx, s, conn, opts)
	}
	if err != nil {
		return err
	}
	if pl == nil { // nothing to do
		if opts.report != "" {
			rep := apply.NoChanges()
			rep.Calls = callCounts(conn)
			return writeJSON(opts.report, rep)
		}
		return nil
	}
	if err := checkDeletes(opts.maxDeletes, pl); err != nil {
		return withCode(exitError, err)
	}
	return execute(ctx, s, conn, pl, opts.report)
}

// planForApply plans from the manifests, shows the plan and asks.
func planForApply(ctx context.Context, s streams, conn *connection, opts applyOptions) (*plan.Plan, error) {
	m, err := loadManifests(ctx, opts.env, s.err)
	if err != nil {
		return nil, err
	}
	pl, err := (&planner{m: m, reader: conn.client, prune: opts.prune, targets: opts.targets, errw: s.err}).make(ctx, nil)
	if err != nil {
		return nil, err
	}
	if err := render.Text(s.out, conn.env.redactPlan(pl), opts.text); err != nil {
		return nil, err
	}
	if pl.Summary.Empty() {
		return nil, nil
	}
	if err := checkDeletes(opts.maxDeletes, pl); err != nil {
		return nil, withCode(exitError, err)
	}
	if opts.autoApprove {
		return pl, nil
	}
	if !isTerminal(s.in) {
		return nil, withCode(exitError, fmt.Errorf("standard input is not a terminal, so crmsync cannot ask for confirmation; "+
			"review the plan and run again with --auto-approve (nothing was changed)"))
	}
	return pl, confirm(s, pl)
}

func confirm(s streams, pl *plan.Plan) error {
	for _, ch := range pl.Changes {
		if ch.Destructive {
			fmt.Fprintf(s.out, "DESTRUCTIVE: %s: %s\n", ch.Key, ch.Destroys)
		}
	}
	fmt.Fprint(s.out, "\nDo you want to perform these actions? Only 'yes' will be accepted: ")
	line, _ := bufio.NewReader(s.in).ReadString('\n')
	if strings.TrimSpace(line) != "yes" {
		return withCode(exitError, fmt.Errorf("apply cancelled; nothing was changed"))
	}
	return nil
}

// checkDeletes enforces --max-deletes before any write.
func checkDeletes(limit int, pl *plan.Plan) error {
	counted := 0
	for _, ch := range pl.Changes {
		if ch.Action != plan.Delete && ch.Replaces == nil { // a replacement deletes too
			continue
		}
		if limit >= 0 || ch.Source == nil { // an explicit limit counts all deletes; the default only pruned ones
			counted++
		}
	}
	if limit < 0 {
		limit = 0
	}
	if counted > limit {
		return fmt.Errorf("the plan deletes %d objects, more than --max-deletes %d allows; nothing was changed (raise --max-deletes after reviewing the deletions)", counted, limit)
	}
	return nil
}

// execute applies the plan, reports progress and the outcome.
func execute(ctx context.Context, s streams, conn *connection, pl *plan.Plan, reportPath string) error {
	opts := apply.Options{
		Progress: func(st apply.Step) { apply.WriteStep(s.err, st) },
		Observe: func(ctx context.Context, scope model.Scope) (*model.State, *model.Lookups, error) {
			res, err := observe.Observe(ctx, conn.client, scope)
			if err != nil {
				return nil, nil, err
			}
			return res.State, res.Lookups, nil
		},
	}
	rep, err := apply.Apply(ctx, conn.client, pl, opts)
	if rep != nil {
		rep.Calls = callCounts(conn)
		shown := conn.env.redactReport(rep) // no secret value in output
		apply.WriteReport(s.out, shown)
		if reportPath != "" {
			if werr := writeJSON(reportPath, shown); werr != nil && err == nil {
				err = werr
			}
		}
	}
	if err != nil {
		return withCode(exitError, err)
	}
	if !rep.OK() {
		return silentExit(exitError)
	}
	return nil
}

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
