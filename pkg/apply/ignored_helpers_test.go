package apply

import (
	"bytes"
	"slices"

	"github.com/crmsync/crmsync/pkg/emulator"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
)

// narrowedRetries are the bodies apply may resend for a field of body that
// Zoho accepted but ignored: each field of its disputed part, alone, in
// the other form.
func narrowedRetries(body []byte) map[string][]byte {
	sh, f := bodyShape(body)
	if f == formNone {
		return nil
	}
	out := map[string][]byte{}
	for _, field := range sh.Fields {
		out[field] = sh.Narrow(sh.Rewrite(body, other(f)), field)
	}
	return out
}

func isNarrowedRetry(body, sent []byte) bool {
	for _, b := range narrowedRetries(body) {
		if jsonEqual(b, sent) {
			return true
		}
	}
	return false
}

// ignoredRetry reports whether first and second are the plan request rq
// (body), answered 2xx, and its resend for a field the report lists in
// form_retries for that change.
func ignoredRetry(res result, rq plan.Request, body []byte, first, second emulator.LoggedRequest) bool {
	if !bytes.Equal(first.Body, body) || first.Status >= 300 {
		return false
	}
	retries := narrowedRetries(body)
	for _, fr := range res.Report.FormRetries {
		if !slices.ContainsFunc(rq.Changes, func(k model.Key) bool { return k.String() == fr.Key }) {
			continue
		}
		if b, ok := retries[fr.Field]; ok && jsonEqual(b, second.Body) {
			return true
		}
	}
	return false
}
