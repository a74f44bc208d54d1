package emulator

import (
	"encoding/json"
	"net/http"
	"unicode/utf8"
)

// Key decoders shared by the field and global picklist writes.

// strKey decodes a string key: absent → ("", false, nil) or
// MANDATORY_NOT_FOUND when mandatory; not a string → INVALID_DATA with
// expected_data_type; longer than max → INVALID_DATA with maximum_length
// [fields.md §8].
func strKey(it item, key, path string, mandatory bool, max int) (string, bool, *apiErr) {
	if !it.given(key) {
		if mandatory {
			return "", false, errMandatory(key, path)
		}
		return "", false, nil
	}
	s, ok := rawString(it[key])
	if !ok {
		return "", true, errType(key, path, "string")
	}
	if mandatory && s == "" {
		return "", true, errMandatory(key, path)
	}
	if max > 0 && utf8.RuneCountInString(s) > max {
		return s, true, errInvalid(key, path).with("maximum_length", max)
	}
	return s, true, nil
}

// intKey decodes an integer key within [from, to] (INVALID_DATA with range).
func intKey(it item, key, path string, from, to int) (int, bool, *apiErr) {
	if !it.given(key) {
		return 0, false, nil
	}
	n, ok := rawInt(it[key])
	if !ok {
		return 0, true, errType(key, path, "integer")
	}
	if int(n) < from || int(n) > to {
		return 0, true, errInvalid(key, path).with("range", obj{"from": from, "to": to})
	}
	return int(n), true, nil
}

// boolKey decodes a boolean key.
func boolKey(it item, key, path string) (bool, bool, *apiErr) {
	if !it.given(key) {
		return false, false, nil
	}
	b, ok := rawBool(it[key])
	if !ok {
		return false, true, errType(key, path, "boolean")
	}
	return b, true, nil
}

// subItem decodes an object key.
func subItem(it item, key, path string) (item, *apiErr) {
	if !it.given(key) {
		return nil, nil
	}
	return asItem(it[key], key, path)
}

// unknownKey answers INVALID_DATA for the first key not in allowed: each
// data type has its own allow-list (additionalProperties false)
// [fields.md §2].
func unknownKey(it item, path func(string) string, allowed map[string]bool) *apiErr {
	for k := range it {
		if !allowed[k] {
			return errInvalid(k, path(k))
		}
	}
	return nil
}

func keySet(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// limitErr is LIMIT_EXCEEDED {limit, limit_due_to:[{api_name, json_path}]}
// [fields.md §7].
func limitErr(limit int, apiName, path string) *apiErr {
	return badReq("LIMIT_EXCEEDED", "the limit has been exceeded", obj{"limit": limit,
		"limit_due_to": []obj{{"api_name": apiName, "json_path": path}}})
}

// notAllowed is a NOT_ALLOWED item error naming a key.
func notAllowed(msg, apiName, path string) *apiErr {
	return badReq("NOT_ALLOWED", msg, obj{"api_name": apiName, "json_path": path})
}

// wrappedBody decodes {key: [...]} with at most max items (LIMIT_EXCEEDED
// with limit otherwise, top level).
func wrappedBody(body []byte, key string, max int) ([]json.RawMessage, *apiErr) {
	raws, e := decodeBody(body, key)
	if e != nil {
		return nil, e
	}
	if max > 0 && len(raws) > max {
		return nil, limitErr(max, key, "$."+key)
	}
	return raws, nil
}

// multiStatus is the status of a field write: okStatus when all items
// succeed, 400 when all fail, 207 for a mix [fields.md §2, §5].
func multiStatus(r *results, key string, okStatus int) reply {
	return r.reply(key, okStatus, http.StatusMultiStatus)
}
