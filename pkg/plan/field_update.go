package plan

import (
	"fmt"
	"maps"
	"slices"

	"github.com/crmsync/crmsync/pkg/kinds/field"
	"github.com/crmsync/crmsync/pkg/model"
)

// updateWrite builds a field update's items: the changed keys, the option
// edits (optionEdits) and the changed profiles, cut at the per-request
// limits, and the removals {id, "_delete": true}.
func (b *builder) updateWrite(c *Change) *fieldWrite {
	d := b.desiredOf(c)
	f, live := c.After.Field, c.Before.Field
	changed := changedKeys(c)
	it := field.Item{ID: c.ID}
	if changed["field_label"] {
		it.FieldLabel = derefString(f.FieldLabel)
	}
	if changed["length"] {
		it.Length = f.Length
	}
	if changed["decimal_place"] {
		it.DecimalPlace = f.DecimalPlace
	}
	if changed["tooltip"] && f.Tooltip != nil {
		it.Tooltip = field.TooltipJSON(f.Tooltip.Name, f.Tooltip.Value)
	}
	if changed["pick_list_values_sorted_lexically"] {
		it.SortedLexically = f.PickListValuesSortedLexically
	}
	if changed["global_picklist"] && f.GlobalPicklist != nil {
		it.GlobalPicklist = b.globalPicklistRef(d, c.Key, *f.GlobalPicklist)
	}
	var opts, late, temps []field.Option
	var removals []string
	if changed["pick_list_values"] {
		opts, late, temps, removals = b.optionWrites(d, f, live)
	}
	var profiles []field.Profile
	for _, fd := range c.Fields {
		if len(fd.Steps) == 2 && fd.Steps[0] == "permissions" {
			if ref := b.profileRef(d, fd.Steps[1], "permissions", fd.Steps[1]); ref != nil {
				profiles = append(profiles, field.Profile{ID: ref.ID, PermissionType: fmt.Sprint(fd.New)})
			}
		}
	}
	w := &fieldWrite{c: c, module: f.Module}
	o1, p1 := split(opts, field.MaxOptionsPerRequest), split(profiles, field.MaxProfilesPerRequest)
	it.PickListValues, it.Profiles = o1, p1
	if !emptyItem(it) {
		w.first = &it
	}
	w.rest = chunks(c.ID, opts[len(o1):], profiles[len(p1):])
	w.before(chunks(c.ID, temps, nil))
	var dels []field.Option
	for _, id := range removals {
		dels = append(dels, field.Option{ID: id, Delete: true})
	}
	w.removals = chunks(c.ID, append(dels, late...), nil)
	return w
}

// renamesAfterRemovals splits the option entries: a rename to the display
// value of an option the update removes (in any case: Zoho keeps display
// values unique) can only be sent once that option is gone, so it goes
// after the removals (late); its move, if any, stays with the other
// entries, which keeps the order the moves give.
func renamesAfterRemovals(edits []optionEdit, removed []model.PicklistValue) (opts, late []field.Option) {
	held := map[string]bool{}
	for _, r := range removed {
		held[model.Fold(r.DisplayValue)] = true
	}
	for _, e := range edits {
		if !e.rename || !held[model.Fold(e.display)] {
			opts = append(opts, e.option())
			continue
		}
		late = append(late, field.Option{ID: e.id, DisplayValue: e.display})
		if e.seq > 0 {
			opts = append(opts, field.Option{ID: e.id, SequenceNumber: e.seq})
		}
	}
	return opts, late
}

func (e optionEdit) option() field.Option {
	if e.isNew {
		return field.Option{DisplayValue: e.display, ActualValue: e.actual, SequenceNumber: e.seq}
	}
	o := field.Option{ID: e.id, SequenceNumber: e.seq}
	if e.rename {
		o.DisplayValue = e.display
	}
	return o
}

func emptyItem(it field.Item) bool {
	return it.FieldLabel == "" && it.Length == nil && it.DecimalPlace == nil && it.Tooltip == nil &&
		it.GlobalPicklist == nil && it.SortedLexically == nil && len(it.PickListValues) == 0 && len(it.Profiles) == 0
}

// globalPicklistRef resolves the global picklist a field uses to {id,
// api_name}: one created in this plan (its ID is known once its create
// ran; the field's requests wait for it), one the org has (a plan that
// changes it first makes the field wait too), or one another field of a
// module read already uses.
func (b *builder) globalPicklistRef(d *model.Object, fk model.Key, name string) *field.Ref {
	gk := model.Key{Kind: model.KindGlobalPicklist, Name: name}
	c := b.changeFolded(gk)
	switch {
	case c != nil && c.Action == Delete:
		b.problem(d, "uses the global picklist %q, which this plan deletes; keep it, or use another", []any{"global_picklist"}, name)
		return nil
	case c != nil:
		b.fieldWaits[fk] = append(b.fieldWaits[fk], c.Key)
	}
	if c != nil && c.Action == Create {
		return &field.Ref{ID: Placeholder(c.Key), APIName: c.Key.Name}
	}
	ix := b.globalIndex()
	if r, ok := ix.live[model.Fold(name)]; ok {
		return &field.Ref{ID: r.ID, APIName: r.Name}
	}
	b.problem(d, "no global picklist with API name %q found: no field of the modules read uses it, and no GlobalPicklist manifest names it; add a GlobalPicklist manifest for it (which reads the org's global picklists)%s",
		[]any{"global_picklist"}, name, hint(name, ix.names))
	return nil
}

