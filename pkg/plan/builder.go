package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
)

// builder accumulates a plan's changes, requests and problems.
type builder struct {
	in       Input
	opts     Options
	changes  []*Change
	byKey    map[model.Key]*Change
	byFold   map[model.Key]*Change // by folded key
	reqs     []Request
	problems Problems
	warnings []string
	unm      []Unmanaged
	roles    *roleTree
	// freeing are the deletes that free a name another write takes: they go
	// before it rather than last.
	freeing map[int]bool
	// formerNames are the desired roles' previous names (see mismatch).
	formerNames map[string][]string
	// fieldValues are, by folded key, the actual values picklist fields
	// will have after apply, which locking criteria are checked against.
	fieldValues map[model.Key][]string
	// fieldMain are the create and update requests of each field change;
	// fieldWaits the keys of other kinds' changes they wait for;
	// fieldDeletes the field deletes still to send.
	fieldMain  map[model.Key][]int
	fieldWaits map[model.Key][]model.Key
	// fieldRemovals are, by module, the writes with option removals.
	fieldRemovals map[string][]*fieldWrite
	fieldDeletes  []*Change
	// keyWaits are requests that wait for the requests of another change
	// (waitForKey).
	keyWaits []keyWait
	// globals indexes the global picklists (globalIndex).
	globals *globalSets
}

func newBuilder(in Input, opts Options) *builder {
	return &builder{in: in, opts: opts, byKey: map[model.Key]*Change{}, byFold: map[model.Key]*Change{}, freeing: map[int]bool{},
		fieldMain: map[model.Key][]int{}, fieldWaits: map[model.Key][]model.Key{}, fieldRemovals: map[string][]*fieldWrite{}}
}

func (b *builder) warn(format string, args ...any) {
	b.warnings = append(b.warnings, fmt.Sprintf(format, args...))
}

// problem records a planning error at the position of path inside the
// desired object, or at the object itself.
func (b *builder) problem(d *model.Object, format string, path []any, args ...any) {
	p := Problem{Key: d.Key, Message: fmt.Sprintf(format, args...), Source: d.Source}
	if b.opts.Pos != nil && len(path) > 0 {
		if s := b.opts.Pos(d.Key, path...); s != nil {
			p.Source = s
		}
	}
	b.problems = append(b.problems, p)
}

// targeted reports whether k is in the plan's targets (all keys when none).
func (b *builder) targeted(k model.Key) bool {
	return len(b.opts.Targets) == 0 || slices.ContainsFunc(b.opts.Targets, func(t model.Key) bool { return model.FoldKey(t) == model.FoldKey(k) })
}

// add records a change unless it is a no-op or not targeted.
func (b *builder) add(c *Change) {
	if c.Action == NoOp || !b.targeted(c.Key) {
		return
	}
	if c.Action == Update && len(c.Fields) == 0 {
		return
	}
	if c.Action == Create {
		for i := range c.Fields {
			c.Fields[i].Old = nil
		}
	}
	c.Requests = []int{}
	b.changes = append(b.changes, c)
	b.byKey[c.Key] = c
	if f := model.FoldKey(c.Key); b.byFold[f] == nil {
		b.byFold[f] = c
	}
}

// unmanaged records a live object no manifest names, or plans its deletion
// under Prune.
func (b *builder) unmanaged(o *model.Object) {
	u := Unmanaged{Key: o.Key, ID: o.ID}
	switch d, _ := kinds.Get(o.Key.Kind); {
	case !d.Caps.Deletable:
		u.Note = d.Caps.NoDeleteNote
	case o.System:
		u.Note = "system object; never deleted"
	case d.Caps.NeverPruned != "":
		u.Note = d.Caps.NeverPruned
	case strings.HasSuffix(o.Key.Name, model.TempSuffix):
		u.Note = "carries the temporary name of an interrupted rename; never pruned: name it in a manifest (its new name) to finish the rename"
	case b.opts.Prune:
		b.add(b.deleteChange(o, nil))
		if c := b.byKey[o.Key]; c != nil {
			return
		}
		u.Note = "not targeted"
	default:
		u.Note = "not in any manifest; left alone (use --prune to delete)"
	}
	if b.targeted(o.Key) || len(b.opts.Targets) == 0 {
		b.unm = append(b.unm, u)
	}
}

