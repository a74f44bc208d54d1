package zoho

import (
	"reflect"
	"testing"
)

// TestDecodeListMatchesTwoPasses: the one-pass decode of a list body gives
// what decoding the envelope and then the value under the key gave, on
// good bodies, error objects and bodies that are not JSON objects, and it
// does not keep the list's raw text in the envelope.
func TestDecodeListMatchesTwoPasses(t *testing.T) {
	bodies := []string{
		``, "  \n", `null`, `[]`, `[{"id":"1"}]`, `"x"`, `{`, `{"fields":[{"id":"1"}]} x`, `{"fields":[{"id":"1"},]}`,
		`{}`, `{"fields":null}`, `{"fields":[]}`,
		`{"fields":[{"id":"1","api_name":"Tier","length":20,"profiles":[{"name":"Administrator","permission_type":"read_write"}]}]}`,
		`{"info":{"more_records":true},"fields":[{"id":"1"}]}`,
		`{"fields":[{"id":"1"}],"info":{"more_records":false}}`,
		`{"code":"INVALID_MODULE","status":"error","message":"the module name given seems to be invalid","details":{}}`,
		`{"fields":"oops","code":"INVALID_DATA","status":"error","message":"bad"}`,
		`{"fields":[{"length":"twenty"}]}`,
		`{"fields":[{"id":"1","api_name":"A"}],"fields":[{"id":"2"}]}`,
		` {"fields":[{"id":"1"}]} `,
	}
	for _, body := range bodies {
		var want []Field
		wantEnv, wantErr := parseEnvelope([]byte(body))
		if wantErr == nil {
			wantErr = wantEnv.data(keyFields, &want)
		}
		got, env, err := decodeList[Field]([]byte(body), keyFields)
		if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
			t.Errorf("%s: error %v, want %v", body, err, wantErr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: list %+v, want %+v", body, got, want)
		}
		if _, kept := env.keys[keyFields]; kept {
			t.Errorf("%s: the envelope keeps the list's raw text", body)
		}
		delete(wantEnv.keys, keyFields)
		if len(env.keys) != len(wantEnv.keys) || len(env.keys) > 0 && !reflect.DeepEqual(env.keys, wantEnv.keys) {
			t.Errorf("%s: envelope keys %v, want %v", body, env.keys, wantEnv.keys)
		}
		wTop, wOK := wantEnv.topLevel()
		gTop, gOK := env.topLevel()
		if wOK != gOK || !reflect.DeepEqual(wTop, gTop) {
			t.Errorf("%s: top-level %+v %v, want %+v %v", body, gTop, gOK, wTop, wOK)
		}
	}
}