// globalSets indexes the global picklists the plan knows of: the live ones
// (read for GlobalPicklist manifests, or named by the fields read), by
// folded API name, and the desired ones.
type globalSets struct {
	live    map[string]model.Ref
	names   []string
	desired map[string]*model.Object
}

// globalIndex builds the index once per plan.
func (b *builder) globalIndex() *globalSets {
	if b.globals != nil {
		return b.globals
	}
	ix := &globalSets{live: map[string]model.Ref{}, desired: map[string]*model.Object{}}
	for _, o := range b.in.Observed.OfKind(model.KindGlobalPicklist) {
		ix.live[model.Fold(o.Key.Name)] = model.Ref{ID: o.ID, Name: o.Key.Name}
		ix.names = append(ix.names, o.Key.Name)
	}
	for _, m := range slices.Sorted(maps.Keys(b.in.Lookups.Fields)) {
		for _, f := range b.in.Lookups.Fields[m] {
			if g := f.GlobalPicklist; g != nil {
				if _, ok := ix.live[model.Fold(g.Name)]; !ok {
					ix.live[model.Fold(g.Name)] = *g
					ix.names = append(ix.names, g.Name)
				}
			}
		}
	}
	for _, d := range b.in.Desired.OfKind(model.KindGlobalPicklist) {
		if ix.desired[model.Fold(d.Key.Name)] == nil {
			ix.desired[model.Fold(d.Key.Name)] = d
		}
	}
	b.globals = ix
	return ix
}

// changeFolded is the plan's change of key k, compared folded.
func (b *builder) changeFolded(k model.Key) *Change {
	if c := b.byKey[k]; c != nil {
		return c
	}
	return b.byFold[model.FoldKey(k)]
}

// waitForKey makes request id wait for the requests of the change of key
// k (other than deletes), once every kind has built its requests: the
// generic way for one kind's request to wait for another kind's.
func (b *builder) waitForKey(id int, k model.Key) {
	b.keyWaits = append(b.keyWaits, keyWait{id: id, key: k})
}

type keyWait struct {
	id  int
	key model.Key
}

// resolveKeyWaits turns the waits on keys into waits on requests.
func (b *builder) resolveKeyWaits() {
	for _, w := range b.keyWaits {
		c := b.changeFolded(w.key)
		if c == nil {
			continue
		}
		for _, r := range c.Requests {
			if b.reqs[r-1].Method != "DELETE" {
				b.after(w.id, r)
			}
		}
	}
}

// optionTemps are the entries of a request that goes before the others
// when renames chain or swap display values (tempRenames).
func optionTemps(edits []optionEdit, live []model.PicklistValue) []field.Option {
	var claims []nameClaim
	for _, e := range edits {
		switch {
		case e.rename:
			claims = append(claims, nameClaim{id: e.id, display: e.display})
		case e.isNew:
			claims = append(claims, nameClaim{display: e.display})
		}
	}
	var out []field.Option
	for _, t := range tempRenames(claims, live) {
		out = append(out, field.Option{ID: t.id, DisplayValue: t.name})
	}
	return out
}

// before makes items the first requests of w, ahead of its first item.
func (w *fieldWrite) before(items []field.Item) {
	if len(items) == 0 {
		return
	}
	rest := items[1:]
	if w.first != nil {
		rest = append(rest, *w.first)
	}
	w.first = &items[0]
	w.rest = append(rest, w.rest...)
}

// optionWrites are the option entries of an update: the main ones, the
// renames after the removals, the temporary renames before, and the IDs
// removed.
func (b *builder) optionWrites(d *model.Object, f, live *model.FieldDef) (opts, late, temps []field.Option, removals []string) {
	_, removed := pairOptions(list(d.Field.PickListValues), list(live.PickListValues))
	edits, removals := optionEdits(list(f.PickListValues), list(live.PickListValues), removed, sortsValues(d.Field, f))
	for i := range edits {
		if edits[i].seq > 0 {
			edits[i].seq += live.SequenceBase // places after Zoho's numbered -None-
		}
	}
	opts, late = renamesAfterRemovals(edits, removed)
	temps = optionTemps(edits, list(live.PickListValues))
	b.refuseTempRemovals(d, removed)
	liveText := map[string]string{}
	for _, v := range list(live.PickListValues) {
		liveText[v.ID] = v.DisplayValue
	}
	b.warnLongTexts(d, list(f.PickListValues), liveText)
	return opts, late, temps, removals
}
