package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
)

// Checks of locking configurations that Zoho would refuse, found before any
// write so that the plan can point at the manifest.

// lockableStandard are the standard modules that support record locking
// (Add Record Locking Configuration, v8; Products is new in v8) [api.md
// §1.1]. Custom modules created by users support it too.
var lockableStandard = []string{"Leads", "Contacts", "Accounts", "Deals", "Quotes", "Sales_Orders",
	"Purchase_Orders", "Invoices", "Vendors", "Price_Books", "Cases", "Solutions", "Tasks", "Products"}

// lockingRefused reports a problem when Zoho refused to read the locking
// configuration of d's module: the module does not exist, does not support
// record locking, or the org's edition lacks the feature. The read's answer
// decides, not a list: Zoho's list of supported modules changes between
// versions.
func (b *builder) lockingRefused(d *model.Object) bool {
	code := b.in.Lookups.LockingErrors[d.Key.Name]
	switch code {
	case "":
		return false
	case "INVALID_MODULE":
		b.problem(d, "no module with API name %q in the org (Zoho answers INVALID_MODULE); name the module by its API name%s",
			[]any{"module"}, d.Key.Name, hint(d.Key.Name, b.lockableModules()))
	case "NOT_SUPPORTED":
		b.problem(d, "module %s does not support record locking (Zoho answers NOT_SUPPORTED); Zoho supports it on %s and on custom modules created in the org; remove this configuration",
			[]any{"module"}, d.Key.Name, strings.Join(lockableStandard, ", "))
	default:
		b.problem(d, "the org cannot have a locking configuration on module %s (Zoho answers %s: the org's edition lacks record locking); remove this configuration",
			[]any{"module"}, d.Key.Name, code)
	}
	return true
}

// lockableModules are the org's modules that may have a locking
// configuration, for suggestions: documented standard modules and custom
// modules.
func (b *builder) lockableModules() []string {
	var out []string
	for _, m := range b.in.Lookups.Modules {
		if m.GeneratedType == "custom" || slices.Contains(lockableStandard, m.APIName) {
			out = append(out, m.APIName)
		}
	}
	if len(out) == 0 {
		for _, m := range b.in.Observed.OfKind(model.KindModule) {
			out = append(out, m.Key.Name)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// checkRuleDuplicates reports two rules of one configuration whose criteria
// mean the same: Zoho refuses duplicate criteria inside a configuration
// (DUPLICATE_DATA, [seed:update-record-locking-configuration]). Rule names
// that differ only in case or surrounding spaces are refused earlier, by
// the manifest loader. rules is the
// configuration's rule set after apply, in manifest order: a manifest that
// manages locking_rules names every rule that stays, each with its
// criteria, so comparing them covers new rules and live ones alike.
func (b *builder) checkRuleDuplicates(d *model.Object, rules []model.LockingRule) {
	if d.LockingConfig.LockingRules == nil {
		return
	}
	first := map[string]int{}
	for i, r := range rules {
		if r.Criteria == nil {
			continue
		}
		k := criteriaKey(r.Criteria)
		j, dup := first[k]
		if !dup {
			first[k] = i
			continue
		}
		where := ""
		if s := b.rulePos(d, j); s != nil {
			where = " (" + s.String() + ")"
		}
		b.problem(d, "the criteria of rule %q mean the same as those of rule %q%s; Zoho refuses two rules with the same criteria in one configuration (DUPLICATE_DATA); change the criteria or remove one rule",
			[]any{"locking_rules", i, "criteria"}, r.Name, rules[j].Name, where)
	}
}

// rulePos is the position of rule i's criteria, or of the rule.
func (b *builder) rulePos(d *model.Object, i int) *model.Source {
	return b.opts.Positions.Of(d.Key, "locking_rules", i, "criteria")
}

// criteriaKey is a canonical form of criteria for duplicate detection:
// field names, comparators and operators compare without regard to case,
// the members of a group are sorted (an AND or OR does not depend on their
// order), a group nested in a group of the same operator is flattened, and
// a group of one condition is that condition.
func criteriaKey(c *model.Criteria) string {
	if !c.IsGroup() {
		return fmt.Sprintf("%s %s %s", strings.ToLower(strings.TrimSpace(c.Field)), strings.ToLower(c.Comparator), valueText(c.Value))
	}
	op := strings.ToUpper(c.GroupOperator)
	parts := groupParts(c, op)
	if len(parts) == 1 {
		return parts[0]
	}
	slices.Sort(parts)
	parts = slices.Compact(parts)
	return op + "(" + strings.Join(parts, ", ") + ")"
}

func groupParts(c *model.Criteria, op string) []string {
	var parts []string
	for i := range c.Group {
		g := &c.Group[i]
		if g.IsGroup() && strings.ToUpper(g.GroupOperator) == op {
			parts = append(parts, groupParts(g, op)...)
			continue
		}
		parts = append(parts, criteriaKey(g))
	}
	return parts
}
