package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// A progress draws a progress bar on a terminal: only when w is one, and
// only once the work has taken longer than a second, so that short runs
// and logs stay quiet.
type progress struct {
	w       io.Writer
	on      bool
	start   time.Time
	last    time.Time
	drawn   bool
	barSize int
}

// newProgress returns a progress bar for w.
func newProgress(w io.Writer) *progress {
	f, ok := w.(*os.File)
	on := false
	if ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			on = true
		}
	}
	return &progress{w: w, on: on, start: time.Now(), barSize: 30}
}

// update shows that done of total pages are done.
func (p *progress) update(done, total int) {
	if !p.on || total == 0 {
		return
	}
	now := time.Now()
	if now.Sub(p.start) < time.Second || now.Sub(p.last) < 100*time.Millisecond && done < total {
		return
	}
	p.last = now
	fill := p.barSize * done / total
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d pages", strings.Repeat("#", fill), strings.Repeat(" ", p.barSize-fill), done, total)
	p.drawn = true
}

// finish clears the bar, if it was drawn.
func (p *progress) finish() {
	if p.drawn {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.barSize+40))
	}
}
