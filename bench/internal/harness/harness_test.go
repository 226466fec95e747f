package harness_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tiptapmd/tiptapmd/bench/internal/harness"
	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

func TestMeasure(t *testing.T) {
	calls := 0
	native := func(i int) bool { return i%2 == 0 }
	tm := harness.Measure(5, native, 2, 3, func(i int) error {
		calls++
		switch i {
		case 1:
			return errors.New("bad page")
		case 3:
			panic("boom")
		}
		return nil
	})
	assert.Equal(t, 2+3*5, calls, "2 warm-up pages, then 3 passes over 5 pages")
	require.Len(t, tm.Runs, 3)
	require.Len(t, tm.NativeRuns, 3)
	require.Len(t, tm.CPURuns, 3)
	for i := range tm.Runs {
		assert.Greater(t, tm.Runs[i], 0.0)
		assert.LessOrEqual(t, tm.NativeRuns[i], tm.Runs[i], "the native pages are part of the pass")
	}
	assert.Equal(t, 2, tm.Failed, "failures are counted once, in the first pass")
	assert.Equal(t, []harness.Failure{{Index: 1, Err: "bad page"}, {Index: 3, Err: "panic: boom"}}, tm.Failures)
}

func TestMeasureKeepsFewFailures(t *testing.T) {
	tm := harness.Measure(20, nil, 0, 1, func(int) error { return errors.New("no") })
	assert.Equal(t, 20, tm.Failed)
	assert.Len(t, tm.Failures, 5)
}

func TestMedian(t *testing.T) {
	assert.Equal(t, 0.0, harness.Median(nil))
	assert.Equal(t, 2.0, harness.Median([]float64{3, 1, 2}))
	assert.Equal(t, 2.5, harness.Median([]float64{4, 1, 3, 2}))
	xs := []float64{3, 1, 2}
	harness.Median(xs)
	assert.Equal(t, []float64{3, 1, 2}, xs, "Median leaves its argument alone")
}

func TestRepeat(t *testing.T) {
	assert.Nil(t, harness.Repeat(nil, 10))
	assert.Equal(t, "ab", string(harness.Repeat([]byte("ab"), 0)), "at least one copy")
	assert.Equal(t, "abab", string(harness.Repeat([]byte("ab"), 3)))
	assert.Equal(t, "abab", string(harness.Repeat([]byte("ab"), 4)))
	assert.Len(t, harness.Repeat([]byte("0123456789"), 1_000_000), 1_000_000)
}

func TestNested(t *testing.T) {
	assert.Equal(t, "- - - x\n", string(harness.NestedMarkdown(harness.NestList, 3)))
	assert.Equal(t, ">>> x\n", string(harness.NestedMarkdown(harness.NestQuote, 3)))
	assert.Equal(t, "<div><div>x</div></div>\n", string(harness.NestedMarkdown(harness.NestDiv, 2)))
	assert.Equal(t, "<ul><li><p>x</p><ul><li><p>x</p></li></ul></li></ul>", string(harness.NestedHTML(harness.NestList, 2)))
	for _, n := range harness.Nestings() {
		small, large := harness.NestedHTML(n, 100), harness.NestedHTML(n, 1000)
		assert.Equal(t, bytes.Count(small, []byte("</")), bytes.Count(small, []byte("<"))-bytes.Count(small, []byte("</")), "%s: every element is closed", n)
		assert.InDelta(t, 10, float64(len(large))/float64(len(small)), 0.5, "%s: the input grows linearly with depth", n)
		assert.InDelta(t, 10, float64(len(harness.NestedMarkdown(n, 1000)))/float64(len(harness.NestedMarkdown(n, 100))), 0.5, "%s: the input grows linearly with depth", n)
	}
	assert.Equal(t, "Nesting(7)", harness.Nesting(7).String())
}

// depth returns how deeply nodes of type typ nest in doc.
func depth(doc *tiptap.Node, typ string) int {
	d := 0
	for _, c := range doc.Content {
		d = max(d, depth(c, typ))
	}
	if doc.Type == typ {
		d++
	}
	return d
}

