package plan

import (
	"slices"

	"github.com/crmsync/crmsync/pkg/kinds/globalpicklist"
	"github.com/crmsync/crmsync/pkg/model"
)

const (
	gpPath = "/" + globalpicklist.Endpoint
	gpKey  = "global_picklists"
	// gpOrgLimit is the org limit of global picklists in Zoho's example
	// (fields.md §9.3, q13); editions may differ, so it only warns.
	gpOrgLimit = 10
)

// Requests of global picklists [fields.md §9.3-§9.5], under every reading
// of the open questions:
//
//   - a create is one POST per set (maxItems 1), every value with its type
//     (required under one reading, q9);
//   - an update is a PATCH by id; every update carries display_label and a
//     non-empty pick_list_values (mandatory on the doc pages, q10): when no
//     value changes, one value is sent as it is;
//   - one update removes at most one value and moves at most one value to
//     unused (LIMIT_EXCEEDED, limit 1), so further removals go in further
//     PATCHes, each after the one before;
//   - renames that swap display values or pass them along a chain (or a
//     new value that takes the display value of a renamed one) first give
//     the values whose display values others take a temporary one
//     ("crmsync tmp N") in a PATCH of their own (tempRenames), so that no
//     request names one display value twice, whether Zoho checks the
//     entries one by one or the request as a whole; other renames stay in
//     the update;
//   - removals wait for the plan's writes of fields that use the set and
//     the locking writes of modules whose fields use the set (a locking rule may compare with the
//     value: Zoho refuses to remove it while one does), except one removal
//     that frees a display value the update gives another value, which goes
//     in the update itself as its first entry;
//   - a delete is a DELETE by id, which waits for every other write and may
//     answer 202 SCHEDULED (q11).

// gpRemoval is a removal PATCH built after the Field and locking writes.
type gpRemoval struct {
	c      *Change
	after  int
	values []globalpicklist.Value
}

// globalPicklistRequests builds the creates, updates and deletes of global
// picklists, and records the removals left for globalPicklistRemovals.
func (b *builder) globalPicklistRequests() {
	b.checkRemovalsInLocking()
	sets := len(b.in.Observed.OfKind(model.KindGlobalPicklist))
	for _, c := range b.changes {
		if c.Key.Kind == model.KindGlobalPicklist && c.Action == Create {
			sets++
		}
	}
	if sets > gpOrgLimit && sets > len(b.in.Observed.OfKind(model.KindGlobalPicklist)) {
		b.warn("the org would have %d global picklists; Zoho's documents show a limit of %d per org (LIMIT_EXCEEDED), so a create may be refused", sets, gpOrgLimit)
	}
	for _, c := range b.changes {
		if c.Key.Kind != model.KindGlobalPicklist {
			continue
		}
		b.checkManyUsers(c)
		switch c.Action {
		case Create:
			b.gpWrites[model.Fold(c.Key.Name)] = b.newRequest("POST", gpPath, nil, gpKey,
				globalpicklist.Body{GlobalPicklists: []globalpicklist.Item{gpCreateItem(c.After.GlobalPicklist)}}, []model.Key{c.Key})
		case Update:
			b.gpUpdate(c)
		case Delete:
			b.newRequest("DELETE", gpPath+"/"+c.ID, nil, gpKey, nil, []model.Key{c.Key})
		}
	}
	b.checkGlobalPicklistLabels()
}

// globalPicklistWrite is the request that creates the global picklist
// apiName, or makes its update other than removals, in this plan; 0 when
// there is none. A field that uses the set goes after it.
func (b *builder) globalPicklistWrite(apiName string) int {
	return b.gpWrites[model.Fold(apiName)]
}

func gpCreateItem(g *model.GlobalPicklist) globalpicklist.Item {
	it := globalpicklist.Item{APIName: g.APIName, DisplayLabel: strOf(g.DisplayLabel),
		Description: g.Description, SortedLexically: g.PickListValuesSortedLexically}
	for _, v := range values(g) {
		e := globalpicklist.Value{DisplayValue: v.DisplayValue, Type: typeOf(v)}
		if v.Stored() != v.DisplayValue {
			e.ActualValue = v.Stored()
		}
		it.PickListValues = append(it.PickListValues, e)
	}
	return it
}

