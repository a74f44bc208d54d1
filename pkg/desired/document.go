package desired

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/pkg/model"
)

// decodeFile decodes every document of one file. It returns the documents
// that passed their schema (semantic problems do not drop a document) and
// every problem found.
func decodeFile(f File, opts *Options) (docs []*document, ds Diagnostics) {
	dec := yaml.NewDecoder(bytes.NewReader(f.Data))
	for i := 1; ; i++ {
		var n yaml.Node
		err := decodeNode(dec, &n)
		if errors.Is(err, io.EOF) {
			return docs, ds
		}
		if err != nil {
			return docs, append(ds, syntaxDiag(f, i, err))
		}
		root := &n
		if n.Kind == yaml.DocumentNode {
			if len(n.Content) == 0 {
				continue
			}
			root = n.Content[0]
		}
		if root.Kind == 0 || (root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null") {
			continue // an empty document, such as a trailing "---"
		}
		d, docDiags := decodeDocument(f.Path, i, root, opts)
		ds = append(ds, docDiags...)
		if d != nil {
			docs = append(docs, d)
		}
	}
}

// decodeNode is dec.Decode, turning a panic of the YAML parser into an
// error so that no input crashes crmsync.
func decodeNode(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: cannot parse: %v", r)
		}
	}()
	return dec.Decode(n)
}

var (
	yamlLine      = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	unknownAnchor = regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`)
)

// parserProblems are the messages of yaml.v3's parser (as opposed to its
// scanner). For them yaml.v3 reports a 0-based line (of the construct being
// parsed), or no line at all for line 0, so one is added.
var parserProblems = []string{"did not find expected", "found duplicate %", "found incompatible YAML document", "found undefined tag handle"}

// syntaxDiag positions a YAML syntax error. The parser reports a line but
// no column, so the column is 1.
func syntaxDiag(f File, index int, err error) Diagnostic {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	src := model.Source{File: f.Path}
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		src.Line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	for _, p := range parserProblems {
		if strings.HasPrefix(msg, p) {
			src.Line++
			break
		}
	}
	if m := unknownAnchor.FindStringSubmatch(err.Error()); m != nil {
		if i := bytes.Index(f.Data, []byte("*"+m[1])); i >= 0 {
			src.Line = bytes.Count(f.Data[:i], []byte("\n")) + 1
			src.Column = i - bytes.LastIndexByte(f.Data[:i], '\n')
		}
	}
	if src.Line > 0 && src.Column == 0 {
		src.Column = 1
	}
	return Diagnostic{Source: src, Key: fmt.Sprintf("document %d", index), Message: "YAML syntax error: " + msg}
}

// decodeDocument converts, validates and checks one document.
func decodeDocument(file string, index int, root *yaml.Node, opts *Options) (*document, Diagnostics) {
	t, problems := convert(file, root)
	var res resolution
	if len(problems) == 0 {
		res = opts.resolve(t) // after parsing, before the schema: positions stay
	}
	label := docLabel(index, t.root)
	wrap := func(fs []finding) Diagnostics {
		out := make(Diagnostics, len(fs))
		for i, f := range fs {
			out[i] = Diagnostic{Source: f.src, Key: label, Message: f.msg}
		}
		return out
	}
	if len(problems) > 0 {
		fs := make([]finding, len(problems))
		for i, p := range problems {
			fs[i] = t.findingAt(t.at(p.node), p.ptr, "%s", p.msg)
		}
		return nil, wrap(fs)
	}
	if res.skip {
		return nil, nil // not in the chosen environment
	}
	if len(res.fs) > 0 {
		return nil, wrap(res.fs)
	}
	kind, fs := documentKind(t)
	if len(fs) > 0 {
		return nil, wrap(fs)
	}
	v, err := loadValidator()
	if err != nil {
		return nil, wrap([]finding{t.finding("", "cannot load the schemas: %v", err)})
	}
	if fs := v.validate(kind, t); len(fs) > 0 {
		return nil, wrap(fs)
	}
	obj, err := decodeObject(kind, t.root)
	if err != nil {
		return nil, wrap([]finding{t.finding("", "cannot decode: %v", err)})
	}
	src := t.pos(pointer(identityKey(kind)))
	obj.Source = &src
	ds := wrap(checkDocument(obj, t))
	t.compact()
	t.uses = res.uses
	return &document{index: index, tree: t, obj: obj}, ds
}

// documentKind checks that the document is a mapping with a known kind.
func documentKind(t *tree) (model.Kind, []finding) {
	m, ok := t.root.(map[string]any)
	if !ok {
		return "", []finding{t.finding("", "expected a mapping with apiVersion and kind, got %s", describeValue(t.root))}
	}
	raw, ok := m["kind"]
	if !ok {
		return "", []finding{t.finding("", "missing required key kind (%s)", orList(kindNames()))}
	}
	name, _ := raw.(string)
	kind := model.Kind(name)
	if !kinds.Known(kind) {
		return "", []finding{t.finding("/kind", "expected %s, got %s%s", orList(kindNames()), describeValue(raw), didYouMean(name, kindNames()))}
	}
	return kind, nil
}

// docLabel names a document for messages: Kind "name", the kind alone, or
// "document N".
func docLabel(index int, root any) string {
	m, _ := root.(map[string]any)
	name, _ := m["kind"].(string)
	kind := model.Kind(name)
	if !kinds.Known(kind) {
		return fmt.Sprintf("document %d", index)
	}
	if id, ok := m[identityKey(kind)].(string); ok && id != "" {
		if q, _ := m[qualifierKey(kind)].(string); q != "" {
			id = q + "." + id
		}
		return model.Key{Kind: kind, Name: id}.String()
	}
	return string(kind)
}
