// Package schemas holds the JSON Schemas of crmsync manifests, one file per
// kind plus crmsync.schema.json, which combines them for editors (the
// yaml-language-server modeline of the examples points at it). The files are
// embedded in the binary: package desired validates every manifest document
// against its kind's schema, and `crmsync schema` prints them.
//
// The schemas are the single source of truth for manifest key names and
// enums: a test in package desired checks that they match the JSON tags of
// package model. crmsync.schema.json is generated from the kind files by
// `CRMSYNC_UPDATE=1 go test ./schemas`; a test fails when it is stale.
//
// Which file belongs to which kind is said by the kind's descriptor
// (package kinds). This package does no I/O and imports no crmsync package.
package schemas

import "embed"

// BaseURL is the absolute URL every schema's "$id" starts with. Validators
// never fetch it: the schemas are registered under these URLs from the
// embedded files.
const BaseURL = "https://raw.githubusercontent.com/crmsync/crmsync/main/schemas/"

// CombinedFile is the name of the schema that accepts a document of any kind.
const CombinedFile = "crmsync.schema.json"

//go:embed *.schema.json
var files embed.FS

// Bytes returns the content of the embedded schema file name, or nil when
// there is no such file.
func Bytes(name string) []byte {
	b, err := files.ReadFile(name)
	if err != nil {
		return nil
	}
	return b
}

// URL returns the absolute URL (the "$id") of the schema file name.
func URL(name string) string { return BaseURL + name }

// Combined returns crmsync.schema.json.
func Combined() []byte { return Bytes(CombinedFile) }

// ProjectFile is the schema of crmsync.yaml, the project file.
const ProjectFile = "project.schema.json"
