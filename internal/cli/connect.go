package cli

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// connectionFlags are the flags of every command that talks to Zoho.
func connectionFlags() []cli.Flag {
	flags := []cli.Flag{
		&cli.StringFlag{Name: "client-id", Usage: "OAuth client ID of your Self Client", EnvVars: []string{"ZOHO_CLIENT_ID"}, Category: "Connection"},
		&cli.StringFlag{Name: "client-secret", Usage: "OAuth client secret", EnvVars: []string{"ZOHO_CLIENT_SECRET"}, Category: "Connection"},
		&cli.StringFlag{Name: "refresh-token", Usage: "OAuth refresh token (see 'crmsync auth exchange')", EnvVars: []string{"ZOHO_REFRESH_TOKEN"}, Category: "Connection"},
		&cli.StringFlag{Name: "access-token", Usage: "use this access token and skip the refresh grant", EnvVars: []string{"ZOHO_ACCESS_TOKEN"}, Category: "Connection"},
		&cli.StringFlag{Name: "dc", Usage: "Zoho data centre: us, eu, in, au, jp, ca, cn or sa", Value: "us", EnvVars: []string{"ZOHO_DC"}, Category: "Connection"},
		&cli.StringFlag{Name: "api-domain", Usage: "API domain, e.g. https://sandbox.zohoapis.com (default: the token's api_domain)", EnvVars: []string{"ZOHO_API_DOMAIN"}, Category: "Connection"},
		&cli.StringFlag{Name: "accounts-url", Usage: "accounts server (default: the data centre's)", EnvVars: []string{"ZOHO_ACCOUNTS_URL"}, Category: "Connection"},
		&cli.StringFlag{Name: "api-version", Usage: "Zoho CRM API version", Value: "v8", EnvVars: []string{"ZOHO_API_VERSION"}, Category: "Connection"},
		&cli.IntFlag{Name: "concurrency", Usage: "API calls in flight at most (Zoho allows 5 to 25 by edition)", Value: 5, EnvVars: []string{"CRMSYNC_CONCURRENCY"}, Category: "Connection"},
		&cli.BoolFlag{Name: "debug", Usage: "log every API request and response to stderr, with tokens redacted", Category: "Connection"},
		&cli.BoolFlag{Name: "emulator", Usage: "run against a built-in emulator of Zoho's API with a demo org, no account needed", Category: "Emulator"},
		&cli.StringFlag{Name: "emulator-seed", Usage: "with --emulator: seed the org from this YAML or JSON file", Category: "Emulator"},
		&cli.StringFlag{Name: "emulator-state", Usage: "with --emulator: keep the org's state in this file between runs", Category: "Emulator"},
	}
	return append(flags, envFlags()...)
}

// connection is a connected client, plus the emulator behind it if any.
type connection struct {
	client   *zoho.Client
	emu      *emulator.Server
	env      *envSetup // the environment, when --env chose one
	refresh  string    // the refresh token, for the token ledger
	accounts string    // its accounts server
}

func (c *connection) Close() {
	if c.client != nil && c.emu == nil {
		recordMints(c.accounts, c.refresh, c.client.TokenCalls())
	}
	if c.emu != nil {
		c.emu.Close()
	}
}

// connOptions are the connection flags of a command, read once.
type connOptions struct {
	cfg                         zoho.Config // credentials, servers, API version, concurrency, User-Agent
	debug                       bool
	debugTo                     io.Writer // the app's stderr
	emulator                    bool
	emulatorSeed, emulatorState string
}

// connOptionsOf reads the connection flags.
func connOptionsOf(c *cli.Context) connOptions {
	return connOptions{
		cfg: zoho.Config{
			ClientID:     c.String("client-id"),
			ClientSecret: c.String("client-secret"),
			RefreshToken: c.String("refresh-token"),
			AccessToken:  c.String("access-token"),
			DC:           c.String("dc"),
			APIDomain:    c.String("api-domain"),
			AccountsURL:  c.String("accounts-url"),
			APIVersion:   c.String("api-version"),
			Concurrency:  c.Int("concurrency"),
			UserAgent:    "crmsync/" + c.App.Version,
		},
		debug:         c.Bool("debug"),
		debugTo:       c.App.ErrWriter,
		emulator:      c.Bool("emulator"),
		emulatorSeed:  c.String("emulator-seed"),
		emulatorState: c.String("emulator-state"),
	}
}

// common are the environment and connection flags most commands share,
// read once per command.
type common struct {
	env  envOptions
	conn connOptions
}

func commonOf(c *cli.Context) common {
	return common{env: envOptionsOf(c), conn: connOptionsOf(c)}
}

// connect builds the Zoho client for the environment --env selects,
// starting the in-process emulator first under --emulator.
func connect(ctx context.Context, o common, errw io.Writer) (*connection, error) {
	es, err := selectEnv(o.env, errw)
	if err != nil {
		return nil, err
	}
	return connectFor(ctx, o.conn, errw, es)
}

// connectFor is connect for one environment: its data centre, servers and
// credentials win over the flags, and the org must be the environment's.
func connectFor(ctx context.Context, co connOptions, errw io.Writer, es *envSetup) (*connection, error) {
	cfg := co.cfg
	cfg.Warnings = errw
	if co.debug {
		cfg.Debug = &redactWriter{w: co.debugTo, r: es.redactor()} // stderr, also under --env all
	}
	es.configure(&cfg)
	conn := &connection{env: es}
	if co.emulator {
		emu, err := emulator.New(emulator.Options{SeedFile: co.emulatorSeed, StateFile: co.emulatorState})
		if err != nil {
			return nil, fmt.Errorf("start the emulator: %w", err)
		}
		url, err := emu.Listen("127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("start the emulator: %w", err)
		}
		conn.emu = emu
		cfg.ClientID, cfg.ClientSecret, cfg.RefreshToken = "emulator", "emulator", "emulator"
		cfg.AccessToken, cfg.AccountsURL, cfg.APIDomain, cfg.DC = "", url, "", "us"
	}
	if conn.emu == nil {
		conn.accounts = accountsServer(cfg)
		if err := checkBudget(conn.accounts, cfg.RefreshToken, cfg.AccessToken); err != nil {
			return nil, err
		}
		conn.refresh = cfg.RefreshToken
	}
	client, err := zoho.New(ctx, cfg)
	if err != nil {
		conn.Close()
		return nil, err
	}
	conn.client = client
	if err := es.checkOrg(ctx, client); err != nil {
		conn.Close()
		return nil, err
	}
	if es.env != nil && es.env.OrgID == "" {
		fmt.Fprintf(errw, "Warning: environment %s has no org_id in %s, so crmsync cannot refuse another org; add the org's id (Setup > Company Details)\n", es.env.Name, es.proj.Path)
	}
	return conn, nil
}

// isTerminal reports whether f is a terminal. /dev/null is a character
// device but no terminal, so the check asks the terminal driver.
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(int(file.Fd()))
}
