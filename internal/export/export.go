package export

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/kinds/spec"
	"github.com/crmsync/crmsync/pkg/model"
)

// File is one manifest to write, at a slash-separated relative path.
type File struct {
	Path string
	Data []byte
}

// dir is where kind's manifests go, from its descriptor's export layout.
func dir(kind model.Kind) string {
	d, _ := kinds.Get(kind)
	return d.Export.Dir
}

// Manifests renders every object of state as a manifest file.
func Manifests(state *model.State) []File {
	return manifests(state, Options{})
}

func manifests(state *model.State, opts Options) []File {
	var out []File
	used := map[string]bool{}
	for _, o := range state.Objects() {
		doc := document(o)
		if doc == nil {
			continue
		}
		if opts.Complete {
			doc = complete(o, doc)
		}
		doc = opts.placeholders(o.Key, doc)
		name := slug(o.Key.Name)
		p := path.Join(dir(o.Key.Kind), name+".yaml")
		for i := 2; used[p]; i++ {
			p = path.Join(dir(o.Key.Kind), fmt.Sprintf("%s-%d.yaml", name, i))
		}
		used[p] = true
		out = append(out, File{Path: p, Data: encode(doc)})
	}
	return out
}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

func slug(s string) string {
	t := strings.Trim(nonWord.ReplaceAllString(strings.ToLower(s), "-"), "-")
	if t == "" {
		return "object"
	}
	return t
}

// pair is one key and value of an ordered YAML mapping.
type pair = spec.Pair

func encode(doc []pair) []byte {
	var buf bytes.Buffer
	buf.WriteString("# yaml-language-server: $schema=../crmsync.schema.json\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(mapping(doc)); err != nil {
		panic(err) // the documents are plain strings, numbers, lists and maps
	}
	return buf.Bytes()
}

// mapping builds an ordered YAML mapping node.
func mapping(doc []pair) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, p := range doc {
		var v yaml.Node
		switch x := p.V.(type) {
		case []pair:
			v = *mapping(x)
		case [][]pair:
			v = yaml.Node{Kind: yaml.SequenceNode}
			for _, item := range x {
				v.Content = append(v.Content, mapping(item))
			}
		case string:
			v = *scalar(x)
		case []string:
			v = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
			for _, s := range x {
				v.Content = append(v.Content, scalar(s))
			}
			if len(x) <= 4 {
				v.Style = yaml.FlowStyle
			}
		default:
			if err := v.Encode(x); err != nil {
				panic(err)
			}
		}
		// Keys go through scalar too: most are fixed manifest keys, but a
		// field's permissions are keyed by profile name.
		n.Content = append(n.Content, scalar(p.K), &v)
	}
	return n
}

func header(kind model.Kind) []pair {
	return []pair{{K: "apiVersion", V: "crmsync/v1"}, {K: "kind", V: string(kind)}}
}

// document is the manifest of o: the header, then what the kind's export
// layout writes; nil for an object of no registered kind.
func document(o *model.Object) []pair {
	d, ok := kinds.Get(o.Key.Kind)
	if !ok || d.Export.Document == nil {
		return nil
	}
	body := d.Export.Document(o)
	if body == nil {
		return nil
	}
	return append(header(o.Key.Kind), body...)
}
