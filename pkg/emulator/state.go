package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// state is the live org: the Seed objects behind pointer indexes. It is
// guarded by Server.mu.
type state struct {
	org          Org
	profiles     []*Profile
	modules      []*Module
	users        []*User
	roles        []*Role
	contactRoles []*ContactRole
	locks        []*LockingConfig
	ids          *idGen

	globalPicklists []*GlobalPicklist
	gpByID          map[string]*GlobalPicklist

	profileByID  map[string]*Profile
	moduleByID   map[string]*Module
	moduleByAPI  map[string]*Module
	roleByID     map[string]*Role
	userByID     map[string]*User
	crByID       map[string]*ContactRole
	lockByModule map[string]*LockingConfig
}

// cloneSeed deep-copies a seed through JSON; numbers inside criteria values
// stay exact (json.Number).
func cloneSeed(s *Seed) (*Seed, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return nil, err
	}
	return decodeSeedJSON(b)
}

func decodeSeedJSON(b []byte) (*Seed, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var out Seed
	if err := d.Decode(&out); err != nil {
		return nil, err
	}
	return &out, nil
}

// toSeed copies the state into a Seed (shallow; callers clone or marshal).
func (st *state) toSeed() *Seed {
	s := &Seed{Org: st.org}
	for _, p := range st.profiles {
		s.Profiles = append(s.Profiles, *p)
	}
	for _, m := range st.modules {
		s.Modules = append(s.Modules, *m)
	}
	for _, u := range st.users {
		s.Users = append(s.Users, *u)
	}
	for _, r := range st.roles {
		s.Roles = append(s.Roles, *r)
	}
	for _, c := range st.contactRoles {
		s.ContactRoles = append(s.ContactRoles, *c)
	}
	for _, l := range st.locks {
		s.LockingConfigs = append(s.LockingConfigs, *l)
	}
	for _, g := range st.globalPicklists {
		s.GlobalPicklists = append(s.GlobalPicklists, *g)
	}
	return s
}

// loadSeedFile reads a seed file, YAML or JSON.
func loadSeedFile(path string) (*Seed, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseSeed(b)
}

// saveState writes the seed atomically: a temp file in the same directory,
// then rename.
func saveState(path string, s *Seed) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".emulator-state-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("emulator: save state: %w", err)
	}
	return nil
}

// Lookups used by several handlers.

func (st *state) profileByName(name string) *Profile {
	for _, p := range st.profiles {
		if p.Name == name {
			return p
		}
	}
	return nil
}

func (st *state) roleByName(name string) *Role {
	for _, r := range st.roles {
		if strings.EqualFold(r.Name, name) {
			return r
		}
	}
	return nil
}

// currentUser is the user the tokens act for: the first user of the seed.
func (st *state) currentUser() *UserRef {
	if len(st.users) == 0 {
		return &UserRef{ID: st.org.ID, Name: st.org.CompanyName}
	}
	u := st.users[0]
	return &UserRef{ID: u.ID, Name: u.FullName, Email: u.Email}
}

func findField(m *Module, apiName, id string) *Field {
	for i := range m.Fields {
		f := &m.Fields[i]
		if (apiName != "" && f.APIName == apiName) || (id != "" && f.ID == id) {
			return f
		}
	}
	return nil
}

func removeAt[T any](list []*T, p *T) []*T {
	for i, x := range list {
		if x == p {
			return append(list[:i], list[i+1:]...)
		}
	}
	return list
}
