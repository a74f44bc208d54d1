package bench

import "slices"

// Locking drift kinds.
const (
	lockActions = iota
	lockRuleEdit
	lockRuleAdd
	lockFields
	lockCreate
	lockDelete
	lockKinds
)

func (w *world) driftLocks(d *drifted) {
	chosen := map[int]int{}
	for j, i := range w.pick(len(w.locks), lockKinds) {
		chosen[i] = j % lockKinds
	}
	next := w.firstCustom() + len(w.locks) // custom modules past those with a configuration
	for i, l := range w.locks {
		dl := dLock{lock: cloneLock(l)}
		k, ok := chosen[i]
		if k == lockCreate && ok {
			if next < len(w.modules) {
				d.locks = append(d.locks, dLock{lock: w.newLock(next)})
				next++
				d.ledger.Locking.Create++
				d.locks = append(d.locks, dl)
				continue
			}
			k = lockActions // no module left without a configuration
		}
		switch {
		case !ok:
		case k == lockDelete:
			dl.absent = true
			d.ledger.Locking.Delete++
		default:
			w.editLock(&dl.lock, k)
			d.ledger.Locking.Update++
		}
		d.locks = append(d.locks, dl)
	}
}

// editLock changes one thing of a configuration.
func (w *world) editLock(l *lock, kind int) {
	switch {
	case kind == lockRuleEdit && len(l.rules) > 0:
		l.rules[0].existing = !l.rules[0].existing
	case kind == lockRuleEdit:
		l.portal = !l.portal
	case kind == lockRuleAdd && len(l.rules) > 0 && len(l.rules) < 5:
		l.rules = append(l.rules, w.genRule(l.base, len(l.rules)))
	case kind == lockRuleAdd:
		l.excludedProfiles = sortedInts(append(l.excludedProfiles, firstMissing(l.excludedProfiles)))
	case kind == lockFields && l.excludedFields == nil:
		l.excludedFields = []string{"Description"}
	case kind == lockFields && slices.Contains(l.excludedFields, "Amount"):
		l.excludedFields = slices.DeleteFunc(l.excludedFields, func(f string) bool { return f == "Amount" })
	case kind == lockFields:
		l.excludedFields = append(l.excludedFields, "Amount")
	case slices.Contains(l.actions, "delete"):
		l.actions = slices.DeleteFunc(l.actions, func(a string) bool { return a == "delete" })
	default:
		l.actions = append(l.actions, "delete")
	}
}

// newLock is the configuration a manifest creates on module m.
func (w *world) newLock(m int) lock {
	return lock{module: m, lockType: "automatic", lockedFor: "all_profiles", actions: []string{"update"},
		comms: []string{}, excludedFields: []string{"Description"}, portal: true,
		rules: []lockRule{w.genRule(0, 0)}}
}

func cloneLock(l lock) lock {
	l.excludedProfiles = slices.Clone(l.excludedProfiles)
	l.excludedFields = slices.Clone(l.excludedFields)
	l.actions = slices.Clone(l.actions)
	l.comms = slices.Clone(l.comms)
	l.buttons = slices.Clone(l.buttons)
	l.rules = slices.Clone(l.rules)
	return l
}

func firstMissing(ps []int) int {
	for p := 1; ; p++ {
		if !slices.Contains(ps, p) {
			return p
		}
	}
}
