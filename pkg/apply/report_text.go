package apply

import (
	"fmt"
	"io"

	"github.com/crmsync/crmsync/internal/render"
)

// WriteStep writes one line of progress (the CLI writes it to stderr).
func WriteStep(w io.Writer, st Step) {
	if st.Note != "" {
		fmt.Fprintf(w, "[%d/%d] %s; %d more %s\n", st.Done, st.Total, st.Note,
			st.Total-st.Done, map[bool]string{true: "step", false: "steps"}[st.Total-st.Done == 1])
		return
	}
	o := st.Outcome
	fmt.Fprintf(w, "[%d/%d] %s: %s%s\n", st.Done, st.Total, o.Key, o.Status, suffix(o.Message))
}

func suffix(msg string) string {
	if msg == "" {
		return ""
	}
	return " — " + msg
}

// WriteReport writes the text form of an apply's outcome: the counts, then
// what failed, what is unknown and what is still to do, then one closing
// line that claims verification only when every change was applied and the
// re-read matched.
func WriteReport(w io.Writer, rep *Report) {
	n := rep.Summary
	fmt.Fprintf(w, "\nApply %s: %d created, %d updated, %d deleted, %d failed, %d skipped, %d unknown.\n",
		map[string]string{ResultApplied: "complete", ResultFailed: "failed", ResultInterrupted: "interrupted"}[rep.Result],
		n.Created, n.Updated, n.Deleted, n.Failed, n.Skipped, n.Unknown)
	if n := recovered(rep); n > 0 {
		fmt.Fprintf(w, "%d of them had a lost response or waited behind one; crmsync read the org again "+
			"and counted each as it found it (applied, or sent again).\n", n)
	}
	printFormRetries(w, rep.FormRetries)
	listOutcomes(w, rep, Failed, "Failed:")
	listOutcomes(w, rep, Unknown, "Unknown (the response was lost; each may or may not have been applied):")
	listOutcomes(w, rep, Skipped, "Still to do (not started):")
	if rep.Checked && len(rep.Mismatches) > 0 {
		fmt.Fprintln(w, "Verification failed: these fields did not take (the server may have normalised or ignored them):")
		for _, m := range rep.Mismatches {
			fmt.Fprintf(w, "  %s %s: want %s, live %s\n", m.Key, m.Path, render.Value(m.Want), render.Value(m.Got))
		}
	}
	switch {
	case rep.Verified:
		fmt.Fprintln(w, "Verified: live state matches the manifests.")
	case rep.Interrupted:
		fmt.Fprintln(w, "Interrupted: no write started after the signal; the writes in flight finished and are counted above.\n"+
			"Run 'crmsync plan' to see what is left (it reads the org again), then apply again to finish.")
	default:
		fmt.Fprintln(w, "Not everything was applied. Run 'crmsync plan' to see what is left (it reads the org again), then apply again.")
	}
}

// recovered counts the changes settled by reading the org again.
func recovered(rep *Report) int {
	n := 0
	for _, o := range rep.Outcomes {
		if o.Recovered {
			n++
		}
	}
	return n
}

// listOutcomes prints the changes with status st under a heading.
func listOutcomes(w io.Writer, rep *Report, st Status, heading string) {
	first := true
	for _, o := range rep.Outcomes {
		if o.Status != st {
			continue
		}
		if first {
			fmt.Fprintln(w, heading)
			first = false
		}
		where := o.Key.String()
		if o.Source != nil {
			where = o.Source.String() + ": " + where
		}
		fmt.Fprintf(w, "  %s%s\n", where, suffix(o.Message))
	}
}

// printFormRetries tells which fields Zoho accepted but ignored and how
// resending them in their other body form went.
func printFormRetries(w io.Writer, retries []FormRetry) {
	for _, fr := range retries {
		fmt.Fprintf(w, "  %s\n", fr.Message)
	}
}
