package plan_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestNoHTTP: the plan and render phases know no HTTP client (house style,
// "one package per phase"). Test-only imports do not count.
func TestNoHTTP(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	out, err := exec.Command(goTool, "list", "-deps",
		"github.com/crmsync/crmsync/pkg/plan", "github.com/crmsync/crmsync/internal/render").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "github.com/crmsync/crmsync/pkg/plan") {
		t.Fatalf("go list -deps does not list pkg/plan itself:\n%s", out)
	}
	for _, forbidden := range []string{
		"net/http",
		"github.com/crmsync/crmsync/pkg/zoho",
		"github.com/crmsync/crmsync/pkg/observe",
		"github.com/crmsync/crmsync/pkg/apply",
	} {
		if slices.Contains(deps, forbidden) {
			t.Errorf("pkg/plan or internal/render depends on %s", forbidden)
		}
	}
}
