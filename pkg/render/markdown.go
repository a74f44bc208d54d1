package render

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/crmsync/crmsync/pkg/plan"
)

// MaxMarkdown is GitHub's limit on a comment's length, less a margin.
const MaxMarkdown = 65536 - 1024

// Markdown writes a pull-request comment: the summary first, the details
// folded, and never more than MaxMarkdown characters; when the details do
// not fit they are cut, with a pointer to the full JSON plan.
func Markdown(w io.Writer, p *plan.Plan, o Options) error {
	o.Color = false
	var head bytes.Buffer
	title := "crmsync plan"
	if o.Drift {
		title = "crmsync drift"
	}
	fmt.Fprintf(&head, "### %s: %s\n\n", title, Summary(p, o.Drift))
	if n := len(p.Requests); n > 0 {
		fmt.Fprintf(&head, "Applying makes %d API calls.\n\n", n)
	}
	for _, c := range p.Changes {
		if c.Destructive {
			fmt.Fprintf(&head, "> [!WARNING]\n> %s: %s\n\n", c.Key, c.Destroys)
		}
	}
	var details bytes.Buffer
	if err := Text(&details, p, o); err != nil {
		return err
	}
	body := details.String()
	const open, closing = "<details><summary>Details</summary>\n\n```diff\n", "```\n</details>\n"
	room := MaxMarkdown - head.Len() - len(open) - len(closing) - 400
	if len(body) > room {
		hint := o.FullPlanHint
		if hint == "" {
			hint = "the JSON plan (crmsync plan --format json)"
		}
		cut := strings.LastIndex(body[:max(room, 0)], "\n") + 1
		body = body[:cut] + fmt.Sprintf("\n… truncated: %d of %d characters shown; see %s for the full plan.\n", cut, len(details.String()), hint)
	}
	head.WriteString(open + diffPrefix(body) + closing)
	_, err := w.Write(head.Bytes())
	return err
}

// diffPrefix moves each line's +, - or ~ sign to the first column so that
// GitHub's diff highlighting colours it.
func diffPrefix(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		t := strings.TrimLeft(l, " ")
		if t == "" {
			continue
		}
		switch t[0] {
		case '+', '-':
			lines[i] = string(t[0]) + l[1:]
		case '~', '!':
			lines[i] = "!" + l[1:]
		}
	}
	return strings.Join(lines, "\n")
}
