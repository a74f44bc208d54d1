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

// maxWarnings is how many destructive changes the head of a Markdown
// comment names; the details list every one.
const maxWarnings = 10

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
	if o.Title != "" {
		title = o.Title
	}
	limit := MaxMarkdown
	if o.MaxChars > 0 {
		limit = o.MaxChars
	}
	fmt.Fprintf(&head, "### %s\n\n**%s**\n\n", title, Summary(p, o.Drift))
	if n := len(p.Requests); n == 1 {
		head.WriteString("Applying makes 1 API call.\n\n")
	} else if n > 1 {
		fmt.Fprintf(&head, "Applying makes %d API calls.\n\n", n)
	}
	writeWarnings(&head, p)
	if o.RoleDiagram {
		writeRoleDiagram(&head, p, limit/4)
	}
	var details bytes.Buffer
	if err := Text(&details, p, o); err != nil {
		return err
	}
	body := details.String()
	fence := codeFence(body)
	open, closing := "<details><summary>Details</summary>\n\n"+fence+"diff\n", fence+"\n</details>\n"
	room := limit - head.Len() - len(open) - len(closing) - 400
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

// writeWarnings names the destructive changes in one alert, at most
// maxWarnings of them, so that the head stays small whatever the plan.
func writeWarnings(head *bytes.Buffer, p *plan.Plan) {
	var lines []string
	n := 0
	for _, c := range p.Changes {
		if !c.Destructive {
			continue
		}
		if n++; n <= maxWarnings {
			lines = append(lines, fmt.Sprintf("> %s: %s", c.Key, c.Destroys))
		}
	}
	if n == 0 {
		return
	}
	if n > maxWarnings {
		lines = append(lines, fmt.Sprintf("> … and %d more destructive changes (see the details).", n-maxWarnings))
	}
	head.WriteString("> [!WARNING]\n" + strings.Join(lines, "\n>\n") + "\n\n")
}

// codeFence returns a backtick fence longer than any run of backticks in
// text, so that no value can close the code block early.
func codeFence(text string) string {
	longest, run := 0, 0
	for _, r := range text {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
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
