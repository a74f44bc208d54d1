package apply

// A write Zoho answers SUCCESS for but does not apply shows only in the
// re-read. When the field it carried has another documented body form,
// apply resends that field once in the other form, remembers the form and
// reports it; when it has none, the field is a mismatch and the apply is
// not OK (the CLI exits 1).

import (
	"strings"
	"testing"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/plan"
)

// TestIgnoredProfileDeleteRetried: a Zoho that takes only the 3.0.0 SDK's
// {"permanent": …} and silently ignores the 2.0.0 SDK's boolean.
func TestIgnoredProfileDeleteRetried(t *testing.T) {
	r := newRig(t, emulator.Options{Readings: emulator.Readings{ProfileDeleteForm: "object_ignore_bool"}})
	m := manifests(t, marketingModule)
	res := r.applyOK(m, plan.Options{})
	extra := checkBodies(t, res)
	mod := moduleOf(t, r.emu.Snapshot(), "Digital_Marketings")
	wantWrites(t, res, map[string]int{"PUT /settings/modules/" + mod.ID: 1}, extra)
	if len(extra) != 1 {
		t.Fatalf("want one resend, got %d:\n%s", len(extra), logText(writes(res.Log)))
	}
	if got := res.Log[extra[0]].Body; !strings.Contains(string(got), `"_delete":{"permanent":false}`) {
		t.Errorf("resend body %s", got)
	}
	if got := refNames(mod.Profiles); got != "Administrator,Marketing,Standard" {
		t.Errorf("profiles = %s", got)
	}
	if len(res.Report.FormRetries) != 1 {
		t.Fatalf("form retries %+v", res.Report.FormRetries)
	}
	fr := res.Report.FormRetries[0]
	want := `Zoho accepted "_delete": true for profile Support of Module "Digital_Marketings" but kept it; ` +
		`retried as "_delete": {"permanent": false}: removed`
	if !fr.Taken || fr.Field != "profiles" || fr.Message != want {
		t.Errorf("form retry %+v\nwant message %s", fr, want)
	}
	r.converge(m, plan.Options{})
}

// TestIgnoredRoleRefRetried: a Zoho that answers SUCCESS for the SDK's
// {"id": …} on update but applies only a plain ID.
func TestIgnoredRoleRefRetried(t *testing.T) {
	r := newRig(t, emulator.Options{Readings: emulator.Readings{RoleRefForm: "ignore_object"}})
	m := manifests(t, moveTwoRoles)
	res := r.applyOK(m, plan.Options{})
	extra := checkBodies(t, res)
	wantWrites(t, res, map[string]int{"PUT /settings/roles": 2}, extra)
	if len(extra) != 2 {
		t.Fatalf("want two resends, got %d:\n%s", len(extra), logText(writes(res.Log)))
	}
	for _, i := range extra {
		if refsForm(res.Log[i].Body) != formString || strings.Contains(string(res.Log[i].Body), "name") {
			t.Errorf("resend %s: want only id and a plain-ID reporting_to", res.Log[i].Body)
		}
	}
	wantParents(t, r.emu.Snapshot(), map[string]string{"Sales Rep": "Manager", "Support Agent": "Sales Rep"})
	for _, fr := range res.Report.FormRetries {
		want := `Zoho accepted reporting_to as {"id": …} for ` + fr.Key + ` but kept it; retried as a plain ID: applied`
		if !fr.Taken || fr.Message != want {
			t.Errorf("form retry %+v, want message %s", fr, want)
		}
	}
	if len(res.Report.FormRetries) != 2 {
		t.Fatalf("form retries %+v", res.Report.FormRetries)
	}
	r.converge(m, plan.Options{})
}

// TestIgnoredFieldWithoutOtherForm: description has one form only, so a
// Zoho that drops it is reported as a field not taken, never resent.
func TestIgnoredFieldWithoutOtherForm(t *testing.T) {
	r := newRig(t, emulator.Options{})
	r.emu.AddFailure(emulator.Failure{Method: "PUT", PathPrefix: "/settings/roles", IgnoreKeys: []string{"description"}, Times: 10})
	m := manifests(t, "apiVersion: crmsync/v1\nkind: Role\nname: Manager\ndescription: Runs support\n")
	res := r.apply(m, plan.Options{})
	if res.Err != nil || res.Report.OK() || res.Report.Verified || !res.Report.Checked || res.Report.Result != ResultFailed {
		t.Fatalf("want a checked apply that is not verified (err %v):\n%s", res.Err, describe(res))
	}
	if n := count(res.Log, "PUT", "/settings/roles"); n != 1 {
		t.Errorf("%d role PUTs, want 1 (no resend):\n%s", n, logText(writes(res.Log)))
	}
	if len(res.Report.FormRetries) != 0 {
		t.Errorf("form retries %+v", res.Report.FormRetries)
	}
	if len(res.Report.Mismatches) != 1 || res.Report.Mismatches[0].Path != "description" ||
		res.Report.Mismatches[0].Key.String() != `Role "Manager"` {
		t.Errorf("mismatches %+v", res.Report.Mismatches)
	}
}

