package export

import (
	"slices"

	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
)

// Scope is what an export of kinds reads: every object of those kinds, the
// users when roles are exported (for forecast managers), and the locking
// configurations of modules, read best effort. When kinds holds locking
// configurations and modules is empty, the caller sets LockingModules to
// LockableModules of the org's modules.
func Scope(chosen []model.Kind, modules []string) model.Scope {
	scope := model.Scope{AllModules: true, LockingBestEffort: true}
	perModule := false
	for _, k := range chosen {
		d, _ := kinds.Get(k)
		perModule = perModule || d.Reads.PerModule
		if !d.Reads.PerModule {
			scope.Kinds = append(scope.Kinds, k)
		}
		scope.Users = scope.Users || d.Reads.Users
	}
	if perModule && len(modules) > 0 {
		scope.LockingModules = modules
	}
	return scope
}

// PerModule reports whether any chosen kind is read once per module, so
// that an export without --module must list the org's modules first.
func PerModule(chosen []model.Kind) bool {
	for _, k := range chosen {
		if d, _ := kinds.Get(k); d.Reads.PerModule {
			return true
		}
	}
	return false
}

// Module is what LockableModules needs to know of one of the org's modules.
type Module struct {
	APIName       string
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
