// Package doccheck holds tests that keep the repository's references
// resolvable: the citations of Zoho's documents in the code's comments
// (docs/zoho/sources.md) must name files, sections, open questions and
// schemas that exist in the repository. It has no code of its own.
package doccheck
