package plan

import (
	"slices"

	"github.com/crmsync/crmsync/pkg/diag"
	"github.com/crmsync/crmsync/pkg/model"
)

// Input is what a plan is made from.
type Input struct {
	Desired  *model.State
	Observed *model.State
	Lookups  *model.Lookups
	Scope    model.Scope
}

// Options change how a plan is made.
type Options struct {
	// Prune plans the deletion of live objects that no manifest names.
	Prune bool
	// Targets, when set, limits the plan to these objects.
	Targets []model.Key
	// Positions, when set, are the manifest positions of the values inside
	// the desired objects (desired.Manifests.Positions); a problem with a
	// key path (for example "profiles", 1) points there.
	Positions diag.Positions
	// replan marks a Replan (verify, recovery): the desired objects are
	// the changes' After objects, and a difference that did not take must
	// stay a change, not become a problem.
	replan bool
}

// pair is one desired object with its observed counterpart; either may be
// nil. prev is the live name when the pair was made through previous_names.
type pair struct {
	key      model.Key
	desired  *model.Object
	observed *model.Object
	prev     string
	// replaced is the live object under the desired name that is deleted
	// before the observed one is renamed into it (model.Object.Replaces).
	replaced *model.Object
}

// Make pairs, diffs and builds the plan. Problems that make the plan
// impossible (names that do not resolve, unsafe deletes) are returned
// together as a *Problems error.
func Make(in Input, opts Options) (*Plan, error) {
	if in.Lookups == nil {
		in.Lookups = &model.Lookups{}
	}
	in.Desired = canonicalize(in)
	b := newBuilder(in, opts)
	pairs, unmanaged := pairUp(in.Desired, in.Observed, b)
	b.roles = newRoleTree(pairs, unmanaged, opts.Prune, b.targeted)
	for _, o := range unmanaged {
		b.unmanaged(o)
	}
	for _, p := range pairs {
		b.diffPair(p)
	}
	for _, k := range opts.Targets {
		if !slices.ContainsFunc(append(in.Desired.Keys(), in.Observed.Keys()...), func(o model.Key) bool { return model.FoldKey(o) == model.FoldKey(k) }) {
			b.warn("--target %s/%s matches no manifest and no live object", k.Kind, k.Name)
		}
	}
	b.checkRoleTree()
	b.buildRequests()
	if len(b.problems) > 0 {
		return nil, b.problems.Sorted()
	}
	return b.finish(), nil
}

// Problem is one reason a plan cannot be made, at a manifest position
// (package diag's one diagnostics type; Key is the object's
// model.Key.String()).
type Problem = diag.Diagnostic

// Problems is every problem found while planning, as one error, sorted by
// diag.List.Sorted.
type Problems = diag.List
