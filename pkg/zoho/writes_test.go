package zoho

// Typed writes that the tests use to drive the client against the
// emulator (envelopes, faults, readings, the emulator's answers). crmsync
// itself never calls them: the plan builds every body from the kind's body
// types (pkg/kinds/<kind>/body.go) and apply sends it with Do. The
// conformance of those bodies is checked by TestOpenAPIPlanBodies.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/crmsync/crmsync/pkg/kinds/role"
)

// maxBulk is the most objects or ids per contact-role call [api.md §4].
const maxBulk = 100

// write marshals body (if any) and runs the call.
func (c *Client) write(ctx context.Context, method, path string, q url.Values, key string, body any) (*Response, error) {
	var b []byte
	if body != nil {
		var err error
		if b, err = json.Marshal(body); err != nil {
			return nil, fmt.Errorf("%s %s: encode body: %w", method, path, err)
		}
	}
	return c.Do(ctx, Request{Method: method, Path: path, Query: q, Body: b, Key: key})
}

// wrapped is the body shape of every write: the object(s) in an array
// under the resource key, even when only one is allowed [api.md conventions].
func wrapped[T any](key string, objs ...T) map[string][]T {
	return map[string][]T{key: objs}
}

// single runs a one-object write and returns its result; a failed item is
// an *APIError. Results are accepted both under key and as the bare
// top-level object [api.md §3.3].
func (c *Client) single(ctx context.Context, method, path string, q url.Values, key string, body any) (ItemResult, error) {
	resp, err := c.write(ctx, method, path, q, key, body)
	if err != nil {
		return ItemResult{}, err
	}
	if len(resp.Items) == 0 {
		return ItemResult{}, fmt.Errorf("%s %s: no action result in the response (HTTP %d)", method, path, resp.Status)
	}
	it := resp.Items[0]
	if e := it.Err(method, path); e != nil {
		e.Message, e.Details = c.red.String(e.Message), c.red.details(e.Details)
		return it, e
	}
	return it, nil
}

// bulk runs a write of n objects and returns one result per object, in
// input order; failed items are not an error.
func (c *Client) bulk(ctx context.Context, method, path string, q url.Values, key string, body any, n int) ([]ItemResult, error) {
	resp, err := c.write(ctx, method, path, q, key, body)
	if err != nil {
		return nil, err
	}
	if len(resp.Items) != n {
		return resp.Items, fmt.Errorf("%s %s: got %d action results for %d items (HTTP %d)",
			method, path, len(resp.Items), n, resp.Status)
	}
	return resp.Items, nil
}

func lockingPath(id string) string {
	return "/settings/record_locking_configurations/" + url.PathEscape(id)
}

// CreateLockingConfig adds the record locking configuration of a module
// (POST /settings/record_locking_configurations?module=M). The id and the
// read-only keys of cfg are not sent.
func (c *Client) CreateLockingConfig(ctx context.Context, module string, cfg LockingConfig) (ItemResult, error) {
	q, err := moduleQuery(module)
	if err != nil {
		return ItemResult{}, fmt.Errorf("create locking configuration: %w", err)
	}
	return c.single(ctx, http.MethodPost, "/settings/record_locking_configurations", q, keyLocking,
		wrapped(keyLocking, cfg.writable()))
}

// UpdateLockingConfig updates one configuration
// (PUT /settings/record_locking_configurations/{id}?module=M). The id goes
// in the URL; cfg's id and read-only keys are not sent. Rules with Delete
// set are removed.
func (c *Client) UpdateLockingConfig(ctx context.Context, module, id string, cfg LockingConfig) (ItemResult, error) {
	q, err := moduleQuery(module)
	if err == nil && id == "" {
		err = errors.New("configuration id is required")
	}
	if err != nil {
		return ItemResult{}, fmt.Errorf("update locking configuration: %w", err)
	}
	return c.single(ctx, http.MethodPut, lockingPath(id), q, keyLocking, wrapped(keyLocking, cfg.writable()))
}

// DeleteLockingConfig deletes one configuration
// (DELETE /settings/record_locking_configurations/{id}?module=M). This
// unlocks every locked record of the module [api.md §1.1].
func (c *Client) DeleteLockingConfig(ctx context.Context, module, id string) (ItemResult, error) {
	q, err := moduleQuery(module)
	if err == nil && id == "" {
		err = errors.New("configuration id is required")
	}
	if err != nil {
		return ItemResult{}, fmt.Errorf("delete locking configuration: %w", err)
	}
	return c.single(ctx, http.MethodDelete, lockingPath(id), q, keyLocking, nil)
}

// UpdateModule updates one custom module (PUT /settings/modules/{x}); one
// module per call [api.md §2.1].
func (c *Client) UpdateModule(ctx context.Context, apiNameOrID string, m ModuleUpdate) (ItemResult, error) {
	if apiNameOrID == "" {
		return ItemResult{}, errors.New("update module: API name or id is required")
	}
	return c.single(ctx, http.MethodPut, "/settings/modules/"+url.PathEscape(apiNameOrID), nil, keyModules,
		wrapped(keyModules, m))
}

// CreateRole creates one role (POST /settings/roles); Name is mandatory.
// See roleWrite for the form of the references.
func (c *Client) CreateRole(ctx context.Context, r RoleWrite) (ItemResult, error) {
	if r.Name == nil || *r.Name == "" {
		return ItemResult{}, errors.New("create role: name is required")
	}
	return c.roleWrite(ctx, http.MethodPost, "/settings/roles", r)
}

