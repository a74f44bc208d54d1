package export

import (
	"slices"
	"strings"

	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
)

// perModule lists the kinds read once per module: the scope list that
// names their modules, and which of the org's modules an export reads them
// for when no --module is given.
var perModule = map[model.Kind]struct {
	list func(*model.Scope) *[]string
	pick func([]Module) []string
}{
	model.KindLockingConfig: {func(s *model.Scope) *[]string { return &s.LockingModules }, LockableModules},
	model.KindField:         {func(s *model.Scope) *[]string { return &s.FieldModules }, FieldModules},
}

// isPerModule reports whether kind k is read once per module.
func isPerModule(k model.Kind) bool {
	if _, ok := perModule[k]; ok {
		return true
	}
	d, _ := kinds.Get(k)
	return d.Reads.PerModule
}

// Scope is what an export of kinds reads: every object of those kinds, the
// users when roles are exported (for forecast managers), and, for the kinds
// read per module, the modules given (locking configurations read best
// effort). When a chosen kind is read per module and modules is empty, the
// caller lists the org's modules and calls ForOrg.
func Scope(chosen []model.Kind, modules []string) model.Scope {
	scope := model.Scope{AllModules: true, LockingBestEffort: true}
	for _, k := range chosen {
		d, _ := kinds.Get(k)
		if !isPerModule(k) {
			scope.Kinds = append(scope.Kinds, k)
		}
		scope.Users = scope.Users || d.Reads.Users
		if p, ok := perModule[k]; ok && len(modules) > 0 {
			*p.list(&scope) = slices.Clone(modules)
		}
		// Every field read is an object, standard ones included: the
		// export layout decides what to write.
		scope.AllFields = scope.AllFields || k == model.KindField
	}
	return scope
}

// ForOrg sets the modules of the chosen per-module kinds from the org's
// modules: locking configurations on LockableModules, fields on
// FieldModules.
func ForOrg(scope *model.Scope, chosen []model.Kind, org []Module) {
	for _, k := range chosen {
		if p, ok := perModule[k]; ok {
			*p.list(scope) = p.pick(org)
		}
	}
}

// PerModule reports whether any chosen kind is read once per module, so
// that an export without --module must list the org's modules first.
func PerModule(chosen []model.Kind) bool {
	return slices.ContainsFunc(chosen, isPerModule)
}

// Module is what LockableModules and FieldModules need to know of one of
// the org's modules.
type Module struct {
	APIName       string
	PluralLabel   string
	GeneratedType string // "custom" for a custom module
}

// lockableModules are the standard modules that support record locking
// (Add Record Locking Configuration, v8); custom modules are added from
// the org.
var lockableModules = []string{"Leads", "Contacts", "Accounts", "Deals", "Quotes", "Sales_Orders", "Purchase_Orders",
	"Invoices", "Vendors", "Price_Books", "Cases", "Solutions", "Tasks", "Products"}

// LockableModules picks, in the org's order, the modules an export probes
// for a locking configuration: the standard modules that support record
// locking and every custom module.
func LockableModules(org []Module) []string {
	var out []string
	for _, m := range org {
		if slices.Contains(lockableModules, m.APIName) || m.GeneratedType == "custom" {
			out = append(out, m.APIName)
		}
	}
	return out
}

// fieldModules are the standard modules that accept custom fields
// (fields.md §1, from the create-custom-field page), in lower case with
// spaces as underscores; custom modules are added from the org.
var fieldModules = []string{"leads", "contacts", "accounts", "campaigns", "cases", "invoices", "deals",
	"price_books", "products", "purchase_orders", "quotes", "sales_orders", "solutions", "vendors", "calls",
	"tasks", "events", "users", "dealhistory", "quoteditems", "ordereditems", "purchaseitems", "invoiceditems",
	"visits", "services", "appointments"}

// FieldModules picks, in the org's order, the modules an export reads the
// fields of: the standard modules that accept custom fields, known by API
// name or plural label (Zoho's system modules end in "__s", as
// Services__s), and every custom module. The other modules (Home, Reports,
// linking modules …) have no fields a manifest manages.
func FieldModules(org []Module) []string {
	norm := func(s string) string { return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), " ", "_") }
	var out []string
	for _, m := range org {
		api := strings.TrimSuffix(norm(m.APIName), "__s")
		if m.GeneratedType == "custom" || slices.Contains(fieldModules, api) || slices.Contains(fieldModules, norm(m.PluralLabel)) {
			out = append(out, m.APIName)
		}
	}
	return out
}
