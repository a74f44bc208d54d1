package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/crmsync/crmsync/pkg/jsonplan"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/observe"
	"github.com/crmsync/crmsync/pkg/plan"
)

// loadSavedPlan reads a plan file and refuses it unless it was made for
// this org and API domain and every live object it read is unchanged.
func loadSavedPlan(ctx context.Context, c *cli.Context, conn *connection, path string) (*plan.Plan, error) {
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
	if stale := staleObjects(pl, res.State); len(stale) > 0 {
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

// staleObjects lists every object whose fingerprint changed, with the
// fields that differ where the plan kept the object's old state.
func staleObjects(pl *plan.Plan, now *model.State) []string {
	before := map[model.Key]*model.Object{}
	for _, c := range pl.Changes {
		if c.Before != nil {
			before[c.Before.Key] = c.Before
		}
		if c.Action == plan.Create && now.Get(c.Key) != nil {
			return []string{fmt.Sprintf("%s now exists; the plan would create it", c.Key)}
		}
	}
	var out []string
	for _, f := range pl.Fingerprints {
		o := now.Get(f.Key)
		switch {
		case o == nil:
			out = append(out, fmt.Sprintf("%s was deleted", f.Key))
		case plan.FingerprintOf(o) != f.Hash:
			out = append(out, fmt.Sprintf("%s changed%s", f.Key, fieldsChanged(before[f.Key], o)))
		}
	}
	return out
}

// fieldsChanged names the top-level keys that differ between two objects.
func fieldsChanged(a, b *model.Object) string {
	if a == nil {
		return ""
	}
	am, bm := kindMap(a), kindMap(b)
	var keys []string
	for k := range am {
		if fmt.Sprint(am[k]) != fmt.Sprint(bm[k]) {
			keys = append(keys, k)
		}
	}
	for k := range bm {
		if _, ok := am[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	if len(keys) == 0 {
		return " (IDs)"
	}
	return ": " + strings.Join(slices.Compact(keys), ", ")
}

func kindMap(o *model.Object) map[string]any {
	var v any = o.Role
	switch {
	case o.LockingConfig != nil:
		v = o.LockingConfig
	case o.Module != nil:
		v = o.Module
	case o.ContactRole != nil:
		v = o.ContactRole
	}
	data, _ := json.Marshal(v)
	m := map[string]any{}
	_ = json.Unmarshal(data, &m)
	return m
}
