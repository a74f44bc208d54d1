package plan

import (
	"fmt"
	"slices"
	"strings"

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
	// Pos, when set, gives the manifest position of a key path inside a
	// desired object (for example "profiles", 1); errors point there.
	Pos func(k model.Key, path ...any) *model.Source
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
		return nil, b.problems.sorted()
	}
	return b.finish(), nil
}

// Problem is one reason a plan cannot be made, at a manifest position.
type Problem struct {
	Source  *model.Source
	Key     model.Key
	Message string
}

// String renders file:line:col: Kind "name": message.
func (p Problem) String() string {
	if p.Source != nil {
		return fmt.Sprintf("%s: %s: %s", p.Source, p.Key, p.Message)
	}
	return fmt.Sprintf("%s: %s", p.Key, p.Message)
}

// Problems is every problem found while planning, as one error.
type Problems []Problem

// Error prints one problem per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

func (ps Problems) sorted() Problems {
	out := slices.Clone(ps)
	slices.SortStableFunc(out, func(a, b Problem) int {
		as, bs := "", ""
		if a.Source != nil {
			as = fmt.Sprintf("%s\x00%09d\x00%09d", a.Source.File, a.Source.Line, a.Source.Column)
		}
		if b.Source != nil {
			bs = fmt.Sprintf("%s\x00%09d\x00%09d", b.Source.File, b.Source.Line, b.Source.Column)
		}
		if as != bs {
			return strings.Compare(as, bs)
		}
		return a.Key.Compare(b.Key)
	})
	return slices.CompactFunc(out, func(a, b Problem) bool { return a.String() == b.String() })
}
