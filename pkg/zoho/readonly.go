package zoho

import "context"

// Reader is a read-only view of a Client: it has the typed reads and
// nothing that can write. plan, drift and export hold only a Reader.
type Reader struct {
	c *Client
}

// ReadOnly returns the read-only view of c.
func (c *Client) ReadOnly() *Reader { return &Reader{c: c} }

// GetOrg reads the org.
func (r *Reader) GetOrg(ctx context.Context) (*Org, error) { return r.c.GetOrg(ctx) }

// ListProfiles reads every profile.
func (r *Reader) ListProfiles(ctx context.Context) ([]Profile, error) { return r.c.ListProfiles(ctx) }

// ListFields reads a module's fields.
func (r *Reader) ListFields(ctx context.Context, module string) ([]Field, error) {
	return r.c.ListFields(ctx, module)
}

// ListUsers reads every user.
func (r *Reader) ListUsers(ctx context.Context) ([]User, error) { return r.c.ListUsers(ctx) }

// ListCustomButtons reads a module's custom buttons.
func (r *Reader) ListCustomButtons(ctx context.Context, module string) ([]CustomButton, error) {
	return r.c.ListCustomButtons(ctx, module)
}

// ListModules reads the module list.
func (r *Reader) ListModules(ctx context.Context) ([]Module, error) { return r.c.ListModules(ctx) }

// GetModule reads one module in full.
func (r *Reader) GetModule(ctx context.Context, apiNameOrID string) (*Module, error) {
	return r.c.GetModule(ctx, apiNameOrID)
}

// ListRoles reads every role.
func (r *Reader) ListRoles(ctx context.Context) ([]Role, error) { return r.c.ListRoles(ctx) }

// ListContactRoles reads every contact role.
func (r *Reader) ListContactRoles(ctx context.Context) ([]ContactRole, error) {
	return r.c.ListContactRoles(ctx)
}

// ListLockingConfigs reads a module's locking configurations.
func (r *Reader) ListLockingConfigs(ctx context.Context, module string) ([]LockingConfig, error) {
	return r.c.ListLockingConfigs(ctx, module)
}

// APIDomain resolves the API domain.
func (r *Reader) APIDomain(ctx context.Context) (string, error) { return r.c.APIDomain(ctx) }

// APIVersion is the API version in use.
func (r *Reader) APIVersion() string { return r.c.APIVersion() }

// Calls returns the calls made so far.
func (r *Reader) Calls() []CallCount { return r.c.Calls() }
