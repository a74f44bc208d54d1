package desired

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/crmsync/crmsync/pkg/diag"
	"github.com/crmsync/crmsync/pkg/model"
)

// Manifests is the desired state loaded from manifest files.
type Manifests struct {
	// State holds one object per document, each with Source set to the
	// position of its identity key (module, api_name or name).
	State *model.State
	// Files lists the manifest files read, in load order.
	Files []string
	// Digest identifies the manifests' content: "sha256:" and the hex
	// SHA-256 over every file's length (8 bytes, big endian) and bytes, in
	// load order. File names are left out, so that the same manifests give
	// the same digest from any working directory.
	Digest string
	// Vars lists the ${{ vars.NAME }} placeholders resolved, in load order.
	Vars []VarUse

	trees map[model.Key]*tree
}

// File is a manifest file's path (as it appears in positions) and content.
type File struct {
	Path string
	Data []byte
}

// Pos returns the position of the value at path inside the document that
// declares key: the key's position for a mapping member ("profiles"), the
// item's for a list item ("profiles", "1"). When path does not resolve, it
// returns the position of its nearest ancestor; for an unknown key, the
// zero Source.
func (m *Manifests) Pos(key model.Key, path ...string) model.Source {
	t := m.trees[key]
	if t == nil {
		return model.Source{}
	}
	return t.pos(pointer(path...))
}

// Positions returns the positions inside every desired object's document,
// as data for the plan (plan.Options.Positions).
func (m *Manifests) Positions() diag.Positions {
	out := make(diag.Positions, len(m.trees))
	for k, t := range m.trees {
		if t.lines == nil {
			t.compact()
		}
		out[k] = &diag.Document{File: t.file, At: t.lines}
	}
	return out
}

// Load reads the manifest files and directories at paths (see the package
// documentation) and returns the desired state. When the manifests are
// invalid the error is a Diagnostics holding every problem.
func Load(ctx context.Context, paths []string) (*Manifests, error) {
	return loadOpts(ctx, paths, nil)
}

func loadOpts(ctx context.Context, paths []string, opts *Options) (*Manifests, error) {
	files, ds := collect(paths)
	inputs := make([]File, 0, len(files))
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		data, err := os.ReadFile(f)
		if err != nil {
			ds = append(ds, pathDiag(f, err))
			continue
		}
		inputs = append(inputs, File{Path: f, Data: data})
	}
	if len(paths) == 0 {
		ds = append(ds, Diagnostic{Message: "no manifest paths given"})
	}
	return parseOpts(inputs, ds, opts)
}

// Parse is Load for manifests already in memory, in the order given.
func Parse(files ...File) (*Manifests, error) {
	if len(files) == 0 {
		return nil, Diagnostics{{Message: "no manifests given"}}
	}
	return parse(files, nil)
}

// collect expands paths into a sorted, duplicate-free list of files.
func collect(paths []string) ([]string, Diagnostics) {
	var ds Diagnostics
	var files []string
	for _, p := range paths {
		p = filepath.Clean(p)
		info, err := os.Stat(p)
		if err != nil {
			ds = append(ds, pathDiag(p, err))
			continue
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		found, walkDiags := walk(p)
		ds = append(ds, walkDiags...)
		if len(found) == 0 && len(walkDiags) == 0 {
			ds = append(ds, Diagnostic{Source: model.Source{File: p}, Message: "no manifests (*.yaml or *.yml files) in this directory"})
		}
		files = append(files, found...)
	}
	slices.Sort(files)
	return slices.Compact(files), ds
}

// walk lists the *.yaml and *.yml files under dir, skipping entries whose
// name starts with a dot.
func walk(dir string) ([]string, Diagnostics) {
	var files []string
	var ds Diagnostics
	root := dir
	if fi, err := os.Lstat(dir); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		// WalkDir does not descend into a symlinked root; a trailing
		// separator makes it follow the link.
		root = dir + string(filepath.Separator)
	}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			ds = append(ds, pathDiag(path, err))
			return nil
		}
		if path != root && (strings.HasPrefix(d.Name(), ".") || isProjectFile(d)) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		switch strings.ToLower(filepath.Ext(path)) {
		case ".yaml", ".yml":
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		ds = append(ds, pathDiag(dir, err))
	}
	return files, ds
}

func pathDiag(path string, err error) Diagnostic {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return Diagnostic{Source: model.Source{File: path}, Message: "cannot read: " + err.Error()}
}

// parse decodes and checks every document of files, then the rules that
// span documents, and builds the Manifests.
func parse(files []File, ds Diagnostics) (*Manifests, error) {
	return parseOpts(files, ds, nil)
}

func parseOpts(files []File, ds Diagnostics, opts *Options) (*Manifests, error) {
	var docs []*document
	for _, r := range decodeFiles(files, opts) {
		docs = append(docs, r.docs...)
		ds = append(ds, r.ds...)
	}
	ds = append(ds, crossCheck(docs)...)
	if len(ds) == 0 && len(docs) == 0 && len(files) > 0 {
		ds = append(ds, Diagnostic{Source: model.Source{File: files[0].Path}, Message: "no objects: the manifests hold no YAML documents"})
	}
	if len(ds) > 0 {
		return nil, ds.Sorted()
	}
	m := &Manifests{State: model.NewState(), trees: map[model.Key]*tree{}, Digest: digest(files)}
	for _, f := range files {
		m.Files = append(m.Files, f.Path)
	}
	absent, present := map[model.Key]*model.Object{}, map[model.Key]bool{}
	for _, d := range docs {
		if d.obj.Absent {
			absent[model.FoldKey(d.obj.Key)] = d.obj
		} else {
			present[model.FoldKey(d.obj.Key)] = true
		}
	}
	for _, d := range docs {
		for _, u := range d.tree.uses {
			u.Key = d.obj.Key
			m.Vars = append(m.Vars, u)
		}
		k := model.FoldKey(d.obj.Key)
		if d.obj.Absent && present[k] {
			continue // carried by the present object of its name, below
		}
		if a := absent[k]; a != nil && !d.obj.Absent {
			// The check of identities let this pair through only when d has
			// previous_names: "a is deleted and d is renamed into its name".
			d.obj.Replaces = a
		}
		m.State.Put(d.obj)
		m.trees[d.obj.Key] = d.tree // compacted: values and positions, no YAML nodes
	}
	return m, nil
}

func digest(files []File) string {
	h := sha256.New()
	for _, f := range files {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(f.Data)))
		h.Write(n[:])
		h.Write(f.Data)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// fileResult is what decoding one file gave.
type fileResult struct {
	docs []*document
	ds   Diagnostics
}

// decodeFiles decodes the files on one worker per CPU and returns their
// results in file order, so the output does not depend on scheduling.
// Decoding is CPU-bound (YAML parsing and schema validation) and a file's
// decoding shares nothing with another's but the compiled schemas, which
// validation only reads.
func decodeFiles(files []File, opts *Options) []fileResult {
	out := make([]fileResult, len(files))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(files); i = int(next.Add(1) - 1) {
				out[i].docs, out[i].ds = decodeFile(files[i], opts)
			}
		}()
	}
	wg.Wait()
	return out
}
