package render

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/crmsync/crmsync/pkg/jsonplan"
	"github.com/crmsync/crmsync/pkg/plan"
)

// MultiFormatVersion is the version of the combined JSON report of several
// environments; each environment's plan is a JSON plan with its own
// jsonplan.FormatVersion.
const MultiFormatVersion = "1.0"

// EnvPlan is one environment's part of a combined report: its plan, or
// the error that stopped it.
type EnvPlan struct {
	Name  string     `json:"name"`
	Plan  *plan.Plan `json:"plan,omitempty"`
	Error string     `json:"error,omitempty"`
}

// MultiReport is the combined report of several environments, in the
// project file's order.
type MultiReport struct {
	FormatVersion string    `json:"format_version"`
	Drift         bool      `json:"drift,omitempty"`
	Environments  []EnvPlan `json:"environments"`
	Summary       MultiSum  `json:"summary"`
}

// MultiSum counts the environments by outcome.
type MultiSum struct {
	Environments int `json:"environments"`
	Errored      int `json:"errored"`
	WithChanges  int `json:"with_changes"`
}

// NewMulti builds the combined report of envs.
func NewMulti(envs []EnvPlan, drift bool) *MultiReport {
	r := &MultiReport{FormatVersion: MultiFormatVersion, Drift: drift, Environments: envs}
	r.Summary.Environments = len(envs)
	for _, e := range envs {
		switch {
		case e.Error != "" || e.Plan == nil:
			r.Summary.Errored++
		case !e.Plan.Summary.Empty():
			r.Summary.WithChanges++
		}
	}
	return r
}

// line is the one-line outcome of an environment.
func (e EnvPlan) line(drift bool) string {
	if e.Error != "" || e.Plan == nil {
		return "error: " + firstLine(e.Error)
	}
	return Summary(e.Plan, drift)
}

// maxLine bounds an environment's one-line outcome (a table cell).
const maxLine = 300

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if r := []rune(s); len(r) > maxLine {
		s = string(r[:maxLine]) + "…"
	}
	return s
}

// MultiText writes every environment's plan under its own heading, then
// one summary line per environment.
func MultiText(w io.Writer, r *MultiReport, o Options) error {
	var b bytes.Buffer
	for _, e := range r.Environments {
		fmt.Fprintf(&b, "%s\n\n", o.paint(bold, "== Environment "+e.Name+" =="))
		if e.Plan == nil || e.Error != "" {
			fmt.Fprintf(&b, "Error: %s\n\n", strings.TrimSpace(e.Error))
			continue
		}
		if err := Text(&b, e.Plan, o); err != nil {
			return err
		}
		b.WriteString("\n")
	}
	b.WriteString("Environments:\n")
	for _, e := range r.Environments {
		fmt.Fprintf(&b, "  %s: %s\n", e.Name, e.line(o.Drift))
	}
	_, err := w.Write(b.Bytes())
	return err
}

// MultiJSON writes the combined report as indented JSON, each plan as the
// JSON plan built with o.
func MultiJSON(w io.Writer, r *MultiReport, o jsonplan.Options) error {
	type envJSON struct {
		Name  string         `json:"name"`
		Plan  *jsonplan.Plan `json:"plan,omitempty"`
		Error string         `json:"error,omitempty"`
	}
	out := struct {
		*MultiReport
		Environments []envJSON `json:"environments"`
	}{MultiReport: r, Environments: []envJSON{}}
	for _, e := range r.Environments {
		ej := envJSON{Name: e.Name, Error: e.Error}
		if e.Plan != nil {
			ej.Plan = jsonplan.FromPlan(e.Plan, o)
		}
		out.Environments = append(out.Environments, ej)
	}
	return writeJSON(w, out)
}

// MultiMarkdown writes one pull-request comment with a table of the
// environments and one section per environment. Each section gets an
// equal share of MaxMarkdown and is cut, saying so, when it does not fit.
func MultiMarkdown(w io.Writer, r *MultiReport, o Options) error {
	o.Color = false
	var b bytes.Buffer
	title := "crmsync plan"
	if r.Drift {
		title = "crmsync drift"
	}
	fmt.Fprintf(&b, "## %s: %d environments\n\n| Environment | Result |\n| --- | --- |\n", title, len(r.Environments))
	for _, e := range r.Environments {
		fmt.Fprintf(&b, "| %s | %s |\n", mdCell(e.Name), mdCell(e.line(r.Drift)))
	}
	b.WriteString("\n")
	limit := MaxMarkdown
	if o.MaxChars > 0 {
		limit = o.MaxChars
	}
	share := (limit - b.Len()) / max(len(r.Environments), 1)
	for _, e := range r.Environments {
		if e.Plan == nil || e.Error != "" {
			msg := strings.TrimSpace(e.Error)
			if len(msg) > share-200 {
				msg = strings.ToValidUTF8(msg[:max(share-300, 0)], "") + "\n… truncated: see the job log for the whole error"
			}
			fence := codeFence(msg)
			fmt.Fprintf(&b, "### %s\n\n**Error**\n\n%s\n%s\n%s\n\n", e.Name, fence, msg, fence)
			continue
		}
		eo := o
		eo.Title, eo.MaxChars = e.Name, share
		eo.Drift = r.Drift
		if err := Markdown(&b, e.Plan, eo); err != nil {
			return err
		}
		b.WriteString("\n")
	}
	_, err := w.Write(b.Bytes())
	return err
}

// mdCell escapes a table cell.
func mdCell(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s)
}
