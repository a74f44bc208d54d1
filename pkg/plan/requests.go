package plan

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
)

// batchSize is Zoho's limit of objects per bulk contact-role call.
var batchSize = contactRoleBatch()

func contactRoleBatch() int {
	d, _ := kinds.Get(model.KindContactRole)
	return d.Caps.BatchSize
}

// newRequest appends a request whose body wraps items under key, and
// records it on every change it carries. It returns the request's ID.
func (b *builder) newRequest(method, path string, query []Param, key string, items []any, keys []model.Key) int {
	r := Request{ID: len(b.reqs) + 1, Method: method, Path: path, Query: query, Key: key, Changes: keys}
	var texts []string // every string of the body and query, unescaped
	if items != nil {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false) // names such as "<<" stay as Zoho has them
		if err := enc.Encode(map[string]any{key: items}); err != nil {
			panic(err) // bodies are built from plain maps, slices, strings and typed bodies
		}
		r.Body = bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		if bytes.Contains(r.Body, []byte("${id:")) {
			var plain any // the body as maps and slices, typed bodies included
			if err := json.Unmarshal(r.Body, &plain); err != nil {
				panic(err)
			}
			texts = stringsIn(plain, texts)
		}
	}
	for _, p := range query {
		texts = append(texts, p.Value)
	}
	for _, t := range texts {
		for _, ref := range refsIn(t) {
			if !slices.Contains(r.Refs, ref) {
				r.Refs = append(r.Refs, ref)
			}
		}
	}
	for _, k := range keys {
		if c := b.byKey[k]; c != nil {
			c.Requests = append(c.Requests, r.ID)
		}
	}
	b.reqs = append(b.reqs, r)
	return r.ID
}

// after makes request id wait for the requests in deps.
func (b *builder) after(id int, deps ...int) {
	r := &b.reqs[id-1]
	for _, d := range deps {
		if d != 0 && d != id && !slices.Contains(r.After, d) {
			r.After = append(r.After, d)
		}
	}
	slices.Sort(r.After)
}

// stringsIn appends every string held by v (maps, slices, strings).
func stringsIn(v any, out []string) []string {
	switch x := v.(type) {
	case string:
		out = append(out, x)
	case []any:
		for _, e := range x {
			out = stringsIn(e, out)
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			out = stringsIn(x[k], out)
		}
	}
	return out
}

// refsIn finds the placeholders in a string.
func refsIn(body string) []Ref {
	var refs []Ref
	for {
		i := strings.Index(body, "${id:")
		if i < 0 {
			return refs
		}
		j := strings.Index(body[i:], "}")
		ph := body[i : i+j+1]
		kind, name, _ := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(ph, "${id:"), "}"), "/")
		if n, err := url.PathUnescape(name); err == nil {
			name = n
		}
		ref := Ref{Placeholder: ph, Key: model.Key{Kind: model.Kind(kind), Name: name}}
		if !slices.Contains(refs, ref) {
			refs = append(refs, ref)
		}
		body = body[i+j+1:]
	}
}

// changedKeys is the set of top-level keys a change's fields touch.
func changedKeys(c *Change) map[string]bool {
	keys := map[string]bool{}
	for _, f := range c.Fields {
		top, _, _ := strings.Cut(f.Path, ".")
		keys[top] = true
	}
	return keys
}

// buildRequests builds every change's requests in dependency order: modules,
// roles (parents first), contact roles (batched), field creates and
// updates, locking configurations (a rule may use a new picklist value, and
// excluded_fields a new field), picklist option removals, then whole-object
// deletions last.
func (b *builder) buildRequests() {
	slices.SortFunc(b.changes, func(x, y *Change) int { return x.Key.Compare(y.Key) })
	for _, c := range b.changes {
		if c.Key.Kind == model.KindModule {
			b.moduleRequests(c)
		}
	}
	b.checkModuleLabels()
	b.roleRequests()
	b.contactRoleRequests()
	b.fieldRequests()
	for _, c := range b.changes {
		if c.Key.Kind == model.KindLockingConfig {
			b.lockingRequests(c)
			b.lockingFieldWaits(c)
		}
	}
	b.fieldRemovalRequests()
	b.resolveKeyWaits()
	b.orderDeletes()
	b.checkOrder()
}

// checkOrder refuses a plan whose requests wait for each other in a
// circle, which no order could apply.
func (b *builder) checkOrder() {
	state := make([]int, len(b.reqs)+1) // 0 new, 1 on the path, 2 done
	var visit func(id int) []int
	visit = func(id int) []int {
		if state[id] == 2 {
			return nil
		}
		if state[id] == 1 {
			return []int{id}
		}
		state[id] = 1
		r := b.reqs[id-1]
		for _, d := range append(slices.Clone(r.After), r.Wait...) {
			if loop := visit(d); loop != nil {
				return append(loop, id)
			}
		}
		state[id] = 2
		return nil
	}
	for _, r := range b.reqs {
		loop := visit(r.ID)
		if loop == nil {
			continue
		}
		keys := map[model.Key]bool{}
		for _, id := range loop {
			for _, k := range b.reqs[id-1].Changes {
				keys[k] = true
			}
		}
		for k := range keys {
			b.problem(b.desiredOf(b.byKey[k]), "its writes and those of other changes would each wait for the other (requests %v); apply this change in two steps", nil, loop)
		}
		return
	}
}

// orderDeletes makes every whole-object delete wait for all other requests
// to finish. It is an order, not a dependency: the deletes that depend on
// another request say so in After. A delete that frees a name another
// write takes goes before that write instead (see names.go).
func (b *builder) orderDeletes() {
	var others []int
	for _, r := range b.reqs {
		if r.Method != "DELETE" {
			others = append(others, r.ID)
		}
	}
	for i := range b.reqs {
		r := &b.reqs[i]
		if r.Method != "DELETE" || b.freeing[r.ID] {
			continue
		}
		for _, o := range others {
			if !slices.Contains(r.After, o) {
				r.Wait = append(r.Wait, o)
			}
		}
	}
}

// desiredOf returns the manifest object behind a change, for positions.
func (b *builder) desiredOf(c *Change) *model.Object {
	if d := b.in.Desired.Get(c.Key); d != nil {
		return d
	}
	return &model.Object{Key: c.Key, Source: c.Source}
}
