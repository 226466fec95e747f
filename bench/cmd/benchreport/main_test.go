package main

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tiptapmd/tiptapmd/bench/internal/harness"
	"github.com/tiptapmd/tiptapmd/internal/golden"
	"golang.org/x/tools/txtar"
)

// load decodes the results.json section of a golden file.
func load(t *testing.T, f *golden.File) *harness.File {
	t.Helper()
	var r harness.File
	require.NoError(t, json.Unmarshal(f.Input(t, "results.json"), &r))
	return &r
}

// resultsJSON returns the results.json section of the golden file name.
func resultsJSON(tb testing.TB, name string) []byte {
	tb.Helper()
	a, err := txtar.ParseFile(name)
	require.NoError(tb, err)
	for _, f := range a.Files {
		if f.Name == "results.json" {
			return f.Data
		}
	}
	tb.Fatalf("%s has no results.json", name)
	return nil
}

// TestTables checks the generated Markdown of each golden results file.
func TestTables(t *testing.T) {
	golden.Glob(t, "testdata/report/*.txtar", func(t *testing.T, f *golden.File) {
		f.Check(t, "tables.md", renderTables(load(t, f)))
	})
}

func TestReplaceRegion(t *testing.T) {
	doc := []byte("# Title\n\nHand-written.\n\n" + beginMarker + "\nold\n" + endMarker + "\n\nMore prose.\n")
	out, err := replaceRegion(doc, []byte("new\n"))
	require.NoError(t, err)
	assert.Equal(t, "# Title\n\nHand-written.\n\n"+beginMarker+"\nnew\n"+endMarker+"\n\nMore prose.\n", string(out))
	again, err := replaceRegion(out, []byte("new\n"))
	require.NoError(t, err)
	assert.Equal(t, out, again, "replacing is idempotent")

	for _, bad := range []string{"no markers", beginMarker + " only", endMarker + " before " + beginMarker} {
		_, err := replaceRegion([]byte(bad), []byte("x"))
		assert.ErrorIs(t, err, errNoMarkers, bad)
	}
}

// FuzzReplaceRegion checks that replacing the generated region never
// panics, keeps both markers and the text around them, and is
// idempotent.
func FuzzReplaceRegion(f *testing.F) {
	f.Add([]byte("a\n"+beginMarker+"\nold\n"+endMarker+"\nz\n"), []byte("new\n"))
	f.Add([]byte(endMarker+beginMarker), []byte(""))
	f.Add([]byte(beginMarker+beginMarker+endMarker+endMarker), []byte(endMarker))
	if doc, err := os.ReadFile(filepath.Join("..", "..", "..", "BENCHMARKS.md")); err == nil {
		f.Add(doc, []byte("table\n"))
	}
	f.Fuzz(func(t *testing.T, doc, region []byte) {
		out, err := replaceRegion(doc, region)
		if err != nil {
			return
		}
		b := bytes.Index(doc, []byte(beginMarker))
		if !bytes.HasPrefix(out, doc[:b+len(beginMarker)]) {
			t.Fatalf("the text before the region changed")
		}
		if !bytes.Contains(out, region) || !bytes.Contains(out, []byte(endMarker)) {
			t.Fatalf("the region or the end marker is missing")
		}
		if bytes.Contains(region, []byte(beginMarker)) || bytes.Contains(region, []byte(endMarker)) {
			return // a region with markers is a different document
		}
		again, err := replaceRegion(out, region)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("not idempotent: %v", err)
		}
	})
}

