package apply

// Renames that reuse names, and names that differ only in case or spaces,
// end to end: each step asserts the exact writes, that they ran in the
// plan's order, that nothing was created twice or deleted unasked, and
// ends with a plan that shows no changes and a second apply that writes
// nothing.

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// crDoc is one contact-role manifest; extra lines follow the name.
func crDoc(name string, seq int, extra ...string) string {
	d := fmt.Sprintf("apiVersion: crmsync/v1\nkind: ContactRole\nname: %q\n", name)
	for _, e := range extra {
		d += e + "\n"
	}
	if seq > 0 {
		d += fmt.Sprintf("sequence_number: %d\n", seq)
	}
	return d
}

func docs(ds ...string) manifestSet { return manifestSet{strings.Join(ds, "---\n")} }

// renameStep is one step of a rename scenario: it applies m and checks
// every invariant of this file.
func (r *rig) renameStep(m manifestSet, want map[string]int) result {
	r.t.Helper()
	before := r.emu.Snapshot()
	res := r.step(m, plan.Options{}, want)
	checkSafe(r.t, before, r.emu.Snapshot(), res.Plan)
	checkInOrder(r.t, res)
	checkCreatedOnce(r.t, before, r.emu.Snapshot(), res.Plan)
	return res
}

// checkInOrder asserts that each processed write started after every write
// its plan request waits for (After and Wait) had been answered.
func checkInOrder(t testing.TB, res result) {
	t.Helper()
	ids := map[string]string{}
	for _, o := range res.Report.Outcomes {
		if o.Status == Created && o.ID != "" {
			ids[plan.Placeholder(o.Key)] = o.ID
		}
	}
	sub := func(s string) string {
		for ph, id := range ids {
			s = strings.ReplaceAll(s, ph, id)
		}
		return s
	}
	at := map[int]int{} // plan request -> index of its last processed write
	first := map[int]int{}
	for _, i := range writeIndexes(res.Log) {
		if id := matchRequest(res.Plan, res.Log[i], sub); id != 0 {
			if _, ok := first[id]; !ok {
				first[id] = i
			}
			at[id] = i
		}
	}
	for _, rq := range res.Plan.Requests {
		i, ok := first[rq.ID]
		if !ok {
			continue
		}
		for _, dep := range append(slices.Clone(rq.After), rq.Wait...) {
			if j, ran := at[dep]; !ran || j > i {
				t.Errorf("request %d (%s %s) was sent before request %d, which it waits for", rq.ID, rq.Method, rq.Path, dep)
			}
		}
	}
}

// checkCreatedOnce asserts that the org gained exactly the objects the plan
// creates: no object was created twice, and no rename became a create.
func checkCreatedOnce(t testing.TB, before, after *emulator.Seed, p *plan.Plan) {
	t.Helper()
	want := map[model.Kind]int{}
	for _, c := range p.Changes {
		if c.Action == plan.Create {
			want[c.Key.Kind]++
		}
	}
	newRoles, newCRs := 0, 0
	for _, ro := range after.Roles {
		if roleByID(before, ro.ID) == nil {
			newRoles++
		}
	}
	for _, cr := range after.ContactRoles {
		if crByID(before, cr.ID) == nil {
			newCRs++
		}
	}
	if newRoles != want[model.KindRole] || newCRs != want[model.KindContactRole] {
		t.Errorf("%d roles and %d contact roles were created, want %d and %d", newRoles, newCRs, want[model.KindRole], want[model.KindContactRole])
	}
}

// wantIDs asserts which live object (by its id before the step) now has
// each name.
func wantCRIDs(t testing.TB, s *emulator.Seed, ids map[string]string) {
	t.Helper()
	for name, id := range ids {
		if c := findCR(s, name); c == nil || c.ID != id {
			t.Errorf("contact role %q is %+v, want id %s", name, c, id)
		}
	}
}

func wantRoleIDs(t testing.TB, s *emulator.Seed, ids map[string]string) {
	t.Helper()
	for name, id := range ids {
		if r := findRole(s, name); r == nil || r.ID != id {
			t.Errorf("role %q is %+v, want id %s", name, r, id)
		}
	}
}

