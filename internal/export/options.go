package export

import (
	"github.com/crmsync/crmsync/pkg/kinds"
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

// complete adds the default-valued keys the kind's document leaves out,
// for the kinds whose export layout says which.
func complete(o *model.Object, doc []pair) []pair {
	if d, ok := kinds.Get(o.Key.Kind); ok && d.Export.Complete != nil && !o.Absent {
		return d.Export.Complete(o, doc)
	}
	return doc
}
