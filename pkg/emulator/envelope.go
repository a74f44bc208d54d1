package emulator

import (
	"fmt"
	"net/http"
)

// reply is what a handler answers: an HTTP status and a JSON body (nil body
// means no body, as for 204).
type reply struct {
	status int
	body   any
}

// obj is a JSON object built for a response.
type obj = map[string]any

// apiErr is a Zoho error {"code","details","message","status":"error"}
// [api.md §8]. It is used both at top level (request-level errors) and as an
// item of a wrapped result list (body-validation errors).
type apiErr struct {
	http    int
	code    string
	message string
	details obj
}

// json renders the error object; details is always an object, never null.
func (e *apiErr) json() obj {
	d := e.details
	if d == nil {
		d = obj{}
	}
	return obj{"code": e.code, "details": d, "message": e.message, "status": "error"}
}

// reply answers the error at top level.
func (e *apiErr) reply() reply {
	st := e.http
	if st == 0 {
		st = http.StatusBadRequest
	}
	return reply{status: st, body: e.json()}
}

func newErr(status int, code, msg string, details obj) *apiErr {
	return &apiErr{http: status, code: code, message: msg, details: details}
}

// badReq is a 400 error.
func badReq(code, msg string, details obj) *apiErr {
	return newErr(http.StatusBadRequest, code, msg, details)
}

// fieldErr is a 400 body-validation error naming a key and its JSON path.
func fieldErr(code, msg, apiName, path string) *apiErr {
	return badReq(code, msg, obj{"api_name": apiName, "json_path": path})
}

// with adds details keys and returns the error.
func (e *apiErr) with(kv ...any) *apiErr {
	if e.details == nil {
		e.details = obj{}
	}
	for i := 0; i+1 < len(kv); i += 2 {
		e.details[kv[i].(string)] = kv[i+1]
	}
	return e
}

// Frequently used errors and helpers.

func errMandatory(apiName, path string) *apiErr {
	return fieldErr("MANDATORY_NOT_FOUND", "required field not found", apiName, path)
}

func errInvalid(apiName, path string) *apiErr {
	return fieldErr("INVALID_DATA", "invalid data", apiName, path)
}

func errType(apiName, path, want string) *apiErr {
	return errInvalid(apiName, path).with("expected_data_type", want)
}

func errReqParam(param, detailKey string) *apiErr {
	return badReq("REQUIRED_PARAM_MISSING", "One of the expected parameter is missing", obj{detailKey: param})
}

func errInvalidURLID(index int) *apiErr {
	return badReq("INVALID_DATA", "the id given seems to be invalid", obj{"resource_path_index": index})
}

func errInvalidModule() *apiErr {
	return badReq("INVALID_MODULE", "the module name given seems to be invalid", obj{})
}

func errURLPattern() *apiErr {
	return newErr(http.StatusNotFound, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one", obj{})
}

func errInternal() *apiErr {
	return newErr(http.StatusInternalServerError, "INTERNAL_ERROR", "Internal Server Error", obj{})
}

// path builds a JSON path "$.key[i]" followed by ".part" elements.
func jpath(key string, i int, parts ...string) string {
	p := fmt.Sprintf("$.%s[%d]", key, i)
	for _, s := range parts {
		if len(s) > 0 && s[0] == '[' {
			p += s
			continue
		}
		p += "." + s
	}
	return p
}

// success is one SUCCESS item [api.md §1.4].
func success(id, msg string) obj {
	return obj{"code": "SUCCESS", "details": obj{"id": id}, "message": msg, "status": "success"}
}

// results collects per-item results of a write, in input order.
type results struct {
	items []obj
	ok    int
	bad   int
}

func (r *results) add(id, msg string) {
	r.items = append(r.items, success(id, msg))
	r.ok++
}

func (r *results) fail(e *apiErr) {
	r.items = append(r.items, e.json())
	r.bad++
}

// reply wraps the results under key. All success answers okStatus, all
// failure 400, and a mix answers Readings.PartialStatus.
func (r *results) reply(key string, okStatus, partial int) reply {
	st := okStatus
	switch {
	case r.ok == 0:
		st = http.StatusBadRequest
	case r.bad > 0:
		st = partial
	}
	return reply{status: st, body: obj{key: r.items}}
}

// dataReply answers {key: list}, or 204 without body when list is empty
// (empty GETs answer 204, [api.md conventions]).
func dataReply(key string, list []obj) reply {
	if len(list) == 0 {
		return reply{status: http.StatusNoContent}
	}
	return reply{status: http.StatusOK, body: obj{key: list}}
}
