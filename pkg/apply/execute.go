package apply

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/crmsync/crmsync/pkg/kinds/spec"
	"github.com/crmsync/crmsync/pkg/model"
	"github.com/crmsync/crmsync/pkg/plan"
	"github.com/crmsync/crmsync/pkg/zoho"
)

// Doer sends one API request; *zoho.Client implements it.
type Doer interface {
	Do(ctx context.Context, r zoho.Request) (*zoho.Response, error)
}

// reqState is where a request stands.
type reqState int

const (
	pending reqState = iota
	running
	succeeded
	failed
)

// executor runs a plan's requests as a dependency graph.
type executor struct {
	p        *plan.Plan
	d        Doer
	ids      map[model.Key]string
	state    map[int]reqState
	outcomes map[model.Key]*Outcome
	// uncertain marks requests that ended with an unknown outcome, or were
	// skipped behind one: replanning may still finish them.
	uncertain map[int]bool
	// refForms remembers, per method, the role reference form Zoho took.
	refForms *sync.Map
	// sent holds, per request ID, the request as last sent (zoho.Request).
	sent *sync.Map
	// reported marks the changes whose outcome went to progress.
	reported map[model.Key]bool
	progress *progress
}

type done struct {
	id       int
	outcomes []Outcome
}

// execute sends every request whose dependencies succeeded, as many at a
// time as the client allows, and skips the ones whose dependencies did
// not. Once ctx is cancelled no new request starts: the executor launches
// none, and a launched one still waiting for a connection slot, a token or
// a retry is not sent (zoho.FinishStarted). Requests already on the wire
// finish, since a write cut off mid-flight has an unknown outcome.
func (e *executor) execute(ctx context.Context) (interrupted bool) {
	results := make(chan done)
	inFlight := 0
	sendCtx := zoho.FinishStarted(ctx)
	for {
		ready := e.ready()
		if ctx.Err() != nil {
			interrupted = true
			ready = nil
		}
		for _, r := range ready {
			e.state[r.ID] = running
			inFlight++
			// Placeholders are filled here, not in the goroutine: finish
			// writes e.ids on this goroutine.
			zr, err := e.resolve(r)
			go func(r plan.Request) { results <- done{id: r.ID, outcomes: e.send(sendCtx, r, zr, err)} }(r)
		}
		if inFlight == 0 {
			break
		}
		res := <-results
		inFlight--
		e.finish(res)
	}
	interrupted = interrupted || ctx.Err() != nil
	e.skipRest(interrupted)
	return interrupted
}

// ready returns pending requests whose dependencies all succeeded, and
// marks as skipped those with a dependency that did not.
func (e *executor) ready() []plan.Request {
	var out []plan.Request
	for _, r := range e.p.Requests {
		if e.state[r.ID] != pending {
			continue
		}
		ok, blocked := true, 0
		for _, dep := range r.After {
			switch e.state[dep] {
			case failed:
				blocked = dep
			case succeeded:
			default:
				ok = false
			}
		}
		for _, w := range r.Wait {
			if s := e.state[w]; s == pending || s == running {
				ok = false
			}
		}
		if blocked != 0 {
			e.state[r.ID] = failed
			e.uncertain[r.ID] = e.uncertain[blocked]
			for _, k := range r.Changes {
				e.record(Outcome{Key: k, Status: Skipped, Message: fmt.Sprintf("skipped: it depends on %s, which did not succeed", strings.Join(keyNames(e.p.Requests[blocked-1].Changes), ", "))})
			}
			continue
		}
		if ok {
			out = append(out, r)
		}
	}
	return out
}

func keyNames(keys []model.Key) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.String()
	}
	return out
}

// finish records a request's outcomes and the IDs of created objects.
func (e *executor) finish(d done) {
	ok := true
	for _, o := range d.outcomes {
		if o.Status == Unknown {
			e.uncertain[d.id] = true
		}
		if o.Status == Created && o.ID != "" {
			e.ids[o.Key] = o.ID
		}
		if !isDone(o.Status) {
			ok = false
		}
	}
	if ok {
		e.state[d.id] = succeeded
	} else {
		e.state[d.id] = failed
	}
	for _, o := range d.outcomes {
		e.record(o)
	}
}

// record merges the outcome of one request into its change's: a change is
// done only when all its requests are, and its first failure stays. The
// change is reported once, when none of its requests is left to run.
func (e *executor) record(o Outcome) {
	c := e.change(o.Key)
	if c != nil {
		o.Action, o.Source = c.Action, c.Source
		if o.ID == "" {
			o.ID = c.ID
		}
	}
	if prev := e.outcomes[o.Key]; prev != nil {
		switch {
		case !isDone(prev.Status):
			o = *prev
		case !isDone(o.Status):
			o.Message = "partly applied; " + o.Message
		case o.ID == "":
			o.ID = prev.ID
		}
	}
	e.outcomes[o.Key] = &o
	if c == nil || e.reported[o.Key] || !e.settled(c) {
		return
	}
	e.reported[o.Key] = true
	e.progress.step(*e.outcomes[o.Key])
}

// settled says whether none of c's requests is pending or running.
func (e *executor) settled(c *plan.Change) bool {
	for _, id := range c.Requests {
		if s := e.state[id]; s == pending || s == running {
			return false
		}
	}
	return true
}