// runContactRoleNames: the demo org's contact roles are Purchasing=1,
// Component Specifier=2, Evaluator=3, Technical Buyer=4, Lead=5, Economic
// Decision Maker=6, Executive Sponsor=7, Influencer=8, Other=9.
func runContactRoleNames(t *testing.T, r *rig) {
	s0 := r.emu.Snapshot()
	id := func(name string) string { return crOf(t, s0, name).ID }
	// Step 1: Purchasing and Evaluator swap names (each keeps its position);
	// Lead becomes Sales Lead and a new Lead is created; Other is deleted
	// and Influencer renamed into its name; Technical Buyer changes case
	// and Executive Sponsor gains a trailing space.
	step1 := docs(
		crDoc("Evaluator", 1, "previous_names: [Purchasing]"),
		crDoc("Purchasing", 3, "previous_names: [Evaluator]"),
		crDoc("Sales Lead", 5, "previous_names: [Lead]"),
		crDoc("Lead", 10),
		crDoc("Other", 0, "absent: true"),
		crDoc("Other", 8, "previous_names: [Influencer]"),
		crDoc("technical buyer", 4),
		crDoc("Executive Sponsor ", 7),
	)
	res := r.renameStep(step1, map[string]int{"DELETE /Contacts/roles": 1, "PUT /Contacts/roles": 2, "POST /Contacts/roles": 1})
	s1 := r.emu.Snapshot()
	wantCRIDs(t, s1, map[string]string{"Evaluator": id("Purchasing"), "Purchasing": id("Evaluator"), "Sales Lead": id("Lead"),
		"Other": id("Influencer"), "technical buyer": id("Technical Buyer"), "Executive Sponsor ": id("Executive Sponsor")})
	if findCR(s1, "Influencer") != nil || crByID(s1, id("Other")) != nil || findCR(s1, "Lead") == nil {
		t.Errorf("contact roles after step 1: %s", contactRoleOrder(s1))
	}
	wantNames(t, res, id("Purchasing"), "Evaluator (crmsync tmp)", "Evaluator")

	// Step 2: a cycle of three renames, each role keeping its position.
	step2 := docs(
		crDoc("Purchasing", 1, "previous_names: [Evaluator]"),
		crDoc("Component Specifier", 3, "previous_names: [Purchasing]"),
		crDoc("Evaluator", 2, "previous_names: [Component Specifier]"),
	)
	res = r.renameStep(step2, map[string]int{"PUT /Contacts/roles": 2})
	wantCRIDs(t, r.emu.Snapshot(), map[string]string{"Purchasing": id("Purchasing"), "Component Specifier": id("Evaluator"), "Evaluator": id("Component Specifier")})
	wantNames(t, res, id("Evaluator"), "Component Specifier (crmsync tmp)", "Component Specifier")
}

// wantNames asserts the names the processed writes gave object id, in order.
func wantNames(t testing.TB, res result, id string, names ...string) {
	t.Helper()
	var got []string
	for _, i := range writeIndexes(res.Log) {
		w := res.Log[i]
		for _, item := range bodyItemsOf(w.Body) {
			if item["id"] == id || strings.HasSuffix(w.Path, "/"+id) {
				if n, ok := item["name"].(string); ok && w.Status < 300 {
					got = append(got, n)
				}
			}
		}
	}
	if !slices.Equal(got, names) {
		t.Errorf("names written to %s: %q, want %q", id, got, names)
	}
}

// cancelAfter cancels the apply's context once a write whose body holds
// marker has been answered: an interruption at an exact point.
type cancelAfter struct {
	Doer
	marker string
	cancel context.CancelFunc
	once   sync.Once
}

func (d *cancelAfter) Do(ctx context.Context, r zoho.Request) (*zoho.Response, error) {
	resp, err := d.Doer.Do(ctx, r)
	if err == nil && strings.Contains(string(r.Body), d.marker) {
		d.once.Do(d.cancel)
	}
	return resp, err
}

