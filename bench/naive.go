package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/crmsync/crmsync/pkg/observe"
	"github.com/crmsync/crmsync/pkg/plan"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// NaiveReader is the baseline a straightforward client would be: it lists
// each kind for the IDs and then GETs every role, module, contact role and
// locking configuration one by one by ID. Used with a client of
// concurrency 1, it makes every call in turn.
type NaiveReader struct{ C *zoho.Client }

var _ observe.Reader = NaiveReader{}

// GetOrg reads the org.
func (n NaiveReader) GetOrg(ctx context.Context) (*zoho.Org, error) { return n.C.GetOrg(ctx) }

// ListProfiles lists the profiles.
func (n NaiveReader) ListProfiles(ctx context.Context) ([]zoho.Profile, error) {
	return n.C.ListProfiles(ctx)
}

// ListFields lists a module's fields.
func (n NaiveReader) ListFields(ctx context.Context, module string) ([]zoho.Field, error) {
	return n.C.ListFields(ctx, module)
}

// ListUsers lists the users.
func (n NaiveReader) ListUsers(ctx context.Context) ([]zoho.User, error) { return n.C.ListUsers(ctx) }

// ListCustomButtons lists a module's custom buttons.
func (n NaiveReader) ListCustomButtons(ctx context.Context, module string) ([]zoho.CustomButton, error) {
	return n.C.ListCustomButtons(ctx, module)
}

// ListModules lists the modules, then reads each one by ID.
func (n NaiveReader) ListModules(ctx context.Context) ([]zoho.Module, error) {
	list, err := n.C.ListModules(ctx)
	if err != nil {
		return nil, err
	}
	for i, m := range list {
		full, err := n.C.GetModule(ctx, string(m.ID))
		if err != nil {
			return nil, err
		}
		list[i] = *full
	}
	return list, nil
}

// GetModule reads one module.
func (n NaiveReader) GetModule(ctx context.Context, apiNameOrID string) (*zoho.Module, error) {
	return n.C.GetModule(ctx, apiNameOrID)
}

// ListRoles lists the roles, then reads each one by ID.
func (n NaiveReader) ListRoles(ctx context.Context) ([]zoho.Role, error) {
	list, err := n.C.ListRoles(ctx)
	if err != nil {
		return nil, err
	}
	for i, r := range list {
		full, err := n.C.GetRole(ctx, string(r.ID))
		if err != nil {
			return nil, err
		}
		list[i] = *full
	}
	return list, nil
}

// ListContactRoles lists the contact roles, then reads each one by ID.
func (n NaiveReader) ListContactRoles(ctx context.Context) ([]zoho.ContactRole, error) {
	list, err := n.C.ListContactRoles(ctx)
	if err != nil {
		return nil, err
	}
	for i, c := range list {
		var full []zoho.ContactRole
		if err := getJSON(ctx, n.C, "/Contacts/roles/"+string(c.ID), nil, "contact_roles", &full); err != nil {
			return nil, err
		}
		if len(full) != 1 {
			return nil, fmt.Errorf("contact role %s: %d results", c.ID, len(full))
		}
		list[i] = full[0]
	}
	return list, nil
}

// ListLockingConfigs lists a module's configurations, then reads each one
// by ID.
func (n NaiveReader) ListLockingConfigs(ctx context.Context, module string) ([]zoho.LockingConfig, error) {
	list, err := n.C.ListLockingConfigs(ctx, module)
	if err != nil {
		return nil, err
	}
	q := url.Values{"module": {module}}
	for i, l := range list {
		var full []zoho.LockingConfig
		if err := getJSON(ctx, n.C, "/settings/record_locking_configurations/"+string(l.ID), q, "record_locking_configurations", &full); err != nil {
			return nil, err
		}
		if len(full) != 1 {
			return nil, fmt.Errorf("locking configuration %s: %d results", l.ID, len(full))
		}
		list[i] = full[0]
	}
	return list, nil
}

// getJSON GETs path and decodes the list under key.
func getJSON(ctx context.Context, c *zoho.Client, path string, q url.Values, key string, out any) error {
	resp, err := c.Do(ctx, zoho.Request{Method: http.MethodGet, Path: path, Query: q})
	if err != nil {
		return err
	}
	var body map[string]json.RawMessage
	if err := json.Unmarshal(resp.Body, &body); err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	return json.Unmarshal(body[key], out)
}

// OneObjectPerCall rewrites a plan's bulk contact-role requests into one
// request per contact role (POST with one item, PUT and DELETE by ID), as a
// client that ignores the bulk endpoints would send them. Other requests
// already carry one object each.
func OneObjectPerCall(p *plan.Plan) (*plan.Plan, error) {
	out := *p
	out.Requests = nil
	renum := map[int][]int{}
	byKey := map[string]int{}
	for i, c := range p.Changes {
		byKey[c.Key.String()] = i
	}
	out.Changes = append([]plan.Change(nil), p.Changes...)
	for i := range out.Changes {
		out.Changes[i].Requests = nil
	}
	for _, r := range p.Requests {
		split, err := splitRequest(r)
		if err != nil {
			return nil, err
		}
		for _, s := range split {
			s.ID = len(out.Requests) + 1
			renum[r.ID] = append(renum[r.ID], s.ID)
			for _, k := range s.Changes {
				c := &out.Changes[byKey[k.String()]]
				c.Requests = append(c.Requests, s.ID)
			}
			out.Requests = append(out.Requests, s)
		}
	}
	for i := range out.Requests {
		r := &out.Requests[i]
		r.After, r.Wait = renumber(r.After, renum), renumber(r.Wait, renum)
	}
	return &out, nil
}

func renumber(ids []int, renum map[int][]int) []int {
	var out []int
	for _, id := range ids {
		out = append(out, renum[id]...)
	}
	return out
}

func splitRequest(r plan.Request) ([]plan.Request, error) {
	if r.Path != "/Contacts/roles" || len(r.Changes) <= 1 {
		return []plan.Request{r}, nil
	}
	var out []plan.Request
	if r.Method == http.MethodDelete {
		ids := strings.Split(r.Query[0].Value, ",")
		for i := range r.Changes {
			one := r
			one.Path, one.Query, one.Changes = r.Path+"/"+ids[i], nil, r.Changes[i:i+1]
			out = append(out, one)
		}
		return out, nil
	}
	var body map[string][]map[string]any
	if err := json.Unmarshal(r.Body, &body); err != nil {
		return nil, err
	}
	for i, item := range body[r.Key] {
		one := r
		if r.Method == http.MethodPut {
			one.Path = fmt.Sprintf("%s/%v", r.Path, item["id"])
		}
		b, err := json.Marshal(map[string]any{r.Key: []any{item}})
		if err != nil {
			return nil, err
		}
		one.Body, one.Changes = b, r.Changes[i:i+1]
		out = append(out, one)
	}
	return out, nil
}

// ListGlobalPicklists lists the global picklists, then reads each one by
// ID.
func (n NaiveReader) ListGlobalPicklists(ctx context.Context) ([]zoho.GlobalPicklist, error) {
	list, err := n.C.ListGlobalPicklists(ctx)
	if err != nil {
		return nil, err
	}
	for i, g := range list {
		full, err := n.C.GetGlobalPicklist(ctx, string(g.ID))
		if err != nil {
			return nil, err
		}
		list[i] = *full
	}
	return list, nil
}
