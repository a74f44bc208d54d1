package contactrole

import (
	"github.com/crmsync/crmsync/pkg/kinds/spec"
	"github.com/crmsync/crmsync/pkg/model"
)

// document writes a contact role's name and sequence number.
func document(o *model.Object) []spec.Pair {
	c := o.ContactRole
	if c == nil {
		return nil
	}
	d := []spec.Pair{{K: "name", V: c.Name}}
	if c.SequenceNumber != nil {
		d = append(d, spec.Pair{K: "sequence_number", V: *c.SequenceNumber})
	}
	return d
}
