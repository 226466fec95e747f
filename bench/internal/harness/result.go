package harness

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// The directions of conversion.
const (
	ToTiptap   = "to-tiptap"   // Markdown body in, Tiptap HTML (or HTML) out
	ToMarkdown = "to-markdown" // Tiptap HTML body in, Markdown out
)

// The kinds of tools.
const (
	KindOurs  = "ours"  // tiptapmd
	KindFloor = "floor" // a dependency of tiptapmd alone: the least any Go converter built on it costs
	KindPeer  = "peer"  // what a user would otherwise pick
)

// The ways a tool is run.
const (
	MethodInProcess  = "in-process"       // one process converts every page in a loop
	MethodPerProcess = "process per page" // one process per page, one at a time
)

// A Subset gives the figures of a [Result] over part of its pages.
type Subset struct {
	Pages   int     `json:"pages"`
	Bytes   int64   `json:"bytes"`
	Seconds float64 `json:"seconds"` // median over the timed passes
}

// A Result is the measure of one tool in one direction over one page set.
// Bytes counts the body bytes of the pages, whatever the tool was given,
// so that MB/s compare the same work across tools.
type Result struct {
	Tool      string `json:"tool"`      // "tiptapmd", "goldmark", "turndown", …
	Variant   string `json:"variant"`   // which entry point or pipeline of the tool
	Kind      string `json:"kind"`      // KindOurs, KindFloor or KindPeer
	Direction string `json:"direction"` // ToTiptap or ToMarkdown
	Version   string `json:"version"`
	Input     string `json:"input"`  // what the tool is given: "page" (front matter and body) or "body"
	Method    string `json:"method"` // MethodInProcess or MethodPerProcess

	Pages  int    `json:"pages"`
	Bytes  int64  `json:"bytes"`
	Warmup int    `json:"warmup"` // pages converted before timing
	Native Subset `json:"native"` // the native pages of the set alone

	Runs        []float64 `json:"runs"`        // seconds of each timed pass
	Seconds     float64   `json:"seconds"`     // median of Runs
	CPUSeconds  float64   `json:"cpu_seconds"` // median processor time of a pass (user and system, all threads)
	PagesPerSec float64   `json:"pages_per_sec"`
	MBPerSec    float64   `json:"mb_per_sec"` // 10^6 body bytes per second

	Failed   int      `json:"failed"`             // pages that failed
	Failures []string `json:"failures,omitempty"` // the first few failures

	BaseRSSKB int64 `json:"base_rss_kb"` // resident memory with the pages loaded, before converting
	PeakRSSKB int64 `json:"peak_rss_kb"` // peak resident memory of the process (of the largest one, per page)
	OutBytes  int64 `json:"out_bytes"`   // bytes of output of one pass
}

// Fill sets r's page counts, times and rates from the set s and the
// timing t.
func (r *Result) Fill(s *PageSet, t Timing) {
	r.Pages = len(s.Pages)
	r.Bytes, r.Native.Bytes = s.Sizes()
	r.Native.Pages = 0
	for _, p := range s.Pages {
		if p.Native {
			r.Native.Pages++
		}
	}
	r.Runs = t.Runs
	r.Seconds = Median(t.Runs)
	r.CPUSeconds = Median(t.CPURuns)
	r.Native.Seconds = Median(t.NativeRuns) // 0 when not measured
	if r.Seconds > 0 {
		r.PagesPerSec = float64(r.Pages) / r.Seconds
		r.MBPerSec = float64(r.Bytes) / 1e6 / r.Seconds
	}
	r.Failed = t.Failed
	r.Failures = nil
	for _, f := range t.Failures {
		r.Failures = append(r.Failures, s.Pages[f.Index].Path+": "+f.Err)
	}
}

// The outcomes of a stress case.
const (
	OutcomeOK      = "ok"      // converted
	OutcomeError   = "error"   // refused with an error, the process went on
	OutcomeCrash   = "crash"   // the process died (out of memory, …)
	OutcomeTimeout = "timeout" // killed after the time limit
	// OutcomeStackOverflow: the call stack overflowed, whether the
	// runtime turned it into an exception (JavaScript's RangeError) or
	// the process died of it.
	OutcomeStackOverflow = "stack overflow"
)

// StackOverflow reports whether an error message or a crashed
// process's error output says that the stack overflowed (in Go, V8 or
// the GHC runtime).
func StackOverflow(msg string) bool {
	m := strings.ToLower(msg)
	return strings.Contains(m, "maximum call stack size exceeded") || strings.Contains(m, "stack overflow") ||
		strings.Contains(m, "goroutine stack exceeds")
}

// A StressResult is the outcome of one tool on one synthetic input.
type StressResult struct {
	Tool      string  `json:"tool"`
	Variant   string  `json:"variant"`
	Direction string  `json:"direction"`
	Case      string  `json:"case"`
	Bytes     int     `json:"bytes"`
	Outcome   string  `json:"outcome"`
	Message   string  `json:"message,omitempty"`
	Seconds   float64 `json:"seconds"`
	PeakRSSKB int64   `json:"peak_rss_kb"`
}

// A Machine describes where the benchmark ran.
type Machine struct {
	CPU      string `json:"cpu"`
	Cores    int    `json:"cores"`
	MemoryMB int    `json:"memory_mb"`
	OS       string `json:"os"`
}

// A Corpus describes the page sets of a run.
type Corpus struct {
	Pages          int      `json:"pages"`
	NativeMarkdown int      `json:"native_markdown"`
	NativeTiptap   int      `json:"native_tiptap"`
	MarkdownBytes  int64    `json:"markdown_bytes"`
	TiptapBytes    int64    `json:"tiptap_bytes"`
	Excluded       []string `json:"excluded,omitempty"`
}

// A File is the results file, bench/results.json.
type File struct {
	Date    string            `json:"date"` // RFC 3339
	Machine Machine           `json:"machine"`
	Tools   map[string]string `json:"tools"` // tool or runtime name to version
	Corpus  Corpus            `json:"corpus"`
	// Load is the load average of the machine (over 1, 5 and 15
	// minutes) when the run started and when it ended: above the number
	// of cores, other work competed for the processors.
	Load    [2][3]float64  `json:"load"`
	Results []Result       `json:"results"`
	Stress  []StressResult `json:"stress"`
	Notes   []string       `json:"notes,omitempty"`
}

// Find returns the result of tool with variant in direction dir, or nil.
func (f *File) Find(tool, variant, dir string) *Result {
	for i := range f.Results {
		r := &f.Results[i]
		if r.Tool == tool && r.Variant == variant && r.Direction == dir {
			return r
		}
	}
	return nil
}

// ReadFile reads a results file.
func ReadFile(name string) (*File, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var f File
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("harness: %s: %w", name, err)
	}
	return &f, nil
}

// WriteFile writes f, indented, to the file name.
func WriteFile(name string, f *File) error {
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(name, append(data, '\n'), 0o644)
}
