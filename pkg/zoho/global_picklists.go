package zoho

import (
	"context"
	"errors"
	"net/url"
	"slices"
)

// Global picklists [fields.md §9]: an org-wide set of picklist values that
// fields of any module can use. Wrapper key global_picklists.

const keyGlobalPicklists = "global_picklists"

// GlobalPicklist is one entry of GET /settings/global_picklists [fields.md
// §9.2, OAS global_picklists.json]. PickListValues is nil when the answer
// has no pick_list_values key (the list answers values only with
// include=pick_list_values under one reading, q14), and an empty slice when
// the set has none. Presence is false while a deletion job runs.
type GlobalPicklist struct {
	ID              ID                     `json:"id"`
	APIName         string                 `json:"api_name"`
	DisplayLabel    string                 `json:"display_label,omitempty"`
	Description     *string                `json:"description,omitempty"`
	Customizable    *bool                  `json:"customizable,omitempty"`
	Presence        *bool                  `json:"presence,omitempty"`
	SortedLexically *bool                  `json:"pick_list_values_sorted_lexically,omitempty"`
	PickListValues  *[]GlobalPicklistValue `json:"pick_list_values,omitempty"`
	ModifiedTime    string                 `json:"modified_time,omitempty"`
	ModifiedBy      *UserRef               `json:"modified_by,omitempty"`
}

// GlobalPicklistValue is one value of a global picklist. The JSON OAS and
// the v6/v7 pages call the stored value actual_value, the OAS-yaml
// reference_value; either may be answered.
type GlobalPicklistValue struct {
	ID             ID     `json:"id,omitempty"`
	DisplayValue   string `json:"display_value"`
	ActualValue    string `json:"actual_value,omitempty"`
	ReferenceValue string `json:"reference_value,omitempty"`
	SequenceNumber *int   `json:"sequence_number,omitempty"`
	Type           string `json:"type,omitempty"`
}

// GlobalPicklistRef names the global picklist a field uses.
type GlobalPicklistRef struct {
	ID      ID     `json:"id,omitempty"`
	APIName string `json:"api_name,omitempty"`
}

// Stored is the value's stored (actual) value: actual_value, else
// reference_value, else the display value.
func (v GlobalPicklistValue) Stored() string {
	switch {
	case v.ActualValue != "":
		return v.ActualValue
	case v.ReferenceValue != "":
		return v.ReferenceValue
	}
	return v.DisplayValue
}

// ListGlobalPicklists reads every global picklist with its values (GET
// /settings/global_picklists?include=pick_list_values; the list has values
// only with include, q14). A set the answer gives without values is read
// again by id (the single GET always has them), unless its deletion is
// running (presence false: its values are not needed, and the set may be
// gone by then); a set that is gone by then (204) is left out. 204 on the
// list gives nil. Values are returned in sequence order.
func (c *Client) ListGlobalPicklists(ctx context.Context) ([]GlobalPicklist, error) {
	q := url.Values{"include": {"pick_list_values"}}
	list, _, err := getList[GlobalPicklist](ctx, c, "/settings/global_picklists", q, keyGlobalPicklists)
	if err != nil {
		return nil, err
	}
	out := list[:0]
	for _, g := range list {
		if g.PickListValues == nil && (g.Presence == nil || *g.Presence) {
			one, err := c.GetGlobalPicklist(ctx, string(g.ID))
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if err != nil {
				return nil, err
			}
			g.PickListValues = one.PickListValues
		}
		sortValues(g.PickListValues)
		out = append(out, g)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// GetGlobalPicklist reads one global picklist with its values (GET
// /settings/global_picklists/{id}). 204 gives an error wrapping ErrNotFound.
func (c *Client) GetGlobalPicklist(ctx context.Context, id string) (*GlobalPicklist, error) {
	if id == "" {
		return nil, errors.New("get global picklist: id is required")
	}
	g, err := getOne[GlobalPicklist](ctx, c, "/settings/global_picklists/"+url.PathEscape(id), nil, keyGlobalPicklists)
	if err != nil {
		return nil, err
	}
	sortValues(g.PickListValues)
	return g, nil
}

// ListGlobalPicklists reads every global picklist with its values.
func (r *Reader) ListGlobalPicklists(ctx context.Context) ([]GlobalPicklist, error) {
	return r.c.ListGlobalPicklists(ctx)
}

// sortValues orders values by sequence_number, keeping the answer's order
// for values without one.
func sortValues(vals *[]GlobalPicklistValue) {
	if vals == nil {
		return
	}
	slices.SortStableFunc(*vals, func(a, b GlobalPicklistValue) int {
		if a.SequenceNumber == nil || b.SequenceNumber == nil {
			return 0
		}
		return *a.SequenceNumber - *b.SequenceNumber
	})
}
