package export

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/crmsync/crmsync/pkg/kinds"
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
type pair struct {
	k string
	v any
}

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
		switch x := p.v.(type) {
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
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: p.k}, &v)
	}
	return n
}

func header(kind model.Kind) []pair {
	return []pair{{"apiVersion", "crmsync/v1"}, {"kind", string(kind)}}
}

func document(o *model.Object) []pair {
	switch {
	case o.LockingConfig != nil:
		return lockingDoc(o.LockingConfig)
	case o.Module != nil:
		return moduleDoc(o.Module)
	case o.Role != nil:
		return roleDoc(o.Role)
	case o.ContactRole != nil:
		d := append(header(model.KindContactRole), pair{"name", o.ContactRole.Name})
		if o.ContactRole.SequenceNumber != nil {
			d = append(d, pair{"sequence_number", *o.ContactRole.SequenceNumber})
		}
		return d
	}
	return nil
}

func moduleDoc(m *model.Module) []pair {
	d := append(header(model.KindModule), pair{"api_name", m.APIName})
	if m.PluralLabel != nil {
		d = append(d, pair{"plural_label", *m.PluralLabel})
	}
	if m.SingularLabel != nil {
		d = append(d, pair{"singular_label", *m.SingularLabel})
	}
	if m.Profiles != nil {
		d = append(d, pair{"profiles", sorted(*m.Profiles)})
	}
	return d
}

func roleDoc(r *model.Role) []pair {
	d := append(header(model.KindRole), pair{"name", r.Name})
	if r.ReportingTo != nil && *r.ReportingTo != "" {
		d = append(d, pair{"reporting_to", *r.ReportingTo})
	}
	if r.Description != nil && *r.Description != "" {
		d = append(d, pair{"description", *r.Description})
	}
	if r.ShareWithPeers != nil && *r.ShareWithPeers {
		d = append(d, pair{"share_with_peers", true})
	}
	if r.ForecastManager != nil && *r.ForecastManager != "" {
		d = append(d, pair{"forecast_manager", *r.ForecastManager})
	}
	return d
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}
