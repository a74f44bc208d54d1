package doccheck

import (
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const root = "../.."

var (
	mdRef      = regexp.MustCompile(`\b(api|fields)\.md\b`)
	mdToken    = regexp.MustCompile(`^[\s,]*(§[0-9]+(?:\.[0-9]+)*|q ?[0-9]+)`)
	seedRef    = regexp.MustCompile(`\bseed:([a-z0-9][a-z0-9-]*[a-z0-9])`)
	oasRef     = regexp.MustCompile(`\bOAS ([A-Za-z_]+\.json)(?:[ #]([A-Z][A-Za-z_]+))?`)
	kaizenRef  = regexp.MustCompile(`\bkaizen:([0-9]+)`)
	sdkRef     = regexp.MustCompile(`\bsdk(-sample)?:([^\s\]),;]+)`)
	sdkForm    = regexp.MustCompile(`^(jd:[a-z_]+(/[a-z_]+)*(\.[A-Za-z_]+)?|[A-Za-z0-9_./-]+\.js(:[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*)?)$`)
	sampleForm = regexp.MustCompile(`^([a-z_]+/)+([a-z_]+\.js)?$`)
	heading    = regexp.MustCompile(`(?m)^#{2,4} ([0-9]+(?:\.[0-9]+)*)[.\s]`)
)

// seedAliases are the seeds cited by a short name.
var seedAliases = map[string]string{"kaizen": "kaizen-109-record-locking-configuration-apis.txt"}

// notes is one of the team's reference files: its sections and the
// numbers of its open questions (section 10).
type notes struct {
	sections, questions map[string]bool
	text                string
}

func loadNotes(t *testing.T, name string, question *regexp.Regexp) notes {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "docs/zoho", name))
	if err != nil {
		t.Fatalf("docs/zoho/%s: %v", name, err)
	}
	n := notes{sections: map[string]bool{}, questions: map[string]bool{}, text: string(b)}
	for _, m := range heading.FindAllStringSubmatch(string(b), -1) {
		n.sections[m[1]] = true
	}
	if _, open, ok := strings.Cut(string(b), "\n## 10."); ok {
		for _, m := range question.FindAllStringSubmatch(open, -1) {
			n.questions[m[1]] = true
		}
	}
	if len(n.sections) == 0 || len(n.questions) == 0 {
		t.Fatalf("docs/zoho/%s: no sections or no open questions found", name)
	}
	return n
}

// commentText returns the comments of a Go file, each group as one line
// of text (a word broken at a hyphen is joined again).
func commentText(t *testing.T, path string) []string {
	t.Helper()
	fs := token.NewFileSet()
	f, err := parser.ParseFile(fs, path, nil, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, g := range f.Comments {
		var b strings.Builder
		for _, line := range strings.Split(g.Text(), "\n") {
			line = strings.TrimSpace(line)
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte(' ')
			}
			b.WriteString(line)
		}
		out = append(out, fmt.Sprintf("%s:%d: %s", path, fs.Position(g.Pos()).Line, b.String()))
	}
	return out
}

// TestCitationsResolve checks every citation in the comments of the
// repository's Go files against docs/zoho/sources.md's forms.
func TestCitationsResolve(t *testing.T) {
	docs := map[string]notes{
		"api":    loadNotes(t, "api.md", regexp.MustCompile(`(?m)^([0-9]+)\. `)),
		"fields": loadNotes(t, "fields.md", regexp.MustCompile(`(?m)^\| ([0-9]+) \|`)),
	}
	var files []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "bin") {
			return filepath.SkipDir
		}
		if err == nil && strings.HasSuffix(p, ".go") {
			files = append(files, p)
		}
		return err
	})
	if err != nil || len(files) < 100 {
		t.Fatalf("found %d Go files: %v", len(files), err)
	}
	n := 0
	for _, f := range files {
		for _, text := range commentText(t, f) {
			for _, bad := range check(text, docs) {
				t.Errorf("%s: %s", strings.TrimPrefix(text[:strings.Index(text, ": ")], root+"/"), bad)
			}
			n += len(mdRef.FindAllString(text, -1)) + len(seedRef.FindAllString(text, -1)) + len(oasRef.FindAllString(text, -1))
		}
	}
	if n < 100 {
		t.Errorf("only %d citations found; is the scanner broken?", n)
	}
}

