package export

import (
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// scalar is the YAML node of a string, written so that every YAML reader
// reads back exactly s: plain when that is safe, double-quoted otherwise.
// Names are written as Zoho has them, spaces included, and names such as
// "yes", "007", "<<" or "- x" would read as something else unquoted.
func scalar(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if !plainSafe(s) {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// yaml11 are the plain scalars that YAML 1.1 readers take for booleans or
// null, and numbers in any base or with underscores or colons.
var (
	yaml11Words = regexp.MustCompile(`^(?i:y|n|yes|no|on|off|true|false|null|~)$`)
	numberLike  = regexp.MustCompile(`^[-+.]?[0-9]|^[-+]?\.(?i:inf|nan)$`)
	// ordinary is a common name that is plain in every YAML version; it
	// skips the round trip below.
	ordinary = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9 _.,()/'+@-]*[A-Za-z0-9)]$|^[A-Za-z]$`)
)

// plainSafe reports whether s can be written unquoted: yaml.v3 would write
// it plain and read it back as the same string, and no YAML 1.1 reader
// would take it for something else.
func plainSafe(s string) bool {
	if s == "" || s != strings.TrimSpace(s) || yaml11Words.MatchString(s) || numberLike.MatchString(s) {
		return false
	}
	if ordinary.MatchString(s) && !strings.Contains(s, "  ") {
		return true
	}
	out, err := yaml.Marshal(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s})
	if err != nil {
		return false
	}
	text := strings.TrimSuffix(string(out), "\n")
	if text != s { // yaml.v3 quotes or folds it
		return false
	}
	var back yaml.Node
	if yaml.Unmarshal(out, &back) != nil || len(back.Content) != 1 {
		return false
	}
	v := back.Content[0]
	return v.Kind == yaml.ScalarNode && v.Tag == "!!str" && v.Value == s
}
