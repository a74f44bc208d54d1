package observe

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// Reader is the read-only part of the Zoho client. Plan and drift hold only
// a Reader, so they cannot write.
type Reader interface {
	GetOrg(ctx context.Context) (*zoho.Org, error)
	ListProfiles(ctx context.Context) ([]zoho.Profile, error)
	ListFields(ctx context.Context, module string) ([]zoho.Field, error)
	ListUsers(ctx context.Context) ([]zoho.User, error)
	ListCustomButtons(ctx context.Context, module string) ([]zoho.CustomButton, error)
	ListModules(ctx context.Context) ([]zoho.Module, error)
	GetModule(ctx context.Context, apiNameOrID string) (*zoho.Module, error)
	ListRoles(ctx context.Context) ([]zoho.Role, error)
	ListContactRoles(ctx context.Context) ([]zoho.ContactRole, error)
	ListLockingConfigs(ctx context.Context, module string) ([]zoho.LockingConfig, error)
}

// Result is the observed state: the live objects in scope, the look-up
// tables, and warnings about reads that fell back to less complete data.
type Result struct {
	State    *model.State
	Lookups  *model.Lookups
	Warnings []string
}

// raw holds what was read, before conversion to the model.
type raw struct {
	mu        sync.Mutex
	profiles  []zoho.Profile
	fields    map[string][]zoho.Field
	buttons   map[string][]zoho.CustomButton
	users     []zoho.User
	modules   []zoho.Module
	roles     []zoho.Role
	contacts  []zoho.ContactRole
	locking   map[string]*zoho.LockingConfig
	lockErrs  map[string]string // module -> code of a refused locking read
	fieldErrs map[string]string // module -> code of a refused fields read
	warnings  []string
	read      map[string]bool // what was read: "profiles", "users", "fields:M", ...
}

func (r *raw) set(f func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	f()
}

// Observe reads everything scope asks for, concurrently; the client bounds
// how many calls are in flight.
func Observe(ctx context.Context, rd Reader, scope model.Scope) (*Result, error) {
	r := &raw{fields: map[string][]zoho.Field{}, buttons: map[string][]zoho.CustomButton{},
		locking: map[string]*zoho.LockingConfig{}, read: map[string]bool{}, lockErrs: map[string]string{},
		fieldErrs: map[string]string{}}
	g, gctx := errgroup.WithContext(ctx)
	for _, d := range kinds.All() {
		if read := listReads[d.Kind]; read != nil && slices.Contains(scope.Kinds, d.Kind) {
			g.Go(func() error { return read(gctx, rd, scope, r) })
		}
	}
	readLookups(gctx, g, rd, scope, r)
	readLocking(gctx, g, rd, scope, r)
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if len(r.lockErrs) > 0 && r.modules == nil {
		// One more read, only when a locking manifest names a module Zoho
		// refused: the module list, for the closest names.
		mods, err := rd.ListModules(ctx)
		if err != nil {
			return nil, fmt.Errorf("read modules: %w", err)
		}
		r.modules = mods
	}
	return r.convert(scope), nil
}

// readLocking reads the locking configuration of every module in scope. A
// refusal Zoho answers for a module is kept for the plan to report; under
// LockingBestEffort any answered error becomes a warning.
func readLocking(gctx context.Context, g *errgroup.Group, rd Reader, scope model.Scope, r *raw) {
	for _, m := range scope.LockingModules {
		g.Go(func() error {
			v, err := rd.ListLockingConfigs(gctx, m)
			if code := zoho.ErrorCode(err); !scope.LockingBestEffort && lockingRefusal(code) {
				r.set(func() { r.lockErrs[m] = code })
				return nil
			}
			if err != nil && scope.LockingBestEffort && zoho.ErrorCode(err) != "" {
				r.set(func() {
					r.warnings = append(r.warnings, fmt.Sprintf("module %s: locking configuration not read: %v", m, err))
				})
				return nil
			}
			if err != nil {
				return fmt.Errorf("read locking configuration of module %s: %w", m, err)
			}
			r.set(func() {
				if len(v) > 1 {
					r.warnings = append(r.warnings, fmt.Sprintf("module %s has %d locking configurations; using the first", m, len(v)))
				}
				if len(v) > 0 {
					r.locking[m] = &v[0]
				}
			})
			return nil
		})
	}
}

