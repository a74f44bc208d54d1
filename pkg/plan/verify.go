package plan

import "github.com/crmsync/crmsync/pkg/model"

// Residual is a difference left after apply: the live value (Old) still
// differs from what the plan set (New).
type Residual struct {
	Key   model.Key `json:"key"`
	Field FieldDiff `json:"field"`
}

// Verify compares the live state read after apply with what the given
// changes should have produced. It returns one residual per field that did
// not take; an object that should be gone but is not, or should exist but
// does not, is a residual on its key with path "(object)".
func Verify(changes []Change, observed *model.State, lookups *model.Lookups) ([]Residual, error) {
	p, err := Replan(changes, observed, lookups)
	if err != nil {
		return nil, err
	}
	var out []Residual
	for _, c := range p.Changes {
		switch c.Action {
		case Create:
			out = append(out, Residual{Key: c.Key, Field: FieldDiff{Path: "(object)", Old: "missing", New: "exists"}})
		case Delete:
			out = append(out, Residual{Key: c.Key, Field: FieldDiff{Path: "(object)", Old: "exists", New: "deleted"}})
		default:
			for _, f := range c.Fields {
				out = append(out, Residual{Key: c.Key, Field: f})
			}
		}
	}
	return out, nil
}

// Replan plans the given changes again against fresh live state, with each
// change's After object (or its absence, for a delete) as the desired
// state. A change that already took plans to nothing. It needs no
// manifests, so it serves both verification and recovery from writes whose
// outcome is unknown.
func Replan(changes []Change, observed *model.State, lookups *model.Lookups) (*Plan, error) {
	desired := model.NewState()
	var targets []model.Key
	for _, c := range changes {
		targets = append(targets, c.Key)
		if c.Action == Delete {
			desired.Put(&model.Object{Key: c.Key, Absent: true, Source: c.Source,
				TransferTo: c.TransferTo})
			continue
		}
		after := *c.After
		after.Absent = false
		if c.PreviousName != "" {
			after.PreviousNames = []string{c.PreviousName}
		}
		desired.Put(&after)
	}
	return Make(Input{Desired: desired, Observed: observed, Lookups: lookups}, Options{Targets: targets, replan: true})
}
