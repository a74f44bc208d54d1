package emulator

import (
	"encoding/json"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// ParseSeed decodes a seed written in YAML or JSON (JSON is valid YAML).
// Ids may be written as strings or bare numbers.
func ParseSeed(data []byte) (*Seed, error) {
	var s Seed
	if err := yaml.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("emulator: parse seed: %w", err)
	}
	// Round-trip through JSON so criteria values get JSON types.
	return cloneSeed(&s)
}

// LoadSeed reads a seed file (YAML or JSON).
func LoadSeed(path string) (*Seed, error) {
	return loadSeedFile(path)
}

// newState validates a seed, assigns missing ids, resolves references and
// fills defaults. The seed is consumed (callers pass a clone). All steps are
// linear in the size of the seed, so large generated orgs load fast.
func newState(s *Seed, now string) (*state, error) {
	st := &state{org: s.Org, ids: newIDGen()}
	if err := claimIDs(st.ids, s); err != nil {
		return nil, err
	}
	if st.org.ID == "" {
		st.org.ID = st.ids.newID()
	}
	if st.org.CompanyName == "" {
		st.org.CompanyName = "Emulated Org"
	}
	if st.org.Edition == "" {
		st.org.Edition = "enterprise"
	}
	steps := []func(*Seed, string) error{
		st.loadProfiles, st.loadGlobalPicklists, st.loadModules, st.loadRoles, st.loadUsers,
		st.resolveRoles, st.loadContactRoles, st.loadLocks, st.fillModuleAudit,
	}
	for _, step := range steps {
		if err := step(s, now); err != nil {
			return nil, fmt.Errorf("emulator: seed: %w", err)
		}
	}
	return st, nil
}

// claimIDs reserves every id the seed gives, rejecting malformed and
// duplicate ones, so generated ids never collide.
func claimIDs(g *idGen, s *Seed) error {
	var ids []string
	add := func(id string) {
		if id != "" {
			ids = append(ids, id)
		}
	}
	add(s.Org.ID)
	for _, p := range s.Profiles {
		add(p.ID)
	}
	for _, m := range s.Modules {
		add(m.ID)
		for _, f := range m.Fields {
			add(f.ID)
		}
		for _, b := range m.CustomButtons {
			add(b.ID)
		}
	}
	for _, u := range s.Users {
		add(u.ID)
	}
	for _, r := range s.Roles {
		add(r.ID)
	}
	for _, c := range s.ContactRoles {
		add(c.ID)
	}
	for _, l := range s.LockingConfigs {
		add(l.ID)
		for _, r := range l.LockingRules {
			add(r.ID)
		}
	}
	ids = append(ids, fieldSeedIDs(s)...)
	for _, id := range ids {
		if !isNumericID(id) {
			return fmt.Errorf("emulator: seed: id %q is not a numeric id", id)
		}
		if !g.claim(id) {
			return fmt.Errorf("emulator: seed: duplicate id %q", id)
		}
	}
	return nil
}

func (st *state) loadProfiles(s *Seed, now string) error {
	st.profileByID = make(map[string]*Profile, len(s.Profiles))
	names := map[string]bool{}
	for i := range s.Profiles {
		p := &s.Profiles[i]
		if p.Name == "" || names[p.Name] {
			return fmt.Errorf("profile %d: missing or duplicate name %q", i, p.Name)
		}
		names[p.Name] = true
		if p.ID == "" {
			p.ID = st.ids.newID()
		}
		st.profiles = append(st.profiles, p)
		st.profileByID[p.ID] = p
	}
	return nil
}

// resolveProfile finds a profile by id or name; with both, they must agree.
func (st *state) resolveProfile(r Ref) (Ref, error) {
	p := st.profileByID[r.ID]
	if r.ID == "" {
		p = st.profileByName(r.Name)
	}
	if p == nil || (r.Name != "" && p.Name != r.Name) {
		return r, fmt.Errorf("unknown profile %+v", r)
	}
	return Ref{ID: p.ID, Name: p.Name}, nil
}

func (st *state) loadModules(s *Seed, now string) error {
	st.moduleByID = make(map[string]*Module, len(s.Modules))
	st.moduleByAPI = make(map[string]*Module, len(s.Modules))
	for i := range s.Modules {
		m := &s.Modules[i]
		if m.APIName == "" || st.moduleByAPI[m.APIName] != nil {
			return fmt.Errorf("module %d: missing or duplicate api_name %q", i, m.APIName)
		}
		if err := st.fillModule(m, i, now); err != nil {
			return fmt.Errorf("module %s: %w", m.APIName, err)
		}
		st.modules = append(st.modules, m)
		st.moduleByID[m.ID] = m
		st.moduleByAPI[m.APIName] = m
	}
	return nil
}