// interruptAtTemp applies m, interrupted right after the move to a
// temporary name, then requires that a rerun finds the object there and
// converges.
func (r *rig) interruptAtTemp(m manifestSet) (first, rerun result) {
	r.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	before := r.emu.Snapshot()
	p := r.plan(m.parse(r.t), plan.Options{})
	start := len(r.emu.Requests())
	rep, err := Apply(ctx, &cancelAfter{Doer: r.client, marker: model.TempSuffix, cancel: cancel}, p, Options{Observe: r.observeFunc()})
	first = result{Plan: p, Report: rep, Err: err, Log: r.emu.Requests()[start:]}
	if rep == nil || !rep.Interrupted {
		r.t.Fatalf("the apply was not interrupted (err %v):\n%s", err, describe(first))
	}
	checkSafe(r.t, before, r.emu.Snapshot(), p)
	again := r.plan(m.parse(r.t), plan.Options{})
	temps := 0
	for _, c := range again.Changes {
		if strings.HasSuffix(c.PreviousName, model.TempSuffix) {
			temps++
		}
		if c.Action != plan.Update {
			r.t.Errorf("rerun plan: %s %s, want only updates", c.Action, c.Key)
		}
	}
	if temps == 0 {
		b, _ := jsonIndent(again.Changes)
		r.t.Fatalf("rerun plan: no change from a temporary name:\n%s", b)
	}
	rerun = r.applyPlan(context.Background(), again)
	requireOK(r.t, rerun)
	checkBodies(r.t, rerun)
	checkInOrder(r.t, rerun)
	checkSafe(r.t, before, r.emu.Snapshot(), p, again)
	checkCreatedOnce(r.t, before, r.emu.Snapshot(), again)
	r.converge(m.parse(r.t), plan.Options{})
	return first, rerun
}

// runContactRoleTempRerun interrupts a swap after its first write.
func runContactRoleTempRerun(t *testing.T, r *rig) {
	s0 := r.emu.Snapshot()
	id := func(name string) string { return crOf(t, s0, name).ID }
	swap := docs(crDoc("Evaluator", 1, "previous_names: [Purchasing]"), crDoc("Purchasing", 3, "previous_names: [Evaluator]"))
	r.interruptAtTemp(swap)
	wantCRIDs(t, r.emu.Snapshot(), map[string]string{"Evaluator": id("Purchasing"), "Purchasing": id("Evaluator")})
}

// bodyItemsOf decodes the items of a logged write body (any wrapper key).
func bodyItemsOf(body []byte) []map[string]any {
	var b map[string][]map[string]any
	if json.Unmarshal(body, &b) != nil {
		return nil
	}
	var out []map[string]any
	for _, items := range b {
		out = append(out, items...)
	}
	return out
}

func jsonIndent(v any) ([]byte, error) { return json.MarshalIndent(v, "", "  ") }

// roleDoc is one role manifest; extra lines follow the name.
func roleDoc(name string, extra ...string) string {
	d := fmt.Sprintf("apiVersion: crmsync/v1\nkind: Role\nname: %q\n", name)
	for _, e := range extra {
		d += e + "\n"
	}
	return d
}

