package convert

import "context"

// A tracker is what [Converter.ConvertContext] was given: the context
// that stops it between the parts of a page, and the function told which
// part it starts.
type tracker struct {
	ctx context.Context
	at  func(what string, line int)
}

// enter records that the operation starts on what, at line (1-based; 0
// when unknown). It does nothing on a nil tracker.
func (t *tracker) enter(what string, line int) {
	if t != nil && t.at != nil {
		t.at(what, line)
	}
}

// enterBody is enter with what = before + v + after, put together only
// when someone is told.
func (t *tracker) enterBody(before string, v Variant, after string, line int) {
	if t != nil && t.at != nil {
		t.at(before+string(v)+after, line)
	}
}

// stopped reports whether the operation should stop: its context is
// done.
func (t *tracker) stopped() bool {
	return t != nil && t.ctx != nil && t.ctx.Err() != nil
}

// err is the error of an operation stopped by its context: the context's
// cause.
func (t *tracker) err() error {
	return context.Cause(t.ctx)
}
