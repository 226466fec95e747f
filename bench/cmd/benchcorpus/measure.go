package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tiptapmd/tiptapmd/bench/internal/harness"
)

// direction returns the direction in which a page set of format f is
// converted.
func direction(f string) string {
	if f == harness.FormatTiptap {
		return harness.ToMarkdown
	}
	return harness.ToTiptap
}

// measure times tool t over the page set s, with the pages shared among
// workers goroutines if workers is more than 1.
func (e *env) measure(t goTool, s *harness.PageSet, warmup, runs, workers int) (harness.Result, error) {
	dir := direction(s.Format)
	fn := t.open(dir)
	if fn == nil {
		return harness.Result{}, fmt.Errorf("%s does not convert %s", t.name, dir)
	}
	inputs := make([][]byte, len(s.Pages))
	for i, p := range s.Pages {
		if t.input == "page" {
			inputs[i] = []byte(p.Front + p.Body)
		} else {
			inputs[i] = []byte(p.Body)
		}
	}
	sizes := make([]int, len(inputs))
	r := harness.Result{
		Tool: t.name, Variant: t.variant, Kind: t.kind, Direction: dir, Version: t.version(),
		Input: t.input, Method: t.method, Warmup: min(warmup, len(inputs)),
		BaseRSSKB: harness.RSSKB(),
	}
	convert := func(i int) error {
		out, err := fn(inputs[i])
		sizes[i] = len(out)
		return err
	}
	var timing harness.Timing
	if workers > 1 {
		r.Variant = fmt.Sprintf("%s, %d goroutines", t.variant, workers)
		timing = harness.MeasureParallel(len(inputs), workers, warmup, runs, convert)
	} else {
		timing = harness.Measure(len(inputs), func(i int) bool { return s.Pages[i].Native }, warmup, runs, convert)
	}
	r.Fill(s, timing)
	for _, n := range sizes {
		r.OutBytes += int64(n)
	}
	r.PeakRSSKB = harness.PeakRSSKB()
	if t.method == harness.MethodPerProcess {
		r.BaseRSSKB, r.PeakRSSKB = 0, e.peakChildKB
	}
	return r, nil
}

// stress runs tool t once on the input file in: a .md file is a Markdown
// body to convert to Tiptap, an .html file a Tiptap body to convert to
// Markdown.
func (e *env) stress(t goTool, in string) (harness.StressResult, error) {
	data, err := os.ReadFile(in)
	if err != nil {
		return harness.StressResult{}, err
	}
	dir := harness.ToTiptap
	if strings.EqualFold(filepath.Ext(in), ".html") {
		dir = harness.ToMarkdown
	}
	fn := t.open(dir)
	if fn == nil {
		return harness.StressResult{}, fmt.Errorf("%s does not convert %s", t.name, dir)
	}
	r := harness.StressResult{
		Tool: t.name, Variant: t.variant, Direction: dir, Case: strings.TrimSuffix(filepath.Base(in), filepath.Ext(in)), Bytes: len(data),
	}
	if t.input == "page" {
		fm := "---\ntitle: Stress\n---\n"
		if dir == harness.ToMarkdown {
			fm = "---\ntitle: Stress\nvariant: tiptap\n---\n"
		}
		data = append([]byte(fm), data...)
	}
	start := time.Now()
	out, err := fn(data)
	r.Seconds = time.Since(start).Seconds()
	r.PeakRSSKB = harness.PeakRSSKB()
	if t.method == harness.MethodPerProcess {
		r.PeakRSSKB = e.peakChildKB
	}
	if err != nil {
		r.Outcome, r.Message = harness.OutcomeError, clip(err.Error(), 200)
	} else {
		r.Outcome, r.Message = harness.OutcomeOK, fmt.Sprintf("%d bytes out", len(out))
	}
	return r, nil
}

// clip shortens s to at most n bytes, on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
