package diag

import (
	"fmt"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
)

// Place is a 1-based line and column in a file.
type Place struct{ Line, Column int32 }

// Document holds the positions of the values of one manifest document, by
// JSON pointer ("" is the document; "/profiles/1" its second profile). A
// mapping member is at its key, a sequence item at the item.
type Document struct {
	File string
	At   map[string]Place
}

// Positions are the documents of the desired objects, by key.
type Positions map[model.Key]*Document

// Of returns the position of the value at path inside the document of key
// (path steps are keys and list indexes), or of its nearest ancestor that
// has one; nil when key has no document.
func (p Positions) Of(key model.Key, path ...any) *model.Source {
	doc := p[key]
	if doc == nil {
		return nil
	}
	ptr := Pointer(path...)
	for {
		if pl, ok := doc.At[ptr]; ok {
			return &model.Source{File: doc.File, Line: int(pl.Line), Column: int(pl.Column)}
		}
		if ptr == "" {
			return &model.Source{File: doc.File}
		}
		ptr = ptr[:strings.LastIndexByte(ptr, '/')]
	}
}

// Pointer renders path as a JSON pointer (RFC 6901).
func Pointer(path ...any) string {
	var b strings.Builder
	for _, step := range path {
		b.WriteByte('/')
		b.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(fmt.Sprint(step)))
	}
	return b.String()
}
