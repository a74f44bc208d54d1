package cli

import "github.com/urfave/cli/v2"

// commands lists every subcommand; each lives in its own file.
func commands(s streams) []*cli.Command {
	return []*cli.Command{
		validateCommand(),
		planCommand(s),
		applyCommand(s),
		driftCommand(s),
		exportCommand(s),
		diffCommand(s),
		graphCommand(s),
		schemaCommand(),
		emulatorCommand(s),
		authCommand(s),
		versionCommand(s),
		completionCommand(s),
	}
}
