package project

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"gopkg.in/yaml.v3"

	"github.com/crmsync/crmsync/pkg/desired"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/schemas"
)

// compiled is the project schema, compiled once from the embedded file;
// nothing is loaded from the network or the disk.
var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.LoadURL = func(s string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("schema %s is not embedded in crmsync", s)
	}
	u := schemas.URL(schemas.ProjectFile)
	if err := c.AddResource(u, bytes.NewReader(schemas.Bytes(schemas.ProjectFile))); err != nil {
		return nil, err
	}
	return c.Compile(u)
})

// validate checks the document against the project schema and reports
// every problem at the line and column of the value concerned.
func validate(path string, root *yaml.Node) desired.Diagnostics {
	nodes := map[string]*yaml.Node{}
	v, err := toJSON(root, "", nodes)
	at := func(ptr string) model.Source {
		for {
			if n, ok := nodes[ptr]; ok {
				return model.Source{File: path, Line: n.Line, Column: n.Column}
			}
			if ptr == "" {
				return model.Source{File: path}
			}
			ptr = ptr[:strings.LastIndexByte(ptr, '/')]
		}
	}
	if err != nil {
		return desired.Diagnostics{{Source: at(err.ptr), Message: err.msg}}
	}
	s, cerr := compiled()
	if cerr != nil {
		return desired.Diagnostics{{Source: model.Source{File: path}, Message: "cannot load the project schema: " + cerr.Error()}}
	}
	verr := s.Validate(v)
	var ve *jsonschema.ValidationError
	if verr == nil {
		return nil
	}
	if !errors.As(verr, &ve) {
		return desired.Diagnostics{{Source: model.Source{File: path}, Message: verr.Error()}}
	}
	var ds desired.Diagnostics
	for _, leaf := range leaves(ve) {
		ptr := unescape(leaf.InstanceLocation)
		msg := leaf.Message
		if p := dotted(ptr); p != "" {
			msg = p + ": " + msg
		}
		ds = append(ds, desired.Diagnostic{Source: at(ptr), Key: "Project", Message: msg})
	}
	return ds.Sorted()
}

func leaves(ve *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return []*jsonschema.ValidationError{ve}
	}
	var out []*jsonschema.ValidationError
	for _, c := range ve.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

// unescape turns a jsonschema/v5 instance location into a plain pointer.
func unescape(loc string) string {
	parts := strings.Split(loc, "/")
	for i, p := range parts {
		if u, err := url.PathUnescape(p); err == nil {
			parts[i] = strings.NewReplacer("~1", "/", "~0", "~").Replace(u)
		}
	}
	return strings.Join(parts, "/")
}

func dotted(ptr string) string {
	return strings.ReplaceAll(strings.TrimPrefix(ptr, "/"), "/", ".")
}

type convErr struct{ ptr, msg string }

// toJSON converts a YAML node to JSON values, recording each value's node.
func toJSON(n *yaml.Node, ptr string, nodes map[string]*yaml.Node) (any, *convErr) {
	nodes[ptr] = n
	switch n.Kind {
	case yaml.AliasNode:
		return toJSON(n.Alias, ptr, nodes)
	case yaml.ScalarNode:
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, &convErr{ptr, err.Error()}
		}
		if n.ShortTag() == "!!timestamp" {
			return n.Value, nil
		}
		return v, nil
	case yaml.SequenceNode:
		out := make([]any, len(n.Content))
		for i, c := range n.Content {
			v, err := toJSON(c, ptr+"/"+strconv.Itoa(i), nodes)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	case yaml.MappingNode:
		out := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			p := ptr + "/" + k.Value
			if _, dup := out[k.Value]; dup {
				return nil, &convErr{p, fmt.Sprintf("key %q is defined twice", k.Value)}
			}
			v, err := toJSON(n.Content[i+1], p, nodes)
			if err != nil {
				return nil, err
			}
			out[k.Value] = v
			nodes[p] = k
		}
		return out, nil
	}
	return nil, &convErr{ptr, "unexpected YAML node"}
}
