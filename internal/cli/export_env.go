package cli

import (
	"context"

	"github.com/crmsync/crmsync/internal/export"
	"github.com/crmsync/crmsync/pkg/model"
)

// exportFiles renders the exported state. With --env, the environment's
// manifests are loaded first so that the export writes their
// ${{ vars.NAME }} placeholders back where the live value equals the
// environment's, and never a secret value.
func exportFiles(ctx context.Context, s streams, conn *connection, state *model.State, opts export.Options) ([]export.File, error) {
	es := conn.env
	if es == nil || es.env == nil {
		return export.ManifestsWith(state, opts), nil
	}
	m, err := loadManifestsFor(ctx, es, s.err)
	if err != nil {
		return nil, err
	}
	for _, u := range m.Vars {
		v := es.env.Var(u.Name)
		opts.Vars = append(opts.Vars, export.Var{Name: u.Name, Key: u.Key, Pointer: u.Pointer,
			Template: u.Template, Value: u.Value, Secret: v != nil && v.Secret})
	}
	// Secret variables themselves, last: their value is never written,
	// wherever it is met.
	for _, v := range es.env.Vars {
		if v.Secret {
			opts.Vars = append(opts.Vars, export.Var{Name: v.Name, Value: es.values[v.Name], Secret: true})
		}
	}
	return export.ManifestsWith(state, opts), nil
}