// TestIgnoredBothForms: the other form is ignored too; it is sent once,
// never a third time, and the field is a mismatch.
func TestIgnoredBothForms(t *testing.T) {
	r := newRig(t, emulator.Options{Readings: emulator.Readings{RoleRefForm: "ignore_object"}})
	r.emu.AddFailure(emulator.Failure{Method: "PUT", PathPrefix: "/settings/roles", IgnoreKeys: []string{"reporting_to"}, Times: 10})
	m := manifests(t, "apiVersion: crmsync/v1\nkind: Role\nname: Sales Rep\nreporting_to: Manager\n")
	res := r.apply(m, plan.Options{})
	if res.Report.OK() {
		t.Fatalf("apply OK:\n%s", describe(res))
	}
	if n := count(res.Log, "PUT", "/settings/roles"); n != 2 {
		t.Errorf("%d role PUTs, want 2:\n%s", n, logText(writes(res.Log)))
	}
	if len(res.Report.FormRetries) != 1 || res.Report.FormRetries[0].Taken ||
		!strings.HasSuffix(res.Report.FormRetries[0].Message, ": still not taken") {
		t.Errorf("form retries %+v", res.Report.FormRetries)
	}
	if len(res.Report.Mismatches) != 1 || res.Report.Mismatches[0].Path != "reporting_to" {
		t.Errorf("mismatches %+v", res.Report.Mismatches)
	}
}

// TestIgnoredProfileDeletesNamed: two removals ignored in one body are
// reported together, as profiles.
func TestIgnoredProfileDeletesNamed(t *testing.T) {
	r := newRig(t, emulator.Options{Readings: emulator.Readings{ProfileDeleteForm: "object_ignore_bool"}})
	m := manifests(t, strings.Replace(marketingModule, "[Administrator, Standard, Marketing]", "[Administrator]", 1))
	res := r.applyOK(m, plan.Options{})
	if len(res.Report.FormRetries) != 1 {
		t.Fatalf("form retries %+v", res.Report.FormRetries)
	}
	want := `Zoho accepted "_delete": true for profiles Standard, Support of Module "Digital_Marketings" but kept it; ` +
		`retried as "_delete": {"permanent": false}: removed`
	if fr := res.Report.FormRetries[0]; !fr.Taken || fr.Message != want {
		t.Errorf("form retry %+v\nwant message %s", fr, want)
	}
	r.converge(m, plan.Options{})
}

// TestIgnoredOnCreateRetriedAsUpdate: a Zoho that creates a role but drops
// its {"id": …} forecast_manager. The role exists, so the other form goes
// in a PUT to the new role's id, never in a second POST (which would
// create another role, or be refused for want of a name).
func TestIgnoredOnCreateRetriedAsUpdate(t *testing.T) {
	r := newRig(t, emulator.Options{})
	r.emu.AddFailure(emulator.Failure{Method: "POST", PathPrefix: "/settings/roles", IgnoreKeys: []string{"forecast_manager"}, Times: 1})
	m := manifests(t, "apiVersion: crmsync/v1\nkind: Role\nname: Inside Sales\nreporting_to: Manager\nforecast_manager: john@example.com\n")
	res := r.applyOK(m, plan.Options{})
	if n := count(res.Log, "POST", "/settings/roles"); n != 1 {
		t.Errorf("%d role POSTs, want 1:\n%s", n, logText(writes(res.Log)))
	}
	var puts []emulator.LoggedRequest
	for _, w := range writes(res.Log) {
		if w.Method == "PUT" && strings.HasPrefix(apiPath(w.Path), "/settings/roles/") {
			puts = append(puts, w)
		}
	}
	if len(puts) != 1 || refsForm(puts[0].Body) != formString || strings.Contains(string(puts[0].Body), "name") {
		t.Fatalf("want one PUT of a plain-ID forecast_manager, got:\n%s", logText(puts))
	}
	if len(res.Report.FormRetries) != 1 || !res.Report.FormRetries[0].Taken {
		t.Fatalf("form retries %+v", res.Report.FormRetries)
	}
	r.converge(m, plan.Options{})
}
