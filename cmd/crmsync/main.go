// Command crmsync manages a Zoho CRM org's settings as code: record locking
// configurations, custom modules, roles and contact roles, kept as YAML
// manifests in git and reconciled with validate, plan, apply and drift.
//
// The commands live in internal/cli; this file is the process's one exit
// point.
package main

import (
	"os"

	"github.com/crmsync/crmsync/internal/cli"
)

// version is set at build time with -ldflags "-X main.version=…" (the
// release build and the GitHub Action do); otherwise it comes from the
// module's build information, which `go install …@v1.2.3` fills in.
var version = "dev"

func main() { os.Exit(cli.Main(os.Args, version)) }
