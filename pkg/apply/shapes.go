package apply

import (
	"slices"

	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/kinds/spec"
)

// shape is a part of a request body that Zoho takes in more than one
// documented form. Each is defined once, with its kind's body types, in
// the kind's package (spec.Dispute: role references in pkg/kinds/role,
// module profile removals in pkg/kinds/module). The plan sends first the
// form Zoho's v8 Node SDK sends (@zohocrm/nodejs-sdk-8.0 2.0.0); apply
// sends the other form once when Zoho refuses the first as spec.Rejects
// says (execute.go), or when Zoho answers SUCCESS but the re-read shows
// the field unchanged (accepted but ignored, ignored.go). The form that
// worked is remembered for the run.
type shape = spec.Dispute

// refForm is the form of a body's disputed part.
type refForm = spec.Form

const (
	formNone   = spec.FormNone
	formObject = spec.FormObject
	formString = spec.FormScalar
)

func other(f refForm) refForm { return f.Other() }

// shapes are the registered kinds' disputes, checked in order; a body
// holds at most one of them.
var shapes = disputes()

func disputes() []shape {
	var out []shape
	for _, d := range kinds.All() {
		out = append(out, d.Disputes...)
	}
	return out
}

// bodyShape finds the disputed part of a body, if any.
func bodyShape(body []byte) (shape, refForm) {
	for _, sh := range shapes {
		if f := sh.Form(body); f != formNone {
			return sh, f
		}
	}
	return shape{}, formNone
}

// covers reports whether the shape sets the plan field path.
func covers(sh shape, path string) bool { return slices.Contains(sh.Fields, path) }
