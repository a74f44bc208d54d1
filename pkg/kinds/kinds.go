package kinds

import (
	"fmt"
	"strings"

	"github.com/crmsync/crmsync/pkg/kinds/contactrole"
	"github.com/crmsync/crmsync/pkg/kinds/field"
	"github.com/crmsync/crmsync/pkg/kinds/locking"
	"github.com/crmsync/crmsync/pkg/kinds/module"
	"github.com/crmsync/crmsync/pkg/kinds/role"
	"github.com/crmsync/crmsync/pkg/kinds/spec"
	"github.com/crmsync/crmsync/pkg/model"
)

// Descriptor is a kind's descriptor; see package spec.
type Descriptor = spec.Descriptor

// table is the registry: one line per kind, in the order plans and output
// are sorted in (modules first, then roles, contact roles, fields and locking
// configurations). The order must match model.Key.Compare; a test checks it.
var table = []Descriptor{
	module.Descriptor,
	role.Descriptor,
	contactrole.Descriptor,
	field.Descriptor,
	locking.Descriptor,
}

var byKind = index(table)

func index(t []Descriptor) map[model.Kind]*Descriptor {
	m := make(map[model.Kind]*Descriptor, len(t))
	for i := range t {
		if _, dup := m[t[i].Kind]; dup {
			panic(fmt.Sprintf("kinds: %s is registered twice", t[i].Kind))
		}
		m[t[i].Kind] = &t[i]
	}
	return m
}

// All returns every registered kind's descriptor, in sort order. The
// slice is a copy; the descriptors' maps must not be changed.
func All() []Descriptor { return append([]Descriptor(nil), table...) }

// Get returns kind's descriptor, or false for an unknown kind.
func Get(kind model.Kind) (Descriptor, bool) {
	if d := byKind[kind]; d != nil {
		return *d, true
	}
	return Descriptor{}, false
}

// Known reports whether kind is registered.
func Known(kind model.Kind) bool { return byKind[kind] != nil }

// List returns the registered kinds, in sort order.
func List() []model.Kind {
	out := make([]model.Kind, len(table))
	for i, d := range table {
		out[i] = d.Kind
	}
	return out
}

// Names returns the registered kinds' names, in sort order.
func Names() []string {
	out := make([]string, len(table))
	for i, d := range table {
		out[i] = string(d.Kind)
	}
	return out
}

// OneOf lists the kinds' names for a message: "A, B or C".
func OneOf() string {
	n := Names()
	if len(n) < 2 {
		return strings.Join(n, "")
	}
	return strings.Join(n[:len(n)-1], ", ") + " or " + n[len(n)-1]
}
