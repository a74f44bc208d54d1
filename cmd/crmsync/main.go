// Command crmsync manages a Zoho CRM org's settings as code: record locking
// configurations, custom modules, roles and contact roles, kept as YAML
// manifests in git and reconciled with validate, plan, apply and drift.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first Ctrl-C cancels ctx: apply starts no new request and lets
	// running ones finish. Restoring the default handling then lets a
	// second Ctrl-C end a stuck run at once.
	context.AfterFunc(ctx, stop)
	code := run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
