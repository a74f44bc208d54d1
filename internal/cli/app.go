package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"
)

// Exit codes are part of the interface: see the help text of each command.
const (
	exitOK      = 0
	exitError   = 1
	exitChanges = 2
)

// exitError is returned by a command action to choose the exit code. When
// printed is true the command already reported the problem itself.
type exitCodeError struct {
	code    int
	err     error
	printed bool
}

func (e *exitCodeError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitCodeError) Unwrap() error { return e.err }

// withCode wraps err so that crmsync exits with code.
func withCode(code int, err error) error { return &exitCodeError{code: code, err: err} }

// silentExit ends the command with code; the command has printed everything.
func silentExit(code int) error { return &exitCodeError{code: code, printed: true} }

// streams are the process's standard streams, passed down to every command,
// with the version set at build time ("dev" when none was).
type streams struct {
	in       io.Reader
	out, err io.Writer
	version  string
}

// newApp builds the command tree. Every command has its own flags (urfave/cli
// v2 rejects global flags after the subcommand).
func newApp(s streams) *cli.App {
	app := &cli.App{
		Name:  "crmsync",
		Usage: "manage Zoho CRM settings as code",
		Description: `crmsync keeps a Zoho CRM org's record locking configurations, custom modules,
roles and contact roles in YAML manifests, and reconciles the org with them.

   crmsync validate -f manifests/          check manifests offline
   crmsync plan -f manifests/              show what would change
   crmsync apply -f manifests/             make the changes
   crmsync drift -f manifests/             exit 2 when the org drifted
   crmsync plan --emulator -f examples/kaizen-109   try it with no Zoho account
   crmsync plan --env all --format markdown   every environment of crmsync.yaml
   crmsync diff --from sandbox --to production   what makes production match`,
		Reader:               s.in,
		Writer:               s.out,
		ErrWriter:            s.err,
		Version:              s.version, // for the User-Agent; `crmsync version` prints it
		HideVersion:          true,
		HideHelpCommand:      true,
		EnableBashCompletion: true,
		ExitErrHandler:       func(*cli.Context, error) {},
		Commands:             commands(s),
	}
	app.OnUsageError = usageError
	for _, c := range app.Commands {
		setUsageError(c)
	}
	return app
}

// usageError reports a bad flag or argument once, on stderr, with where to
// find help, instead of printing the whole help text on stdout.
func usageError(c *cli.Context, err error, _ bool) error {
	var names []string
	for _, l := range c.Lineage() {
		if l.Command != nil && l.Command.Name != "" && l.Command.Name != c.App.Name {
			names = append([]string{l.Command.Name}, names...)
		}
	}
	name := strings.Join(append([]string{"crmsync"}, names...), " ")
	return withCode(exitError, fmt.Errorf("%w; see '%s --help'", err, name))
}

func setUsageError(c *cli.Command) {
	c.OnUsageError = usageError
	for _, sub := range c.Subcommands {
		setUsageError(sub)
	}
}

// run executes crmsync with args and returns the process exit code. It is the
// only place that turns errors into output and exit codes.
func run(ctx context.Context, args []string, s streams) int {
	app := newApp(s)
	errw := s.err
	unknown := ""
	app.CommandNotFound = func(c *cli.Context, name string) { unknown = name }
	err := app.RunContext(ctx, args)
	if unknown != "" && err == nil {
		err = withCode(exitError, fmt.Errorf("unknown command %q; run 'crmsync --help' for the list", unknown))
	}
	if err == nil {
		return exitOK
	}
	err = explainBudget(err)
	var ec *exitCodeError
	if errors.As(err, &ec) {
		if !ec.printed && ec.err != nil {
			fmt.Fprintf(errw, "Error: %v\n", ec.err)
		}
		return ec.code
	}
	var cliExit cli.ExitCoder
	if errors.As(err, &cliExit) {
		if msg := err.Error(); msg != "" {
			fmt.Fprintf(errw, "Error: %s\n", msg)
		}
		return cliExit.ExitCode()
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(errw, "Error: interrupted")
		return exitError
	}
	fmt.Fprintf(errw, "Error: %v\n", err)
	return exitError
}