// diffPair turns one pair into a change.
func (b *builder) diffPair(p pair) {
	d, o := p.desired, p.observed
	switch {
	case d.Absent && o == nil:
		return
	case d.Absent && o.System && d.Key.Kind == model.KindField:
		b.problem(d, "cannot be absent: it is a standard field, which Zoho never deletes (only custom fields can be deleted)", []any{"absent"})
		return
	case d.Absent && o.System:
		b.problem(d, "cannot be absent: it is a system object (the top role, or a system-defined locking configuration), which is never deleted", []any{"absent"})
		return
	case d.Absent:
		b.add(b.deleteChange(o, d))
		return
	}
	kp, ok := kindPlans[d.Key.Kind]
	if !ok {
		b.problem(d, "unknown kind %q", nil, d.Key.Kind)
		return
	}
	c := kp.diff(b, d, o)
	if c == nil {
		return
	}
	c.Source = d.Source
	if o != nil {
		c.ID, c.Before, c.Audit = o.ID, o, o.Audit
		if p.prev != "" && renamable(c.Key.Kind) {
			c.PreviousName = p.prev
		}
	}
	if p.replaced != nil && c.Action == Update {
		b.replace(c, p.replaced, d.Replaces)
	}
	b.add(c)
}

// replace makes c delete live object r (named like c's target) before the
// rename into its name; a is the absent manifest that asked for it.
func (b *builder) replace(c *Change, r *model.Object, a *model.Object) {
	del := b.deleteChange(r, a)
	c.Replaces = r
	c.TransferTo, c.Destructive = del.TransferTo, true
	c.Destroys = "deletes the live " + r.Key.String() + " first: " + del.Destroys
	c.After.Replaces = &model.Object{Key: r.Key, Absent: true, TransferTo: del.TransferTo}
	c.Fields = append([]FieldDiff{{Path: "replaces", Steps: []string{"replaces"}, Old: r.Key.Name, New: nil}}, c.Fields...)
}

// deleteChange plans the deletion of live object o; d is the absent
// manifest that asked for it, or nil under --prune.
func (b *builder) deleteChange(o *model.Object, d *model.Object) *Change {
	c := &Change{Key: o.Key, Action: Delete, ID: o.ID, Before: o, Audit: o.Audit}
	if d != nil {
		c.Source = d.Source
	}
	if kp := kindPlans[o.Key.Kind]; kp.deleted != nil {
		kp.deleted(b, c)
	}
	return c
}

// finish sorts the plan and computes its summary.
func (b *builder) finish() *Plan {
	p := &Plan{
		FormatVersion: FormatVersion,
		Prune:         b.opts.Prune,
		Scope:         b.in.Scope,
		Fingerprints:  Fingerprints(b.in.Observed),
		Requests:      b.reqs,
		Unmanaged:     b.unm,
		Warnings:      b.warnings,
		Changes:       make([]Change, 0, len(b.changes)),
	}
	if p.Requests == nil {
		p.Requests = []Request{}
	}
	if p.Unmanaged == nil {
		p.Unmanaged = []Unmanaged{}
	}
	slices.SortFunc(b.changes, func(x, y *Change) int { return x.Key.Compare(y.Key) })
	for _, c := range b.changes {
		p.Changes = append(p.Changes, *c)
		switch c.Action {
		case Create:
			p.Summary.Create++
		case Update:
			p.Summary.Update++
		case Delete:
			p.Summary.Delete++
		}
	}
	p.Calls.Planned = PlannedCalls(p.Requests)
	return p
}
