package cli

import (
	"bytes"
	"context"
	"regexp"
	"runtime"
	"runtime/debug"
	"testing"
)

func TestReadBuildInfo(t *testing.T) {
	vcs := []debug.BuildSetting{
		{Key: "GOOS", Value: "windows"}, {Key: "GOARCH", Value: "arm64"},
		{Key: "vcs.revision", Value: "9b69437c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f60"},
		{Key: "vcs.time", Value: "2026-12-01T20:00:00Z"},
		{Key: "vcs.modified", Value: "true"},
	}
	tests := []struct {
		name     string
		override string
		bi       *debug.BuildInfo
		want     string
	}{
		{"go install of a tag", "dev",
			&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.3"}, Settings: vcs[:2]},
			"crmsync v1.2.3 (go1.26.8 windows/arm64)"},
		{"build from a dirty clone", "dev",
			&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: vcs},
			"crmsync dev (revision 9b69437c1d2e, modified, 2026-12-01T20:00:00Z, go1.26.8 windows/arm64)"},
		{"ldflags override wins over the module version", "v9.8.7",
			&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.3"}, Settings: vcs[:4]},
			"crmsync v9.8.7 (revision 9b69437c1d2e, 2026-12-01T20:00:00Z, go1.26.8 windows/arm64)"},
		{"no build information", "dev", nil,
			"crmsync dev (" + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH + ")"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := readBuildInfo(tt.override, tt.bi).String(); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestVersionCommand runs the command in this test binary, whose build
// information has no module version: it prints "dev" and the toolchain.
func TestVersionCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"crmsync", "version"}, streams{out: &out, err: &errOut, version: "dev"}); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	re := regexp.MustCompile(`^crmsync dev \((revision [0-9a-f]{12}, (modified, )?\S+, )?` +
		regexp.QuoteMeta(runtime.Version()) + ` \w+/\w+\)\n$`)
	if !re.MatchString(out.String()) {
		t.Errorf("version printed %q, want a match of %s", out.String(), re)
	}
}
