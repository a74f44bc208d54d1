package emulator

import (
	"fmt"
	"strings"
)

// Seed types of fields and global picklists [fields.md §1-§9].

// PickListOption is one option of a picklist field ([OAS fields.json]
// pick_list_values: display_value, actual_value, sequence_number, id, type).
type PickListOption struct {
	ID             string `json:"id,omitempty" yaml:"id,omitempty"`
	DisplayValue   string `json:"display_value" yaml:"display_value"`
	ActualValue    string `json:"actual_value,omitempty" yaml:"actual_value,omitempty"`
	SequenceNumber int    `json:"sequence_number,omitempty" yaml:"sequence_number,omitempty"`
	// Type is "used" (default) or "unused" [fields.md §9.2].
	Type string `json:"type,omitempty" yaml:"type,omitempty"`
}

// Tooltip is {name: static_text|info_icon, value} [fields.md §2].
type Tooltip struct {
	Name  string `json:"name" yaml:"name"`
	Value string `json:"value" yaml:"value"`
}

// FieldPermission is one profile's access to a field: permission_type
// read_write, read_only or hidden [fields.md §5.2]. Profiles nil in a seed
// means read_write for every profile.
type FieldPermission struct {
	ID             string `json:"id,omitempty" yaml:"id,omitempty"`
	Name           string `json:"name,omitempty" yaml:"name,omitempty"`
	PermissionType string `json:"permission_type" yaml:"permission_type"`
}

// GlobalPicklist is an org-wide set of values ([OAS global_picklists.json]
// picklist, [fields.md §9.2]). Customizable nil means true; Presence false
// while a delete job runs.
type GlobalPicklist struct {
	ID              string           `json:"id,omitempty" yaml:"id,omitempty"`
	APIName         string           `json:"api_name,omitempty" yaml:"api_name,omitempty"`
	DisplayLabel    string           `json:"display_label" yaml:"display_label"`
	Description     *string          `json:"description,omitempty" yaml:"description,omitempty"`
	SortedLexically bool             `json:"pick_list_values_sorted_lexically,omitempty" yaml:"pick_list_values_sorted_lexically,omitempty"`
	Customizable    *bool            `json:"customizable,omitempty" yaml:"customizable,omitempty"`
	Values          []PickListOption `json:"pick_list_values,omitempty" yaml:"pick_list_values,omitempty"`
	DeletePending   bool             `json:"delete_pending,omitempty" yaml:"delete_pending,omitempty"`
	CreatedTime     string           `json:"created_time,omitempty" yaml:"created_time,omitempty"`
	ModifiedTime    string           `json:"modified_time,omitempty" yaml:"modified_time,omitempty"`
	CreatedBy       *UserRef         `json:"created_by,omitempty" yaml:"created_by,omitempty"`
	ModifiedBy      *UserRef         `json:"modified_by,omitempty" yaml:"modified_by,omitempty"`

	deleteAfter int // writes left before a scheduled deletion ends
}

func (g *GlobalPicklist) customizable() bool { return g.Customizable == nil || *g.Customizable }

// fieldSeedIDs lists the ids a seed gives to options and global picklists.
func fieldSeedIDs(s *Seed) []string {
	var ids []string
	for _, m := range s.Modules {
		for _, f := range m.Fields {
			if f.GlobalPicklist != nil {
				continue // the options carry the global picklist's value ids
			}
			for _, o := range f.PickListOptions {
				ids = append(ids, o.ID)
			}
		}
	}
	for _, g := range s.GlobalPicklists {
		ids = append(ids, g.ID)
		for _, v := range g.Values {
			ids = append(ids, v.ID)
		}
	}
	out := ids[:0]
	for _, id := range ids {
		if id != "" {
			out = append(out, id)
		}
	}
	return out
}

// loadGlobalPicklists indexes the seed's global picklists; it runs before
// the modules, whose fields may use them.
func (st *state) loadGlobalPicklists(s *Seed, now string) error {
	st.gpByID = map[string]*GlobalPicklist{}
	for i := range s.GlobalPicklists {
		g := &s.GlobalPicklists[i]
		if g.DisplayLabel == "" {
			return fmt.Errorf("global picklist %d: missing display_label", i)
		}
		if g.ID == "" {
			g.ID = st.ids.newID()
		}
		if g.APIName == "" {
			g.APIName = deriveAPIName(g.DisplayLabel)
		}
		if st.gpByAPI(g.APIName) != nil {
			return fmt.Errorf("global picklist %d: duplicate api_name %q", i, g.APIName)
		}
		st.fillOptions(g.Values, true)
		sortOptions(g.Values)
		if g.CreatedTime == "" {
			g.CreatedTime, g.ModifiedTime = now, now
		}
		st.globalPicklists = append(st.globalPicklists, g)
		st.gpByID[g.ID] = g
	}
	return nil
}

