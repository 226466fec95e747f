package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tiptapmd/tiptapmd/bench/internal/harness"
)

// asMain makes the test binary behave as benchcorpus when it is run with
// this variable set: "benchcorpus run" runs itself for each measure.
const asMain = "BENCHCORPUS_TEST_AS_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(asMain) == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

var testCorpus = filepath.Join("..", "..", "internal", "harness", "testdata", "corpus")

// TestRun runs the whole harness, without the peers, on the small test
// corpus, and checks the results file.
func TestRun(t *testing.T) {
	t.Setenv(asMain, "1")
	dir := t.TempDir()
	results := filepath.Join(dir, "results.json")
	var stderr bytes.Buffer
	code := run([]string{"run", "-corpus", testCorpus, "-out", filepath.Join(dir, "out"), "-results", results,
		"-peers=false", "-runs", "2", "-warmup", "1", "-stress-depth", "600", "-stress-size", "50000",
		"-version", "test", "-note", "a note"}, &stderr, &stderr)
	require.Equal(t, 0, code, stderr.String())
	assert.Contains(t, stderr.String(), "prepared 3 pages (2 markdown, 1 tiptap; 1 excluded)")

	f, err := harness.ReadFile(results)
	require.NoError(t, err)
	assert.Equal(t, 3, f.Corpus.Pages)
	assert.Equal(t, 2, f.Corpus.NativeMarkdown)
	assert.Equal(t, 1, f.Corpus.NativeTiptap)
	assert.Len(t, f.Corpus.Excluded, 1)
	assert.Equal(t, []string{"a note"}, f.Notes)
	assert.Equal(t, "test", f.Tools["tiptapmd"])
	assert.NotEmpty(t, f.Tools["goldmark"])
	assert.Positive(t, f.Machine.Cores)

	type key struct{ tool, variant, dir string }
	got := map[key]harness.Result{}
	for _, r := range f.Results {
		got[key{r.Tool, r.Variant, r.Direction}] = r
	}
	for _, k := range []key{
		{"tiptapmd", "page", harness.ToTiptap}, {"tiptapmd", "page", harness.ToMarkdown},
		{"tiptapmd", "body", harness.ToTiptap}, {"tiptapmd", "body", harness.ToMarkdown},
		{"goldmark", "GFM, unsafe HTML", harness.ToTiptap}, {"html-to-markdown", "commonmark, table, strikethrough", harness.ToMarkdown},
	} {
		r, ok := got[k]
		if !assert.True(t, ok, "no result for %v", k) {
			continue
		}
		assert.Equal(t, 3, r.Pages, "%v", k)
		assert.Len(t, r.Runs, 2, "%v", k)
		assert.Equal(t, 0, r.Failed, "%v: %v", k, r.Failures)
		assert.Positive(t, r.Seconds, "%v", k)
		assert.Positive(t, r.PagesPerSec, "%v", k)
		assert.Positive(t, r.PeakRSSKB, "%v", k)
		assert.Positive(t, r.OutBytes, "%v", k)
		assert.Equal(t, harness.MethodInProcess, r.Method, "%v", k)
	}
	want := 6
	if runtime.NumCPU() > 1 {
		want += 2 // the page API with the pages shared among the CPUs
		r := got[key{"tiptapmd", fmt.Sprintf("page, %d goroutines", runtime.NumCPU()), harness.ToMarkdown}]
		assert.Equal(t, 3, r.Pages)
		assert.Positive(t, r.Seconds)
		assert.Zero(t, r.Native.Seconds, "not measured page by page")
	}
	assert.Len(t, f.Results, want)

	// tiptapmd refuses input nested 600 deep with an error, both ways;
	// html-to-markdown refuses the HTML; goldmark converts it.
	outcomes := map[string]string{}
	for _, s := range f.Stress {
		outcomes[s.Tool+" "+s.Direction+" "+s.Case] = s.Outcome
		if s.Tool == "tiptapmd" && strings.HasPrefix(s.Case, "list-") {
			assert.Contains(t, s.Message, "nested too deeply")
		}
	}
	assert.Equal(t, map[string]string{
		"tiptapmd to-tiptap list-600": "error", "tiptapmd to-tiptap quote-600": "error", "tiptapmd to-tiptap div-600": "error",
		"tiptapmd to-tiptap large-50KB": "ok",
		"tiptapmd to-markdown list-600": "error", "tiptapmd to-markdown quote-600": "error", "tiptapmd to-markdown div-600": "error",
		"tiptapmd to-markdown large-50KB": "ok",
		"goldmark to-tiptap list-600":     "ok", "goldmark to-tiptap quote-600": "ok", "goldmark to-tiptap div-600": "ok",
		"goldmark to-tiptap large-50KB":         "ok",
		"html-to-markdown to-markdown list-600": "error", "html-to-markdown to-markdown quote-600": "error",
		"html-to-markdown to-markdown div-600": "error", "html-to-markdown to-markdown large-50KB": "ok",
	}, outcomes)
}

