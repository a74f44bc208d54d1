package zoho

import (
	"fmt"
	"reflect"
	"strings"
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

// BenchmarkDecodeFieldList decodes one fields answer of the large-org
// benchmark (34 fields, each with 60 profiles) as getList did before (the
// envelope parsed in Do and again in getList, then the list from its raw
// text) and as it does now.
func BenchmarkDecodeFieldList(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"fields":[`)
	for i := range 34 {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `{"id":"58431040000000%05d","api_name":"Bench_Field_%02d","field_label":"Bench Field %02d","data_type":"text","length":100,"custom_field":true,"profiles":[`, i, i, i)
		for p := range 60 {
			if p > 0 {
				sb.WriteByte(',')
			}
			fmt.Fprintf(&sb, `{"name":"Bench Profile %02d","id":"58431040000001%05d","permission_type":"read_write"}`, p, p)
		}
		sb.WriteString(`]}`)
	}
	sb.WriteString(`]}`)
	body := []byte(sb.String())
	b.Run("two-passes", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for range b.N {
			if _, err := parseEnvelope(body); err != nil { // as in Do
				b.Fatal(err)
			}
			env, err := parseEnvelope(body)
			var out []Field
			if err == nil {
				err = env.data(keyFields, &out)
			}
			if err != nil || len(out) != 34 {
				b.Fatal(err, len(out))
			}
		}
	})
	b.Run("one-pass", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for range b.N {
			out, _, err := decodeList[Field](body, keyFields)
			if err != nil || len(out) != 34 {
				b.Fatal(err, len(out))
			}
		}
	})
}
