package plan

import (
	"slices"

	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
)

// Pairing finds, for each manifest, the live object it describes.
//
// Names compare folded (model.Fold): "Sales" and " sales" are one object,
// and a manifest whose name differs from the live one only in case or
// spaces renames it. For roles and contact roles a manifest may name its
// live object in three ways, strongest first:
//
//  1. its temporary name (model.TempName of the manifest's name), which only
//     crmsync gives, halfway through a cycle of renames;
//  2. one of its previous_names, when no live object has its name, or when
//     both exist and the one under the previous name matches the manifest's
//     other keys strictly better (after a swap A↔B, both names exist before
//     and after: the keys tell which is which);
//  3. its name.
//
// A live object claimed through a previous or temporary name is taken from
// a manifest that claims it only through its name: that manifest is a new
// object ("rename X to Y and create a new X"), unless it can still take
// one of its own other candidates. A manifest that replaces an absent one
// of the same name (model.Object.Replaces) takes the object under its
// previous name and marks the live object under its name for deletion.

// liveIndex finds live objects by folded key.
type liveIndex map[model.Key][]*model.Object

func newLiveIndex(observed *model.State) liveIndex {
	ix := liveIndex{}
	for _, o := range observed.Objects() {
		k := model.FoldKey(o.Key)
		ix[k] = append(ix[k], o)
	}
	return ix
}

// find returns the live object named name: the exact match, else the first
// (in name order) of those that fold the same. Modules and locking
// configurations are named by API names, which match exactly.
func (ix liveIndex) find(kind model.Kind, name string) *model.Object {
	k := model.Key{Kind: kind, Name: name}
	all := ix[model.FoldKey(k)]
	for _, o := range all {
		if o.Key == k {
			return o
		}
	}
	if len(all) == 0 || !(renamable(kind) || kind == model.KindField) {
		return nil
	}
	return all[0] // a field's identity is case-blind
}

// byID returns the live renamable object of kind with ID id, if any.
// Manifests carry no IDs; the desired objects of Replan do.
func (ix liveIndex) byID(kind model.Kind, id string) *model.Object {
	if id == "" || !renamable(kind) {
		return nil
	}
	for _, os := range ix {
		for _, o := range os {
			if o.Key.Kind == kind && o.ID == id {
				return o
			}
		}
	}
	return nil
}

func renamable(k model.Kind) bool {
	d, _ := kinds.Get(k)
	return d.Caps.Renamable
}

// claim is one manifest's choice of live object; via says how it was made.
type claim struct {
	d    *model.Object
	o    *model.Object
	via  string // "name", "previous" or "temporary"
	prev string // the live name, when via is not "name"
}

// candidates lists a manifest's possible live objects, strongest first.
func (b *builder) candidates(ix liveIndex, d *model.Object) []claim {
	kind := d.Key.Kind
	if o := ix.byID(kind, d.ID); o != nil {
		// A replanned change (Replan) knows its live object: no name or
		// key needs to tell it apart.
		if o.Key.Name == d.Key.Name {
			return []claim{{d: d, o: o, via: "name"}}
		}
		return []claim{{d: d, o: o, via: "previous", prev: o.Key.Name}}
	}
	var out []claim
	if renamable(kind) {
		if o := ix.find(kind, model.TempName(kind, d.Key.Name)); o != nil {
			out = append(out, claim{d: d, o: o, via: "temporary", prev: o.Key.Name})
		}
	}
	cur := ix.find(kind, d.Key.Name)
	mismatch := func(d, o *model.Object) int { return mismatch(d, o, b.formerNames) }
	var prev *claim
	for _, p := range d.PreviousNames {
		if o := ix.find(kind, p); o != nil && o != cur {
			prev = &claim{d: d, o: o, via: "previous", prev: o.Key.Name}
			break
		}
	}
	switch {
	case prev == nil && cur != nil:
		out = append(out, claim{d: d, o: cur, via: "name"})
	case prev != nil && cur == nil:
		out = append(out, *prev)
	case prev != nil && d.Replaces != nil && b.replacementDone(d, prev.o, cur):
		out = append(out, claim{d: d, o: cur, via: "name"}, *prev)
	case prev != nil && (d.Replaces != nil || mismatch(d, prev.o) < mismatch(d, cur)):
		out = append(out, *prev, claim{d: d, o: cur, via: "name"})
	case prev != nil && len(out) > 0: // halfway through a cycle: the temporary name decides
		out = append(out, claim{d: d, o: cur, via: "name"}, *prev)
	case prev != nil:
		if mismatch(d, prev.o) == mismatch(d, cur) && b.undecidedSwap(d, prev.o, cur) {
			b.problem(d, "%q and %q swap names, but nothing else in their manifests tells the two live objects apart, so crmsync cannot tell whether the swap is done; give them a key whose values differ (for example sequence_number, description or reporting_to), or remove previous_names once it is",
				[]any{"previous_names"}, d.Key.Name, prev.o.Key.Name)
		} else if mismatch(d, prev.o) == mismatch(d, cur) && b.swapPartner(d, prev.o) == nil {
			b.warn("%s: both %q and its previous name %q exist in the org, and nothing else in the manifest tells them apart; %q is taken as this object and %q is left alone",
				d.Where(), cur.Key.Name, prev.o.Key.Name, cur.Key.Name, prev.o.Key.Name)
		}
		out = append(out, claim{d: d, o: cur, via: "name"}, *prev)
	}
	return out
}

