package cli

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/crmsync/crmsync/pkg/kinds"
	"github.com/crmsync/crmsync/schemas"
)

func schemaCommand() *cli.Command {
	return &cli.Command{
		Name:      "schema",
		Usage:     "print the JSON Schema of manifests",
		UsageText: "crmsync schema [KIND]",
		Description: `Schema prints the JSON Schema (draft 2020-12) that manifest documents are
validated against. Without KIND it prints the combined schema, which accepts
a document of any kind; editors use it through a modeline such as

   # yaml-language-server: $schema=schemas/crmsync.schema.json

KIND is one of Module, Role, ContactRole, Field or RecordLockingConfig (any case),
or Project for the project file crmsync.yaml.

Examples:
   crmsync schema > crmsync.schema.json
   crmsync schema RecordLockingConfig
   crmsync schema project > project.schema.json

Exit codes:
   0  the schema was printed
   1  unknown KIND or too many arguments`,
		Action: func(c *cli.Context) error {
			name, err := schemaFile(c.Args().Slice())
			if err != nil {
				return withCode(exitError, err)
			}
			_, err = c.App.Writer.Write(schemas.Bytes(name))
			return err
		},
	}
}

// schemaFile picks the schema file for the command's arguments.
func schemaFile(args []string) (string, error) {
	switch len(args) {
	case 0:
		return schemas.CombinedFile, nil
	case 1:
	default:
		return "", fmt.Errorf("schema takes at most one KIND, got %d arguments", len(args))
	}
	if strings.EqualFold(args[0], "project") {
		return schemas.ProjectFile, nil
	}
	for _, d := range kinds.All() {
		if strings.EqualFold(args[0], string(d.Kind)) {
			return d.SchemaFile, nil
		}
	}
	return "", fmt.Errorf("unknown kind %q; expected one of %s", args[0], strings.Join(kinds.Names(), ", "))
}
