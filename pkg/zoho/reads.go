package zoho

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
)

// Resource keys of the envelopes [api.md §1-5].
const (
	keyLocking       = "record_locking_configurations"
	keyModules       = "modules"
	keyRoles         = "roles"
	keyContactRoles  = "contact_roles"
	keyProfiles      = "profiles"
	keyFields        = "fields"
	keyUsers         = "users"
	keyCustomButtons = "custom_buttons"
	keyOrg           = "org"
)

// Users pagination [api.md §5.3].
const (
	usersPerPage = 200
	maxUserPages = 500
)

// getOne runs a GET for one object; none is ErrNotFound.
func getOne[T any](ctx context.Context, c *Client, path string, q url.Values, key string) (*T, error) {
	list, _, err := getList[T](ctx, c, path, q, key)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("GET %s: %w", path, ErrNotFound)
	}
	return &list[0], nil
}

func moduleQuery(module string) (url.Values, error) {
	if module == "" {
		return nil, errors.New("module API name is required")
	}
	return url.Values{"module": {module}}, nil
}

// GetOrg reads the organisation (GET /org).
func (c *Client) GetOrg(ctx context.Context) (*Org, error) {
	return getOne[Org](ctx, c, "/org", nil, keyOrg)
}

// ListProfiles reads all profiles (GET /settings/profiles).
func (c *Client) ListProfiles(ctx context.Context) ([]Profile, error) {
	list, _, err := getList[Profile](ctx, c, "/settings/profiles", nil, keyProfiles)
	return list, err
}

// ListFields reads the fields of a module (GET /settings/fields?module=M).
func (c *Client) ListFields(ctx context.Context, module string) ([]Field, error) {
	q, err := moduleQuery(module)
	if err != nil {
		return nil, fmt.Errorf("list fields: %w", err)
	}
	list, _, err := getList[Field](ctx, c, "/settings/fields", q, keyFields)
	return list, err
}

// ListUsers reads all users (GET /users), page by page with per_page=200
// until info.more_records is false. It sends no type parameter: the v8 OAS
// enum has no AllUsers (only ActiveUsers, DeactiveUsers, …; older docs list
// AllUsers), so sending it risks INVALID_DATA on v8, and the Deluge docs say
// that no type returns every user [api.md §5.3] ([inferred] for v8: verify
// on a real org). crmsync needs deactivated users too, to resolve
// references such as forecast_manager.
func (c *Client) ListUsers(ctx context.Context) ([]User, error) {
	return c.ListUsersOfType(ctx, "")
}

// ListUsersOfType is ListUsers with a type parameter (e.g. "ActiveUsers");
// an empty type sends none.
func (c *Client) ListUsersOfType(ctx context.Context, userType string) ([]User, error) {
	var all []User
	for page := 1; page <= maxUserPages; page++ {
		q := url.Values{"page": {strconv.Itoa(page)}, "per_page": {strconv.Itoa(usersPerPage)}}
		if userType != "" {
			q.Set("type", userType)
		}
		users, env, err := getList[User](ctx, c, "/users", q, keyUsers)
		if err != nil {
			return nil, fmt.Errorf("list users, page %d: %w", page, err)
		}
		all = append(all, users...)
		var info struct {
			MoreRecords bool `json:"more_records"`
		}
		if err := env.data("info", &info); err != nil {
			return nil, fmt.Errorf("list users, page %d: %w", page, err)
		}
		if !info.MoreRecords || len(users) == 0 {
			return all, nil
		}
	}
	return nil, fmt.Errorf("list users: more than %d pages", maxUserPages)
}

// ListCustomButtons reads the custom buttons of a module (GET
// /settings/custom_buttons?module=M). The API is undocumented [api.md
// §5.4]; 204 gives nil, and any error is returned for the caller to fall
// back on (e.g. names from restricted_custom_buttons).
func (c *Client) ListCustomButtons(ctx context.Context, module string) ([]CustomButton, error) {
	q, err := moduleQuery(module)
	if err != nil {
		return nil, fmt.Errorf("list custom buttons: %w", err)
	}
	list, _, err := getList[CustomButton](ctx, c, "/settings/custom_buttons", q, keyCustomButtons)
	return list, err
}

// ListModules reads all modules (GET /settings/modules).
func (c *Client) ListModules(ctx context.Context) ([]Module, error) {
	list, _, err := getList[Module](ctx, c, "/settings/modules", nil, keyModules)
	return list, err
}

// GetModule reads one module by API name or id (GET /settings/modules/{x}),
// with its profiles. 204 gives an error wrapping ErrNotFound.
func (c *Client) GetModule(ctx context.Context, apiNameOrID string) (*Module, error) {
	if apiNameOrID == "" {
		return nil, errors.New("get module: API name or id is required")
	}
	return getOne[Module](ctx, c, "/settings/modules/"+url.PathEscape(apiNameOrID), nil, keyModules)
}

// ListRoles reads all roles (GET /settings/roles).
func (c *Client) ListRoles(ctx context.Context) ([]Role, error) {
	list, _, err := getList[Role](ctx, c, "/settings/roles", nil, keyRoles)
	return list, err
}

// GetRole reads one role (GET /settings/roles/{id}). 204 gives an error
// wrapping ErrNotFound.
func (c *Client) GetRole(ctx context.Context, id string) (*Role, error) {
	if id == "" {
		return nil, errors.New("get role: id is required")
	}
	return getOne[Role](ctx, c, "/settings/roles/"+url.PathEscape(id), nil, keyRoles)
}

// ListContactRoles reads all contact roles (GET /Contacts/roles); 204 gives nil.
func (c *Client) ListContactRoles(ctx context.Context) ([]ContactRole, error) {
	list, _, err := getList[ContactRole](ctx, c, "/Contacts/roles", nil, keyContactRoles)
	return list, err
}

// ListLockingConfigs reads the record locking configurations of a module
// (GET /settings/record_locking_configurations?module=M). 204 and an empty
// array give nil.
func (c *Client) ListLockingConfigs(ctx context.Context, module string) ([]LockingConfig, error) {
	q, err := moduleQuery(module)
	if err != nil {
		return nil, fmt.Errorf("list locking configurations: %w", err)
	}
	list, _, err := getList[LockingConfig](ctx, c, "/settings/record_locking_configurations", q, keyLocking)
	return list, err
}
