package e2e

import (
	"slices"
	"strings"
	"testing"
)

// The recipe checks are only as good as the extraction and the flag
// check: these cases prove neither is vacuous.

func TestCrmsyncCommands(t *testing.T) {
	script := `set +e
code=0
crmsync plan -f "my manifests" --format markdown > plan.md 2> plan.err || code=$?
if ! crmsync drift -f 'x y' \
    --format json; then exit 1; fi
echo "crmsync plan is not run here" # crmsync apply neither
go install github.com/crmsync/crmsync/cmd/crmsync@v1
out=$(crmsync version)
CRMSYNC_CONCURRENCY=2 crmsync validate -f ${{ matrix.dir }}/m
cat crmsync.log | crmsync export --out x`
	want := [][]string{
		{"plan", "-f", "my manifests", "--format", "markdown"},
		{"drift", "-f", "x y", "--format", "json"},
		{"version"},
		{"validate", "-f", "EXPR/m"},
		{"export", "--out", "x"},
	}
	if got := crmsyncCommands(script); !slices.EqualFunc(got, want, slices.Equal[[]string]) {
		t.Errorf("crmsyncCommands:\n got %q\nwant %q", got, want)
	}
}

func TestCheckCommandRejects(t *testing.T) {
	for _, tt := range []struct{ args, err string }{
		{"plan -f m --no-such-flag", "has no flag --no-such-flag"},
		{"apply plan.json --report r.json", "after the argument"},
		{"plan --format", "needs a value"},
		{"frobnicate -f m", "no command"},
		{"auth exchange --grant-token x --client-id y --bogus", "crmsync auth exchange has no flag --bogus"},
	} {
		_, _, err := checkCommand(t, strings.Fields(tt.args))
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("checkCommand(%s) = %v, want an error with %q", tt.args, err, tt.err)
		}
	}
	for _, ok := range []string{"plan -f m --format=json --detailed-exitcode", "apply --auto-approve -f m", "auth exchange --grant-token x", "apply --report r.json plan.json"} {
		if _, _, err := checkCommand(t, strings.Fields(ok)); err != nil {
			t.Errorf("checkCommand(%s): %v", ok, err)
		}
	}
}
