package plan

import (
	"github.com/crmsync/crmsync/pkg/model"
)

// Zoho keeps field labels unique in a module ("Field label duplicate",
// DUPLICATE_DATA, fields.md §2, §8). A new label that another live field
// holds is refused, unless that field's manifest gives it another label
// in this plan: then the update that takes the label goes in a request
// after the one that frees it (Zoho may check every item of a bulk PATCH
// against the labels before it). A cycle of labels (two fields swap them)
// has no such order.

// checkLabelFree reports whether live field o of manifest d may take the
// manifest's label, and makes the update wait for the field that frees it.
func (b *builder) checkLabelFree(d, o *model.Object) bool {
	df, of := d.Field, o.Field
	// A replanned change (verify, recovery) keeps its diff, so that a
	// label that did not take is a residual.
	if b.opts.replan || df.FieldLabel == nil || model.SameName(*df.FieldLabel, derefString(of.FieldLabel)) {
		return true
	}
	for _, other := range b.desiredLabels()[fieldLabelKey(df.Module, *df.FieldLabel)] {
		if other != d && !other.Absent {
			b.problem(d, "the manifest of %s gives the same field_label %q, and Zoho keeps labels unique in a module (DUPLICATE_DATA): give one of them another label",
				[]any{"field_label"}, other.Key.Name, *df.FieldLabel)
			return false
		}
	}
	holder := b.labelHolder(df.Module, *df.FieldLabel, of.APIName)
	if holder == nil {
		return true
	}
	hk := model.Key{Kind: model.KindField, Name: model.FieldKeyName(df.Module, holder.APIName)}
	hd := b.desiredFolded(hk)
	switch {
	case hd == nil || hd.Field == nil || hd.Field.FieldLabel == nil || model.SameName(*hd.Field.FieldLabel, *df.FieldLabel):
		b.problem(d, "module %s already has a field labelled %q (%s), and Zoho keeps labels unique (DUPLICATE_DATA): choose another field_label, or give %s another field_label in its manifest",
			[]any{"field_label"}, df.Module, holder.Label, holder.APIName, holder.APIName)
		return false
	case hd.Absent:
		b.problem(d, "the label %q belongs to %s, which this plan deletes, but deletes run last and Zoho keeps labels unique: apply the delete first, then this label",
			[]any{"field_label"}, *df.FieldLabel, holder.APIName)
		return false
	case b.labelCycle(df.Module, *hd.Field.FieldLabel, of.APIName, hd):
		b.problem(d, "the labels of %s and %s go round in a cycle, which Zoho cannot take in any order (labels are unique): give one field a temporary label in a first apply, then the final labels",
			[]any{"field_label"}, d.Key.Name, holder.APIName)
		return false
	}
	b.fieldWaits[d.Key] = append(b.fieldWaits[d.Key], hd.Key)
	return true
}

// labelHolder is the live field of module, other than apiName, labelled
// label (in any case), or nil.
func (b *builder) labelHolder(module, label, apiName string) *model.FieldInfo {
	for i, f := range b.in.Lookups.Fields[module] {
		if f.Label != "" && !model.SameName(f.APIName, apiName) && model.SameName(f.Label, label) {
			return &b.in.Lookups.Fields[module][i]
		}
	}
	return nil
}

// labelCycle follows the chain of fields freeing labels from next (the
// new label of the holder hd) and reports whether it comes back to field
// apiName.
func (b *builder) labelCycle(module, next, apiName string, hd *model.Object) bool {
	seen := map[string]bool{model.Fold(hd.Field.APIName): true}
	for range len(b.in.Lookups.Fields[module]) {
		h := b.labelHolder(module, next, "")
		if h == nil {
			return false
		}
		if model.SameName(h.APIName, apiName) {
			return true
		}
		if seen[model.Fold(h.APIName)] {
			return false
		}
		seen[model.Fold(h.APIName)] = true
		d := b.desiredFolded(model.Key{Kind: model.KindField, Name: model.FieldKeyName(module, h.APIName)})
		if d == nil || d.Field == nil || d.Field.FieldLabel == nil {
			return false
		}
		next = *d.Field.FieldLabel
	}
	return false
}

// desiredFolded is the manifest of key k, compared folded.
func (b *builder) desiredFolded(k model.Key) *model.Object {
	if d := b.in.Desired.Get(k); d != nil {
		return d
	}
	for _, d := range b.in.Desired.OfKind(k.Kind) {
		if model.FoldKey(d.Key) == model.FoldKey(k) {
			return d
		}
	}
	return nil
}

// desiredLabels indexes the Field manifests by module and folded label,
// built once per plan.
func (b *builder) desiredLabels() map[string][]*model.Object {
	if b.fieldLabels == nil {
		b.fieldLabels = map[string][]*model.Object{}
		for _, d := range b.in.Desired.OfKind(model.KindField) {
			if d.Field != nil && d.Field.FieldLabel != nil {
				k := fieldLabelKey(d.Field.Module, *d.Field.FieldLabel)
				b.fieldLabels[k] = append(b.fieldLabels[k], d)
			}
		}
	}
	return b.fieldLabels
}

func fieldLabelKey(module, label string) string {
	return model.Fold(module) + "\x00" + model.Fold(label)
}