// gpUpdate builds the update of c and queues its further removals.
func (b *builder) gpUpdate(c *Change) {
	g, live := c.After.GlobalPicklist, values(c.Before.GlobalPicklist)
	changed := changedKeys(c)
	dels, unused, freeing := b.gpRemovals(c)
	var gone []string
	var now []globalpicklist.Value
	wait := b.removalsWait(c.Key.Name)
	if len(freeing) > 0 || (len(dels) > 0 && !wait) {
		gone, now, dels = []string{dels[0]}, []globalpicklist.Value{{ID: dels[0], Delete: true}}, dels[1:]
	}
	if len(unused) > 0 && !wait {
		now, unused = append(now, globalpicklist.Value{ID: unused[0], Type: model.PicklistUnused}), unused[1:]
	}
	entries := b.gpEntries(c, gone, now)
	main := 0
	if len(entries) > 0 || changed["display_label"] || changed["description"] || changed["pick_list_values_sorted_lexically"] {
		it := globalpicklist.Item{DisplayLabel: strOf(g.DisplayLabel), PickListValues: entries}
		if changed["description"] {
			it.Description = model.Ptr(strOf(g.Description))
		}
		if changed["pick_list_values_sorted_lexically"] {
			it.SortedLexically = g.PickListValuesSortedLexically
		}
		if len(it.PickListValues) == 0 && len(live) > 0 {
			// Mandatory under one reading (q10): the first value, unchanged.
			it.PickListValues = []globalpicklist.Value{{ID: live[0].ID, DisplayValue: live[0].DisplayValue}}
		}
		temps := b.gpTemps(c)
		main = b.newRequest("PATCH", gpPath+"/"+c.ID, nil, gpKey, globalpicklist.Body{GlobalPicklists: []globalpicklist.Item{it}}, []model.Key{c.Key})
		b.after(main, temps)
		b.gpWrites[model.Fold(c.Key.Name)] = main
	}
	for i := 0; i < max(len(dels), len(unused)); i++ {
		var vs []globalpicklist.Value
		if i < len(dels) {
			vs = append(vs, globalpicklist.Value{ID: dels[i], Delete: true})
		}
		if i < len(unused) {
			vs = append(vs, globalpicklist.Value{ID: unused[i], Type: model.PicklistUnused})
		}
		b.gpPending = append(b.gpPending, gpRemoval{c: c, after: main, values: vs})
	}
}

// gpTemps builds the request that gives temporary display values to the
// values of c whose display values others take first (tempRenames), and
// returns its id, or 0 when no value needs one. It carries the live
// display_label (mandatory under one reading, q10) and changes nothing
// else.
func (b *builder) gpTemps(c *Change) int {
	if c.After.GlobalPicklist.PickListValues == nil {
		return 0
	}
	live := values(c.Before.GlobalPicklist)
	byID := map[string]model.PicklistValue{}
	for _, v := range live {
		byID[v.ID] = v
	}
	var claims []nameClaim
	for _, v := range *c.After.GlobalPicklist.PickListValues {
		l, ok := byID[v.ID]
		switch {
		case v.ID == "" || !ok:
			claims = append(claims, nameClaim{display: v.DisplayValue})
		case l.DisplayValue != v.DisplayValue:
			claims = append(claims, nameClaim{id: v.ID, display: v.DisplayValue})
		}
	}
	temps := tempRenames(claims, live)
	if len(temps) == 0 {
		return 0
	}
	it := globalpicklist.Item{DisplayLabel: strOf(c.Before.GlobalPicklist.DisplayLabel)}
	for _, t := range temps {
		it.PickListValues = append(it.PickListValues, globalpicklist.Value{ID: t.id, DisplayValue: t.name})
	}
	return b.newRequest("PATCH", gpPath+"/"+c.ID, nil, gpKey, globalpicklist.Body{GlobalPicklists: []globalpicklist.Item{it}}, []model.Key{c.Key})
}

// gpEntries are the value entries of an update: the removal the update
// itself makes (in now) first, then renames, moves to used and to unused,
// new values and sequence numbers, in target order. gone are the values
// now deletes.
func (b *builder) gpEntries(c *Change, gone []string, now []globalpicklist.Value) []globalpicklist.Value {
	g, live := c.After.GlobalPicklist, values(c.Before.GlobalPicklist)
	if g.PickListValues == nil {
		return now
	}
	after := *g.PickListValues
	var moves map[int]int
	var laterMoves map[string]int
	if !*orDefault(g.PickListValuesSortedLexically, false) {
		moves, laterMoves = sequenceMoves(live, after, gone)
	}
	byID := map[string]model.PicklistValue{}
	for _, v := range live {
		byID[v.ID] = v
	}
	var out []globalpicklist.Value
	for _, n := range now { // first: the display value it frees is then free
		if n.Delete {
			out = append(out, n)
		}
	}
	for i, v := range after {
		e := globalpicklist.Value{ID: v.ID, SequenceNumber: moves[i]}
		l, ok := byID[v.ID]
		switch {
		case v.ID == "" || !ok:
			e.DisplayValue, e.Type = v.DisplayValue, typeOf(v)
			if v.Stored() != v.DisplayValue {
				e.ActualValue = v.Stored()
			}
		default:
			if l.DisplayValue != v.DisplayValue {
				e.DisplayValue = v.DisplayValue
			}
			if l.Unused() && !v.Unused() {
				e.Type = model.PicklistUsed
			}
		}
		for _, n := range now { // the update's own removal of this value
			if n.ID != "" && n.ID == v.ID {
				e.Type = n.Type
			}
		}
		if e != (globalpicklist.Value{ID: v.ID}) {
			out = append(out, e)
		}
	}
	for _, l := range live { // values a later request removes, moved meanwhile
		if seq := laterMoves[l.ID]; seq > 0 {
			out = append(out, globalpicklist.Value{ID: l.ID, SequenceNumber: seq})
		}
	}
	return out
}