// check returns what does not resolve among the citations of one comment.
func check(text string, docs map[string]notes) []string {
	var bad []string
	for _, loc := range mdRef.FindAllStringSubmatchIndex(text, -1) {
		doc, rest := docs[text[loc[2]:loc[3]]], text[loc[1]:]
		for m := mdToken.FindStringSubmatch(rest); m != nil; m = mdToken.FindStringSubmatch(rest) {
			tok := m[1]
			rest = rest[len(m[0]):]
			if s, ok := strings.CutPrefix(tok, "§"); ok && !doc.sections[s] {
				bad = append(bad, fmt.Sprintf("%s.md has no section %s", text[loc[2]:loc[3]], tok))
			} else if q, ok := strings.CutPrefix(tok, "q"); ok && !doc.questions[strings.TrimSpace(q)] {
				bad = append(bad, fmt.Sprintf("%s.md has no open question %s", text[loc[2]:loc[3]], tok))
			}
		}
	}
	for _, m := range seedRef.FindAllStringSubmatch(text, -1) {
		if !seedExists(m[1]) {
			bad = append(bad, fmt.Sprintf("no seed docs/zoho/seeds/%s.txt or .md", m[1]))
		}
	}
	for _, m := range oasRef.FindAllStringSubmatch(text, -1) {
		b, err := os.ReadFile(filepath.Join(root, "pkg/zoho/testdata/oas", m[1]))
		switch {
		case err != nil:
			bad = append(bad, fmt.Sprintf("no OpenAPI file pkg/zoho/testdata/oas/%s", m[1]))
		case m[2] != "" && !strings.Contains(string(b), `"`+m[2]+`"`):
			bad = append(bad, fmt.Sprintf("%s has no schema %s", m[1], m[2]))
		}
	}
	for _, m := range kaizenRef.FindAllStringSubmatch(text, -1) {
		if !strings.Contains(docs["fields"].text, m[0]) {
			bad = append(bad, fmt.Sprintf("%s: fields.md cites no such Kaizen post", m[0]))
		}
	}
	for _, m := range sdkRef.FindAllStringSubmatch(text, -1) {
		ref := strings.TrimRight(m[2], ".:")
		ok := sdkForm.MatchString(ref) || ref == "path:line" // the form's own description
		if m[1] != "" {
			ok = sampleForm.MatchString(ref) || m[2] == "..."
		}
		if !ok {
			bad = append(bad, fmt.Sprintf("sdk%s:%s is not a package path, jd: entry or sample (docs/zoho/sources.md)", m[1], m[2]))
		}
	}
	return bad
}

func seedExists(name string) bool {
	if f, ok := seedAliases[name]; ok {
		name = strings.TrimSuffix(f, ".txt")
	}
	for _, ext := range []string{".txt", ".md"} {
		if _, err := os.Stat(filepath.Join(root, "docs/zoho/seeds", name+ext)); err == nil {
			return true
		}
	}
	return false
}

// TestCheckFindsBrokenCitations: the checker refuses what does not resolve.
func TestCheckFindsBrokenCitations(t *testing.T) {
	docs := map[string]notes{
		"api":    {sections: map[string]bool{"1": true, "1.2": true}, questions: map[string]bool{"3": true}},
		"fields": {sections: map[string]bool{"9.5": true}, questions: map[string]bool{"12": true}, text: "[kaizen:205]"},
	}
	for text, want := range map[string]int{
		"[api.md §1.2] and [api.md §1, §10 q3]":                     1, // §10
		"[fields.md §9.5, q12] [fields.md §9.6, q13]":               2,
		"[seed:update-role, seed:kaizen] [seed:update-roles]":       1,
		"[OAS roles.json SuccessWrapper] [OAS role.json]":           1,
		"[OAS roles.json NoSuchSchema]":                             1,
		"[sdk:roles/role.js:54,77] [sdk:jd:roles/role.reportingTo]": 0,
		"[sdk:roles/role] [sdk-sample:roles/update_role.js]":        1,
		"[fields.md §9.5, kaizen:205] [kaizen:206]":                 1,
	} {
		if got := check(text, docs); len(got) != want {
			t.Errorf("check(%q) = %q, want %d problems", text, got, want)
		}
	}
}
