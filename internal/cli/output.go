package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/crmsync/crmsync/internal/render"
	"github.com/crmsync/crmsync/pkg/plan"
)

// output is what the output flags ask for, read and checked once per
// command, before anything is read from the org.
type output struct {
	format       string // "text", "json" or "markdown"
	color        bool
	showRequests bool
}

// outputOf reads the output flags of a command that writes a plan to w.
func outputOf(c *cli.Context, w io.Writer) (output, error) {
	o := output{format: c.String("format"), color: colorFor(c, w), showRequests: c.Bool("show-requests")}
	switch o.format {
	case "text", "json", "markdown":
	case "md":
		o.format = "markdown"
	default:
		return o, fmt.Errorf("--format %q: use text, json or markdown", o.format)
	}
	return o, nil
}

// colorFor is the one place that decides colour: only on a terminal, and
// never with --no-color or when NO_COLOR is set.
func colorFor(c *cli.Context, w io.Writer) bool {
	return !c.Bool("no-color") && os.Getenv("NO_COLOR") == "" && isTerminal(w)
}

// renderOptions are the render options of the output flags.
func (o output) renderOptions(drift bool, version string) render.Options {
	return render.Options{ShowRequests: o.showRequests, Drift: drift, APIVersion: version, RoleDiagram: true, Color: o.color}
}

// renderPlan writes the plan in the chosen format with ro.
func (o output) renderPlan(w io.Writer, pl *plan.Plan, ro render.Options) error {
	switch o.format {
	case "json":
		return render.JSON(w, pl, jsonPlanOptions)
	case "markdown":
		return render.Markdown(w, pl, ro)
	}
	return render.Text(w, pl, ro)
}