// UpdateRole updates one role (PUT /settings/roles/{id}). Success is
// accepted both wrapped ({"roles":[…]}, OAS) and bare ({"code":"SUCCESS",…},
// the v6 page) [api.md §3.3]. See roleWrite for the form of the references.
func (c *Client) UpdateRole(ctx context.Context, id string, r RoleWrite) (ItemResult, error) {
	if id == "" {
		return ItemResult{}, errors.New("update role: id is required")
	}
	return c.roleWrite(ctx, http.MethodPut, "/settings/roles/"+url.PathEscape(id), r)
}

// roleWrite sends a role write with its references in the form the caller
// built them (RefObject, as Zoho's v8 SDK sends them, or RefString). It does
// not resend in the other form: apply does, from role.References.
func (c *Client) roleWrite(ctx context.Context, method, path string, r RoleWrite) (ItemResult, error) {
	return c.single(ctx, method, path, nil, keyRoles, role.Body{Roles: []role.Item{r}})
}

// DeleteRole deletes a role and moves its users to the role transferToID
// (DELETE /settings/roles/{id}?transfer_to_id=…, mandatory) [api.md §3.1].
func (c *Client) DeleteRole(ctx context.Context, id, transferToID string) (ItemResult, error) {
	if id == "" || transferToID == "" {
		return ItemResult{}, errors.New("delete role: id and transfer_to_id are required")
	}
	q := url.Values{"transfer_to_id": {transferToID}}
	return c.single(ctx, http.MethodDelete, "/settings/roles/"+url.PathEscape(id), q, keyRoles, nil)
}

func checkBulk(what string, n int) error {
	if n == 0 {
		return fmt.Errorf("%s: nothing to send", what)
	}
	if n > maxBulk {
		return fmt.Errorf("%s: %d items, at most %d per call", what, n, maxBulk)
	}
	return nil
}

// CreateContactRoles creates up to 100 contact roles (POST /Contacts/roles)
// and returns one result per role, in order. Failed items are not an error:
// check each result.
func (c *Client) CreateContactRoles(ctx context.Context, roles []ContactRole) ([]ItemResult, error) {
	if err := checkBulk("create contact roles", len(roles)); err != nil {
		return nil, err
	}
	return c.bulk(ctx, http.MethodPost, "/Contacts/roles", nil, keyContactRoles,
		wrapped(keyContactRoles, roles...), len(roles))
}

// UpdateContactRoles updates up to 100 contact roles, each with its ID
// (PUT /Contacts/roles), and returns one result per role, in order.
func (c *Client) UpdateContactRoles(ctx context.Context, roles []ContactRole) ([]ItemResult, error) {
	if err := checkBulk("update contact roles", len(roles)); err != nil {
		return nil, err
	}
	for i, r := range roles {
		if r.ID == "" {
			return nil, fmt.Errorf("update contact roles: item %d (%q) has no id", i, r.Name)
		}
	}
	return c.bulk(ctx, http.MethodPut, "/Contacts/roles", nil, keyContactRoles,
		wrapped(keyContactRoles, roles...), len(roles))
}

// DeleteContactRoles deletes up to 100 contact roles
// (DELETE /Contacts/roles?ids=a,b) and returns one result per id, in order.
func (c *Client) DeleteContactRoles(ctx context.Context, ids []string) ([]ItemResult, error) {
	if err := checkBulk("delete contact roles", len(ids)); err != nil {
		return nil, err
	}
	for i, id := range ids {
		if id == "" || strings.Contains(id, ",") {
			return nil, fmt.Errorf("delete contact roles: invalid id %q at %d", id, i)
		}
	}
	q := url.Values{"ids": {strings.Join(ids, ",")}}
	return c.bulk(ctx, http.MethodDelete, "/Contacts/roles", q, keyContactRoles, nil, len(ids))
}

// RefObject returns a reference in the form the plan writes, {"id": id}.
func RefObject(id ID) role.Ref { return role.RefTo(string(id)) }

// RefString returns a reference in the fallback form, the plain id
// (role.References).
func RefString(id ID) role.Ref { return role.Ref{ID: string(id), Scalar: true} }

// ModuleUpdate is the body of PUT /settings/modules/{x} [api.md §2.2]. The
// update page lists plural_label, singular_label and profiles as mandatory.
type ModuleUpdate struct {
	PluralLabel   *string         `json:"plural_label,omitempty"`
	SingularLabel *string         `json:"singular_label,omitempty"`
	Profiles      []ModuleProfile `json:"profiles,omitzero"`
}

// ModuleProfile is one profile of a ModuleUpdate. The shape of _delete is
// contradictory (open question 4): Delete nil leaves the key out; set it to
// true (OAS), map[string]bool{"permanent": true} (SDKs) or
// json.RawMessage("null") (seed sample).
type ModuleProfile struct {
	ID     ID     `json:"id"`
	Name   string `json:"name,omitempty"`
	Delete any    `json:"_delete,omitempty"`
}

// RoleWrite is the body item of a role create or update: the kind's own
// type, as the plan builds it. Name is mandatory on create.
type RoleWrite = role.Item

// writable returns cfg without the id and the read-only keys.
func (cfg LockingConfig) writable() LockingConfig {
	cfg.ID, cfg.SystemDefined = "", false
	cfg.CreatedTime, cfg.ModifiedTime = "", ""
	cfg.CreatedBy, cfg.ModifiedBy = nil, nil
	return cfg
}