// listReads are the reads of the kinds listed by one call (the kinds of
// model.Scope.Kinds); per-module kinds are read from scope.LockingModules.
var listReads = map[model.Kind]func(ctx context.Context, rd Reader, scope model.Scope, r *raw) error{
	model.KindModule:      readModules,
	model.KindRole:        readRoles,
	model.KindContactRole: readContactRoles,
}

func readRoles(ctx context.Context, rd Reader, _ model.Scope, r *raw) error {
	v, err := rd.ListRoles(ctx)
	r.set(func() { r.roles = v })
	return wrap(err, "read roles")
}

func readContactRoles(ctx context.Context, rd Reader, _ model.Scope, r *raw) error {
	v, err := rd.ListContactRoles(ctx)
	r.set(func() { r.contacts = v })
	return wrap(err, "read contact roles")
}

// lockingRefusal reports whether code, answered to a locking read, says
// that the module cannot have a locking configuration [api.md §1.1, §1.4].
func lockingRefusal(code string) bool {
	switch code {
	case "INVALID_MODULE", "NOT_SUPPORTED", "FEATURE_NOT_SUPPORTED":
		return true
	}
	return false
}

func readLookups(ctx context.Context, g *errgroup.Group, rd Reader, scope model.Scope, r *raw) {
	if scope.Profiles {
		g.Go(func() error {
			v, err := rd.ListProfiles(ctx)
			r.set(func() { r.profiles, r.read["profiles"] = v, true })
			return wrap(err, "read profiles")
		})
	}
	if scope.Users {
		g.Go(func() error {
			v, err := rd.ListUsers(ctx)
			r.set(func() { r.users, r.read["users"] = v, true })
			return wrap(err, "read users")
		})
	}
	for _, m := range scope.FieldModules {
		g.Go(func() error {
			v, err := rd.ListFields(ctx, m)
			if code := zoho.ErrorCode(err); code == "INVALID_MODULE" {
				r.set(func() { r.fieldErrs[m] = code })
				return nil
			}
			r.set(func() { r.fields[m], r.read["fields:"+m] = v, true })
			return wrap(err, "read fields of module "+m)
		})
	}
	for _, m := range scope.ButtonModules {
		g.Go(func() error { return readButtons(ctx, rd, m, r) })
	}
}

// readButtons reads a module's custom buttons. The API is undocumented
// (zoho-crm-api.md §5.4): when the org does not answer it, button names
// resolve against the buttons the locking configuration itself names.
func readButtons(ctx context.Context, rd Reader, module string, r *raw) error {
	v, err := rd.ListCustomButtons(ctx, module)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		r.set(func() {
			r.warnings = append(r.warnings, fmt.Sprintf("custom buttons of module %s could not be listed (%v); button names resolve against the buttons its locking configuration already names", module, err))
		})
		return nil
	}
	r.set(func() { r.buttons[module], r.read["buttons:"+module] = v, true })
	return nil
}

// readModules reads the module list, then each managed custom module whose
// profile list the list truncated.
func readModules(ctx context.Context, rd Reader, scope model.Scope, r *raw) error {
	mods, err := rd.ListModules(ctx)
	if err != nil {
		return fmt.Errorf("read modules: %w", err)
	}
	g, gctx := errgroup.WithContext(ctx)
	for i := range mods {
		m := &mods[i]
		if m.GeneratedType != "custom" || !(scope.AllModules || slices.Contains(scope.Modules, m.APIName)) || !truncated(m) {
			continue
		}
		g.Go(func() error {
			full, err := rd.GetModule(gctx, string(m.ID))
			if err != nil {
				return fmt.Errorf("read module %s: %w", m.APIName, err)
			}
			m.Profiles, m.HasMoreProfiles, m.ProfileCount = full.Profiles, nil, nil
			m.Profiles = nonNilRefs(m.Profiles)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	r.set(func() { r.modules = mods })
	return nil
}

// truncated reports whether a module-list entry may not hold every profile:
// has_more_profiles is true, the list has no profiles key, or profile_count
// says there are more than listed.
func truncated(m *zoho.Module) bool {
	switch {
	case m.HasMoreProfiles != nil && *m.HasMoreProfiles:
		return true
	case m.Profiles == nil:
		return true
	case m.ProfileCount != nil && *m.ProfileCount > len(m.Profiles):
		return true
	}
	return false
}

func nonNilRefs(p []zoho.NamedRef) []zoho.NamedRef {
	if p == nil {
		return []zoho.NamedRef{}
	}
	return p
}

func wrap(err error, what string) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, err)
}
