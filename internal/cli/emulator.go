package cli

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/crmsync/crmsync/pkg/emulator"
)

func emulatorCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:      "emulator",
		Usage:     "serve a local emulator of Zoho CRM's API, for trying manifests safely",
		ArgsUsage: " ",
		Description: `Serves the settings APIs crmsync uses, plus the OAuth token endpoint, from
memory. Without --seed it holds a demo org. It prints its base URL, then serves
until interrupted. Point crmsync at it with --accounts-url URL and any
non-empty client id, secret and refresh token.

Examples:
   crmsync emulator --addr 127.0.0.1:8787
   crmsync emulator --seed org.yaml --state state.json --latency 100ms --max-concurrent 5
   crmsync emulator --reading RoleUpdateResponse=bare --reading ProfileDeleteForm=object
   crmsync emulator --addr 127.0.0.1:8788 --org-id 222 --org-name "Zylker production"

   ZOHO_ACCOUNTS_URL=http://127.0.0.1:8787 ZOHO_CLIENT_ID=x ZOHO_CLIENT_SECRET=x \
   ZOHO_REFRESH_TOKEN=x crmsync plan -f examples/org`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Usage: "address to listen on", Value: "127.0.0.1:8787"},
			&cli.StringFlag{Name: "seed", Usage: "seed the org from this YAML or JSON file (default: the demo org)"},
			&cli.StringFlag{Name: "state", Usage: "load the state from this file if it exists, and save it after every write"},
			&cli.DurationFlag{Name: "latency", Usage: "added to every call"},
			&cli.IntFlag{Name: "max-concurrent", Usage: "answer 429 to calls beyond this many in flight"},
			&cli.Float64Flag{Name: "rate-429", Usage: "probability of a 429 before processing"},
			&cli.Float64Flag{Name: "rate-500", Usage: "probability of a 500 before processing"},
			&cli.Float64Flag{Name: "rate-applied-500", Usage: "probability that a write is applied and then answered 500"},
			&cli.IntFlag{Name: "token-lifetime", Usage: "access token lifetime in seconds", Value: 3600},
			&cli.Int64Flag{Name: "rand-seed", Usage: "seed of the fault rates", Value: 1},
			&cli.StringFlag{Name: "client-id", Usage: "expected client id (default: any)"},
			&cli.StringFlag{Name: "client-secret", Usage: "expected client secret (default: any)"},
			&cli.StringFlag{Name: "refresh-token", Usage: "expected refresh token (default: any)"},
			&cli.StringSliceFlag{Name: "reading", Usage: "take another reading of an ambiguous point of Zoho's docs, as Field=value (e.g. RoleUpdateResponse=bare; see docs/zoho/readings.md); repeatable"},
			&cli.StringFlag{Name: "org-id", Usage: "without --seed: the demo org's id, e.g. to serve a sandbox and a production side by side"},
			&cli.StringFlag{Name: "org-name", Usage: "without --seed: the demo org's company name"},
			&cli.StringFlag{Name: "request-log", Usage: "append one JSON line per request arriving and answered to this file"},
		},
		Action: func(c *cli.Context) error { return runEmulator(c, s) },
	}
}

// runEmulator serves the emulator until the command's context ends.
func runEmulator(c *cli.Context, s streams) error {
	opts, err := emulatorOptions(c)
	if err != nil {
		return withCode(exitError, err)
	}
	emu, err := emulator.New(opts)
	if err != nil {
		return withCode(exitError, err)
	}
	url, stop, err := listenEmulator(emu, c.String("addr"), c.String("request-log"))
	if err != nil {
		return withCode(exitError, err)
	}
	defer stop()
	fmt.Fprintln(s.out, url)
	fmt.Fprintf(s.err, "Zoho CRM emulator listening on %s (API under %s/crm/v8/); Ctrl-C to stop\n", url, url)
	<-c.Context.Done()
	return nil
}

// emulatorOptions reads the emulator's flags, once.
func emulatorOptions(c *cli.Context) (emulator.Options, error) {
	var rd emulator.Readings
	for _, spec := range c.StringSlice("reading") {
		if err := rd.Set(spec); err != nil {
			return emulator.Options{}, err
		}
	}
	var seed *emulator.Seed
	if c.String("org-id") != "" || c.String("org-name") != "" {
		if c.String("seed") != "" {
			return emulator.Options{}, fmt.Errorf("--org-id and --org-name change the demo org; write the org into the --seed file instead")
		}
		seed = emulator.DemoSeed()
		seed.Org.ID = orDefault(c.String("org-id"), seed.Org.ID)
		seed.Org.CompanyName = orDefault(c.String("org-name"), seed.Org.CompanyName)
	}
	return emulator.Options{Seed: seed, Readings: rd,
		SeedFile: c.String("seed"), StateFile: c.String("state"),
		Latency: c.Duration("latency"), MaxConcurrent: c.Int("max-concurrent"),
		Rate429: c.Float64("rate-429"), Rate500: c.Float64("rate-500"), RateApplied500: c.Float64("rate-applied-500"),
		TokenLifetime: c.Int("token-lifetime"), RandSeed: c.Int64("rand-seed"),
		ClientID: c.String("client-id"), ClientSecret: c.String("client-secret"), RefreshToken: c.String("refresh-token"),
	}, nil
}

// listenEmulator serves emu on addr, through a request log when logPath is set.
func listenEmulator(emu *emulator.Server, addr, logPath string) (string, func(), error) {
	if logPath != "" {
		return serveLogged(emu, addr, logPath)
	}
	url, err := emu.Listen(addr)
	return url, func() { emu.Close() }, err
}
