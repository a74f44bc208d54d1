package zoho

import (
	"encoding/json"
	"testing"
)

func TestIDUnmarshal(t *testing.T) {
	for in, want := range map[string]ID{
		`"5843104000000766010"`: "5843104000000766010",
		`5843104000001068052`:   "5843104000001068052", // above 2^53: exact, not via float64
		`9223372036854775807`:   "9223372036854775807",
		`null`:                  "",
		`""`:                    "",
	} {
		var got ID
		if err := json.Unmarshal([]byte(in), &got); err != nil || got != want {
			t.Errorf("unmarshal %s = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{`1.5`, `5.843104000001068e+18`, `-1`, `true`, `{}`} {
		var got ID
		if err := json.Unmarshal([]byte(bad), &got); err == nil {
			t.Errorf("unmarshal %s succeeded: %q", bad, got)
		}
	}
	var s struct {
		A ID `json:"a"`
		B ID `json:"b,omitempty"`
	}
	s.A = "5843104000001068052"
	if got := mustJSON(t, s); got != `{"a":"5843104000001068052"}` {
		t.Errorf("marshal = %s", got)
	}
}

func TestNamedRefAcceptsBareID(t *testing.T) {
	var r struct {
		ReportingTo *NamedRef `json:"reporting_to"`
	}
	if err := json.Unmarshal([]byte(`{"reporting_to":"42"}`), &r); err != nil || r.ReportingTo.ID != "42" {
		t.Errorf("= %+v, %v", r.ReportingTo, err)
	}
	if err := json.Unmarshal([]byte(`{"reporting_to":{"id":42,"name":"CEO"}}`), &r); err != nil ||
		*r.ReportingTo != (NamedRef{ID: "42", Name: "CEO"}) {
		t.Errorf("= %+v, %v", r.ReportingTo, err)
	}
}

func TestWriteTypesSendOnlyChosenKeys(t *testing.T) {
	if got := mustJSON(t, RoleWrite{}); got != `{}` {
		t.Errorf("empty RoleWrite = %s", got)
	}
	if got := mustJSON(t, RoleWrite{Description: ptr(""), ShareWithPeers: ptr(false)}); got != `{"description":"","share_with_peers":false}` {
		t.Errorf("RoleWrite = %s", got)
	}
	if got := mustJSON(t, LockingConfig{}.writable()); got != `{}` {
		t.Errorf("empty LockingConfig = %s", got)
	}
	cfg := LockingConfig{ExcludedFields: []FieldRef{}, LockExcludedProfiles: nil, LockingRules: []LockingRule{}}
	if got := mustJSON(t, cfg); got != `{"excluded_fields":[],"locking_rules":[]}` {
		t.Errorf("empty lists = %s", got)
	}
	if got := mustJSON(t, ContactRole{Name: "x"}); got != `{"name":"x"}` {
		t.Errorf("ContactRole = %s", got)
	}
	if got := mustJSON(t, ModuleUpdate{}); got != `{}` {
		t.Errorf("ModuleUpdate = %s", got)
	}
}

func TestCriteriaValueKeepsNumbers(t *testing.T) {
	var c Criteria
	if err := json.Unmarshal([]byte(`{"comparator":"equal","value":12345678901234567890}`), &c); err != nil {
		t.Fatal(err)
	}
	if n, ok := c.Value.(json.Number); !ok || n != "12345678901234567890" {
		t.Errorf("Value = %#v", c.Value)
	}
	if got := mustJSON(t, c); got != `{"comparator":"equal","value":12345678901234567890}` {
		t.Errorf("round trip = %s", got)
	}
}
