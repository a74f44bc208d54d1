package emulator

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// item is one request object, kept raw so that absent, null and present
// keys can be told apart (several rules depend on it, e.g. "_delete": null
// in [seed:update-custom-module] and the NullOnPut reading).
type item map[string]json.RawMessage

// has reports whether key is present (possibly null).
func (it item) has(key string) bool {
	_, ok := it[key]
	return ok
}

// isNull reports whether key is present with the value null.
func (it item) isNull(key string) bool {
	raw, ok := it[key]
	return ok && isNullRaw(raw)
}

// given reports whether key is present with a non-null value.
func (it item) given(key string) bool {
	raw, ok := it[key]
	return ok && !isNullRaw(raw)
}

func isNullRaw(raw json.RawMessage) bool {
	return bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}

// decodeBody parses a write body {key: [objects]} [api.md conventions].
// It returns the raw items; a malformed body or a missing/empty wrapper is
// a request-level error.
func decodeBody(body []byte, key string) ([]json.RawMessage, *apiErr) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, badReq("MANDATORY_NOT_FOUND", "required field not found", obj{"api_name": key, "json_path": "$." + key})
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil {
		// [OAS contact_roles.json] Parse_Datatype_API_Exception.
		return nil, badReq("UNABLE_TO_PARSE_DATA_TYPE", "either the request body or parameters is in wrong format", obj{})
	}
	raw, ok := top[key]
	if !ok || isNullRaw(raw) {
		return nil, badReq("MANDATORY_NOT_FOUND", "required field not found", obj{"api_name": key, "json_path": "$." + key})
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, badReq("INVALID_DATA", "invalid data", obj{"api_name": key, "json_path": "$." + key, "expected_data_type": "jsonarray"})
	}
	if len(list) == 0 {
		return nil, badReq("MANDATORY_NOT_FOUND", "required field not found", obj{"api_name": key, "json_path": "$." + key})
	}
	return list, nil
}

// asItem parses one object; path is used for the error.
func asItem(raw json.RawMessage, apiName, path string) (item, *apiErr) {
	var it item
	if err := json.Unmarshal(raw, &it); err != nil || it == nil {
		return nil, errType(apiName, path, "jsonobject")
	}
	return it, nil
}

// asItems parses an array of objects.
func asItems(raw json.RawMessage, apiName, path string) ([]item, *apiErr) {
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, errType(apiName, path, "jsonarray")
	}
	out := make([]item, 0, len(list))
	for i, r := range list {
		it, e := asItem(r, apiName, path+"["+strconv.Itoa(i)+"]")
		if e != nil {
			return nil, e
		}
		out = append(out, it)
	}
	return out, nil
}

// rawString decodes a JSON string.
func rawString(raw json.RawMessage) (string, bool) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", false
	}
	return s, true
}

// rawBool decodes a JSON boolean.
func rawBool(raw json.RawMessage) (bool, bool) {
	var b bool
	if err := json.Unmarshal(raw, &b); err != nil {
		return false, false
	}
	return b, true
}

// rawInt decodes a JSON integer (no fraction, no exponent, no string).
func rawInt(raw json.RawMessage) (int64, bool) {
	t := string(bytes.TrimSpace(raw))
	n, err := strconv.ParseInt(t, 10, 64)
	return n, err == nil
}

// rawID decodes an id given as a JSON string or a bare number (a Kaizen
// sample sends a bare number, [api.md conventions]). The id must be a
// positive integer.
func rawID(raw json.RawMessage) (string, bool) {
	t := bytes.TrimSpace(raw)
	var s string
	if len(t) > 0 && t[0] == '"' {
		if json.Unmarshal(t, &s) != nil {
			return "", false
		}
	} else {
		s = string(t)
	}
	return s, isNumericID(s)
}

// isNumericID reports whether s is a positive decimal integer that fits 64
// bits, the form of every Zoho id.
func isNumericID(s string) bool {
	if s == "" || len(s) > 19 || s[0] == '0' {
		return false
	}
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}

// rawStrings decodes an array of strings.
func rawStrings(raw json.RawMessage) ([]string, bool) {
	var out []string
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, false
	}
	return out, true
}

// rawValue decodes any JSON value with numbers kept exact.
func rawValue(raw json.RawMessage) any {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if d.Decode(&v) != nil {
		return nil
	}
	return v
}