// TestNestedReads checks that the nested inputs nest what they say: the
// HTML as tiptapmd reads it (below the depth its reader accepts), the
// Markdown as CommonMark reads it (goldmark). tiptapmd reads "- - x" as
// the editor would hold it: a list item cannot start with a list, so the
// inner lists are unwrapped (and reported).
func TestNestedReads(t *testing.T) {
	for n, typ := range map[harness.Nesting]string{harness.NestList: tiptap.TypeBulletList, harness.NestQuote: tiptap.TypeBlockquote} {
		doc, _, err := tiptap.ParseHTML(harness.NestedHTML(n, 50))
		require.NoError(t, err)
		assert.Equal(t, 50, depth(doc, typ), "%s", n)
	}
	for n, tag := range map[harness.Nesting]string{harness.NestList: "<ul>", harness.NestQuote: "<blockquote>", harness.NestDiv: "<div>"} {
		out, err := harness.Goldmark()(harness.NestedMarkdown(n, 50))
		require.NoError(t, err)
		assert.Equal(t, 50, strings.Count(string(out), tag), "%s: %s", n, out)
		assert.True(t, strings.HasPrefix(string(out), strings.Repeat(tag, 2)) || n != harness.NestDiv, "%s: nested, not in sequence", n)
	}
}

func TestReadCorpus(t *testing.T) {
	src, err := harness.ReadCorpus(filepath.Join("testdata", "corpus"))
	require.NoError(t, err)
	var paths []string
	for _, s := range src {
		paths = append(paths, s.Path)
	}
	assert.Equal(t, []string{"site-a/pages/about.md", "site-a/pages/contact.md", "site-b/broken.md", "site-b/index.html"}, paths,
		"pages of the site folders, sorted; no notes at the root, no other extensions")

	_, err = harness.ReadCorpus(t.TempDir())
	assert.ErrorContains(t, err, "no pages")
	_, err = harness.ReadCorpus(filepath.Join("testdata", "missing"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestPrepare(t *testing.T) {
	src, err := harness.ReadCorpus(filepath.Join("testdata", "corpus"))
	require.NoError(t, err)
	c, err := convert.New()
	require.NoError(t, err)
	md, tt, err := harness.Prepare(src, c)
	require.NoError(t, err)
	assert.Equal(t, harness.FormatMarkdown, md.Format)
	assert.Equal(t, harness.FormatTiptap, tt.Format)
	require.Len(t, md.Excluded, 1)
	assert.Contains(t, md.Excluded[0], "site-b/broken.md: ")
	assert.Contains(t, md.Excluded[0], `"html"`)
	assert.Equal(t, md.Excluded, tt.Excluded)

	require.Len(t, md.Pages, 3)
	require.Len(t, tt.Pages, 3)
	byPath := map[string]string{}
	for _, s := range src {
		byPath[s.Path] = string(s.Data)
	}
	for i := range md.Pages {
		m, h := md.Pages[i], tt.Pages[i]
		assert.Equal(t, m.Path, h.Path)
		assert.NotEqual(t, m.Native, h.Native, "%s: native in exactly one set", m.Path)
		native, derived := m, h
		if h.Native {
			native, derived = h, m
		}
		assert.Equal(t, byPath[native.Path], native.Front+native.Body, "%s: the native page is the corpus file", m.Path)
		assert.True(t, strings.HasPrefix(native.Front, "---\n") && strings.HasSuffix(native.Front, "---\n"), "%s: front matter with its delimiters", m.Path)
		assert.NotEmpty(t, derived.Body, "%s", m.Path)
	}
	assert.True(t, md.Pages[0].Native, "about.md is a Markdown page")
	assert.True(t, tt.Pages[1].Native, "contact.md is a Tiptap page")
	assert.True(t, md.Pages[2].Native, "index.html has no variant: Markdown")
	assert.Contains(t, tt.Pages[0].Front, "variant: tiptap")
	assert.Contains(t, tt.Pages[0].Body, "<h2>Who we are</h2>")
	assert.Contains(t, md.Pages[1].Body, "## Write to us")

	all, native := md.Sizes()
	assert.Equal(t, int64(len(md.Pages[0].Body)+len(md.Pages[1].Body)+len(md.Pages[2].Body)), all)
	assert.Equal(t, int64(len(md.Pages[0].Body)+len(md.Pages[2].Body)), native)

	_, _, err = harness.Prepare([]harness.Source{{Path: "a/x.md", Data: []byte("\xff\xfe")}}, c)
	assert.ErrorContains(t, err, "no page")
}

func TestSetRoundTrip(t *testing.T) {
	dir := t.TempDir()
	s := &harness.PageSet{Format: harness.FormatTiptap, Pages: []harness.Page{{Path: "a/b.md", Native: true, Front: "---\n---\n", Body: "<p>é</p>"}}}
	name := filepath.Join(dir, "set.json")
	require.NoError(t, harness.WriteSet(name, s))
	got, err := harness.ReadSet(name)
	require.NoError(t, err)
	assert.Equal(t, s, got)

	require.NoError(t, os.WriteFile(name, []byte(`{"format":"rtf"}`), 0o644))
	_, err = harness.ReadSet(name)
	assert.ErrorContains(t, err, `unknown page set format "rtf"`)
	require.NoError(t, os.WriteFile(name, []byte(`{`), 0o644))
	_, err = harness.ReadSet(name)
	assert.ErrorContains(t, err, "set.json")
	_, err = harness.ReadSet(filepath.Join(dir, "missing.json"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestResultFill(t *testing.T) {
	s := &harness.PageSet{Format: harness.FormatMarkdown, Pages: []harness.Page{
		{Path: "a/1.md", Native: true, Body: "1234"},
		{Path: "a/2.md", Body: "123456"},
	}}
	var r harness.Result
	r.Fill(s, harness.Timing{
		Runs: []float64{2, 1, 4}, NativeRuns: []float64{1, 0.5, 2}, CPURuns: []float64{3, 3, 3},
		Failed: 1, Failures: []harness.Failure{{Index: 1, Err: "bad"}},
	})
	assert.Equal(t, 2, r.Pages)
	assert.Equal(t, int64(10), r.Bytes)
	assert.Equal(t, harness.Subset{Pages: 1, Bytes: 4, Seconds: 1}, r.Native)
	assert.Equal(t, 2.0, r.Seconds, "the median pass")
	assert.Equal(t, 3.0, r.CPUSeconds)
	assert.Equal(t, 1.0, r.PagesPerSec)
	assert.Equal(t, 10/1e6/2, r.MBPerSec)
	assert.Equal(t, []string{"a/2.md: bad"}, r.Failures)
}

func TestResultsFile(t *testing.T) {
	name := filepath.Join(t.TempDir(), "results.json")
	f := &harness.File{Date: "2026-01-02T03:04:05Z", Results: []harness.Result{
		{Tool: "tiptapmd", Variant: "page", Direction: harness.ToTiptap, Seconds: 1},
		{Tool: "tiptapmd", Variant: "body", Direction: harness.ToTiptap, Seconds: 2},
	}}
	require.NoError(t, harness.WriteFile(name, f))
	got, err := harness.ReadFile(name)
	require.NoError(t, err)
	assert.Equal(t, f, got)
	assert.Equal(t, 2.0, got.Find("tiptapmd", "body", harness.ToTiptap).Seconds)
	assert.Nil(t, got.Find("tiptapmd", "body", harness.ToMarkdown))
	require.NoError(t, os.WriteFile(name, []byte("[]"), 0o644))
	_, err = harness.ReadFile(name)
	assert.ErrorContains(t, err, "results.json")
}

func TestStackOverflow(t *testing.T) {
	for msg, want := range map[string]bool{
		"RangeError: Maximum call stack size exceeded":           true,
		"runtime: goroutine stack exceeds 1000000000-byte limit": true,
		"fatal error: stack overflow":                            true,
		"pandoc: stack overflow":                                 true,
		"4:511: markdown body: elements nested too deeply":       false,
		"html: open stack of elements exceeds 512 nodes":         false,
		"FATAL ERROR: Reached heap limit Allocation failed":      false,
	} {
		assert.Equal(t, want, harness.StackOverflow(msg), msg)
	}
}

func TestRSS(t *testing.T) {
	rss, peak := harness.RSSKB(), harness.PeakRSSKB()
	assert.Greater(t, rss, int64(0))
	assert.GreaterOrEqual(t, peak, rss)
	assert.Greater(t, harness.CPUSeconds(), 0.0)
}

func TestMeasureParallel(t *testing.T) {
	var mu sync.Mutex
	seen := map[int]int{}
	tm := harness.MeasureParallel(50, 3, 5, 2, func(i int) error {
		mu.Lock()
		seen[i]++
		mu.Unlock()
		if i == 7 {
			return errors.New("seven")
		}
		return nil
	})
	require.Len(t, tm.Runs, 2)
	assert.Empty(t, tm.NativeRuns)
	assert.Equal(t, 1, tm.Failed)
	assert.Equal(t, []harness.Failure{{Index: 7, Err: "seven"}}, tm.Failures)
	for i := range 50 {
		want := 2
		if i < 5 {
			want = 3
		}
		assert.Equal(t, want, seen[i], "page %d: warm-up and 2 passes", i)
	}
}
