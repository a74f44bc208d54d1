package cli

import (
	"context"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/crmsync/crmsync/pkg/zoho"
)

func authCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:  "auth",
		Usage: "set up credentials",
		Subcommands: []*cli.Command{{
			Name:      "exchange",
			Usage:     "turn a Self Client grant token into a refresh token",
			ArgsUsage: " ",
			Description: `In Zoho's API console (https://api-console.zoho.com, or your data centre's),
create a Self Client, then "Generate Code" with the scopes crmsync needs. The
code lives a few minutes and works once. This command exchanges it for a
refresh token and prints it once: store it as a CI secret (ZOHO_REFRESH_TOKEN).

Examples:
   crmsync auth exchange --client-id 1000.XXX --client-secret YYY --grant-token 1000.ZZZ
   ZOHO_DC=eu crmsync auth exchange --grant-token 1000.ZZZ
   crmsync auth exchange --env production --grant-token 1000.ZZZ   the environment's DC and client`,
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "grant-token", Usage: "the code generated for your Self Client", Required: true},
				&cli.StringFlag{Name: "client-id", EnvVars: []string{"ZOHO_CLIENT_ID"}, Usage: "Self Client ID"},
				&cli.StringFlag{Name: "client-secret", EnvVars: []string{"ZOHO_CLIENT_SECRET"}, Usage: "Self Client secret"},
				&cli.StringFlag{Name: "dc", Value: "us", EnvVars: []string{"ZOHO_DC"}, Usage: "data centre: us, eu, in, au, jp, ca, cn or sa"},
				&cli.StringFlag{Name: "accounts-url", EnvVars: []string{"ZOHO_ACCOUNTS_URL"}, Usage: "accounts server (default: the data centre's)"},
				manifestFlag(),
				envFlags()[0], envFlags()[1],
			},
			Action: func(c *cli.Context) error { return runLogin(c.Context, loginOptionsOf(c), s) },
		}, authTokenCommand(s)},
	}
}

// loginOptions are auth login's flags, read once.
type loginOptions struct {
	cfg        zoho.Config // the Self Client and the servers
	grantToken string
	env        envOptions
}

func loginOptionsOf(c *cli.Context) loginOptions {
	return loginOptions{cfg: zoho.Config{ClientID: c.String("client-id"), ClientSecret: c.String("client-secret"),
		DC: c.String("dc"), AccountsURL: c.String("accounts-url")}, grantToken: c.String("grant-token"), env: envOptionsOf(c)}
}

// runLogin exchanges a grant token for a refresh token and prints it.
func runLogin(ctx context.Context, o loginOptions, s streams) error {
	cfg := o.cfg
	es, err := selectEnv(o.env, s.err)
	if err != nil {
		return err
	}
	es.configure(&cfg) // the environment's data centre and Self Client
	g, err := zoho.ExchangeGrantToken(ctx, cfg, o.grantToken)
	if err != nil {
		return withCode(exitError, err)
	}
	if g.RefreshToken == "" {
		return withCode(exitError, fmt.Errorf("zoho returned no refresh token; generate a new code (each works once) and try again"))
	}
	fmt.Fprintln(s.out, g.RefreshToken)
	fmt.Fprintf(s.err, "This refresh token is shown once. Store it as a secret, e.g. ZOHO_REFRESH_TOKEN in your CI.\nAPI domain: %s\nScopes: %s\n", g.APIDomain, g.Scope)
	return nil
}
