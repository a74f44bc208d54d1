package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/urfave/cli/v2"
)

// buildInfo is what `crmsync version` reports, read from the binary.
type buildInfo struct {
	Version   string // module version, or the ldflags override
	Revision  string // VCS commit, shortened to 12 characters
	Time      string // VCS commit time
	Modified  bool   // the work tree had uncommitted changes
	GoVersion string // toolchain that built the binary
	Platform  string // GOOS/GOARCH
}

// readBuildInfo combines the ldflags override with debug.ReadBuildInfo.
// bi may be nil (a binary built without module support).
func readBuildInfo(override string, bi *debug.BuildInfo) (info buildInfo) {
	info = buildInfo{Version: override, GoVersion: runtime.Version()}
	goos, goarch := runtime.GOOS, runtime.GOARCH
	defer func() { info.Platform = goos + "/" + goarch }()
	if bi == nil {
		return info
	}
	if bi.GoVersion != "" {
		info.GoVersion = bi.GoVersion
	}
	if override == "dev" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		info.Version = bi.Main.Version
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			info.Revision = s.Value
			if len(info.Revision) > 12 {
				info.Revision = info.Revision[:12]
			}
		case "vcs.time":
			info.Time = s.Value
		case "vcs.modified":
			info.Modified = s.Value == "true"
		case "GOOS":
			goos = s.Value
		case "GOARCH":
			goarch = s.Value
		}
	}
	return info
}

// String renders one line: the version first, so that scripts can take the
// second word, then the revision and toolchain in parentheses:
//
//	crmsync v1.2.3 (revision 9b69437c1d2e, modified, 2026-12-01T20:00:00Z, go1.26.8 linux/amd64)
func (b buildInfo) String() string {
	var details []string
	if b.Revision != "" {
		details = append(details, "revision "+b.Revision)
		if b.Modified {
			details = append(details, "modified")
		}
		if b.Time != "" {
			details = append(details, b.Time)
		}
	}
	details = append(details, b.GoVersion+" "+b.Platform)
	return fmt.Sprintf("crmsync %s (%s)", b.Version, strings.Join(details, ", "))
}

func versionCommand(s streams) *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print crmsync's version, VCS revision and Go version",
		Description: `Prints one line: the module version (or the one set at build time),
then the commit it was built from (and "modified" when the work tree had
uncommitted changes), the commit time and the Go toolchain. Example:

   crmsync v1.2.3 (revision 9b69437c1d2e, 2026-12-01T20:00:00Z, go1.26.8 linux/amd64)`,
		Action: func(c *cli.Context) error {
			bi, _ := debug.ReadBuildInfo()
			_, err := fmt.Fprintln(s.out, readBuildInfo(s.version, bi))
			return err
		},
	}
}
