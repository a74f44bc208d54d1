package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/crmsync/crmsync/schemas"
)

func TestSchemaCommand(t *testing.T) {
	tests := []struct {
		args []string
		code int
		out  string
		err  string
	}{
		{nil, exitOK, string(schemas.Combined()), ""},
		{[]string{"RecordLockingConfig"}, exitOK, string(schemas.Bytes("record_locking_config.schema.json")), ""},
		{[]string{"contactrole"}, exitOK, string(schemas.Bytes("contact_role.schema.json")), ""},
		{[]string{"Nope"}, exitError, "", "Error: unknown kind \"Nope\"; expected one of Module, Role, ContactRole, Field, RecordLockingConfig\n"},
		{[]string{"Role", "Module"}, exitError, "", "Error: schema takes at most one KIND, got 2 arguments\n"},
	}
	for _, tt := range tests {
		code, out, errw := validateExec(t, append([]string{"schema"}, tt.args...)...)
		if code != tt.code || out != tt.out || errw != tt.err {
			t.Errorf("schema %q: exit %d, stderr %q, %d bytes out; want exit %d, stderr %q, %d bytes",
				tt.args, code, errw, len(out), tt.code, tt.err, len(tt.out))
		}
		if code == exitOK && !json.Valid([]byte(out)) {
			t.Errorf("schema %q: output is not JSON", tt.args)
		}
	}
	if code, out, _ := validateExec(t, "schema", "--help"); code != exitOK || !strings.Contains(out, "Exit codes:") {
		t.Errorf("schema --help: exit %d, output:\n%s", code, out)
	}
}
