package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/crmsync/crmsync/pkg/desired"
)

// pathList is a repeatable -f flag value. Unlike cli.StringSliceFlag it
// does not split on commas, which may appear in file names.
type pathList []string

// pathListPrefix marks a serialized pathList. cli/v2 copies a flag's value
// to its other names with Set(Serialize()); a NUL never occurs in a real
// argument.
const pathListPrefix = "\x00pathList:"

func (p *pathList) Set(s string) error {
	if rest, ok := strings.CutPrefix(s, pathListPrefix); ok {
		return json.Unmarshal([]byte(rest), (*[]string)(p))
	}
	*p = append(*p, s)
	return nil
}

func (p *pathList) String() string { return strings.Join(*p, ", ") }

// Serialize implements cli.Serializer.
func (p *pathList) Serialize() string {
	b, _ := json.Marshal([]string(*p))
	return pathListPrefix + string(b)
}

// validateOptions are the flags of crmsync validate.
type validateOptions struct {
	paths        []string
	env, project string
}

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "check manifests offline",
		UsageText: "crmsync validate [-f PATH]...",
		Description: `Validate reads the manifests and checks them without contacting Zoho: YAML
syntax, each document against its kind's JSON Schema (see 'crmsync schema'),
and the rules that span documents (unique names, the role hierarchy,
contact role positions). It reports every problem at once, one per line, as
FILE:LINE:COL: OBJECT: MESSAGE.

PATH is a manifest file or a directory, searched recursively for *.yaml and
*.yml files. -f can be repeated; the default is the current directory.

Examples:
   crmsync validate
   crmsync validate -f examples/org
   crmsync validate -f locking/deals.yaml -f roles/
   crmsync validate --env production      with crmsync.yaml: one environment

Exit codes:
   0  the manifests are valid
   1  problems were found, or the manifests could not be read`,
		Flags: []cli.Flag{
			&cli.GenericFlag{
				Name:    "file",
				Aliases: []string{"f"},
				Usage:   "manifest file or directory (repeatable; default: .)",
				Value:   &pathList{},
			},
			&cli.StringFlag{Name: "env", Usage: "environment of crmsync.yaml to validate for (default: every one)", EnvVars: []string{"CRMSYNC_ENV"}},
			&cli.StringFlag{Name: "project", Usage: "project file (default: crmsync.yaml at the root of the first -f directory)", EnvVars: []string{"CRMSYNC_PROJECT"}},
		},
		Action: func(c *cli.Context) error {
			if c.Args().Present() {
				return withCode(exitError, fmt.Errorf("validate takes no arguments (got %q); name manifests with -f PATH", c.Args().First()))
			}
			paths, _ := c.Generic("file").(*pathList)
			opts := validateOptions{paths: *paths, env: c.String("env"), project: c.String("project")}
			if len(opts.paths) == 0 {
				opts.paths = []string{"."}
			}
			return runValidate(c.Context, opts, c.App.Writer, c.App.ErrWriter)
		},
	}
}

// runValidate loads the manifests and reports the result.
func runValidate(ctx context.Context, opts validateOptions, out, errw io.Writer) error {
	if handled, err := validateEnvs(ctx, opts, out, errw); handled {
		return err
	}
	m, err := desired.Load(ctx, opts.paths)
	var ds desired.Diagnostics
	if errors.As(err, &ds) {
		fmt.Fprintln(errw, ds.Error())
		fmt.Fprintf(errw, "Invalid: %s.\n", plural(len(ds), "problem"))
		return silentExit(exitError)
	}
	if err != nil {
		return withCode(exitError, err)
	}
	fmt.Fprintf(out, "Valid: %s, %s.\n", plural(len(m.Files), "file"), plural(m.State.Len(), "object"))
	return nil
}

// plural renders "1 file" or "3 files".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