// undecidedSwap reports whether d and the manifest named like o (found
// under a previous name of d, while cur has d's name) swap names and
// neither manifest's keys tell o from cur.
func (b *builder) undecidedSwap(d, o, cur *model.Object) bool {
	other := b.swapPartner(d, o)
	return other != nil && mismatch(other, o, b.formerNames) == mismatch(other, cur, b.formerNames)
}

// swapPartner is the manifest named like o that names d's name among its
// previous names: the other half of a swap, whose keys may decide it.
func (b *builder) swapPartner(d, o *model.Object) *model.Object {
	other := b.desiredNamed(d.Key.Kind, o.Key.Name)
	if other == nil || other.Absent || !slices.ContainsFunc(other.PreviousNames, func(p string) bool { return model.SameName(p, d.Key.Name) }) {
		return nil
	}
	return other
}

// replacementDone reports whether d, which replaces the live object of its
// name by the one under its previous name o, is already done although both
// names exist: another manifest creates a new object under o's name, so
// before and after the apply the org has both. It is done when d's keys
// match cur and the other manifest's keys match o exactly. When the keys
// match both ways they cannot tell the two states apart, and that is a
// problem: guessing "not done" would delete the renamed object on every
// rerun.
func (b *builder) replacementDone(d, o, cur *model.Object) bool {
	var other *model.Object
	for _, x := range b.in.Desired.OfKind(d.Key.Kind) {
		if !x.Absent && x != d && model.SameName(x.Key.Name, o.Key.Name) {
			other = x
		}
	}
	if other == nil {
		return false
	}
	m := func(d, o *model.Object) int { return mismatch(d, o, b.formerNames) }
	done := m(d, cur) == 0 && m(other, o) == 0
	if done && m(d, o) == 0 && m(other, cur) == 0 {
		b.problem(d, "%q replaces the live %q by the one named %q, and a new %q is declared too, but nothing else in their manifests tells the live objects apart, so crmsync cannot tell whether the replacement is done; give them a key whose values differ (for example sequence_number, description or reporting_to), or remove previous_names and the absent manifest once it is",
			[]any{"previous_names"}, d.Key.Name, cur.Key.Name, o.Key.Name, other.Key.Name)
	}
	return done
}

// desiredNamed is the manifest of kind named name, compared folded: a live
// object's manifest may spell its name in another case or with spaces.
func (b *builder) desiredNamed(kind model.Kind, name string) *model.Object {
	if d := b.in.Desired.Get(model.Key{Kind: kind, Name: name}); d != nil {
		return d
	}
	for _, d := range b.in.Desired.OfKind(kind) {
		if model.SameName(d.Key.Name, name) {
			return d
		}
	}
	return nil
}

// pairUp pairs desired with observed objects (see the note above). It
// returns the pairs in key order and the live objects nobody claimed.
func pairUp(desired, observed *model.State, b *builder) ([]pair, []*model.Object) {
	ix := newLiveIndex(observed)
	b.formerNames = formerNames(desired)
	owner := map[*model.Object]*claim{}
	chosen := map[*model.Object]*claim{}
	var present []*model.Object
	for _, d := range desired.Objects() {
		if !d.Absent {
			present = append(present, d)
		}
	}
	cands := map[*model.Object][]claim{}
	for _, d := range present {
		cands[d] = b.candidates(ix, d)
	}
	take := func(d *model.Object, c *claim) {
		owner[c.o], chosen[d] = c, c
	}
	// First the manifests whose preferred candidate is a temporary or
	// previous name, then every other in turn, each taking its first
	// candidate that is still free.
	for _, d := range present {
		if cs := cands[d]; len(cs) > 0 && cs[0].via != "name" && owner[cs[0].o] == nil {
			take(d, &cs[0])
		}
	}
	for _, d := range present {
		for i := range cands[d] {
			if c := &cands[d][i]; chosen[d] == nil && owner[c.o] == nil {
				take(d, c)
			}
		}
	}
	return b.collectPairs(desired, ix, owner, chosen)
}

