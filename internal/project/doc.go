// Package project reads crmsync.yaml, the project file that names a
// repository's environments (for example a sandbox and a production org).
//
// Phase: configuration, before loading the manifests. It validates the
// project file against schemas/project.schema.json with positioned
// diagnostics, and gives each environment's data centre, API domain, the org
// id it must be, the names of the environment variables holding its
// credentials, its manifest paths and its variable values (package redact hides
// the secret ones in output).
//
// It works offline: it must not import pkg/zoho, pkg/observe, pkg/plan or
// anything that talks HTTP.
//
// # Format
//
//	apiVersion: crmsync/v1
//	kind: Project
//	environments:
//	  sandbox:
//	    dc: eu
//	    api_domain: https://sandbox.zohoapis.eu
//	    org_id: "20001234"
//	    credentials:
//	      client_id: SANDBOX_ZOHO_CLIENT_ID
//	      client_secret: SANDBOX_ZOHO_CLIENT_SECRET
//	      refresh_token: SANDBOX_ZOHO_REFRESH_TOKEN
//	    manifests: [manifests]
//	    vars:
//	      region: EU                         # a plain value, typed by YAML
//	      share: true
//	      webhook_key: {env: SANDBOX_KEY, secret: true}
//
// Paths are relative to the directory of crmsync.yaml. A variable is a
// plain YAML value, or a mapping with value (or env, the name of an
// environment variable holding it) and secret.
package project