// runRoleNames: the demo org's roles are CEO; Manager and Sales department
// Head under it; Sales Rep under Sales department Head; Support Agent
// under Manager.
func runRoleNames(t *testing.T, r *rig) {
	s0 := r.emu.Snapshot()
	id := func(name string) string { return roleOf(t, s0, name).ID }
	// Step 1: Manager and Sales Rep swap names (their parents tell which is
	// which); a new Trainee goes under the new Sales Rep; Support Agent
	// changes case. References use other cases and spaces.
	step1 := docs(
		roleDoc("Sales Rep", "previous_names: [Manager]", "reporting_to: CEO"),
		roleDoc("Manager", "previous_names: [Sales Rep]", `reporting_to: "sales department head "`),
		roleDoc("Trainee", "reporting_to: SALES REP", "description: learns"),
		roleDoc("support agent"),
	)
	res := r.renameStep(step1, map[string]int{"PUT /settings/roles/": 4, "POST /settings/roles": 1})
	s1 := r.emu.Snapshot()
	wantRoleIDs(t, s1, map[string]string{"Sales Rep": id("Manager"), "Manager": id("Sales Rep"), "support agent": id("Support Agent")})
	wantParents(t, s1, map[string]string{"Trainee": "Sales Rep", "Manager": "Sales department Head", "support agent": "Sales Rep"})
	wantNames(t, res, id("Sales Rep"), "Manager (crmsync tmp)", "Manager")
	trainee := roleOf(t, s1, "Trainee").ID

	// Step 2: Sales department Head is renamed to Sales Head and a new
	// Sales department Head is created under it; support agent is deleted
	// (its users go to the CEO) and Trainee is renamed into its name.
	step2 := docs(
		roleDoc("Sales Head", "previous_names: [Sales department Head]"),
		roleDoc("Sales department Head", "reporting_to: sales head"),
		roleDoc("Support Agent", "absent: true", "transfer_to: ceo"),
		roleDoc("Support Agent", "previous_names: [Trainee]", "reporting_to: Sales Rep"),
	)
	res = r.renameStep(step2, map[string]int{"PUT /settings/roles/": 2, "POST /settings/roles": 1, "DELETE /settings/roles/" + id("Support Agent"): 1})
	s2 := r.emu.Snapshot()
	wantRoleIDs(t, s2, map[string]string{"Sales Head": id("Sales department Head"), "Support Agent": trainee})
	wantParents(t, s2, map[string]string{"Sales department Head": "Sales Head", "Support Agent": "Sales Rep"})
	if roleByID(s2, id("Support Agent")) != nil {
		t.Errorf("the replaced Support Agent still exists")
	}
	wantNames(t, res, trainee, "Support Agent")

	// Step 3: a cycle of three renames; parents and the description tell
	// which role is which.
	step3 := docs(
		roleDoc("Manager", "previous_names: [Sales Rep]", "reporting_to: CEO"),
		roleDoc("Support Agent", "previous_names: [Manager]", "reporting_to: Sales Head"),
		roleDoc("Sales Rep", "previous_names: [Support Agent]", "reporting_to: Manager", "description: learns"),
	)
	res = r.renameStep(step3, map[string]int{"PUT /settings/roles/": 4})
	s3 := r.emu.Snapshot()
	wantRoleIDs(t, s3, map[string]string{"Manager": id("Manager"), "Support Agent": id("Sales Rep"), "Sales Rep": trainee})
	wantNames(t, res, id("Manager"), "Manager (crmsync tmp)", "Manager")

	// Step 4: a rename by trailing spaces only, references in other cases,
	// and the forecast manager cleared.
	step4 := docs(
		roleDoc("Sales Head ", `forecast_manager: ""`),
		roleDoc("Sales department Head", "reporting_to: SALES HEAD"),
		roleDoc("Sales Rep", "reporting_to: manager"),
	)
	r.renameStep(step4, map[string]int{"PUT /settings/roles/" + id("Sales department Head"): 1})
	s4 := r.emu.Snapshot()
	if h := roleOf(t, s4, "Sales Head "); h.ID != id("Sales department Head") || h.ForecastManager != nil {
		t.Errorf("Sales Head: %+v", h)
	}
}

// runRoleTempRerun interrupts a swap of two roles after its first write.
func runRoleTempRerun(t *testing.T, r *rig) {
	s0 := r.emu.Snapshot()
	id := func(name string) string { return roleOf(t, s0, name).ID }
	swap := docs(
		roleDoc("Sales Rep", "previous_names: [Manager]", "reporting_to: CEO"),
		roleDoc("Manager", "previous_names: [Sales Rep]", "reporting_to: Sales department Head"),
	)
	r.interruptAtTemp(swap)
	wantRoleIDs(t, r.emu.Snapshot(), map[string]string{"Sales Rep": id("Manager"), "Manager": id("Sales Rep")})
}

// runTrickyRefs creates roles whose names JSON escapes or that end a
// placeholder, each under the one before: the children's creates name
// their new parents by placeholder, which must resolve.
func runTrickyRefs(t *testing.T, r *rig) {
	names := []string{`<<`, `say "hi" {x}`, `back\slash 100%`, ` spaced `}
	var ds []string
	parent := "CEO"
	for _, n := range names {
		ds = append(ds, roleDoc(n, fmt.Sprintf("reporting_to: %q", parent)))
		parent = n
	}
	r.renameStep(docs(ds...), map[string]int{"POST /settings/roles": len(names)})
	s := r.emu.Snapshot()
	wantParents(t, s, map[string]string{names[0]: "CEO", names[1]: names[0], names[2]: names[1], names[3]: names[2]})
}
