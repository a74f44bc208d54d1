// Package desired loads the desired state from YAML manifests.
//
// Phase: load and validate, the first phase of every command. It reads
// manifest files and directories, validates every document against its
// kind's JSON Schema (package schemas) and against the rules a schema cannot
// express, and returns a *model.State of desired objects together with the
// position of every key, so that later phases can point at the exact line
// and column of a value. It works offline: it must not import pkg/zoho,
// pkg/observe, pkg/plan or anything that talks HTTP.
//
// # Format
//
// A manifest file holds one or more YAML documents. Each document declares
// one object: apiVersion crmsync/v1, a kind (Module, Role, ContactRole or
// RecordLockingConfig) and the kind's keys, named as in Zoho's API. Objects
// refer to each other by name, never by id. A key that a document leaves
// out is not managed and stays nil in the model.
//
// Meta keys, besides apiVersion and kind:
//
//   - absent: true (any kind except Module) says the object must not exist.
//     An absent document carries only its identity (module, or name), plus
//     transfer_to for a role, which names the role that receives its users.
//     previous_names is not allowed on an absent object: nothing is renamed.
//   - previous_names (Role and ContactRole) lists former names, so that an
//     object found under an old name is renamed rather than deleted and
//     created. Names and previous names of one kind are unique across all
//     files.
//
// Normalisation: when a RecordLockingConfig lists restricted_actions
// without update, update is added in front, because Zoho always restricts
// it. Numbers in criteria values decode as float64, as encoding/json does.
//
// # Environments and variables
//
// The meta key environments: [NAME, ...] (any kind) limits an object to
// those environments of the project file (crmsync.yaml). It is the one way
// an environment adds or drops whole objects: loading for another
// environment skips the document.
//
// LoadWith loads for one environment: a scalar value may hold
// ${{ vars.NAME }} placeholders, resolved with the environment's values
// after YAML parsing and before schema validation, so that the schema and
// every position apply to the resolved value. A value that is exactly one
// placeholder takes the variable's own YAML type (a boolean stays a
// boolean); otherwise each placeholder is replaced by the value's text. A
// placeholder whose variable the environment does not define is an error
// at its position. Manifests.Vars lists every placeholder resolved, for
// the unused-variable warning and for export.
//
// # Loading
//
// Paths may be files or directories. Directories are walked recursively for
// *.yaml and *.yml files, skipping entries whose name starts with a dot and
// the project file (crmsync.yaml, crmsync.yml). A
// file named explicitly is read whatever its extension. Files are read in
// lexical order of their paths, and documents in file order. Positions use
// the paths as given.
//
// # Errors
//
// Every problem is reported at once as a Diagnostics error, sorted by file,
// line and column, one per line:
//
//	path/to/file.yaml:LINE:COL: Kind "name": message
//
// The middle part is the object's key, the kind alone when the name is not
// known, or "document N" when the kind is not known either. Documents with
// schema errors are left out of the checks that span documents, so that one
// mistake is reported once.
package desired
