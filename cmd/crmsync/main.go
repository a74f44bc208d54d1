// Command crmsync manages a Zoho CRM org's settings as code: record locking
// configurations, custom modules, roles and contact roles, kept as YAML
// manifests in git and reconciled with validate, plan, apply and drift.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first Ctrl-C or SIGTERM (what CI systems send on cancel) cancels
	// ctx: apply starts no new write and lets the ones on the wire finish,
	// then reports and exits 1. Restoring the default handling lets a second
	// signal end a stuck run at once, as the shell's default would.
	var finished atomic.Bool
	context.AfterFunc(ctx, func() {
		stop()
		if finished.Load() {
			return // the run ended; stop cancelled ctx
		}
		fmt.Fprintln(os.Stderr, "crmsync: interrupted; no new call will start, the calls in flight finish first. "+
			"A second interrupt stops at once (a write then in flight has an unknown outcome).")
	})
	code := run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	finished.Store(true)
	stop()
	os.Exit(code)
}
