package cli

import (
	"context"
	"fmt"
	"os"
	"path"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/crmsync/crmsync/internal/export"
	"github.com/crmsync/crmsync/internal/project"
	"github.com/crmsync/crmsync/internal/rolegraph"
	"github.com/crmsync/crmsync/pkg/desired"
	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/observe"
	"github.com/crmsync/crmsync/pkg/plan"
)

func diffCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "diff",
		Usage:     "compare two orgs: what it would take to make --to match --from",
		ArgsUsage: " ",
		Description: `Reads the --from org (an environment of crmsync.yaml) as if it were exported,
or reads an export directory, and plans the --to org against it: the result
is what 'crmsync apply' would change in --to to make it match --from, in
the plan's formats. Objects are matched by name, never by id, so two orgs
compare although every id differs. Objects that exist only in --to show as
deletions. It never writes to either org.

Without --to, the org of the connection flags (or --env) is compared.

Examples:
   crmsync diff --from sandbox --to production
   crmsync diff --from sandbox --to production --format markdown > review.md
   crmsync diff --from exported/ --to production --detailed-exitcode

Exit codes:
   0  success (no differences, or differences without --detailed-exitcode)
   1  error
   2  the orgs differ, with --detailed-exitcode`,
		Flags: append(append([]cli.Flag{manifestFlag(),
			&cli.StringFlag{Name: "from", Usage: "environment (or export directory) to copy from", Required: true},
			&cli.StringFlag{Name: "to", Usage: "environment to compare (default: the connection flags / --env)"},
			&cli.BoolFlag{Name: "detailed-exitcode", Usage: "exit 2 when the orgs differ"},
		}, outputFlags()...), connectionFlags()...),
		Action: func(c *cli.Context) error { return runDiff(c, s) },
	}
}

// diffOptions are diff's flags, read once.
type diffOptions struct {
	common
	out      output
	from     string // an export directory or an environment
	to       string // --to, else --env
	detailed bool   // --detailed-exitcode
}

func diffOptionsOf(c *cli.Context, s streams) (diffOptions, error) {
	out, err := outputOf(c, s.out)
	o := diffOptions{common: commonOf(c), out: out, from: c.String("from"), to: c.String("to"), detailed: c.Bool("detailed-exitcode")}
	if o.to == "" {
		o.to = o.env.env
	}
	return o, err
}

// runDiff is diff: read --from as desired state, then plan --to with it.
func runDiff(c *cli.Context, s streams) error {
	ctx := c.Context
	opts, err := diffOptionsOf(c, s)
	if err != nil {
		return withCode(exitError, err)
	}
	out := opts.out
	proj, err := loadProject(opts.env, s.err)
	if err != nil {
		return err
	}
	from, fromEnv, err := diffSource(ctx, opts, s, proj)
	if err != nil {
		return err
	}
	toName := opts.to
	if toName == "" && proj != nil {
		return withCode(exitError, fmt.Errorf("%s defines the environments %s: name the org to compare with --to NAME", proj.Path, strings.Join(proj.Names(), ", ")))
	}
	to, err := envFor(opts.env.files, proj, toName)
	if err != nil {
		return err
	}
	conn, err := connectFor(ctx, opts.conn, s.err, to)
	if err != nil {
		return withCode(exitError, err)
	}
	defer conn.Close()
	pl, err := (&planner{m: from, reader: conn.client.ReadOnly(), prune: true, errw: s.err}).make(ctx, nil)
	if err != nil {
		return err
	}
	pl.Calls.Made = callCounts(conn)
	o := out.renderOptions(false, conn.client.APIVersion())
	o.Title = fmt.Sprintf("crmsync diff: what makes %s match %s", orDefault(toName, "the org"), opts.from)
	// Hide the secrets of both environments: --from's values are desired here.
	shown := to.withSecretsOf(fromEnv).redactPlan(pl)
	if err := out.renderPlan(s.out, shown, o); err != nil {
		return withCode(exitError, err)
	}
	if out.format == "text" {
		writeRoleTree(s, shown)
	}
	if !pl.Summary.Empty() && opts.detailed {
		return silentExit(exitChanges)
	}
	return nil
}

// diffSource reads --from: an export directory, or an environment's org
// exported into memory.
func diffSource(ctx context.Context, opts diffOptions, s streams, proj *project.Project) (*desired.Manifests, *envSetup, error) {
	from := opts.from
	if info, err := os.Stat(from); err == nil && info.IsDir() {
		m, err := loadManifestsFor(ctx, &envSetup{files: []string{from}}, s.err)
		return m, nil, err
	}
	es, err := envFor(opts.env.files, proj, from)
	if err != nil {
		return nil, nil, err
	}
	m, err := exportEnv(ctx, opts.conn, s, es, from)
	return m, es, err
}

// exportEnv reads the org of es into memory as a complete export.
func exportEnv(ctx context.Context, co connOptions, s streams, es *envSetup, from string) (*desired.Manifests, error) {
	conn, err := connectFor(ctx, co, s.err, es)
	if err != nil {
		return nil, withCode(exitError, err)
	}
	defer conn.Close()
	state, err := readOrg(ctx, conn, s)
	if err != nil {
		return nil, withCode(exitError, fmt.Errorf("read the --from org (%s): %w", from, err))
	}
	files := export.ManifestsWith(state, export.Options{Complete: true})
	in := make([]desired.File, len(files))
	for i, f := range files {
		in[i] = desired.File{Path: path.Join(from, f.Path), Data: f.Data}
	}
	if len(in) == 0 {
		return nil, withCode(exitError, fmt.Errorf("the --from org (%s) has nothing crmsync manages", from))
	}
	m, err := desired.Parse(in...)
	if err != nil {
		return nil, withCode(exitError, fmt.Errorf("the --from org (%s) exported to manifests crmsync cannot read back: %w", from, err))
	}
	return m, nil
}

// readOrg reads everything crmsync manages from the org, as export does.
func readOrg(ctx context.Context, conn *connection, s streams) (*model.State, error) {
	scope, err := exportScope(ctx, conn, kinds.List(), nil)
	if err != nil {
		return nil, err
	}
	res, err := observe.Observe(ctx, conn.client.ReadOnly(), scope)
	if err != nil {
		return nil, err
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(s.err, "Warning: %s\n", w)
	}
	return res.State, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// writeRoleTree prints, after a text diff, the part of the role hierarchy
// it changes as a marked text tree (Markdown has it as Mermaid).
func writeRoleTree(s streams, pl *plan.Plan) {
	g := rolegraph.FromPlan(pl)
	if g == nil {
		return
	}
	fmt.Fprintln(s.out, "\nRole hierarchy (the part this changes):")
	var b strings.Builder
	if g.Text(&b) == nil {
		for _, line := range strings.Split(strings.TrimRight(b.String(), "\n"), "\n") {
			fmt.Fprintln(s.out, "  "+line)
		}
	}
}
