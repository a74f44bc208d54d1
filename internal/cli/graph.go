package cli

import (
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

func runGraphRoles(c *cli.Context, s streams) error {
	format := c.String("format")
	switch format {
	case "mermaid", "dot", "text":
	default:
		return withCode(exitError, fmt.Errorf("--format %q: use mermaid, dot or text", format))
	}
	roles, err := graphRoles(c, s)
	if err != nil {
		return err
	}
	g := rolegraph.FromRoles(roles)
	switch format {
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
func graphRoles(c *cli.Context, s streams) ([]model.Role, error) {
	var state *model.State
	if c.IsSet("file") || c.Bool("desired") {
		m, err := loadManifests(c.Context, c, s.err)
		if err != nil {
			return nil, err
		}
		state = m.State
	} else {
		conn, err := connect(c.Context, c, s.err)
		if err != nil {
			return nil, withCode(exitError, err)
		}
		defer conn.Close()
		res, err := observe.Observe(c.Context, conn.client.ReadOnly(), model.Scope{Kinds: []model.Kind{model.KindRole}})
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
