package redact

import "testing"

func TestRedactor(t *testing.T) {
	r := New([]string{"abc", "abcdef"})
	if got := r.String("x abcdef y abc"); got != "x (sensitive) y (sensitive)" {
		t.Fatalf("got %q", got)
	}
	type doc struct {
		A string         `json:"a"`
		B map[string]any `json:"b"`
	}
	var out doc
	if err := r.Copy(doc{A: "key=abc", B: map[string]any{"abc": []any{"abcdef", 1}}}, &out); err != nil {
		t.Fatal(err)
	}
	if out.A != "key=(sensitive)" || out.B["abc"].([]any)[0] != "(sensitive)" {
		t.Fatalf("got %+v", out)
	}
}
