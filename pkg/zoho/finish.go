package zoho

import "context"

type finishKey struct{}

// FinishStarted returns a context under which the end of ctx stops a call
// only before it is sent: while it waits for a connection slot, for a
// token, or between retries (a *NotSentError). An attempt already on the
// wire then runs to its end, so that a write is not cut off with an
// unknown outcome. apply uses it: after Ctrl-C no new write starts, and
// the writes in flight finish.
func FinishStarted(ctx context.Context) context.Context {
	return context.WithValue(ctx, finishKey{}, true)
}

// wireContext is the context of the HTTP exchange: ctx, or ctx without its
// cancellation under FinishStarted.
func wireContext(ctx context.Context) context.Context {
	if on, _ := ctx.Value(finishKey{}).(bool); on {
		return context.WithoutCancel(ctx)
	}
	return ctx
}