// collectPairs turns the claims into pairs, adds the deletions asked for by
// absent manifests and replacements, and lists the live objects left.
func (b *builder) collectPairs(desired *model.State, ix liveIndex, owner, chosen map[*model.Object]*claim) ([]pair, []*model.Object) {
	claimed := map[model.Key]bool{}
	for o := range owner {
		claimed[o.Key] = true
	}
	var pairs []pair
	for _, d := range desired.Objects() {
		p := pair{key: d.Key, desired: d}
		if c := chosen[d]; c != nil {
			p.observed, p.prev = c.o, c.prev
			if c.via == "name" && c.o.Key.Name != d.Key.Name {
				p.prev = c.o.Key.Name // a rename in case or spaces only
			}
		}
		if d.Absent {
			p.observed = b.absentTarget(ix, d, claimed, &pairs)
		}
		if d.Replaces != nil {
			if cur := ix.find(d.Key.Kind, d.Key.Name); cur != nil && !claimed[cur.Key] && !cur.System {
				p.replaced, claimed[cur.Key] = cur, true
			}
		}
		pairs = append(pairs, p)
	}
	var rest []*model.Object
	for _, o := range ixObjects(ix) {
		if !claimed[o.Key] {
			rest = append(rest, o)
		}
	}
	return pairs, rest
}

// absentTarget is the live object an absent manifest deletes: the one of
// its name, unless another manifest claimed it. Live objects under its
// previous names must be gone too; they become pairs of their own.
func (b *builder) absentTarget(ix liveIndex, d *model.Object, claimed map[model.Key]bool, pairs *[]pair) *model.Object {
	var target *model.Object
	if o := ix.find(d.Key.Kind, d.Key.Name); o != nil && !claimed[o.Key] {
		target, claimed[o.Key] = o, true
	}
	for _, prev := range d.PreviousNames {
		o := ix.find(d.Key.Kind, prev)
		if o == nil || claimed[o.Key] {
			continue
		}
		claimed[o.Key] = true
		if target == nil {
			target = o
			continue
		}
		*pairs = append(*pairs, pair{key: o.Key, desired: d, observed: o})
	}
	return target
}

func ixObjects(ix liveIndex) []*model.Object {
	var out []*model.Object
	for _, os := range ix {
		out = append(out, os...)
	}
	slices.SortFunc(out, func(a, b *model.Object) int { return a.Key.Compare(b.Key) })
	return out
}

// formerNames lists, by folded name, the previous names of the desired
// roles, for mismatch.
func formerNames(desired *model.State) map[string][]string {
	out := map[string][]string{}
	for _, d := range desired.OfKind(model.KindRole) {
		if !d.Absent && len(d.PreviousNames) > 0 {
			out[model.Fold(d.Key.Name)] = d.PreviousNames
		}
	}
	return out
}

// mismatch counts the keys a manifest manages on which live object o
// differs, names aside. It decides pairings, before the target names are
// known: a reference matches the live one of the same name, or of one of
// the previous names of the role it names (formers).
func mismatch(d, o *model.Object, formers map[string][]string) int {
	n := 0
	diff := func(differ bool) {
		if differ {
			n++
		}
	}
	switch {
	case d.Role != nil && o.Role != nil:
		dr, or := d.Role, o.Role
		if dr.ReportingTo != nil {
			live := derefString(or.ReportingTo)
			diff(!model.SameName(*dr.ReportingTo, live) && !slices.ContainsFunc(formers[model.Fold(*dr.ReportingTo)],
				func(p string) bool { return model.SameName(p, live) }))
		}
		if dr.Description != nil {
			diff(*dr.Description != derefString(or.Description))
		}
		if dr.ShareWithPeers != nil {
			diff(*dr.ShareWithPeers != (or.ShareWithPeers != nil && *or.ShareWithPeers))
		}
		if dr.ForecastManager != nil {
			diff(!model.SameName(*dr.ForecastManager, derefString(or.ForecastManager)))
		}
	case d.ContactRole != nil && o.ContactRole != nil:
		if s := d.ContactRole.SequenceNumber; s != nil {
			diff(o.ContactRole.SequenceNumber == nil || *s != *o.ContactRole.SequenceNumber)
		}
	}
	return n
}