// fillOptions assigns ids, actual values, types and sequence numbers
// (1-based in list order when absent) to options.
func (st *state) fillOptions(opts []PickListOption, global bool) {
	for i := range opts {
		o := &opts[i]
		if o.ID == "" {
			o.ID = st.ids.newID()
		}
		if o.ActualValue == "" {
			o.ActualValue = o.DisplayValue
		}
		if o.Type == "" {
			o.Type = "used"
		}
		if o.SequenceNumber == 0 {
			o.SequenceNumber = i + 1
		}
	}
}

// fillField completes a seeded field: options from the shorthand, the
// global picklist's values, default length/decimal_place, and one
// permission per profile.
func (st *state) fillField(f *Field, now string) error {
	if len(f.PickListOptions) == 0 {
		for _, v := range f.PickListValues {
			f.PickListOptions = append(f.PickListOptions, PickListOption{DisplayValue: v, ActualValue: v})
		}
	}
	st.fillOptions(f.PickListOptions, false)
	if f.GlobalPicklist != nil {
		g := st.gpByID[f.GlobalPicklist.ID]
		if f.GlobalPicklist.ID == "" {
			g = st.gpByAPI(f.GlobalPicklist.APIName)
		}
		if g == nil {
			return fmt.Errorf("field %s: unknown global picklist %+v", f.APIName, *f.GlobalPicklist)
		}
		f.GlobalPicklist = &FieldRef{ID: g.ID, APIName: g.APIName}
		f.PickListOptions = globalOptions(g)
	}
	syncValues(f)
	fillSizes(f)
	perms, err := st.resolvePermissions(f.Profiles)
	if err != nil {
		return fmt.Errorf("field %s: %w", f.APIName, err)
	}
	f.Profiles = perms
	if f.CreatedTime == "" && f.Custom {
		f.CreatedTime, f.ModifiedTime = now, now
	}
	return nil
}

// resolvePermissions resolves a seed's profiles by id or name; GET lists
// every profile [fields.md §5.2], so the profiles a seed leaves out (all of
// them when it gives none) get read_write.
func (st *state) resolvePermissions(in []FieldPermission) ([]FieldPermission, error) {
	given := map[string]string{}
	for _, fp := range in {
		ref, err := st.resolveProfile(Ref{ID: fp.ID, Name: fp.Name})
		if err != nil {
			return nil, err
		}
		if !oneOf(fp.PermissionType, permissionTypes...) {
			return nil, fmt.Errorf("profile %s: permission_type %q", ref.Name, fp.PermissionType)
		}
		given[ref.ID] = fp.PermissionType
	}
	out := make([]FieldPermission, len(st.profiles))
	for i, p := range st.profiles {
		pt := given[p.ID]
		if pt == "" {
			pt = "read_write"
		}
		out[i] = FieldPermission{ID: p.ID, Name: p.Name, PermissionType: pt}
	}
	return out, nil
}

var permissionTypes = []string{"read_write", "read_only", "hidden"}

// globalOptions are a field's options taken from a global picklist: its
// used values, with the set's value ids [fields.md §9.7].
func globalOptions(g *GlobalPicklist) []PickListOption {
	var out []PickListOption
	for _, v := range g.Values {
		if v.Type != "unused" {
			out = append(out, v)
		}
	}
	return out
}

// syncValues keeps the PickListValues shorthand equal to the actual values
// of the options, in sequence order.
func syncValues(f *Field) {
	sortOptions(f.PickListOptions)
	f.PickListValues = nil
	for _, o := range f.PickListOptions {
		f.PickListValues = append(f.PickListValues, o.ActualValue)
	}
}

func (st *state) gpByAPI(apiName string) *GlobalPicklist {
	for _, g := range st.globalPicklists {
		if strings.EqualFold(g.APIName, apiName) {
			return g
		}
	}
	return nil
}
