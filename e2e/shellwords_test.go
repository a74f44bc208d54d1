package e2e

import (
	"regexp"
	"strings"
)

// A small reader of the shell the CI recipes write: enough to find each
// crmsync command line and its arguments, not a shell.

// token is a shell word or an operator (; && || | ( $( ) and redirections).
type token struct {
	text string
	op   bool
}

// ghExprRE matches a GitHub Actions expression, ${{ ... }}.
var ghExprRE = regexp.MustCompile(`\$\{\{[^}]*\}\}`)

// shellTokens splits script into words and operators. Quotes are removed
// without expanding anything; ${{ }} expressions become the word EXPR;
// comments and backslash-newlines are dropped.
func shellTokens(script string) []token {
	s := strings.ReplaceAll(ghExprRE.ReplaceAllString(script, "EXPR"), "\\\n", " ")
	var out []token
	var word strings.Builder
	inWord := false
	flush := func() {
		if inWord {
			out = append(out, token{text: word.String()})
		}
		word.Reset()
		inWord = false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\n':
			flush()
			out = append(out, token{text: ";", op: true})
		case c == ' ' || c == '\t':
			flush()
		case c == '#' && !inWord:
			for i < len(s) && s[i] != '\n' {
				i++
			}
			i--
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				j = len(s) - i - 1
			}
			word.WriteString(s[i+1 : i+1+j])
			inWord, i = true, i+1+j
		case c == '"':
			i = readDoubleQuoted(s, i, &word)
			inWord = true
		case c == '\\' && i+1 < len(s):
			word.WriteByte(s[i+1])
			inWord, i = true, i+1
		case c == '$' && i+1 < len(s) && s[i+1] == '(':
			flush()
			out = append(out, token{text: "$(", op: true})
			i++
		case c == '>' && isDigits(word.String()) && inWord:
			word.Reset()
			inWord = false
			out = append(out, token{text: ">", op: true})
		case strings.IndexByte(";&|()<>", c) >= 0:
			flush()
			op := string(c)
			if i+1 < len(s) && (s[i+1] == c || (c == '>' && s[i+1] == '&')) {
				op += string(s[i+1])
				i++
			}
			out = append(out, token{text: op, op: true})
		default:
			word.WriteByte(c)
			inWord = true
		}
	}
	flush()
	return out
}

// readDoubleQuoted appends the contents of the "..." starting at s[i] to
// word and returns the index of the closing quote.
func readDoubleQuoted(s string, i int, word *strings.Builder) int {
	for i++; i < len(s) && s[i] != '"'; i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(`"\$`+"`", s[i+1]) >= 0 {
			i++
		}
		word.WriteByte(s[i])
	}
	return i
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// commandStarters are the words after which a word is in command position.
var commandStarters = map[string]bool{"if": true, "then": true, "do": true, "else": true, "elif": true, "!": true, "time": true, "while": true, "until": true}

// crmsyncCommands returns the arguments of every crmsync command in
// script, e.g. [plan -f manifests --out plan.json].
func crmsyncCommands(script string) [][]string {
	toks := shellTokens(script)
	var out [][]string
	atStart := true
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.op {
			atStart = t.text != ">" && t.text != ">>" && t.text != "<" && t.text != ">&"
			continue
		}
		if !atStart {
			continue
		}
		if commandStarters[t.text] || isAssignment(t.text) {
			continue
		}
		atStart = false
		if t.text != "crmsync" {
			continue
		}
		args := []string{}
		for i+1 < len(toks) && !toks[i+1].op {
			i++
			args = append(args, toks[i].text)
		}
		out = append(out, args)
	}
	return out
}

// isAssignment reports whether w is NAME=value before a command.
var assignRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*=`)

func isAssignment(w string) bool { return assignRE.MatchString(w) }

// splitArgs splits an action's args input as its run step does (xargs:
// quotes are honoured, nothing is expanded).
func splitArgs(s string) []string {
	var out []string
	for _, t := range shellTokens(s) {
		if !t.op {
			out = append(out, t.text)
		}
	}
	return out
}
