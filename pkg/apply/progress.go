package apply

// Step is one line of progress: a change reached its outcome (Outcome), or
// the run announces more steps (Note, with Outcome empty). Done never
// exceeds Total: when re-reading after lost responses adds steps, Total
// grows first and a Note says why.
type Step struct {
	Outcome     Outcome
	Note        string
	Done, Total int
	// Again marks a change reported a second time, after re-reading.
	Again bool
}

// progress counts the steps of one apply across its executors.
type progress struct {
	fn          func(Step)
	done, total int
	again       bool
}

func newProgress(fn func(Step), total int) *progress {
	return &progress{fn: fn, total: total}
}

func (p *progress) step(o Outcome) {
	p.done++
	p.total = max(p.total, p.done)
	if p.fn != nil {
		p.fn(Step{Outcome: o, Done: p.done, Total: p.total, Again: p.again})
	}
}

// grow adds n steps to the total and says why.
func (p *progress) grow(n int, why string) {
	p.total += n
	p.again = true
	if p.fn != nil {
		p.fn(Step{Note: why, Done: p.done, Total: p.total})
	}
}

// isDone says whether s is the status of an applied change.
func isDone(s Status) bool {
	return s == Created || s == Updated || s == Deleted
}
