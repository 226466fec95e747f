package harness

import (
	"fmt"
	"slices"
	"sync"
	"time"
)

// maxFailures is the number of failure messages a [Timing] keeps.
const maxFailures = 5

// A Timing is what [Measure] found: the wall time of each timed pass over
// the pages, and the pages that failed.
type Timing struct {
	Runs       []float64 // seconds of each timed pass over all pages
	NativeRuns []float64 // seconds spent on the native pages in each pass
	CPURuns    []float64 // processor seconds (user and system, all threads and waited-for children) of each pass
	Failed     int       // pages that failed (returned an error or panicked) in the first timed pass
	Failures   []Failure // the first few failures
}

// A Failure is a page that failed.
type Failure struct {
	Index int    // the page's index
	Err   string // the error's message
}

// Measure times fn over n pages: it first calls fn on the first warmup
// pages (untimed, so that caches, allocators and JIT compilers are warm),
// then makes runs timed passes over all n pages, one page after the
// other. Each pass is timed as a whole; the time of each page is taken
// too, to sum the time spent on the pages for which native returns
// true. An error or a panic of fn fails the page; the pass goes on.
//
// This is the timing method of every tool of the benchmark; the node
// runner (bench/peers.mjs) implements the same.
func Measure(n int, native func(i int) bool, warmup, runs int, fn func(i int) error) Timing {
	var t Timing
	for i := range min(warmup, n) {
		_ = call(fn, i)
	}
	for r := range max(runs, 1) {
		var nat time.Duration
		cpu := CPUSeconds()
		start := time.Now()
		for i := range n {
			p := time.Now()
			err := call(fn, i)
			d := time.Since(p)
			if native != nil && native(i) {
				nat += d
			}
			if err != nil && r == 0 {
				t.Failed++
				if len(t.Failures) < maxFailures {
					t.Failures = append(t.Failures, Failure{Index: i, Err: err.Error()})
				}
			}
		}
		t.Runs = append(t.Runs, time.Since(start).Seconds())
		t.CPURuns = append(t.CPURuns, CPUSeconds()-cpu)
		t.NativeRuns = append(t.NativeRuns, nat.Seconds())
	}
	return t
}

// MeasureParallel is [Measure] with the pages of each pass shared among
// workers goroutines, as a batch converts them. Only whole passes are
// timed: NativeRuns is left empty.
func MeasureParallel(n, workers, warmup, runs int, fn func(i int) error) Timing {
	var t Timing
	for i := range min(warmup, n) {
		_ = call(fn, i)
	}
	errs := make([]error, n)
	for r := range max(runs, 1) {
		next := make(chan int)
		var wg sync.WaitGroup
		cpu := CPUSeconds()
		start := time.Now()
		for range max(workers, 1) {
			wg.Go(func() {
				for i := range next {
					errs[i] = call(fn, i)
				}
			})
		}
		for i := range n {
			next <- i
		}
		close(next)
		wg.Wait()
		t.Runs = append(t.Runs, time.Since(start).Seconds())
		t.CPURuns = append(t.CPURuns, CPUSeconds()-cpu)
		if r == 0 {
			for i, err := range errs {
				if err != nil {
					t.Failed++
					if len(t.Failures) < maxFailures {
						t.Failures = append(t.Failures, Failure{Index: i, Err: err.Error()})
					}
				}
			}
		}
	}
	return t
}

// call calls fn(i), turning a panic into an error.
func call(fn func(int) error, i int) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return fn(i)
}

// Median returns the median of xs (the mean of the two middle values for
// an even count), or 0 for none.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}
