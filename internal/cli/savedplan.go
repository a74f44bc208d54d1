package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/crmsync/crmsync/pkg/jsonplan"
	"github.com/crmsync/crmsync/pkg/observe"
	"github.com/crmsync/crmsync/pkg/plan"
)

// loadSavedPlan reads a plan file and refuses it unless it was made for
// this org and API domain and every live object it read is unchanged.
func loadSavedPlan(ctx context.Context, conn *connection, path string) (*plan.Plan, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, withCode(exitError, fmt.Errorf("read the plan: %w", err))
	}
	pl, err := jsonplan.Read(data)
	switch {
	case errors.Is(err, jsonplan.ErrNotPlan):
		return nil, withCode(exitError, fmt.Errorf("%s is %w", path, err))
	case err != nil:
		return nil, withCode(exitError, fmt.Errorf("%s: %w", path, err))
	}
	if pl.Org == nil {
		return nil, withCode(exitError, fmt.Errorf("%s records no org; save plans with 'crmsync plan --out'", path))
	}
	if err := checkOrg(ctx, conn, pl); err != nil {
		return nil, withCode(exitError, err)
	}
	res, err := observe.Observe(ctx, conn.client, pl.Scope)
	if err != nil {
		return nil, withCode(exitError, err)
	}
	if stale := plan.Stale(pl, res.State); len(stale) > 0 {
		return nil, withCode(exitError, fmt.Errorf("the plan is stale, the org changed since it was made:\n  %s\nmake a new plan", strings.Join(stale, "\n  ")))
	}
	return pl, nil
}

func checkOrg(ctx context.Context, conn *connection, pl *plan.Plan) error {
	org, err := conn.client.GetOrg(ctx)
	if err != nil {
		return fmt.Errorf("read the org: %w", err)
	}
	if string(org.ID) != pl.Org.ID {
		return fmt.Errorf("the plan was made for org %s (%s) but these credentials reach org %s (%s); nothing was changed", pl.Org.ID, pl.Org.Name, org.ID, org.CompanyName)
	}
	domain, err := conn.client.APIDomain(ctx)
	if err != nil {
		return err
	}
	if conn.emu == nil && domain != pl.APIDomain {
		return fmt.Errorf("the plan was made against %s but this run reaches %s; nothing was changed", pl.APIDomain, domain)
	}
	return nil
}
