package desired

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/crmsync/crmsync/pkg/diag"
	"github.com/crmsync/crmsync/pkg/model"
)

// Limits that keep a hostile document (deep nesting, alias bombs) cheap.
const (
	maxDepth  = 64
	maxValues = 100_000
)

// tree is one YAML document converted to JSON values (map[string]any,
// []any, string, bool, int, int64, uint64, float64, nil) together with the
// YAML node of every value, keyed by JSON pointer (RFC 6901).
//
// Once a document is checked, compact replaces the nodes by their
// positions: the YAML nodes are then garbage, and only positions are kept
// for the checks across documents and for Manifests.Pos.
type tree struct {
	file  string
	root  any
	nodes map[string]nodeRef
	lines map[string]diag.Place // after compact, instead of nodes
	uses  []VarUse              // placeholders resolved in this document
}

// compact keeps the position of every value and drops the YAML nodes.
func (t *tree) compact() {
	t.lines = make(map[string]diag.Place, len(t.nodes))
	for ptr, r := range t.nodes {
		if n := r.position(); n != nil {
			t.lines[ptr] = diag.Place{Line: int32(n.Line), Column: int32(n.Column)}
		}
	}
	t.nodes = nil
}

// nodeRef holds the nodes of one value: the mapping key (nil for sequence
// items and the root) and the value node.
type nodeRef struct {
	key, val *yaml.Node
}

// problem is a value JSON cannot hold, found while converting.
type problem struct {
	node *yaml.Node
	ptr  string // of the enclosing value, for the message's key path
	msg  string
}

// converter turns a YAML document into a tree, collecting problems.
type converter struct {
	nodes    map[string]nodeRef
	problems []problem
	count    int
	aborted  bool
	active   map[*yaml.Node]bool // anchors being expanded, to catch cycles
}

// convert converts the content of a document node.
func convert(file string, root *yaml.Node) (*tree, []problem) {
	c := &converter{nodes: map[string]nodeRef{"": {val: root}}, active: map[*yaml.Node]bool{}}
	v := c.value(root, "", 0)
	return &tree{file: file, root: v, nodes: c.nodes}, c.problems
}

func (c *converter) fail(n *yaml.Node, ptr, format string, args ...any) {
	c.problems = append(c.problems, problem{node: n, ptr: ptr, msg: fmt.Sprintf(format, args...)})
}

func (c *converter) value(n *yaml.Node, ptr string, depth int) any {
	if c.aborted {
		return nil
	}
	if c.count++; c.count > maxValues {
		c.aborted = true
		c.fail(n, ptr, "the document is too large: more than %d values after expanding aliases", maxValues)
		return nil
	}
	if depth > maxDepth {
		c.aborted = true
		c.fail(n, ptr, "the document is nested too deeply (more than %d levels)", maxDepth)
		return nil
	}
	switch n.Kind {
	case yaml.AliasNode:
		return c.alias(n, ptr, depth)
	case yaml.ScalarNode:
		return c.scalar(n, ptr)
	case yaml.SequenceNode:
		items := make([]any, 0, len(n.Content))
		for i, item := range n.Content {
			p := ptr + "/" + strconv.Itoa(i)
			c.nodes[p] = nodeRef{val: item}
			items = append(items, c.value(item, p, depth+1))
		}
		return items
	case yaml.MappingNode:
		return c.mapping(n, ptr, depth)
	}
	c.fail(n, ptr, "unexpected YAML node")
	return nil
}

func (c *converter) alias(n *yaml.Node, ptr string, depth int) any {
	target := n.Alias
	if target == nil {
		c.fail(n, ptr, "alias *%s has no anchor", n.Value)
		return nil
	}
	if c.active[target] {
		c.aborted = true
		c.fail(n, ptr, "alias *%s refers to a value that contains it", n.Value)
		return nil
	}
	c.active[target] = true
	defer delete(c.active, target)
	return c.value(target, ptr, depth+1)
}

func (c *converter) scalar(n *yaml.Node, ptr string) any {
	switch tag := n.ShortTag(); tag {
	case "!!str":
		return n.Value
	case "!!bool", "!!int", "!!float", "!!null":
		var v any
		if err := n.Decode(&v); err != nil {
			c.fail(n, ptr, "cannot read %s: %v", n.Value, err)
			return nil
		}
		if f, ok := v.(float64); ok && (math.IsNaN(f) || math.IsInf(f, 0)) {
			c.fail(n, ptr, "%s is not a number JSON can hold; quote it (%q) if you mean text", n.Value, n.Value)
			return nil
		}
		return v
	case "!!timestamp":
		c.fail(n, ptr, "%s is read as a date, which is not a valid value; quote it (%q) if you mean text", n.Value, n.Value)
	case "!!binary":
		c.fail(n, ptr, "binary values (!!binary) are not supported")
	default:
		c.fail(n, ptr, "the YAML tag %s is not supported", n.Tag)
	}
	return nil
}

