package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/crmsync/crmsync/pkg/apply"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/observe"
	"github.com/crmsync/crmsync/pkg/plan"
	"github.com/crmsync/crmsync/pkg/render"
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

func runApply(c *cli.Context, s streams) error {
	ctx := c.Context
	if c.NArg() > 1 {
		return withCode(exitError, fmt.Errorf("apply takes at most one plan file; flags go before it"))
	}
	conn, err := connect(ctx, c, s.err)
	if err != nil {
		return withCode(exitError, err)
	}
	defer conn.Close()
	var pl *plan.Plan
	if c.NArg() == 1 {
		pl, err = loadSavedPlan(ctx, c, conn, c.Args().First())
		if err == nil {
			err = render.Text(s.out, conn.env.redactPlan(pl), textOptions(c, s, conn))
		}
		if err == nil && pl.Summary.Empty() {
			pl = nil
		}
	} else {
		pl, err = planForApply(c, s, conn)
	}
	if err != nil {
		return err
	}
	if pl == nil { // nothing to do
		if path := c.String("report"); path != "" {
			rep := apply.NoChanges()
			rep.Calls = callCounts(conn)
			return writeJSON(path, rep)
		}
		return nil
	}
	if err := checkDeletes(c, pl); err != nil {
		return withCode(exitError, err)
	}
	return execute(c, s, conn, pl)
}

// planForApply plans from the manifests, shows the plan and asks.
func planForApply(c *cli.Context, s streams, conn *connection) (*plan.Plan, error) {
	m, err := loadManifests(c.Context, c, s.err)
	if err != nil {
		return nil, err
	}
	targets, err := parseTargets(c.StringSlice("target"))
	if err != nil {
		return nil, withCode(exitError, err)
	}
	pl, err := (&planner{m: m, reader: conn.client, prune: c.Bool("prune"), targets: targets, errw: s.err}).make(c.Context, nil)
	if err != nil {
		return nil, err
	}
	if err := render.Text(s.out, conn.env.redactPlan(pl), textOptions(c, s, conn)); err != nil {
		return nil, err
	}
	if pl.Summary.Empty() {
		return nil, nil
	}
	if err := checkDeletes(c, pl); err != nil {
		return nil, withCode(exitError, err)
	}
	if c.Bool("auto-approve") {
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
func checkDeletes(c *cli.Context, pl *plan.Plan) error {
	limit := c.Int("max-deletes")
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
func execute(c *cli.Context, s streams, conn *connection, pl *plan.Plan) error {
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
	rep, err := apply.Apply(c.Context, conn.client, pl, opts)
	if rep != nil {
		rep.Calls = callCounts(conn)
		shown := conn.env.redactReport(rep) // no secret value in output
		apply.WriteReport(s.out, shown)
		if path := c.String("report"); path != "" {
			if werr := writeJSON(path, shown); werr != nil && err == nil {
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

func textOptions(c *cli.Context, s streams, conn *connection) render.Options {
	return render.Options{ShowRequests: c.Bool("show-requests"), APIVersion: conn.client.APIVersion(),
		Color: colorFor(c, s.out)}
}
