package apply

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// FormRetry is a field that Zoho answered SUCCESS for but did not apply
// (the re-read after apply showed it unchanged), resent once in its other
// documented body form (see shapes.go).
type FormRetry struct {
	Key   string `json:"key"`
	Field string `json:"field"`
	// Sent and Retried name the two body forms.
	Sent    string `json:"sent"`
	Retried string `json:"retried"`
	// Taken reports whether the re-read after the retry shows the field
	// applied.
	Taken   bool   `json:"taken"`
	Message string `json:"message"`
}

// learnedForm rewrites a request to the body form learned earlier in the
// run, if any, and returns its shape, form and learning key.
func (e *executor) learnedForm(zr zoho.Request) (zoho.Request, shape, refForm, string) {
	sh, form := bodyShape(zr.Body)
	learnKey := sh.Part + " " + zr.Method
	if learned, ok := e.refForms.Load(learnKey); ok && form != formNone {
		zr.Body, form = sh.Rewrite(zr.Body, learned.(refForm)), learned.(refForm)
	}
	return zr, sh, form, learnKey
}

// asUpdate addresses the resend of a field of an object that a POST
// created to that object: a PUT to its id (Path/{id}), as every update of
// the kinds with a disputed part goes. A second POST would create another
// object, or be refused for want of the fields left out. It reports false
// when the created object's id is not known.
func (e *executor) asUpdate(zr zoho.Request, k model.Key) (zoho.Request, bool) {
	if zr.Method != http.MethodPost {
		return zr, true
	}
	id, ok := e.ids[k]
	if !ok || id == "" {
		return zr, false
	}
	zr.Method, zr.Path = http.MethodPut, zr.Path+"/"+url.PathEscape(id)
	return zr, true
}

// pendingRetry is one field to resend in the other form.
type pendingRetry struct {
	req   plan.Request
	sh    shape
	res   plan.Residual
	retry FormRetry
}

// retryIgnored resends, once, each field of res (residuals of changes Zoho
// answered SUCCESS for) that a disputed body part set, in the other form,
// in request order. It never resends a field with one form only, nor a
// request twice for the same field. The caller reads the state again and
// calls settle.
func (e *executor) retryIgnored(ctx context.Context, res []plan.Residual) []pendingRetry {
	var out []pendingRetry
	seen := map[string]bool{}
	for _, r := range e.p.Requests {
		for _, rs := range res {
			if !contains(r.Changes, rs.Key.String()) || seen[fmt.Sprint(r.ID, rs.Field.Path)] {
				continue
			}
			v, ok := e.sent.Load(r.ID)
			if !ok {
				continue
			}
			zr := v.(zoho.Request)
			sh, form := bodyShape(zr.Body)
			learnKey := sh.Part + " " + zr.Method
			if form == formNone || !covers(sh, rs.Field.Path) {
				continue
			}
			seen[fmt.Sprint(r.ID, rs.Field.Path)] = true
			alt := other(form)
			zr.Body = sh.Narrow(sh.Rewrite(zr.Body, alt), rs.Field.Path)
			if zr, ok = e.asUpdate(zr, rs.Key); !ok {
				continue
			}
			p := pendingRetry{req: r, sh: sh, res: rs, retry: FormRetry{Key: rs.Key.String(), Field: rs.Field.Path,
				Sent: sh.Describe(form), Retried: sh.Describe(alt)}}
			resp, err := e.d.Do(ctx, zr)
			switch {
			case err != nil:
				p.retry.Message = "refused: " + err.Error()
			case !allOK(resp):
				p.retry.Message = "refused: " + resp.Items[0].Code
			default:
				e.refForms.Store(learnKey, alt)
			}
			out = append(out, p)
		}
	}
	return out
}

// settle fills each retry's outcome from the residuals left after the
// re-read and returns the retries.
func settle(ps []pendingRetry, left []plan.Residual) []FormRetry {
	out := make([]FormRetry, 0, len(ps))
	for _, p := range ps {
		r := p.retry
		r.Taken = r.Message == "" && !hasResidual(left, p.res)
		what := fmt.Sprintf("%s as %s for %s", r.Field, r.Sent, r.Key)
		if extra := listed(p.res.Field.Old, p.res.Field.New); len(extra) > 0 && p.sh.Done == "removed" {
			what = fmt.Sprintf("%s for %s %s of %s", r.Sent, plural(len(extra), "profile", "profiles"), strings.Join(extra, ", "), r.Key)
		}
		result := p.sh.Done
		switch {
		case r.Message != "":
			result = r.Message
		case !r.Taken:
			result = "still not taken"
		}
		r.Message = fmt.Sprintf("Zoho accepted %s but kept it; retried as %s: %s", what, r.Retried, result)
		out = append(out, r)
	}
	return out
}

func hasResidual(list []plan.Residual, r plan.Residual) bool {
	for _, x := range list {
		if x.Key == r.Key && x.Field.Path == r.Field.Path {
			return true
		}
	}
	return false
}

func contains[K fmt.Stringer](keys []K, s string) bool {
	for _, k := range keys {
		if k.String() == s {
			return true
		}
	}
	return false
}

// listed returns the names in the list got that are not in want (each a
// rendered "[a, b]" string, []string or []any), sorted.
func listed(got, want any) []string {
	w := map[string]bool{}
	for _, s := range names(want) {
		w[s] = true
	}
	var out []string
	for _, s := range names(got) {
		if !w[s] {
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func names(v any) []string {
	switch l := v.(type) {
	case string: // a set as the plan renders it: "[a, b]"
		l = strings.TrimSuffix(strings.TrimPrefix(l, "["), "]")
		if l == "" {
			return nil
		}
		return strings.Split(l, ", ")
	case []string:
		return l
	case []any:
		out := make([]string, 0, len(l))
		for _, x := range l {
			out = append(out, fmt.Sprint(x))
		}
		return out
	}
	return nil
}