func (c *converter) mapping(n *yaml.Node, ptr string, depth int) any {
	m := map[string]any{}
	seen := map[string]*yaml.Node{}
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			merges = append(merges, v)
			continue
		}
		key, ok := c.key(k, ptr)
		if !ok {
			continue
		}
		if first := seen[key]; first != nil {
			c.fail(k, ptr, "key %q is defined twice (first at line %d)", key, first.Line)
			continue
		}
		seen[key] = k
		p := ptr + "/" + escapeToken(key)
		c.nodes[p] = nodeRef{key: k, val: v}
		m[key] = c.value(v, p, depth+1)
	}
	for _, src := range merges {
		c.merge(m, src, ptr, depth)
	}
	return m
}

// key returns the string value of a mapping key.
func (c *converter) key(k *yaml.Node, ptr string) (string, bool) {
	if k.Kind == yaml.AliasNode && k.Alias != nil {
		k = k.Alias
	}
	if k.Kind != yaml.ScalarNode {
		c.fail(k, ptr, "a key must be a string, not a list or a mapping")
		return "", false
	}
	if tag := k.ShortTag(); tag != "!!str" {
		c.fail(k, ptr, "the key %s is %s; keys must be strings: write %q", k.Value, tagName(tag), k.Value)
		return "", false
	}
	return k.Value, true
}

// merge applies a YAML merge key ("<<: *base" or "<<: [*a, *b]"): keys of
// the sources that m does not have yet are added, earlier sources first.
func (c *converter) merge(m map[string]any, src *yaml.Node, ptr string, depth int) {
	srcs := []*yaml.Node{src}
	if src.Kind == yaml.SequenceNode {
		srcs = src.Content
	}
	for _, s := range srcs {
		target := s
		if target.Kind == yaml.AliasNode && target.Alias != nil {
			target = target.Alias
		}
		if target.Kind != yaml.MappingNode {
			c.fail(s, ptr, "<< (merge) needs a mapping or a list of mappings")
			continue
		}
		saved := c.nodes
		c.nodes = map[string]nodeRef{}
		v := c.value(s, ptr, depth+1)
		merged := c.nodes
		c.nodes = saved
		mm, _ := v.(map[string]any)
		added := map[string]bool{}
		for k, val := range mm {
			if _, ok := m[k]; !ok {
				m[k] = val
				added[escapeToken(k)] = true
			}
		}
		for p, r := range merged {
			rest, ok := strings.CutPrefix(p, ptr+"/")
			first, _, _ := strings.Cut(rest, "/")
			if ok && added[first] {
				c.nodes[p] = r
			}
		}
	}
}

func tagName(tag string) string {
	switch tag {
	case "!!int":
		return "an integer"
	case "!!float":
		return "a number"
	case "!!bool":
		return "a boolean"
	case "!!null":
		return "null"
	case "!!timestamp":
		return "a date"
	}
	return "tagged " + tag
}

// ref returns the nodes of ptr or of its nearest ancestor.
func (t *tree) ref(ptr string) nodeRef {
	for {
		if r, ok := t.nodes[ptr]; ok {
			return r
		}
		if ptr == "" {
			return nodeRef{}
		}
		ptr = parent(ptr)
	}
}

// pos returns the position of ptr: its key for a mapping member, the value
// itself for a sequence item or the root.
func (t *tree) pos(ptr string) model.Source {
	if t.nodes == nil && t.lines != nil {
		for {
			if lc, ok := t.lines[ptr]; ok {
				return model.Source{File: t.file, Line: int(lc.Line), Column: int(lc.Column)}
			}
			if ptr == "" {
				return model.Source{File: t.file}
			}
			ptr = parent(ptr)
		}
	}
	r := t.ref(ptr)
	return t.at(r.position())
}

// at returns the position of node n.
func (t *tree) at(n *yaml.Node) model.Source {
	if n == nil {
		return model.Source{File: t.file}
	}
	return model.Source{File: t.file, Line: n.Line, Column: n.Column}
}

func (r nodeRef) position() *yaml.Node {
	if r.key != nil {
		return r.key
	}
	return r.val
}

// get returns the value at ptr, or nil.
func (t *tree) get(ptr string) (any, bool) {
	v := t.root
	for _, tok := range tokens(ptr) {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[tok]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// maxPath is the longest key path shown in a message; longer ones (only
// in absurdly nested documents) keep their end.
const maxPath = 80

// path renders ptr for messages: locking_rules[0].criteria.field.
func (t *tree) path(ptr string) string {
	p := t.fullPath(ptr)
	if r := []rune(p); len(r) > maxPath {
		return "…" + string(r[len(r)-maxPath:])
	}
	return p
}

func (t *tree) fullPath(ptr string) string {
	var b strings.Builder
	v := t.root
	for _, tok := range tokens(ptr) {
		switch x := v.(type) {
		case []any:
			b.WriteString("[" + tok + "]")
			if i, err := strconv.Atoi(tok); err == nil && i >= 0 && i < len(x) {
				v = x[i]
			} else {
				v = nil
			}
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(tok)
			if m, ok := x.(map[string]any); ok {
				v = m[tok]
			} else {
				v = nil
			}
		}
	}
	return b.String()
}
