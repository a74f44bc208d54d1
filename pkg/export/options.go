package export

import (
	"github.com/crmsync/crmsync/pkg/model"
)

// Options shape an export.
type Options struct {
	// Complete also writes the role keys an export leaves out at their
	// defaults (share_with_peers: false, an empty description), so that
	// planning another org against the result clears what this org leaves
	// unset. For comparing two orgs; a plain export stays minimal.
	Complete bool
	// Vars are the placeholders to write back (see Placeholder).
	Vars []Var
}

// ManifestsWith is Manifests with options.
func ManifestsWith(state *model.State, o Options) []File {
	return manifests(state, o)
}

// complete adds the default-valued role keys that roleDoc leaves out.
func complete(o *model.Object, doc []pair) []pair {
	if o.Role == nil || o.Absent {
		return doc
	}
	has := map[string]bool{}
	for _, p := range doc {
		has[p.k] = true
	}
	if !has["description"] {
		doc = append(doc, pair{"description", ""})
	}
	if !has["share_with_peers"] {
		doc = append(doc, pair{"share_with_peers", false})
	}
	return doc
}