// FuzzReport checks that any results file that decodes gives tables and
// a chart without panicking.
func FuzzReport(f *testing.F) {
	paths, err := filepath.Glob("testdata/report/*.txtar")
	require.NoError(f, err)
	for _, p := range paths {
		f.Add(resultsJSON(f, p))
	}
	f.Add([]byte(`{"results":[{"tool":"x","direction":"to-tiptap","pages_per_sec":1e300,"seconds":-1}]}`))
	f.Add([]byte(`{"results":[{"tool":"x","direction":"to-tiptap","pages_per_sec":1.5e308},{"tool":"y","direction":"to-tiptap","pages_per_sec":5e-324}]}`))
	f.Add([]byte(`{"results":[{"tool":"tiptapmd","variant":"page","direction":"to-markdown","pages_per_sec":0.001,"seconds":0}],"machine":{"cores":-1}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r harness.File
		if json.Unmarshal(data, &r) != nil || len(r.Results) > 50 {
			return
		}
		renderTables(&r)
		img, _ := renderChart(&r)
		if img.Bounds().Dx() != chartWidth {
			t.Fatalf("chart is %d pixels wide", img.Bounds().Dx())
		}
	})
}

// colorAt returns the color of img at (x, y) as RGBA.
func colorAt(img image.Image, x, y int) color.RGBA {
	return color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
}

func TestChart(t *testing.T) {
	var f harness.File
	require.NoError(t, json.Unmarshal(resultsJSON(t, "testdata/report/all.txtar"), &f))
	img, bars := renderChart(&f)
	assert.Equal(t, chartWidth, img.Bounds().Dx())
	require.Len(t, bars, len(f.Results), "one bar per result")
	for i, b := range bars {
		assert.True(t, b.rect.In(img.Bounds()), "%s: bar inside the image", label(b.r))
		c := b.rect.Min.Add(b.rect.Size().Div(2))
		assert.Equal(t, kindColor(b.r.Kind), colorAt(img, c.X, c.Y), "%s: bar in the color of its kind", label(b.r))
		if i > 0 {
			assert.GreaterOrEqual(t, b.rect.Min.Y, bars[i-1].rect.Max.Y, "bars do not overlap")
			assert.Equal(t, bars[i-1].rect.Min.X, b.rect.Min.X, "bars start on the same axis")
		}
		for _, o := range bars {
			// Lengths follow the logarithm of the rates.
			if o.r.PagesPerSec > b.r.PagesPerSec*1.01 {
				assert.Greater(t, o.rect.Dx(), b.rect.Dx(), "%s is faster than %s", label(o.r), label(b.r))
			}
		}
	}
	// The scale is logarithmic: from 100 to 1,000 pages/s is a decade,
	// from 1,000 to 5,000 is log10(5) of a decade.
	decade := float64(barFor(t, bars, 1000).rect.Dx() - barFor(t, bars, 100).rect.Dx())
	assert.Greater(t, decade, 50.0)
	assert.InDelta(t, math.Log10(5)*decade, float64(barFor(t, bars, 5000).rect.Dx()-barFor(t, bars, 1000).rect.Dx()), 2)
}

// barFor returns the bar of the result at rate pages per second.
func barFor(t *testing.T, bars []bar, rate float64) bar {
	t.Helper()
	for _, b := range bars {
		if b.r.PagesPerSec == rate {
			return b
		}
	}
	t.Fatalf("no bar at %g pages/s", rate)
	return bar{}
}

func TestFont(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, cellW*2, cellH))
	drawText(img, 0, 0, "Tg", rgb(ink), 1)
	var rows []string
	for y := range cellH {
		var b strings.Builder
		for x := range cellW * 2 {
			if colorAt(img, x, y) == rgb(ink) {
				b.WriteByte('#')
			} else {
				b.WriteByte('.')
			}
		}
		rows = append(rows, b.String())
	}
	assert.Equal(t, []string{
		"............",
		"#####.......",
		"..#.........",
		"..#....####.",
		"..#...#...#.",
		"..#...#...#.",
		"..#...#...#.",
		"..#....####.",
		"..........#.",
		".......###..",
	}, rows, "T, and g with its descender")
	assert.Equal(t, glyph('?'), glyph('é'), "runes outside ASCII are drawn as ?")
	assert.Equal(t, 2*cellW*3, textWidth("é!", 3))
	assert.Equal(t, "a -> b x 2 - c", ascii("a → b × 2 – c"))
}

func TestReport(t *testing.T) {
	dir := t.TempDir()
	results := filepath.Join(dir, "results.json")
	require.NoError(t, os.WriteFile(results, resultsJSON(t, "testdata/report/all.txtar"), 0o644))
	md := filepath.Join(dir, "B.md")
	require.NoError(t, os.WriteFile(md, []byte("# B\n\n"+beginMarker+"\n"+endMarker+"\n\nEnd.\n"), 0o644))
	pngFile := filepath.Join(dir, "chart.png")

	var stderr bytes.Buffer
	require.Equal(t, 0, run([]string{"-results", results, "-md", md, "-png", pngFile}, &stderr), stderr.String())
	doc, err := os.ReadFile(md)
	require.NoError(t, err)
	assert.Contains(t, string(doc), "| tiptapmd page API | ours | in-process | 1,000 |")
	assert.True(t, strings.HasSuffix(string(doc), endMarker+"\n\nEnd.\n"))
	pf, err := os.Open(pngFile)
	require.NoError(t, err)
	defer pf.Close()
	img, err := png.Decode(pf)
	require.NoError(t, err)
	assert.Equal(t, chartWidth, img.Bounds().Dx())

	require.NoError(t, os.WriteFile(md, []byte("# no markers\n"), 0o644))
	stderr.Reset()
	assert.Equal(t, 1, run([]string{"-results", results, "-md", md, "-png", ""}, &stderr))
	assert.Contains(t, stderr.String(), "B.md: the document has no")
	stderr.Reset()
	assert.Equal(t, 1, run([]string{"-results", filepath.Join(dir, "missing.json")}, &stderr))
	assert.Contains(t, stderr.String(), "missing.json")
	require.NoError(t, os.WriteFile(results, []byte(`{"results":[]}`), 0o644))
	stderr.Reset()
	assert.Equal(t, 1, run([]string{"-results", results}, &stderr))
	assert.Contains(t, stderr.String(), "holds no results")
	assert.Equal(t, 2, run([]string{"extra"}, &stderr))
	assert.Equal(t, 0, run([]string{"-h"}, &stderr))
}

func TestNum(t *testing.T) {
	for x, want := range map[float64]string{0: "0", 999: "999", 1000: "1,000", 1234567.891: "1,234,568", -4321: "-4,321"} {
		assert.Equal(t, want, num(x, 0))
	}
	assert.Equal(t, "12,345.68", num(12345.678, 2))
	assert.Equal(t, "1,235", rate(1234.6, 10))
	assert.Equal(t, "5.3", rate(5.3, 10))
	assert.Equal(t, "0.15", rate(0.15, 10))
	assert.Equal(t, "–", ratio(0, 1))
	assert.Equal(t, "150×", ratio(300, 2))
	assert.Equal(t, "15.0×", ratio(30, 2))
	assert.Equal(t, "0.50×", ratio(1, 2))
}
