package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/crmsync/crmsync/internal/project"
	"github.com/crmsync/crmsync/internal/render"
)

// runPlanAll is plan or drift with --env all: every environment of the
// project file is planned in parallel, each with its own client (so each
// stays within its own org's limits), and one combined report and one exit
// code come out: 1 if any environment errored, else 2 if any has changes
// (drift, or --detailed-exitcode), else 0.
func runPlanAll(ctx context.Context, opts planOptions, s streams, drift bool) error {
	if opts.save != "" {
		return withCode(exitError, fmt.Errorf("--out saves one environment's plan; use --env NAME with it"))
	}
	out := opts.out
	p, err := loadProject(opts.env, s.err)
	if err != nil {
		return err
	}
	if p == nil {
		return withCode(exitError, fmt.Errorf("--env all: no project file; write crmsync.yaml at the manifests' root or pass --project PATH"))
	}
	// The environments' --debug logs share stderr: one block at a time.
	opts.conn.debugTo = &lockedWriter{w: opts.conn.debugTo}
	envs := make([]render.EnvPlan, len(p.Envs))
	notes := make([]string, len(p.Envs))
	var wg sync.WaitGroup
	for i, e := range p.Envs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			envs[i], notes[i] = planOne(ctx, opts, p, e.Name)
		}()
	}
	wg.Wait()
	for i, e := range envs { // warnings, in the project's order
		for _, line := range strings.Split(strings.TrimSpace(notes[i]), "\n") {
			if line != "" {
				fmt.Fprintf(s.err, "%s: %s\n", e.Name, line)
			}
		}
	}
	rep := render.NewMulti(envs, drift)
	o := out.renderOptions(drift, opts.conn.cfg.APIVersion)
	switch out.format {
	case "json":
		err = render.MultiJSON(s.out, rep, jsonPlanOptions)
	case "markdown":
		err = render.MultiMarkdown(s.out, rep, o)
	default:
		err = render.MultiText(s.out, rep, o)
	}
	switch {
	case err != nil:
		return withCode(exitError, err)
	case rep.Summary.Errored > 0:
		return silentExit(exitError)
	case rep.Summary.WithChanges > 0 && (drift || opts.detailed):
		return silentExit(exitChanges)
	}
	return nil
}

// planOne plans one environment. On failure what it would print on
// stderr becomes its error; on success it is returned as notes (warnings).
// Both, and the plan, are redacted of the environment's secrets.
func planOne(ctx context.Context, opts planOptions, proj *project.Project, name string) (render.EnvPlan, string) {
	var errw bytes.Buffer
	out := render.EnvPlan{Name: name}
	es, err := envFor(opts.env.files, proj, name)
	if err == nil {
		pl, conn, perr := planEnv(ctx, opts, es, &errw)
		if perr == nil {
			pl.Calls.Made = callCounts(conn)
			conn.Close()
			out.Plan = es.redactPlan(pl)
			return out, es.redactor().String(errw.String())
		}
		err = perr
	}
	err = explainBudget(err)
	msg := strings.TrimSpace(errw.String())
	var ec *exitCodeError
	if !errors.As(err, &ec) || !ec.printed {
		msg = strings.TrimSpace(msg + "\n" + err.Error())
	}
	out.Error = es.redactor().String(msg)
	return out, ""
}

// lockedWriter serialises writes to w.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
