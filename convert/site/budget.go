package site

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert"
)

// ErrBudget reports a page whose operation went over its time or memory
// budget ([Batch.PageTimeout], [Batch.PageMemory]), or a batch stopped
// because pages abandoned over their budget kept taking memory. It comes
// in an [*convert.Error] naming the page and, when the operation is a
// [Convert], the line where the part of the page it was
// working on starts.
var ErrBudget = errors.New("over budget")

// The default budgets of a page of a [Batch].
const (
	// DefaultPageTimeout is the time budget of a page of a [Batch] whose
	// PageTimeout is zero, to which DefaultPageTimeoutPerMiB is added for
	// each MiB of the page: 10 s for a page of a few KB, 74 s for a page
	// of 32 MiB ([DefaultMaxPageSize]). The largest page of the eight
	// Isomer sites studied (330 KB) takes under 0.1 s.
	DefaultPageTimeout = 10 * time.Second
	// DefaultPageTimeoutPerMiB is the time a page of a [Batch] whose
	// PageTimeout is zero is given for each MiB of its size.
	DefaultPageTimeoutPerMiB = 2 * time.Second
	// DefaultPageMemory is the memory budget of a [Batch] whose
	// PageMemory is zero: 1 GiB.
	DefaultPageMemory = 1 << 30
)

// budgetTick is how often the monitor of a batch checks the budgets.
const budgetTick = 20 * time.Millisecond

// timeout returns the time budget of a page of size bytes, or 0 for none.
func (b *Batch) timeout(size int) time.Duration {
	switch {
	case b.PageTimeout < 0:
		return 0
	case b.PageTimeout > 0:
		return b.PageTimeout
	}
	return DefaultPageTimeout + time.Duration(int64(DefaultPageTimeoutPerMiB)*int64(size)/(1<<20))
}

// memoryLimit returns the memory budget, or 0 for none.
func (b *Batch) memoryLimit() uint64 {
	switch {
	case b.PageMemory < 0:
		return 0
	case b.PageMemory > 0:
		return uint64(b.PageMemory)
	}
	return DefaultPageMemory
}

// A tracker lets an operation say which part of a page it is working on,
// so that a page over its budget fails at a position, and lets the
// monitor ask an abandoned operation to stop at the next step it checks
// (through the context of [convert.Converter.ConvertContext]).
type tracker struct {
	at     atomic.Pointer[stage]
	ctx    context.Context
	cancel context.CancelCauseFunc
}

// A stage is a part of the work on a page, starting at a line.
type stage struct {
	what string
	line int
}

// newTracker returns a tracker whose context is not done.
func newTracker() *tracker {
	ctx, cancel := context.WithCancelCause(context.Background())
	return &tracker{ctx: ctx, cancel: cancel}
}

// enter records that the operation starts on what, at line (1-based; 0
// when unknown).
func (t *tracker) enter(what string, line int) {
	t.at.Store(&stage{what, line})
}

// stop asks the operation to stop: its context is done, with the cause
// errStopped.
func (t *tracker) stop() {
	t.cancel(errStopped)
}

// errStopped is the error of an operation that stopped because it was
// abandoned; nobody sees it.
var errStopped = errors.New("convert: abandoned over its budget")

// A watch is one page being done under the monitor.
type watch struct {
	start    time.Time
	deadline time.Time // zero: no time budget
	limit    time.Duration
	tr       *tracker
	// over receives the error of the page when the monitor abandons it.
	over chan error
	// left is set once the page is abandoned.
	left bool
	// running is set while the operation runs, even abandoned.
	running bool
	// held is the heap that the batch stopped answering for when the page
	// was abandoned over the memory budget.
	held uint64
}

// A monitor enforces the budgets of the pages of a batch: one goroutine
// that checks every budgetTick the deadline of each page in progress and
// the heap the batch uses.
//
// A goroutine cannot be stopped from outside in Go: a page over its
// budget fails (the worker goes on with the next page) and its operation
// is abandoned, told through its tracker to stop at its next check, and
// otherwise left to finish on its own; its result is thrown away.
type monitor struct {
	memLimit uint64
	// stopBatch ends the batch with an error, when abandoned pages keep
	// taking memory.
	stopBatch func(error)

	mu      sync.Mutex
	base    uint64 // the heap the batch does not answer for
	pages   map[*watch]bool
	gone    map[*watch]bool // abandoned operations still running
	stopped bool
	quit    chan struct{}
	done    chan struct{}
	sample  []metrics.Sample
}

// newMonitor starts the monitor of b; stop (which may be nil) ends the
// batch. Close it when the batch ends. The heap the batch starts from is
// measured after a garbage collection when collect is set, so that the
// garbage of what ran before does not count.
func (b *Batch) newMonitor(stop func(error), collect bool) *monitor {
	m := &monitor{
		memLimit:  b.memoryLimit(),
		stopBatch: stop,
		pages:     map[*watch]bool{},
		gone:      map[*watch]bool{},
		quit:      make(chan struct{}),
		done:      make(chan struct{}),
		sample:    []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}},
	}
	if m.memLimit > 0 && collect {
		runtime.GC()
	}
	m.base = m.heap()
	go m.loop()
	return m
}

// close stops the monitor. Abandoned operations go on until they end.
func (m *monitor) close() {
	close(m.quit)
	<-m.done
}

