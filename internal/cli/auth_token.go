package cli

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

// authTokenCommand is `crmsync auth token`: one access token for a whole
// CI workflow, so that its plan, apply and drift steps do not each mint
// one (Zoho allows 10 per refresh token in 10 minutes).
func authTokenCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "token",
		Usage:     "mint one access token and print it, for the later steps of a CI workflow",
		ArgsUsage: " ",
		Description: `Mints one access token with the refresh token (of --env's environment, or
of ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET and ZOHO_REFRESH_TOKEN), checks that it
reaches the environment's org, and prints it on stdout, alone. Nothing else
is written there. Mask it and hand it to the later steps as
ZOHO_ACCESS_TOKEN (or the variable named by the environment's
credentials.access_token): they then use it instead of minting their own.
Zoho allows 10 access tokens per refresh token in 10 minutes, and a token
lives an hour.

Examples:
   export ZOHO_ACCESS_TOKEN="$(crmsync auth token)"
   TOKEN="$(crmsync auth token --env production)"
   echo "::add-mask::$TOKEN"                           GitHub Actions: mask it first
   echo "PRODUCTION_ZOHO_ACCESS_TOKEN=$TOKEN" >> "$GITHUB_ENV"

Exit codes:
   0  the token was printed
   1  error`,
		Flags:  append([]cli.Flag{manifestFlag()}, connectionFlags()...),
		Action: func(c *cli.Context) error { return runAuthToken(c, s) },
	}
}

func runAuthToken(c *cli.Context, s streams) error {
	conn, err := connect(c.Context, commonOf(c), s.err)
	if err != nil {
		return withCode(exitError, err)
	}
	defer conn.Close()
	tok, err := conn.client.AccessToken(c.Context)
	if err != nil {
		return withCode(exitError, err)
	}
	domain, _ := conn.client.APIDomain(c.Context)
	fmt.Fprintln(s.out, tok)
	if conn.client.TokenCalls() == 0 {
		fmt.Fprintln(s.err, "Printed the access token already given (ZOHO_ACCESS_TOKEN or the environment's access_token); nothing was minted.")
		return nil
	}
	fmt.Fprintf(s.err, "Minted one access token (valid about an hour; API domain %s). Mask it, then pass it to later steps as ZOHO_ACCESS_TOKEN.\n", orDefault(domain, "the data centre's"))
	return nil
}