// TestMeasurePerProcess measures a tool run once per page, with a shell
// script standing in for pandoc.
func TestMeasurePerProcess(t *testing.T) {
	dir := t.TempDir()
	set := &harness.PageSet{Format: harness.FormatTiptap, Pages: []harness.Page{
		{Path: "a/1.md", Native: true, Front: "---\n---\n", Body: "<p>One</p>\n"},
		{Path: "a/2.md", Body: "FAIL\n"},
		{Path: "a/3.md", Body: "<p>Three</p>\n"},
	}}
	name := filepath.Join(dir, "set.json")
	require.NoError(t, harness.WriteSet(name, set))
	var stdout, stderr bytes.Buffer
	pandoc, err := filepath.Abs(filepath.Join("testdata", "fake-pandoc"))
	require.NoError(t, err)
	code := run([]string{"measure", "-tool", "pandoc", "-set", name, "-runs", "2", "-warmup", "1", "-pandoc", pandoc, "-time", ""}, &stdout, &stderr)
	require.Equal(t, 0, code, stderr.String())
	var r harness.Result
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &r))
	assert.Equal(t, "pandoc", r.Tool)
	assert.Equal(t, harness.MethodPerProcess, r.Method)
	assert.Equal(t, harness.ToMarkdown, r.Direction)
	assert.Equal(t, 3, r.Pages)
	assert.Len(t, r.Runs, 2)
	assert.Equal(t, 1, r.Failed)
	assert.Equal(t, []string{"a/2.md: pandoc: exit status 3: fake pandoc: asked to fail"}, r.Failures)
	assert.Equal(t, int64(len("<p>One</p>\n<p>Three</p>\n")), r.OutBytes, "the stand-in copies each body")
	assert.Equal(t, 1, r.Native.Pages)
	assert.Equal(t, int64(11), r.Native.Bytes)
	assert.Positive(t, r.Native.Seconds)
	assert.Equal(t, int64(0), r.PeakRSSKB, "unknown without GNU time")
}

func TestStressCommand(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "quote-600.md")
	require.NoError(t, os.WriteFile(in, harness.NestedMarkdown(harness.NestQuote, 600), 0o644))
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, run([]string{"stress", "-tool", "tiptapmd", "-variant", "page", "-in", in}, &stdout, &stderr), stderr.String())
	var s harness.StressResult
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &s))
	assert.Equal(t, harness.StressResult{
		Tool: "tiptapmd", Variant: "page", Direction: harness.ToTiptap, Case: "quote-600", Bytes: 603,
		Outcome: harness.OutcomeError, Message: "4:511: markdown body: elements nested too deeply",
		Seconds: s.Seconds, PeakRSSKB: s.PeakRSSKB,
	}, s)
}

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{nil, 2, "usage: benchcorpus"},
		{[]string{"dance"}, 2, `unknown command "dance"`},
		{[]string{"measure", "-h"}, 0, "-set"},
		{[]string{"measure", "-bogus"}, 2, "flag provided but not defined"},
		{[]string{"measure", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"measure", "-tool", "word"}, 1, `unknown tool "word"`},
		{[]string{"measure", "-tool", "tiptapmd", "-variant", "fast"}, 1, `tool tiptapmd has no variant "fast" (it has "page", "body")`},
		{[]string{"measure", "-tool", "goldmark", "-set", "missing.json"}, 1, "missing.json"},
		{[]string{"stress", "-tool", "goldmark", "-in", "x.html"}, 1, "x.html"},
	} {
		var stdout, stderr bytes.Buffer
		assert.Equal(t, tc.code, run(tc.args, &stdout, &stderr), "%q", tc.args)
		assert.Contains(t, stderr.String(), tc.msg, "%q", tc.args)
	}
}

func TestWrongDirection(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "x.html")
	require.NoError(t, os.WriteFile(in, []byte("<p>x</p>"), 0o644))
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 1, run([]string{"stress", "-tool", "goldmark", "-in", in}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "goldmark does not convert to-markdown")
}

func TestSplitMaxRSS(t *testing.T) {
	msg, kb := splitMaxRSS("[WARNING] something\n\n" + maxRSSPrefix + "98765\n")
	assert.Equal(t, "[WARNING] something\n\n", msg)
	assert.Equal(t, int64(98765), kb)
	msg, kb = splitMaxRSS("no report")
	assert.Equal(t, "no report", msg)
	assert.Equal(t, int64(0), kb)
}

func TestLastLines(t *testing.T) {
	assert.Equal(t, "FATAL ERROR: Reached heap limit", lastLines([]byte("\n<--- Last few GCs --->\nFATAL ERROR: Reached heap limit\n 1: 0xb7 node::Abort()\n")))
	assert.Equal(t, "last", lastLines([]byte("first\nlast\n\n")))
	assert.Equal(t, "", lastLines(nil))
}

func TestClip(t *testing.T) {
	assert.Equal(t, "short", clip("short", 10))
	assert.Equal(t, "ab…", clip("abcdef", 2))
	assert.Equal(t, "a…", clip("aé", 2), "never cuts a rune")
}
