package jsonplan_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/crmsync/crmsync/pkg/apply"
	"github.com/crmsync/crmsync/pkg/jsonplan"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

var withFallbacks = jsonplan.Options{Fallbacks: apply.FallbackForms}

func lockKey(m string) model.Key { return model.Key{Kind: model.KindLockingConfig, Name: m} }

func roleKey(n string) model.Key { return model.Key{Kind: model.KindRole, Name: n} }

func cond(field, value string) *model.Criteria {
	return &model.Criteria{Field: field, Comparator: "equal", Value: value}
}

func role(name, parent, id string) *model.Object {
	r := &model.Role{Name: name}
	if parent != "" {
		r.ReportingTo = model.Ptr(parent)
	}
	return &model.Object{Key: roleKey(name), ID: id, Role: r}
}

// samplePlan changes a rule whose name holds a ".", a module's profiles,
// and creates a role under a new role (a placeholder) and moves another.
func samplePlan(t *testing.T) *plan.Plan {
	t.Helper()
	obs, des := model.NewState(), model.NewState()
	obs.Put(role("CEO", "", "1"))
	obs.Put(role("Manager", "CEO", "2"))
	obs.Put(&model.Object{Key: lockKey("Deals"), ID: "4", LockingConfig: &model.LockingConfig{Module: "Deals",
		LockType: model.Ptr("automatic"), LockingRules: &[]model.LockingRule{
			{ID: "41", Name: "Won.Deal", LockExistingRecords: model.Ptr(false), Criteria: cond("Stage", "Closed Won")}}}})
	des.Put(&model.Object{Key: lockKey("Deals"), LockingConfig: &model.LockingConfig{Module: "Deals",
		LockType: model.Ptr("automatic"), LockingRules: &[]model.LockingRule{
			{Name: "Won.Deal", LockExistingRecords: model.Ptr(false), Criteria: cond("Stage", "Won")}}}})
	des.Put(role("Sales Head", "CEO", ""))
	des.Put(role("Rep", "Sales Head", ""))
	des.Put(role("Manager", "Sales Head", ""))
	p, err := plan.Make(plan.Input{Desired: des, Observed: obs}, plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p.Org, p.APIDomain, p.APIVersion = &plan.Org{ID: "99", Name: "Acme"}, "https://www.zohoapis.eu", "v8"
	return p
}

func encode(t *testing.T, jp *jsonplan.Plan) []byte {
	t.Helper()
	data, err := json.Marshal(jp)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestFieldPathsAreStepsAndValuesAreJSON(t *testing.T) {
	jp := jsonplan.FromPlan(samplePlan(t), jsonplan.Options{})
	var got []jsonplan.FieldChange
	for _, c := range jp.Changes {
		if c.Key == lockKey("Deals") {
			got = c.Fields
		}
	}
	want := []jsonplan.FieldChange{{
		Path:   []string{"locking_rules", "Won.Deal", "criteria"},
		Before: map[string]any{"field": "Stage", "comparator": "equal", "value": "Closed Won"},
		After:  map[string]any{"field": "Stage", "comparator": "equal", "value": "Won"},
	}}
	// Through JSON, as a reader sees it.
	var back []jsonplan.FieldChange
	data, _ := json.Marshal(got)
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, back); diff != "" {
		t.Errorf("Deals fields (-want +got):\n%s", diff)
	}
	if s := string(encode(t, jp)); strings.Contains(s, `Stage equal`) || strings.Contains(s, `"locking_rules.`) {
		t.Errorf("JSON plan holds the plan's text forms:\n%s", s)
	}
}

func TestReadGivesBackThePlan(t *testing.T) {
	p := samplePlan(t)
	got, err := jsonplan.Read(encode(t, jsonplan.FromPlan(p, withFallbacks)))
	if err != nil {
		t.Fatal(err)
	}
	// Everything is the same, field values back in the plan's text form.
	if diff := cmp.Diff(p, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("read back (-made +read):\n%s", diff)
	}
	if len(p.Requests) == 0 || len(p.Requests[0].Refs)+len(p.Requests[1].Refs)+len(p.Requests[2].Refs) == 0 {
		t.Fatalf("sample plan lost its placeholders: %+v", p.Requests)
	}
}

func TestRequestsSendThePlannedBodyFirst(t *testing.T) {
	p := samplePlan(t)
	jp := jsonplan.FromPlan(p, withFallbacks)
	fallbacks := 0
	for i, r := range jp.Requests {
		if !bytes.Equal(r.Body, p.Requests[i].Body) {
			t.Errorf("request %d body %s, plan has %s", r.ID, r.Body, p.Requests[i].Body)
		}
		for _, f := range r.FallbackForms {
			fallbacks++
			if f.Part != "role references" || f.Form != "a plain ID" || bytes.Contains(f.Body, []byte(`{"id"`)) {
				t.Errorf("request %d fallback %+v", r.ID, f)
			}
		}
	}
	if fallbacks == 0 {
		t.Errorf("no fallback form for role bodies with references: %s", encode(t, jp))
	}
}

func TestReadRefusesOtherFormats(t *testing.T) {
	for _, tt := range []struct {
		data string
		is   error
		want string
	}{
		{`{"format_version": "1.0", "changes": [{"fields": [{"path": "name", "old": "a", "new": "b"}]}]}`,
			jsonplan.ErrOldFormat, "this plan was saved by an older crmsync (format 1.0); run crmsync plan --out again"},
		{`{"format_version": "3.1", "changes": []}`, nil, `plan format "3.1"; this crmsync reads 2.x`},
		{`{"changes": []}`, jsonplan.ErrNotPlan, "no format_version"},
		{`roles:\n  - name: CEO\n`, jsonplan.ErrNotPlan, "not a crmsync plan"},
		{`{"format_version": "2.0", "changes": {}}`, jsonplan.ErrNotPlan, "not a crmsync plan"},
	} {
		_, err := jsonplan.Read([]byte(tt.data))
		if err == nil || !strings.Contains(err.Error(), tt.want) || tt.is != nil && !errors.Is(err, tt.is) {
			t.Errorf("Read(%s) = %v, want %q", tt.data, err, tt.want)
		}
	}
	for _, v := range []string{"2.0", "2.7"} { // an earlier (2.0, before fields) and a later minor version
		if _, err := jsonplan.Read([]byte(`{"format_version": "` + v + `", "changes": []}`)); err != nil {
			t.Errorf("minor version %s is refused: %v", v, err)
		}
	}
}
