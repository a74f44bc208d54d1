package apply

import (
	"bytes"
	"testing"

	"github.com/crmsync/crmsync/pkg/model"
)

// TestWriteReport checks the text form of a failed apply: the counts, the
// failed change with its manifest position, and no claim of verification.
func TestWriteReport(t *testing.T) {
	rep := &Report{Result: ResultFailed, Summary: Summary{Updated: 1, Failed: 1},
		Outcomes: []Outcome{
			{Key: model.Key{Kind: model.KindRole, Name: "Sales"}, Status: Updated},
			{Key: model.Key{Kind: model.KindRole, Name: "CEO"}, Status: Failed, Message: "INVALID_DATA",
				Source: &model.Source{File: "roles.yaml", Line: 3, Column: 1}},
		}}
	var b bytes.Buffer
	WriteReport(&b, rep)
	want := "\nApply failed: 0 created, 1 updated, 0 deleted, 1 failed, 0 skipped, 0 unknown.\n" +
		"Failed:\n  roles.yaml:3:1: Role \"CEO\" — INVALID_DATA\n" +
		"Not everything was applied. Run 'crmsync plan' to see what is left (it reads the org again), then apply again.\n"
	if b.String() != want {
		t.Errorf("WriteReport wrote\n%q\nwant\n%q", b.String(), want)
	}
}
