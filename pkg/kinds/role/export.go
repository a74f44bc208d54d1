package role

import (
	"github.com/crmsync/crmsync/pkg/kinds/spec"
	"github.com/crmsync/crmsync/pkg/model"
)

// document writes a role, leaving out the defaults: the top of the
// hierarchy, an empty description, share_with_peers false and no forecast
// manager.
func document(o *model.Object) []spec.Pair {
	r := o.Role
	if r == nil {
		return nil
	}
	d := []spec.Pair{{K: "name", V: r.Name}}
	if r.ReportingTo != nil && *r.ReportingTo != "" {
		d = append(d, spec.Pair{K: "reporting_to", V: *r.ReportingTo})
	}
	if r.Description != nil && *r.Description != "" {
		d = append(d, spec.Pair{K: "description", V: *r.Description})
	}
	if r.ShareWithPeers != nil && *r.ShareWithPeers {
		d = append(d, spec.Pair{K: "share_with_peers", V: true})
	}
	if r.ForecastManager != nil && *r.ForecastManager != "" {
		d = append(d, spec.Pair{K: "forecast_manager", V: *r.ForecastManager})
	}
	return d
}

// complete adds the keys document leaves out at their defaults
// (description and share_with_peers), so that planning another org against
// the export clears what this org leaves unset.
func complete(o *model.Object, doc []spec.Pair) []spec.Pair {
	if o.Role == nil {
		return doc
	}
	has := map[string]bool{}
	for _, p := range doc {
		has[p.K] = true
	}
	if !has["description"] {
		doc = append(doc, spec.Pair{K: "description", V: ""})
	}
	if !has["share_with_peers"] {
		doc = append(doc, spec.Pair{K: "share_with_peers", V: false})
	}
	return doc
}
