package convert

import (
	"errors"
	"sync/atomic"
)

// A Progress is shared by a conversion ([Converter.ConvertProgress]) and
// its caller: the conversion records which part of the page it is
// working on, so that a page over a budget fails at a position, and the
// caller may ask an abandoned conversion to stop at the next step it
// checks. A batch gives one to each page to enforce its budgets. The
// zero Progress is ready to use, and a nil *Progress does nothing.
type Progress struct {
	at   atomic.Pointer[stage]
	stop atomic.Bool
}

// A stage is a part of the work on a page, starting at a line.
type stage struct {
	what string
	line int
}

// enter records that the operation starts on what, at line (1-based; 0
// when unknown). It does nothing on a nil Progress.
func (t *Progress) enter(what string, line int) {
	if t != nil {
		t.at.Store(&stage{what, line})
	}
}

// At returns the part of the page the conversion is working on ("the
// markdown body") and the line where it starts (0 when unknown), or ""
// before the conversion starts.
func (t *Progress) At() (what string, line int) {
	if t == nil {
		return "", 0
	}
	if s := t.at.Load(); s != nil {
		return s.what, s.line
	}
	return "", 0
}

// Stop asks the conversion to stop at its next check: it then fails
// with [ErrStopped].
func (t *Progress) Stop() {
	if t != nil {
		t.stop.Store(true)
	}
}

// stopped reports whether the operation has been abandoned and should
// stop.
func (t *Progress) stopped() bool {
	return t != nil && t.stop.Load()
}

// ErrStopped is the error of a conversion stopped through its
// [Progress].
var ErrStopped = errors.New("convert: abandoned over its budget")
