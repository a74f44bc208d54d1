package plan_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

// checkNameOrder: Zoho keeps role and contact-role names unique, and may
// check each item of a call against the org as it was before the call. So
// every write that gives an object a name held by another live object
// must wait (through After) for a request that frees it: the delete of
// that object, or its rename to another name, in an earlier call.
func checkNameOrder(t *testing.T, f *fixture, p *plan.Plan) {
	t.Helper()
	byID := map[int]plan.Request{}
	for _, r := range p.Requests {
		byID[r.ID] = r
	}
	for _, r := range p.Requests {
		kind := kindOfPath(r.Path)
		if kind == "" || r.Method == "DELETE" {
			continue
		}
		deps := afterClosure(byID, r)
		for _, item := range rawItems(t, r) {
			name, _ := item["name"].(string)
			if name == "" {
				continue
			}
			id, _ := item["id"].(string)
			if id == "" && r.Method == "PUT" {
				id = r.Path[strings.LastIndexByte(r.Path, '/')+1:]
			}
			for _, o := range f.input.Observed.OfKind(kind) {
				if o.ID == id || !model.SameName(o.Key.Name, name) {
					continue
				}
				if !slices.ContainsFunc(deps, func(d int) bool { return frees(t, byID[d], o.ID, name) }) {
					t.Errorf("request %d gives %q to an object while the live %s still has it: it waits for no request that frees the name", r.ID, name, o.Key)
				}
			}
		}
	}
}

func kindOfPath(path string) model.Kind {
	switch {
	case strings.HasPrefix(path, "/settings/roles"):
		return model.KindRole
	case strings.HasPrefix(path, "/Contacts/roles"):
		return model.KindContactRole
	}
	return ""
}

func afterClosure(byID map[int]plan.Request, r plan.Request) []int {
	var out []int
	stack := slices.Clone(r.After)
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !slices.Contains(out, id) {
			out = append(out, id)
			stack = append(stack, byID[id].After...)
		}
	}
	return out
}

func rawItems(t *testing.T, r plan.Request) []map[string]any {
	if len(r.Body) == 0 {
		return nil
	}
	var body map[string][]map[string]any
	if err := json.Unmarshal(r.Body, &body); err != nil {
		t.Fatalf("request %d: %v", r.ID, err)
	}
	return body[r.Key]
}

// frees reports whether request r deletes live object id, or renames it to
// a name other than name.
func frees(t *testing.T, r plan.Request, id, name string) bool {
	if r.Method == "DELETE" {
		if strings.HasSuffix(r.Path, "/"+id) {
			return true
		}
		for _, q := range r.Query {
			if q.Name == "ids" && slices.Contains(strings.Split(q.Value, ","), id) {
				return true
			}
		}
		return false
	}
	for _, item := range rawItems(t, r) {
		n, _ := item["name"].(string)
		if (item["id"] == id || strings.HasSuffix(r.Path, "/"+id)) && n != "" && !model.SameName(n, name) {
			return true
		}
	}
	return false
}