func (st *state) fillModule(m *Module, i int, now string) error {
	if m.ID == "" {
		m.ID = st.ids.newID()
	}
	def := func(p *string, v string) {
		if *p == "" {
			*p = v
		}
	}
	def(&m.ModuleName, m.APIName)
	def(&m.PluralLabel, strings.ReplaceAll(m.APIName, "_", " "))
	def(&m.SingularLabel, m.PluralLabel)
	def(&m.GeneratedType, "default")
	def(&m.Status, "visible")
	def(&m.ModifiedTime, now)
	if m.SequenceNumber == 0 {
		m.SequenceNumber = i + 1
	}
	if m.Profiles == nil {
		for _, p := range st.profiles {
			m.Profiles = append(m.Profiles, Ref{ID: p.ID, Name: p.Name})
		}
	}
	for j, r := range m.Profiles {
		ref, err := st.resolveProfile(r)
		if err != nil {
			return err
		}
		m.Profiles[j] = ref
	}
	seen := map[string]bool{}
	for j := range m.Fields {
		f := &m.Fields[j]
		if f.APIName == "" || seen[f.APIName] {
			return fmt.Errorf("field %d: missing or duplicate api_name %q", j, f.APIName)
		}
		seen[f.APIName] = true
		if f.ID == "" {
			f.ID = st.ids.newID()
		}
		def(&f.FieldLabel, strings.ReplaceAll(f.APIName, "_", " "))
		def(&f.DataType, "text")
		if err := st.fillField(f, now); err != nil {
			return err
		}
	}
	for j := range m.CustomButtons {
		b := &m.CustomButtons[j]
		if b.Name == "" {
			return fmt.Errorf("custom button %d: missing name", j)
		}
		if b.ID == "" {
			b.ID = st.ids.newID()
		}
	}
	return nil
}

func (st *state) loadRoles(s *Seed, now string) error {
	st.roleByID = make(map[string]*Role, len(s.Roles))
	names := make(map[string]bool, len(s.Roles))
	for i := range s.Roles {
		r := &s.Roles[i]
		key := strings.ToLower(r.Name)
		if r.Name == "" || names[key] {
			return fmt.Errorf("role %d: missing or duplicate name %q", i, r.Name)
		}
		names[key] = true
		if r.ID == "" {
			r.ID = st.ids.newID()
		}
		if r.CreatedTime == "" {
			r.CreatedTime = now
		}
		if r.ModifiedTime == "" {
			r.ModifiedTime = r.CreatedTime
		}
		st.roles = append(st.roles, r)
		st.roleByID[r.ID] = r
	}
	return nil
}

func (st *state) loadUsers(s *Seed, now string) error {
	st.userByID = make(map[string]*User, len(s.Users))
	roleNames := make(map[string]*Role, len(st.roles))
	for _, r := range st.roles {
		roleNames[r.Name] = r
	}
	for i := range s.Users {
		u := &s.Users[i]
		if u.ID == "" {
			u.ID = st.ids.newID()
		}
		if u.FullName == "" {
			u.FullName = strings.TrimSpace(u.FirstName + " " + u.LastName)
		}
		if u.Status == "" {
			u.Status = "active"
		}
		role := st.roleByID[u.Role.ID]
		if u.Role.ID == "" {
			role = roleNames[u.Role.Name]
		}
		if role == nil {
			return fmt.Errorf("user %q: unknown role %+v", u.Email, u.Role)
		}
		u.Role = Ref{ID: role.ID, Name: role.Name}
		prof, err := st.resolveProfile(u.Profile)
		if err != nil {
			return fmt.Errorf("user %q: %w", u.Email, err)
		}
		u.Profile = prof
		st.users = append(st.users, u)
		st.userByID[u.ID] = u
	}
	return nil
}

// findUser finds a user by id, full name or email.
func (st *state) findUser(r Ref) *User {
	if r.ID != "" {
		return st.userByID[r.ID]
	}
	for _, u := range st.users {
		if u.FullName == r.Name || u.Email == r.Name {
			return u
		}
	}
	return nil
}

// roundTripValue gives a criteria value JSON types.
func roundTripValue(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	return rawValue(b)
}

// fillModuleAudit sets modified_by of modules, once users are known.
func (st *state) fillModuleAudit(s *Seed, now string) error {
	for _, m := range st.modules {
		if m.ModifiedBy == nil {
			m.ModifiedBy = st.currentUser()
		}
	}
	return nil
}
