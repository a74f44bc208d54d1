package plan

import (
	"fmt"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
)

// hint renders "; did you mean X?" or the list of what exists.
func hint(name string, candidates []string) string {
	if c := model.Closest(name, candidates, 3); len(c) > 0 {
		return fmt.Sprintf("; did you mean %s?", quoteList(c, " or "))
	}
	if len(candidates) == 0 {
		return ""
	}
	if len(candidates) > 8 {
		return fmt.Sprintf("; it has %s, …", quoteList(candidates[:8], ", "))
	}
	return fmt.Sprintf("; it has %s", quoteList(candidates, ", "))
}

func quoteList(items []string, sep string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, sep)
}

// profileRef resolves a profile name to {"id", "name"}.
func (b *builder) profileRef(d *model.Object, name string, path ...any) map[string]any {
	var names []string
	for _, p := range b.in.Lookups.Profiles {
		if p.Name == name {
			return map[string]any{"id": p.ID, "name": p.Name}
		}
		names = append(names, p.Name)
	}
	b.problem(d, "no profile named %q in the org%s", path, name, hint(name, names))
	return nil
}

// fieldRef resolves a field API name of module to {"api_name", "id"}. When
// the fields were not read, only the API name is sent, which Zoho accepts.
// A field the plan creates resolves to its placeholder ID, and a picklist
// whose values the plan manages has its values after apply, which the
// criteria are checked against.
func (b *builder) fieldRef(d *model.Object, module, apiName string, path ...any) (map[string]any, *model.FieldInfo) {
	fields, ok := b.in.Lookups.Fields[module]
	var names []string
	for i, f := range fields {
		if f.APIName == apiName {
			if ref, info, planned := b.plannedField(module, apiName, &fields[i]); planned {
				return ref, info
			}
			return map[string]any{"api_name": f.APIName, "id": f.ID}, &fields[i]
		}
		names = append(names, f.APIName)
	}
	if ref, info, planned := b.plannedField(module, apiName, nil); planned {
		return ref, info // a field this plan creates
	}
	if !ok {
		return map[string]any{"api_name": apiName}, nil
	}
	b.problem(d, "module %s has no field with API name %q%s", path, module, apiName, hint(apiName, names))
	return nil, nil
}

// buttonRef resolves a custom button name of module to {"id", "name"}.
func (b *builder) buttonRef(d *model.Object, module, name string, path ...any) map[string]any {
	var names []string
	for _, x := range b.in.Lookups.Buttons[module] {
		if x.Name == name {
			return map[string]any{"id": x.ID, "name": x.Name}
		}
		names = append(names, x.Name)
	}
	b.problem(d, "module %s has no custom button named %q%s", path, module, name, hint(name, names))
	return nil
}

// userID resolves a user email, case-insensitively.
func (b *builder) userID(d *model.Object, email string, path ...any) string {
	var emails []string
	for _, u := range b.in.Lookups.Users {
		if strings.EqualFold(u.Email, email) {
			return u.ID
		}
		emails = append(emails, u.Email)
	}
	b.problem(d, "no user with email %q in the org%s", path, email, hint(email, emails))
	return ""
}

// checkPicklist reports a criteria value that is not one of a picklist
// field's values.
func (b *builder) checkPicklist(d *model.Object, f *model.FieldInfo, value any, path ...any) {
	s, ok := value.(string)
	if f == nil || len(f.PickList) == 0 || !ok {
		return
	}
	for _, v := range f.PickList {
		if v == s {
			return
		}
	}
	b.problem(d, "%q is not a value of the picklist %s%s", path, s, f.APIName, hint(s, f.PickList))
}
