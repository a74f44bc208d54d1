package desired

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
)

// Options shape loading for one environment of a project (crmsync.yaml).
// The zero value loads as without a project.
type Options struct {
	// Env is the chosen environment, "" for none.
	Env string
	// Envs lists the project's environments, to check the documents'
	// environments lists; nil when there is no project.
	Envs []string
	// Vars are Env's variable values: string, bool, int, float64...
	Vars map[string]any
}

// VarUse is one ${{ vars.NAME }} placeholder in a manifest.
type VarUse struct {
	// Name is the variable's name.
	Name string
	// Key is the object of the document, after resolving.
	Key model.Key
	// Pointer is the JSON pointer (RFC 6901) of the value in the document.
	Pointer string
	// Template is the scalar as written; Value is what it resolved to.
	Template string
	Value    any
	Source   model.Source
}

// EnvironmentsKey is the document key that limits an object to some
// environments: "environments: [production]". A document without it
// belongs to every environment.
const EnvironmentsKey = "environments"

// LoadWith is Load for one environment: documents whose environments list
// leaves opts.Env out are skipped, and placeholders are resolved with
// opts.Vars after YAML parsing and before schema validation.
func LoadWith(ctx context.Context, paths []string, opts Options) (*Manifests, error) {
	return loadOpts(ctx, paths, &opts)
}

// ParseWith is Parse for one environment.
func ParseWith(opts Options, files ...File) (*Manifests, error) {
	if len(files) == 0 {
		return nil, Diagnostics{{Message: "no manifests given"}}
	}
	return parseOpts(files, nil, &opts)
}

var (
	placeholder = regexp.MustCompile(`\$\{\{\s*vars\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}`)
	openBraces  = regexp.MustCompile(`\$\{\{`)
)

// Placeholder returns the placeholder text for variable name.
func Placeholder(name string) string { return "${{ vars." + name + " }}" }

// resolution is what resolving one document gave.
type resolution struct {
	uses []VarUse
	fs   []finding
	skip bool
}

// resolve applies the environments key and the variables to t.root.
func (o *Options) resolve(t *tree) resolution {
	var r resolution
	if o == nil {
		o = &Options{}
	}
	if m, ok := t.root.(map[string]any); ok {
		if raw, has := m[EnvironmentsKey]; has {
			r.skip = o.environments(t, raw, &r)
			delete(m, EnvironmentsKey)
		}
	}
	if r.skip {
		return r
	}
	t.root = o.walk(t, t.root, "", &r)
	return r
}

// environments checks an environments list and reports whether the
// document is skipped for o.Env.
func (o *Options) environments(t *tree, raw any, r *resolution) bool {
	ptr := "/" + EnvironmentsKey
	list, ok := raw.([]any)
	if !ok || len(list) == 0 {
		r.fs = append(r.fs, t.finding(ptr, "expected a non-empty list of environment names, got %s", describeValue(raw)))
		return false
	}
	in := false
	for i, x := range list {
		name, ok := x.(string)
		p := ptr + "/" + strconv.Itoa(i)
		switch {
		case !ok:
			r.fs = append(r.fs, t.finding(p, "expected an environment name, got %s", describeValue(x)))
		case o.Envs == nil:
			r.fs = append(r.fs, t.finding(p, "environment %q: there is no project file (crmsync.yaml) naming environments", name))
		case !slices.Contains(o.Envs, name):
			r.fs = append(r.fs, t.finding(p, "unknown environment %q; crmsync.yaml defines %s%s", name, orList(o.Envs), didYouMean(name, o.Envs)))
		case name == o.Env:
			in = true
		}
	}
	return o.Env != "" && !in && len(r.fs) == 0
}

// walk resolves the placeholders in every string value under v.
func (o *Options) walk(t *tree, v any, ptr string, r *resolution) any {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			x[k] = o.walk(t, x[k], ptr+"/"+escapeToken(k), r)
		}
		return x
	case []any:
		for i := range x {
			x[i] = o.walk(t, x[i], ptr+"/"+strconv.Itoa(i), r)
		}
		return x
	case string:
		if !strings.Contains(x, "${{") {
			return x
		}
		return o.scalar(t, x, ptr, r)
	}
	return v
}

// scalar resolves one string. A string that is exactly one placeholder
// takes the variable's typed value; otherwise each placeholder is replaced
// by the value's text.
func (o *Options) scalar(t *tree, s, ptr string, r *resolution) any {
	if n := len(openBraces.FindAllStringIndex(s, -1)); n != len(placeholder.FindAllStringIndex(s, -1)) {
		r.fs = append(r.fs, t.finding(ptr, "malformed placeholder in %q: write ${{ vars.NAME }}, with NAME of letters, digits and _", s))
		return s
	}
	ok := true
	lookup := func(name string) (any, bool) {
		val, defined := o.Vars[name]
		if defined {
			r.uses = append(r.uses, VarUse{Name: name, Pointer: ptr, Template: s, Source: t.pos(ptr)})
			return val, true
		}
		ok = false
		r.fs = append(r.fs, t.finding(ptr, "%s", o.undefined(name)))
		return nil, false
	}
	if m := placeholder.FindStringSubmatchIndex(s); m != nil && m[0] == 0 && m[1] == len(s) {
		val, _ := lookup(s[m[2]:m[3]])
		r.setValue(val)
		return val
	}
	out := placeholder.ReplaceAllStringFunc(s, func(p string) string {
		val, defined := lookup(placeholder.FindStringSubmatch(p)[1])
		if !defined {
			return p
		}
		return fmt.Sprint(val)
	})
	if !ok {
		return s
	}
	r.setValue(out)
	return out
}

// setValue records the resolved value on the uses of the current scalar.
func (r *resolution) setValue(v any) {
	for i := len(r.uses) - 1; i >= 0 && r.uses[i].Value == nil; i-- {
		r.uses[i].Value = v
	}
}

func (o *Options) undefined(name string) string {
	if o.Env == "" {
		return fmt.Sprintf("uses variable %s, but no environment is chosen: pass --env NAME (a project file crmsync.yaml defines the environments and their vars)", name)
	}
	names := make([]string, 0, len(o.Vars))
	for k := range o.Vars {
		names = append(names, k)
	}
	sort.Strings(names)
	return fmt.Sprintf("variable %s is not defined for environment %s; add it under environments.%s.vars in crmsync.yaml%s", name, o.Env, o.Env, didYouMean(name, names))
}

// isProjectFile reports whether a directory entry is the project file
// (crmsync.yaml or crmsync.yml), which is not a manifest.
func isProjectFile(d interface{ Name() string }) bool {
	switch strings.ToLower(d.Name()) {
	case "crmsync.yaml", "crmsync.yml":
		return true
	}
	return false
}

// Unused returns the names of vars that no placeholder of m uses, sorted.
func (m *Manifests) Unused(vars map[string]any) []string {
	used := map[string]bool{}
	for _, u := range m.Vars {
		used[u.Name] = true
	}
	var out []string
	for name := range vars {
		if !used[name] {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}
