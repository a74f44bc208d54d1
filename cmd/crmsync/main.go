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
	code := run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
