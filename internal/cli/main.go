package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// Main runs crmsync with the process's arguments, standard streams and
// signals, and returns the exit code for os.Exit. version is the one set at
// build time, "dev" when none was.
func Main(args []string, version string) int {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go onSignals(sigs, cancel)
	code := run(ctx, args, streams{in: os.Stdin, out: os.Stdout, err: os.Stderr, version: version})
	signal.Stop(sigs)
	cancel()
	return code
}

// onSignals handles SIGINT and SIGTERM (what CI systems send on cancel)
// alike. The first cancels the run's context: apply starts no new write and
// lets the ones on the wire finish, then reports and exits 1. The second
// ends crmsync at once with 128 plus the signal's number (130, 143), as the
// default handling would, even where the parent left the signal ignored.
func onSignals(sigs <-chan os.Signal, cancel context.CancelFunc) {
	<-sigs
	fmt.Fprintln(os.Stderr, "crmsync: interrupted; no new call will start, the calls in flight finish first. "+
		"A second interrupt stops at once (a write then in flight may or may not have been applied).")
	cancel()
	s := <-sigs
	fmt.Fprintln(os.Stderr, "crmsync: interrupted again; stopping now. Run 'crmsync plan' to see what is left.")
	code := 130
	if n, ok := s.(syscall.Signal); ok {
		code = 128 + int(n)
	}
	os.Exit(code)
}