func (e *executor) change(k model.Key) *plan.Change {
	for i := range e.p.Changes {
		if e.p.Changes[i].Key == k {
			return &e.p.Changes[i]
		}
	}
	return nil
}

// skipRest marks every request that never ran, and reports its change.
func (e *executor) skipRest(interrupted bool) {
	msg := ""
	if interrupted {
		msg = "interrupted before it started"
	}
	for _, r := range e.p.Requests {
		if e.state[r.ID] == pending {
			e.state[r.ID] = failed
		}
	}
	for _, c := range e.p.Changes {
		if o := e.outcomes[c.Key]; o == nil || (isDone(o.Status) && !e.reported[c.Key]) {
			e.record(Outcome{Key: c.Key, Status: Skipped, Message: msg})
		}
	}
}

// send makes one request, zr (r resolved, or the error of resolving it),
// and turns its response into one outcome per change.
func (e *executor) send(ctx context.Context, r plan.Request, zr zoho.Request, err error) []Outcome {
	if err != nil {
		return e.all(r, Failed, "", err.Error())
	}
	zr, sh, form, learnKey := e.learnedForm(zr)
	resp, err := e.d.Do(ctx, zr)
	if form != formNone && refRejected(resp, err) {
		// Zoho's documents disagree on this part of the body (see
		// shapes.go). A 400 was not processed, so the other form is tried
		// once, and remembered for the rest of the run.
		zr.Body = sh.Rewrite(zr.Body, other(form))
		if resp, err = e.d.Do(ctx, zr); err == nil && allOK(resp) {
			e.refForms.Store(learnKey, other(form))
		}
	}
	e.sent.Store(r.ID, zr)
	switch {
	case err != nil && zoho.IsNotSent(err):
		return e.all(r, Skipped, "", "interrupted before it was sent")
	case err != nil && zoho.IsOutcomeUnknown(err):
		return e.all(r, Unknown, "", err.Error())
	case err != nil:
		return e.all(r, Failed, zoho.ErrorCode(err), err.Error())
	}
	return e.itemOutcomes(r, resp)
}

func (e *executor) all(r plan.Request, s Status, code, msg string) []Outcome {
	out := make([]Outcome, len(r.Changes))
	for i, k := range r.Changes {
		out[i] = Outcome{Key: k, Status: s, Code: code, Message: msg}
	}
	return out
}

// itemOutcomes matches per-item results to the request's changes, in order.
func (e *executor) itemOutcomes(r plan.Request, resp *zoho.Response) []Outcome {
	out := make([]Outcome, len(r.Changes))
	for i, k := range r.Changes {
		c := e.change(k)
		o := Outcome{Key: k, Status: doneStatus(c.Action)}
		if i < len(resp.Items) {
			item := resp.Items[i]
			switch {
			case !item.OK():
				o.Status, o.Code, o.Message = Failed, item.Code, item.Err(r.Method, r.Path).Error()
			case c.Action == plan.Create:
				o.ID = item.ID
			case strings.EqualFold(item.Code, "SCHEDULED"):
				// A background job (a global picklist delete, 202): Zoho
				// took it, and the set is gone or on its way out.
				o.Message = "Zoho scheduled it as a background job"
			}
		} else if len(resp.Items) > 0 || (c.Action == plan.Create) {
			o.Status, o.Message = Unknown, "the response has no result for this object"
		}
		out[i] = o
	}
	return out
}

// resolve fills placeholders with IDs of objects created earlier.
func (e *executor) resolve(r plan.Request) (zoho.Request, error) {
	body := string(r.Body)
	q := url.Values{}
	for _, p := range r.Query {
		q.Add(p.Name, p.Value)
	}
	for _, ref := range r.Refs {
		id, ok := e.ids[ref.Key]
		if !ok {
			return zoho.Request{}, fmt.Errorf("the ID of %s is not known: its create did not succeed", ref.Key)
		}
		body = strings.ReplaceAll(body, ref.Placeholder, id)
		for name, vals := range q {
			for i := range vals {
				q[name][i] = strings.ReplaceAll(vals[i], ref.Placeholder, id)
			}
		}
	}
	zr := zoho.Request{Method: r.Method, Path: r.Path, Query: q, Key: r.Key}
	if len(r.Body) > 0 {
		zr.Body = []byte(body)
	}
	return zr, nil
}

// refRejected reports whether Zoho refused a write with a 400, which it
// did not process, for a reason a reference in the wrong form gives: as the
// request's error (a top-level error object) or as the result of its one
// item (a roles wrapper), by the one trigger spec.Rejects.
func refRejected(resp *zoho.Response, err error) bool {
	var ae *zoho.APIError
	switch {
	case err != nil:
		return !zoho.IsOutcomeUnknown(err) && errors.As(err, &ae) && spec.Rejects(ae.HTTPStatus, ae.Code)
	case resp == nil || len(resp.Items) != 1:
		return false
	}
	it := resp.Items[0]
	return !it.OK() && spec.Rejects(it.HTTPStatus, it.Code)
}

func allOK(resp *zoho.Response) bool {
	for _, it := range resp.Items {
		if !it.OK() {
			return false
		}
	}
	return true
}
