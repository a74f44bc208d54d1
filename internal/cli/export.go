package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/urfave/cli/v2"

	"github.com/crmsync/crmsync/internal/export"
	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/observe"
	"github.com/crmsync/crmsync/schemas"
)

func exportCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "export",
		Usage:     "write manifests from the live org, to start managing it",
		ArgsUsage: " ",
		Description: `Reads the org and writes one manifest per object under --out: names, never
IDs; only the keys crmsync manages; server defaults left out. Planning the
exported manifests against the same org shows no changes.

Examples:
   crmsync export --emulator --out manifests
   crmsync export --kind Role --kind ContactRole --out manifests
   crmsync export --kind RecordLockingConfig --module Deals --module Leads
   crmsync export --env production --out manifests     keeps ${{ vars.NAME }} placeholders

With --env, the manifests of that environment (-f, or its manifests in
crmsync.yaml) are read first: where the live value equals what one of their
${{ vars.NAME }} placeholders gives in that environment, the placeholder is
written back instead of the value, and a secret variable's value is never
written.`,
		Flags: append([]cli.Flag{
			&cli.StringSliceFlag{Name: "kind", Usage: "export only this kind (repeatable): " + kinds.OneOf()},
			&cli.StringSliceFlag{Name: "module", Usage: "export only these modules' locking configurations, fields and custom modules (repeatable)"},
			&cli.StringFlag{Name: "out", Usage: "directory to write", Value: "manifests"},
			&cli.BoolFlag{Name: "complete", Usage: "also write role keys at their defaults (to copy one org onto another)"},
			manifestFlag(),
		}, connectionFlags()...),
		Action: func(c *cli.Context) error { return runExport(c, s) },
	}
}

// exportOptions are export's flags, read and checked once.
type exportOptions struct {
	common
	kinds   []model.Kind // --kind, else every kind
	modules []string     // --module
	out     string
	files   export.Options // --complete
}

func exportOptionsOf(c *cli.Context) (exportOptions, error) {
	o := exportOptions{common: commonOf(c), kinds: kinds.List(), modules: c.StringSlice("module"),
		out: c.String("out"), files: export.Options{Complete: c.Bool("complete")}}
	if ks := c.StringSlice("kind"); len(ks) > 0 {
		o.kinds = nil
		for _, k := range ks {
			if !kinds.Known(model.Kind(k)) {
				return o, fmt.Errorf("--kind %q: use %s", k, kinds.OneOf())
			}
			o.kinds = append(o.kinds, model.Kind(k))
		}
	}
	return o, nil
}

func runExport(c *cli.Context, s streams) error {
	ctx := c.Context
	opts, err := exportOptionsOf(c)
	if err != nil {
		return withCode(exitError, err)
	}
	conn, err := connect(ctx, opts.common, s.err)
	if err != nil {
		return withCode(exitError, err)
	}
	defer conn.Close()
	scope, err := exportScope(ctx, conn, opts.kinds, opts.modules)
	if err != nil {
		return withCode(exitError, err)
	}
	res, err := observe.Observe(ctx, conn.client.ReadOnly(), scope)
	if err != nil {
		return withCode(exitError, err)
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(s.err, "Warning: %s\n", w)
	}
	state := model.NewState()
	for _, o := range res.State.Objects() {
		if o.Key.Kind == model.KindModule && len(opts.modules) > 0 && !slices.Contains(opts.modules, o.Key.Name) {
			continue
		}
		state.Put(o)
	}
	files, err := exportFiles(ctx, s, conn, state, opts.files)
	if err != nil {
		return err
	}
	if err := writeExport(opts.out, files); err != nil {
		return withCode(exitError, err)
	}
	fmt.Fprintf(s.out, "Exported %d objects to %s. Check them with: crmsync plan -f %s\n", len(files), opts.out, opts.out)
	return nil
}

// exportScope reads everything of the chosen kinds; without --module,
// the kinds read per module (locking configurations, fields) are read on
// every module that may have them.
func exportScope(ctx context.Context, conn *connection, chosen []model.Kind, modules []string) (model.Scope, error) {
	scope := export.Scope(chosen, modules)
	if !export.PerModule(chosen) || len(modules) > 0 {
		return scope, nil
	}
	mods, err := conn.client.ListModules(ctx)
	if err != nil {
		return scope, fmt.Errorf("read modules: %w", err)
	}
	org := make([]export.Module, len(mods))
	for i, m := range mods {
		org[i] = export.Module{APIName: m.APIName, PluralLabel: m.PluralLabel, GeneratedType: m.GeneratedType}
	}
	export.ForOrg(&scope, chosen, org)
	return scope, nil
}

func writeExport(dir string, files []export.File) error {
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "crmsync.schema.json"), schemas.Combined(), 0o644)
}