// gpRemovals returns the ids of the live values c deletes (those whose
// display value another value takes first, in freeing) and of those it
// moves to unused.
func (b *builder) gpRemovals(c *Change) (dels, unused, freeing []string) {
	after := values(c.After.GlobalPicklist)
	if c.After.GlobalPicklist.PickListValues == nil {
		return nil, nil, nil
	}
	byID := map[string]model.PicklistValue{}
	for _, v := range after {
		if v.ID != "" {
			byID[v.ID] = v
		}
	}
	var rest []string
	for _, l := range values(c.Before.GlobalPicklist) {
		a, kept := byID[l.ID]
		switch {
		case kept && !l.Unused() && a.Unused():
			unused = append(unused, l.ID)
		case kept:
		case slices.ContainsFunc(after, func(a model.PicklistValue) bool { return model.SameName(a.DisplayValue, l.DisplayValue) }):
			freeing = append(freeing, l.ID)
		default:
			rest = append(rest, l.ID)
		}
	}
	var removed []model.PicklistValue
	for _, l := range values(c.Before.GlobalPicklist) {
		if _, kept := byID[l.ID]; !kept {
			removed = append(removed, l)
		}
	}
	b.refuseTempRemovals(b.desiredOf(c), removed)
	if len(freeing) > 1 {
		b.problem(b.desiredOf(c), "%d removed values give their display values to other values, and Zoho removes one value per request while it checks display values at each; apply the removals first (without the renames), then the rest",
			[]any{"pick_list_values"}, len(freeing))
	}
	return append(slices.Clone(freeing), rest...), unused, freeing
}

// removalsWait reports whether the plan has writes that the value removals
// of set must wait for (removalWaitsFor).
func (b *builder) removalsWait(set string) bool {
	return slices.ContainsFunc(b.changes, func(c *Change) bool { return b.removalWaitsFor(c, set) })
}

// removalWaitsFor reports whether a removal from set waits for c: the
// Field writes of a field that uses the set before or after the plan, and
// the locking writes of a module with a field that uses the set, or whose
// fields were not read (a rule there may compare with the value, and Zoho
// refuses to remove it while one does).
func (b *builder) removalWaitsFor(c *Change, set string) bool {
	switch c.Key.Kind {
	case model.KindField:
		return slices.ContainsFunc([]*model.Object{c.Before, c.After}, func(o *model.Object) bool {
			return o != nil && o.Field != nil && o.Field.GlobalPicklist != nil && model.SameName(*o.Field.GlobalPicklist, set)
		})
	case model.KindLockingConfig:
		fields, read := b.in.Lookups.Fields[c.Key.Name]
		return !read || slices.ContainsFunc(fields, func(f model.FieldInfo) bool {
			return f.GlobalPicklist != nil && model.SameName(f.GlobalPicklist.Name, set)
		})
	}
	return false
}

// globalPicklistRemovals builds the queued removal PATCHes, once the Field
// and locking writes exist: each waits for those it must (removalWaitsFor),
// and goes after the update of its set and the removal before it.
func (b *builder) globalPicklistRemovals() {
	prev := map[*Change]int{}
	for _, p := range b.gpPending {
		var others []int
		for _, r := range b.reqs {
			if r.Method != "DELETE" && slices.ContainsFunc(r.Changes, func(k model.Key) bool {
				c := b.byKey[k]
				return c != nil && b.removalWaitsFor(c, p.c.Key.Name)
			}) {
				others = append(others, r.ID)
			}
		}
		it := globalpicklist.Item{DisplayLabel: strOf(p.c.After.GlobalPicklist.DisplayLabel), PickListValues: p.values}
		id := b.newRequest("PATCH", gpPath+"/"+p.c.ID, nil, gpKey, globalpicklist.Body{GlobalPicklists: []globalpicklist.Item{it}}, []model.Key{p.c.Key})
		b.after(id, p.after, prev[p.c])
		prev[p.c] = id
		r := &b.reqs[id-1]
		r.Wait = append(r.Wait, others...)
	}
	b.gpPending = nil
}

func strOf(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
