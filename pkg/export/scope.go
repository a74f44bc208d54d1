package export

import (
	"slices"

	"github.com/crmsync/crmsync/pkg/model"
)

// Scope is what an export of kinds reads: every object of those kinds, the
// users when roles are exported (for forecast managers), and the locking
// configurations of modules, read best effort. When kinds holds locking
// configurations and modules is empty, the caller sets LockingModules to
// LockableModules of the org's modules.
func Scope(kinds []model.Kind, modules []string) model.Scope {
	scope := model.Scope{AllModules: true, LockingBestEffort: true}
	for _, k := range kinds {
		switch k {
		case model.KindRole:
			scope.Kinds, scope.Users = append(scope.Kinds, k), true
		case model.KindModule, model.KindContactRole:
			scope.Kinds = append(scope.Kinds, k)
		}
	}
	if slices.Contains(kinds, model.KindLockingConfig) && len(modules) > 0 {
		scope.LockingModules = modules
	}
	return scope
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
