package cli

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/crmsync/crmsync/internal/rolegraph"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/observe"
)

func graphCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:  "graph",
		Usage: "draw the role hierarchy",
		Subcommands: []*cli.Command{{
			Name:      "roles",
			Usage:     "print the role tree of the org (or of the manifests) as Mermaid, DOT or text",
			ArgsUsage: " ",
			Description: `Prints the live org's role hierarchy, or with -f (or --desired) the one the
manifests declare, as a Mermaid flowchart (GitHub renders it in Markdown),
Graphviz DOT, or an indented text tree. Roles a manifest names as a parent
but does not declare are drawn as plain nodes.

Examples:
   crmsync graph roles --emulator
   crmsync graph roles --env production --format text
   crmsync graph roles -f manifests/ --format dot | dot -Tsvg > roles.svg

Exit codes:
   0  success
   1  error`,
			Flags: append([]cli.Flag{manifestFlag(),
				&cli.StringFlag{Name: "format", Usage: "mermaid, dot or text", Value: "mermaid"},
				&cli.BoolFlag{Name: "desired", Usage: "draw the manifests' tree (implied by -f)"},
			}, connectionFlags()...),
			Action: func(c *cli.Context) error { return runGraphRoles(c, s) },
		}},
	}
}

// graphOptions are graph roles' flags, read and checked once.
type graphOptions struct {
	common
	format  string // mermaid, dot or text
	desired bool   // the manifests' roles (-f or --desired), not the org's
}

func graphOptionsOf(c *cli.Context) (graphOptions, error) {
	o := graphOptions{common: commonOf(c), format: c.String("format"), desired: c.IsSet("file") || c.Bool("desired")}
	switch o.format {
	case "mermaid", "dot", "text":
		return o, nil
	}
	return o, fmt.Errorf("--format %q: use mermaid, dot or text", o.format)
}

func runGraphRoles(c *cli.Context, s streams) error {
	opts, err := graphOptionsOf(c)
	if err != nil {
		return withCode(exitError, err)
	}
	roles, err := graphRoles(c.Context, opts, s)
	if err != nil {
		return err
	}
	g := rolegraph.FromRoles(roles)
	switch opts.format {
	case "dot":
		err = g.DOT(s.out)
	case "text":
		err = g.Text(s.out)
	default:
		err = g.Mermaid(s.out)
	}
	if err != nil {
		return withCode(exitError, err)
	}
	return nil
}

// graphRoles reads the roles of the manifests (-f or --desired) or of the
// live org.
func graphRoles(ctx context.Context, opts graphOptions, s streams) ([]model.Role, error) {
	var state *model.State
	if opts.desired {
		m, err := loadManifests(ctx, opts.env, s.err)
		if err != nil {
			return nil, err
		}
		state = m.State
	} else {
		conn, err := connect(ctx, opts.common, s.err)
		if err != nil {
			return nil, withCode(exitError, err)
		}
		defer conn.Close()
		res, err := observe.Observe(ctx, conn.client.ReadOnly(), model.Scope{Kinds: []model.Kind{model.KindRole}})
		if err != nil {
			return nil, withCode(exitError, err)
		}
		state = res.State
	}
	var roles []model.Role
	for _, o := range state.Objects() {
		if o.Role != nil && !o.Absent {
			roles = append(roles, *o.Role)
		}
	}
	return roles, nil
}
