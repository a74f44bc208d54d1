package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/crmsync/crmsync/pkg/plan"
)

// Options change the rendering.
type Options struct {
	// Color adds ANSI colours (text only).
	Color bool
	// ShowRequests prints each change's request bodies.
	ShowRequests bool
	// Drift words the output as a drift report and shows who changed what.
	Drift bool
	// APIVersion is shown in request paths, e.g. "v8".
	APIVersion string
	// FullPlanHint tells Markdown readers where the full JSON plan is.
	FullPlanHint string
	// MaxChars bounds the Markdown output; 0 means MaxMarkdown.
	MaxChars int
	// Title replaces the Markdown heading ("crmsync plan").
	Title string
	// RoleDiagram adds to Markdown, when roles change, the changed part of
	// the role hierarchy as a Mermaid diagram.
	RoleDiagram bool
}

const (
	green  = "\x1b[32m"
	yellow = "\x1b[33m"
	red    = "\x1b[31m"
	bold   = "\x1b[1m"
	reset  = "\x1b[0m"
)

func (o Options) paint(color, s string) string {
	if !o.Color {
		return s
	}
	return color + s + reset
}

func actionColor(a plan.Action) string {
	switch a {
	case plan.Create:
		return green
	case plan.Delete:
		return red
	}
	return yellow
}

// Text writes the human plan. It ends with the summary line (see Summary).
func Text(w io.Writer, p *plan.Plan, o Options) error {
	var b bytes.Buffer
	for _, warn := range p.Warnings {
		fmt.Fprintf(&b, "%s %s\n", o.paint(yellow, "Warning:"), warn)
	}
	if len(p.Warnings) > 0 {
		b.WriteString("\n")
	}
	if len(p.Changes) > 0 {
		if o.Drift {
			b.WriteString("The org differs from the manifests:\n\n")
		} else {
			b.WriteString("crmsync will perform the following actions:\n\n")
		}
	}
	reqs := &requestIndex{byID: map[int]plan.Request{}, shown: map[int]bool{}}
	for _, r := range p.Requests {
		reqs.byID[r.ID] = r
	}
	for i := range p.Changes {
		writeChange(&b, &p.Changes[i], reqs, o)
	}
	writeUnmanaged(&b, p)
	if n := len(p.Requests); n > 0 {
		fmt.Fprintf(&b, "API calls to apply: %d (%s)\n", n, callList(p.Calls.Planned))
	}
	b.WriteString(o.paint(bold, Summary(p, o.Drift)) + "\n")
	_, err := w.Write(b.Bytes())
	return err
}

// Summary is the closing line: "Plan: N to create, M to update, K to
// delete." or "No changes."
func Summary(p *plan.Plan, drift bool) string {
	if p.Summary.Empty() {
		if drift {
			return "No drift: the org matches the manifests."
		}
		return "No changes. The org matches the manifests."
	}
	word := "Plan"
	if drift {
		word = "Drift"
	}
	return fmt.Sprintf("%s: %d to create, %d to update, %d to delete.", word, p.Summary.Create, p.Summary.Update, p.Summary.Delete)
}

func callList(cs []plan.CallCount) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("%s %s ×%d", c.Method, c.Endpoint, c.Count)
	}
	return strings.Join(parts, ", ")
}

// requestIndex finds requests by ID and remembers which were printed: a
// batched request carries several changes but is printed once, under the
// first of them.
type requestIndex struct {
	byID  map[int]plan.Request
	shown map[int]bool
}

func writeChange(b *bytes.Buffer, c *plan.Change, reqs *requestIndex, o Options) {
	col := actionColor(c.Action)
	head := fmt.Sprintf("%s %s", c.Action.Symbol(), c.Key)
	if c.PreviousName != "" {
		head += fmt.Sprintf(" (renamed from %q)", c.PreviousName)
	}
	fmt.Fprintf(b, "  %s", o.paint(col, head))
	if c.Source != nil {
		fmt.Fprintf(b, "  # %s", c.Source)
	}
	b.WriteString("\n")
	for _, f := range c.Fields {
		writeField(b, c.Action, f, o)
	}
	if c.Destroys != "" {
		fmt.Fprintf(b, "      %s %s\n", o.paint(red, "!"), c.Destroys)
	}
	if o.Drift && c.Audit != nil && (c.Audit.ModifiedBy != "" || c.Audit.ModifiedTime != "") {
		fmt.Fprintf(b, "      last changed by %s at %s\n", orUnknown(c.Audit.ModifiedBy), orUnknown(c.Audit.ModifiedTime))
	}
	if o.ShowRequests {
		for _, id := range c.Requests {
			if reqs.shown[id] {
				fmt.Fprintf(b, "      %s (batched; body shown above)\n", RequestLine(reqs.byID[id], o.APIVersion))
				continue
			}
			reqs.shown[id] = true
			writeRequest(b, reqs.byID[id], o)
		}
	}
	b.WriteString("\n")
}

func orUnknown(s string) string {
	if s == "" {
		return "(unknown)"
	}
	return s
}

func writeField(b *bytes.Buffer, a plan.Action, f plan.FieldDiff, o Options) {
	path, rule := fieldPath(f.Path)
	value := func(v any) string {
		if rule != "" {
			return ruleValue(rule, v)
		}
		return Value(v)
	}
	switch {
	case f.Old == nil && f.New != nil:
		fmt.Fprintf(b, "      %s %s: %s\n", o.paint(green, "+"), path, value(f.New))
	case f.New == nil && f.Old != nil:
		fmt.Fprintf(b, "      %s %s: %s\n", o.paint(red, "-"), path, value(f.Old))
	default:
		fmt.Fprintf(b, "      %s %s: %s -> %s\n", o.paint(yellow, "~"), path, value(f.Old), value(f.New))
	}
}

// Value renders a field value: strings quoted, lists and maps as compact
// JSON.
func Value(v any) string {
	switch x := v.(type) {
	case nil:
		return "(none)"
	case string:
		if strings.HasPrefix(x, "[") && strings.HasSuffix(x, "]") {
			return x // an order-insensitive list, already rendered
		}
		return strconv.Quote(x)
	}
	j, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(j)
}

func writeRequest(b *bytes.Buffer, r plan.Request, o Options) {
	fmt.Fprintf(b, "      %s\n", RequestLine(r, o.APIVersion))
	if len(r.Body) == 0 {
		return
	}
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, r.Body, "        ", "  "); err != nil {
		pretty.Write(r.Body)
	}
	fmt.Fprintf(b, "        %s\n", pretty.String())
}

// RequestLine renders "PUT /crm/v8/settings/roles/123?x=y", with
// placeholders shown as "(known after apply)" markers kept verbatim.
func RequestLine(r plan.Request, version string) string {
	path := r.Path
	if version != "" {
		path = "/crm/" + version + path
	}
	if len(r.Query) > 0 {
		q := make([]string, len(r.Query))
		for i, p := range r.Query {
			q[i] = p.Name + "=" + p.Value
		}
		path += "?" + strings.Join(q, "&")
	}
	return r.Method + " " + path
}

func writeUnmanaged(b *bytes.Buffer, p *plan.Plan) {
	if len(p.Unmanaged) == 0 {
		return
	}
	fmt.Fprintf(b, "Unmanaged objects (%d), left alone:\n", len(p.Unmanaged))
	for _, u := range p.Unmanaged {
		fmt.Fprintf(b, "  %s  # %s\n", u.Key, u.Note)
	}
	b.WriteString("\n")
}
