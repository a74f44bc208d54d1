package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
)

// Module labels are unique across the org's modules: the update page calls
// plural_label "the unique plural name of the module" and singular_label
// "the unique singular name" [seed:update-custom-module], and Zoho answers
// a taken label with DUPLICATE_DATA or INVALID_DATA [api.md §2.2, §8]. The
// docs do not say how labels are compared, so the plan takes the reading
// that refuses most, which is also the one a careless client meets: case
// and leading or trailing spaces do not count, and a plural label clashes
// with another module's singular label as well as with its plural label
// (the module list shows both as names of the module). A module's own two
// labels may be equal: nothing says a module clashes with itself.
//
// Uniqueness holds at each call, not only at the end: a module may take a
// label that another module gives up in the same plan, once that module's
// update has succeeded, so the taking update waits for it. When two
// modules trade labels no order works, and the plan refuses.

// labelKey is how Zoho is taken to compare labels.
func labelKey(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// labelWait says that an update takes label i, which module n frees.
type labelWait struct {
	n *moduleLabels
	i int
}

// moduleLabels is one module's labels, live and after the plan.
type moduleLabels struct {
	apiName     string
	live, after [2]string // plural, singular
	change      *Change   // nil when the plan leaves the module alone
}

var labelKeys = [2]string{"plural_label", "singular_label"}

// orgModules lists every module of the org with its labels after the plan.
func (b *builder) orgModules() []*moduleLabels {
	var out []*moduleLabels
	seen := map[string]*moduleLabels{}
	add := func(api, plural, singular string) {
		if seen[api] == nil {
			m := &moduleLabels{apiName: api, live: [2]string{plural, singular}}
			m.after = m.live
			seen[api] = m
			out = append(out, m)
		}
	}
	for _, m := range b.in.Lookups.Modules {
		add(m.APIName, m.PluralLabel, m.SingularLabel)
	}
	for _, o := range b.in.Observed.OfKind(model.KindModule) {
		add(o.Key.Name, derefString(o.Module.PluralLabel), derefString(o.Module.SingularLabel))
	}
	for _, c := range b.changes {
		m := seen[c.Key.Name]
		if c.Key.Kind != model.KindModule || c.Action != Update || m == nil || c.After.Module == nil {
			continue
		}
		m.change = c
		m.after = [2]string{derefString(c.After.Module.PluralLabel), derefString(c.After.Module.SingularLabel)}
	}
	return out
}

// checkModuleLabels reports labels that another module keeps or takes, and
// orders an update that takes a label after the update that frees it. It
// runs once the module requests exist.
func (b *builder) checkModuleLabels() {
	mods := b.orgModules()
	waits := map[*moduleLabels][]labelWait{}
	for _, m := range mods {
		if m.change == nil {
			continue
		}
		for i := range 2 {
			if m.after[i] == "" || labelKey(m.after[i]) == labelKey(m.live[i]) {
				continue
			}
			b.checkLabel(m, i, mods, waits)
		}
	}
	b.orderLabelWaits(mods, waits)
}

// checkLabel checks label i of m against every other module.
func (b *builder) checkLabel(m *moduleLabels, i int, mods []*moduleLabels, waits map[*moduleLabels][]labelWait) {
	k := labelKey(m.after[i])
	for _, n := range mods {
		if n == m {
			continue
		}
		if j := slices.IndexFunc(n.after[:], func(s string) bool { return labelKey(s) == k }); j >= 0 {
			// Both take the label: report it once, at the later manifest.
			if n.change != nil && labelKey(n.after[j]) != labelKey(n.live[j]) && n.apiName > m.apiName {
				continue
			}
			b.problem(b.desiredOf(m.change), "%s %q is also %s; Zoho keeps module labels unique, comparing plural and singular labels without regard to case or surrounding spaces (DUPLICATE_DATA); choose another label",
				[]any{labelKeys[i]}, labelKeys[i], m.after[i], b.labelOwner(n, j))
			continue
		}
		if slices.ContainsFunc(n.live[:], func(s string) bool { return labelKey(s) == k }) && n.change != nil {
			waits[m] = append(waits[m], labelWait{n, i}) // n frees the label: m's update goes after n's
		}
	}
}

// labelOwner describes who holds label j of n after the plan.
func (b *builder) labelOwner(n *moduleLabels, j int) string {
	what := strings.ReplaceAll(labelKeys[j], "_", " ")
	if n.change != nil && labelKey(n.after[j]) != labelKey(n.live[j]) {
		d := b.desiredOf(n.change)
		where := d.Where()
		if s := b.opts.Positions.Of(d.Key, labelKeys[j]); s != nil {
			where = s.String()
		}
		return fmt.Sprintf("the %s that module %s takes at %s", what, n.apiName, where)
	}
	return fmt.Sprintf("the %s of module %s", what, n.apiName)
}

// orderLabelWaits makes each label-taking update wait for the updates that
// free its labels, and refuses when the waits form a cycle.
func (b *builder) orderLabelWaits(mods []*moduleLabels, waits map[*moduleLabels][]labelWait) {
	for _, m := range mods {
		for _, w := range waits[m] {
			if reaches(w.n, m, waits, map[*moduleLabels]bool{}) {
				b.problem(b.desiredOf(m.change), "%s %q is a label that module %s gives up, but %s needs, directly or through other modules, a label that %s gives up: Zoho keeps labels unique at every call, so no update can go first; move one module to a temporary label in a separate apply first",
					[]any{labelKeys[w.i]}, labelKeys[w.i], m.after[w.i], w.n.apiName, w.n.apiName, m.apiName)
				continue
			}
			if len(m.change.Requests) > 0 && len(w.n.change.Requests) > 0 {
				b.after(m.change.Requests[0], w.n.change.Requests[0])
			}
		}
	}
}

// reaches reports whether from waits, directly or not, for to.
func reaches(from, to *moduleLabels, waits map[*moduleLabels][]labelWait, seen map[*moduleLabels]bool) bool {
	if from == to {
		return true
	}
	if seen[from] {
		return false
	}
	seen[from] = true
	for _, w := range waits[from] {
		if reaches(w.n, to, waits, seen) {
			return true
		}
	}
	return false
}