// heap returns the bytes of heap objects, live or not yet swept.
func (m *monitor) heap() uint64 {
	metrics.Read(m.sample)
	if m.sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return m.sample[0].Value.Uint64()
}

func (m *monitor) loop() {
	defer close(m.done)
	t := time.NewTicker(budgetTick)
	defer t.Stop()
	for {
		select {
		case <-m.quit:
			return
		case now := <-t.C:
			m.check(now)
		}
	}
}

// check abandons the pages past their deadline and, when the heap has
// grown past the memory budget, the page that has run longest.
func (m *monitor) check(now time.Time) {
	m.mu.Lock()
	for w := range m.pages {
		if !w.deadline.IsZero() && now.After(w.deadline) {
			m.abandon(w, fmt.Sprintf("over its time budget of %v", w.limit))
		}
	}
	base := m.base
	m.mu.Unlock()
	if m.memLimit == 0 || m.heap() <= base+m.memLimit {
		return
	}
	// Garbage counts until it is collected: collect it before blaming.
	runtime.GC()
	heap := m.heap()
	m.mu.Lock()
	defer m.mu.Unlock()
	if heap <= m.base+m.memLimit || m.stopped {
		return
	}
	used := heap - m.base
	if len(m.gone) > 0 && m.stopBatch != nil {
		// An operation that was abandoned still runs and may be the one
		// that takes the memory; nothing can stop it but the end of the
		// process. Stop the batch while its report can still be written.
		m.stopped = true
		m.stopBatch(fmt.Errorf("%w: %d pages abandoned over their budget still run, and the batch's heap grew by %d MiB, past the memory budget of %d MiB: stopping before the process runs out of memory", ErrBudget, len(m.gone), used>>20, m.memLimit>>20))
		return
	}
	var oldest *watch
	for w := range m.pages {
		if oldest == nil || w.start.Before(oldest.start) {
			oldest = w
		}
	}
	if oldest == nil {
		return
	}
	m.abandon(oldest, fmt.Sprintf("over the memory budget of %d MiB (the heap of the batch grew by %d MiB while it ran)", m.memLimit>>20, used>>20))
	// What the abandoned page holds is no longer the batch's to answer
	// for, until it ends.
	if oldest.running {
		oldest.held = heap - m.base
		m.base = heap
	}
}

// abandon fails the page w with the reason why; m.mu is held.
func (m *monitor) abandon(w *watch, why string) {
	delete(m.pages, w)
	w.left = true
	if w.running {
		m.gone[w] = true
	}
	w.tr.stop()
	what, line := "the page", 0
	if s := w.tr.at.Load(); s != nil {
		what, line = s.what, s.line
	}
	w.over <- &convert.Error{Pos: tiptapmd.Pos{Line: line}, Err: fmt.Errorf("%w: %s, %s after %v; the operation was abandoned", ErrBudget, what, why, time.Since(w.start).Round(time.Millisecond))}
}

// begin starts watching a page of size bytes.
func (m *monitor) begin(b *Batch, size int) *watch {
	w := &watch{start: time.Now(), tr: newTracker(), over: make(chan error, 1), running: true}
	if d := b.timeout(size); d > 0 {
		w.limit, w.deadline = d, w.start.Add(d)
	}
	m.mu.Lock()
	m.pages[w] = true
	m.mu.Unlock()
	return w
}

// end records that the operation of w returned.
func (m *monitor) end(w *watch) {
	m.mu.Lock()
	defer m.mu.Unlock()
	w.running = false
	delete(m.pages, w)
	if m.gone[w] {
		delete(m.gone, w)
		// Its memory is garbage now: the batch answers for it again.
		m.base -= w.held
	}
}

// pageResult is what a page's operation returns.
type pageResult struct {
	r   *PageResult
	out []byte
}

// guard runs do for the page of size bytes under the budgets of m: it
// returns do's result, or, when the page goes over its budget, a failed
// result naming path, without waiting for do to end. A panic in do is a
// failed result too.
//
// When ctx is done first, guard returns a nil result: the page is not
// done, and its operation is abandoned.
func (m *monitor) guard(ctx context.Context, b *Batch, path string, size int, do func(*tracker) (*PageResult, []byte)) (*PageResult, []byte) {
	w := m.begin(b, size)
	res := make(chan pageResult, 1)
	go func() {
		var pr pageResult
		defer func() {
			if p := recover(); p != nil {
				pr = pageResult{r: failed(&PageResult{Path: path}, fmt.Errorf("%w: %v", ErrPanic, p))}
			}
			m.end(w)
			res <- pr
		}()
		pr.r, pr.out = do(w.tr)
	}()
	select {
	case pr := <-res:
		return pr.r, pr.out
	case err := <-w.over:
		select {
		case pr := <-res: // it ended just then: keep its result
			return pr.r, pr.out
		default:
		}
		return failed(&PageResult{Path: path}, err), nil
	case <-ctx.Done():
		select {
		case pr := <-res:
			return pr.r, pr.out
		default:
		}
		m.mu.Lock()
		if m.pages[w] {
			delete(m.pages, w)
			w.left = true
			m.gone[w] = true
			w.tr.stop()
		}
		m.mu.Unlock()
		return nil, nil
	}
}
