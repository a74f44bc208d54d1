package e2e

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdJSON checks that FILE holds one JSON value and that every assertion
// holds; with !, that FILE is not JSON (no assertion) or that every
// assertion fails.
func cmdJSON(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 1 {
		ts.Fatalf("usage: [!] json FILE [PATH | PATH=VALUE | PATH#=LEN]...")
	}
	var doc any
	err := json.Unmarshal([]byte(ts.ReadFile(args[0])), &doc)
	if len(args) == 1 {
		switch {
		case neg && err == nil:
			ts.Fatalf("%s is valid JSON", args[0])
		case !neg && err != nil:
			ts.Fatalf("%s is not JSON: %v", args[0], err)
		}
		return
	}
	if err != nil {
		ts.Fatalf("%s is not JSON: %v", args[0], err)
	}
	for _, a := range args[1:] {
		err := checkJSON(doc, a)
		switch {
		case neg && err == nil:
			ts.Fatalf("%s: %s holds", args[0], a)
		case !neg && err != nil:
			ts.Fatalf("%s: %v", args[0], err)
		}
	}
}

// checkJSON evaluates one assertion against doc.
func checkJSON(doc any, assertion string) error {
	path, want, hasWant := strings.Cut(assertion, "=")
	path, isLen := strings.CutSuffix(path, "#")
	v, err := lookupJSON(doc, path)
	if err != nil || !hasWant {
		return err
	}
	got, err := jsonText(v, isLen)
	if err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	if got != want {
		return fmt.Errorf("%s is %s, want %s", path, got, want)
	}
	return nil
}

// jsonText is v as an assertion compares it: a string as is, anything
// else as compact JSON, or with isLen the length of an array, object or
// string.
func jsonText(v any, isLen bool) (string, error) {
	if isLen {
		switch x := v.(type) {
		case []any:
			return strconv.Itoa(len(x)), nil
		case map[string]any:
			return strconv.Itoa(len(x)), nil
		case string:
			return strconv.Itoa(len([]rune(x))), nil
		}
		return "", fmt.Errorf("has no length")
	}
	if s, ok := v.(string); ok {
		return s, nil
	}
	data, err := json.Marshal(v)
	return string(data), err
}

// lookupJSON follows a dotted path: object keys and array indexes.
func lookupJSON(doc any, path string) (any, error) {
	v := doc
	for _, seg := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			next, ok := x[seg]
			if !ok {
				return nil, fmt.Errorf("%s: no key %q", path, seg)
			}
			v = next
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(x) {
				return nil, fmt.Errorf("%s: no element %q in an array of %d", path, seg, len(x))
			}
			v = x[i]
		default:
			return nil, fmt.Errorf("%s: %q is not inside an object or array", path, seg)
		}
	}
	return v, nil
}

// filesUnder lists the regular files under root (root itself if a file).
func filesUnder(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			out = append(out, p)
		}
		return err
	})
	return out, err
}
