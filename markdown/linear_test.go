package markdown_test

import (
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// Elements with markdown="1" nested beyond the sub-parse limit are read
// as raw HTML, with a note at each of them; the page used to loop
// forever on the first one.
func TestNestedMarkdownDivs(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		notes     []string
	}{
		{
			name:  "unclosed",
			src:   strings.Repeat(`<div markdown="1">`, 18) + "x\n",
			notes: []string{"1:289", "1:307"},
		},
		{
			name:  "closed",
			src:   strings.Repeat("<div markdown=\"1\">\n", 18) + "**b**\n\n" + strings.Repeat("</div>\n", 18),
			notes: []string{"17:1", "18:1"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, notes, err := markdown.Parse([]byte(tc.src), markdown.Options{})
			require.NoError(t, err)
			var at []string
			for _, n := range notes {
				if n.Code == markdown.CodeNestedMarkdown {
					at = append(at, n.Pos.String())
					assert.Contains(t, n.Message, "raw HTML")
				}
			}
			assert.Equal(t, tc.notes, at)
			text := doc.TextContent()
			if tc.name == "closed" {
				assert.Equal(t, "**b**", strings.TrimSpace(text), "the Markdown of the deepest elements shows as written")
			}
		})
	}
	// Sixteen levels are still read as Markdown.
	src := strings.Repeat("<div markdown=\"1\">\n", 16) + "**b**\n\n" + strings.Repeat("</div>\n", 16)
	doc, notes, err := markdown.Parse([]byte(src), markdown.Options{})
	require.NoError(t, err)
	for _, n := range notes {
		assert.NotEqual(t, markdown.CodeNestedMarkdown, n.Code, "%v", n)
	}
	assert.Equal(t, "b", strings.TrimSpace(doc.TextContent()))
}

// hostileShapes are the shapes of input that used to take quadratic time
// or memory, as functions of a repeat count.
var hostileShapes = []struct {
	name string
	page func(n int) string
}{
	{"links-per-line", func(n int) string { return strings.Repeat("[a](b) ", n) + "\n" }},
	{"unclosed-destinations", func(n int) string { return strings.Repeat("[ (](", n) + "\n" }},
	{"unclosed-titles", func(n int) string { return strings.Repeat(`[a](b "`, n) + "\n" }},
	{"unclosed-angle-destinations", func(n int) string { return strings.Repeat("[a](<", n) + "\n" }},
	{"open-destinations-then-lines", func(n int) string {
		return strings.Repeat("[a](", n) + "\n" + strings.Repeat("x\n", 60)
	}},
	{"openers-then-links", func(n int) string { return strings.Repeat("[", n) + strings.Repeat("[a](b)", n) + "\n" }},
	{"list-markers", func(n int) string { return strings.Repeat("- ", n) + "x\n" }},
	{"quote-markers", func(n int) string { return strings.Repeat("> ", n) + "x\n" }},
	{"dashes", func(n int) string { return strings.Repeat("- ", n) + "\n" }},
	{"script-tags", func(n int) string { return strings.Repeat("x <script> ", n) + "\n" }},
	{"span-tags", func(n int) string { return strings.Repeat("x <kbd> ", n) + "\n" }},
	{"nested-markdown-divs", func(n int) string {
		return strings.Repeat(`<div markdown="1">`, 20) + strings.Repeat("x <b>y</b>\n\n", n)
	}},
	{"sequential-markdown-divs", func(n int) string {
		return strings.Repeat("<div markdown=\"1\">\nx\n</div>\n\n", n/10)
	}},
	{"unclosed-tags", func(n int) string { return strings.Repeat("<a ", n) + "\n" }},
	{"unclosed-autolinks", func(n int) string { return strings.Repeat("<x ", n) + "\n" }},
	{"unclosed-comments", func(n int) string { return strings.Repeat("<!-- ", n) + "\n" }},
	{"unclosed-span-ials", func(n int) string { return strings.Repeat("{: ", n) + "\n" }},
	{"unclosed-liquid", func(n int) string { return strings.Repeat("{{ ", n) + "\n" }},
	{"unclosed-code-in-cells", func(n int) string { return strings.Repeat("`a|", n) + "\n" }},
	{"unclosed-emphasis", func(n int) string { return strings.Repeat("*a ", n) + "\n" }},
	{"table", func(n int) string { return strings.Repeat(strings.Repeat("a|", 30)+"\n", n/30) }},
	{"wide-table", func(n int) string { return strings.Repeat("a|", n) + "\n" + strings.Repeat("b|", n) + "\n" }},
}

// parseCost parses src and returns the bytes it allocated; the count of
// allocations follows the same curve.
func parseCost(t *testing.T, src string) (allocs, bytes uint64) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, _, err := markdown.Parse([]byte(src), markdown.Options{})
	runtime.ReadMemStats(&after)
	var pe *markdown.ParseError
	if err != nil && !(errors.As(err, &pe) && errors.Is(err, tiptap.ErrTooDeep) && pe.Pos.IsValid()) {
		t.Fatalf("Parse: %v; want success or a positioned tiptap.ErrTooDeep", err)
	}
	return after.Mallocs - before.Mallocs, after.TotalAlloc - before.TotalAlloc
}

// TestHostileShapesScaleLinearly parses each hostile shape at two sizes,
// ten times apart, and checks that the allocations and bytes allocated
// grow at most 30 times (a quadratic step makes it 100). Time is not
// asserted; BenchmarkHostileShapes measures it.
func TestHostileShapesScaleLinearly(t *testing.T) {
	small, large := 2000, 20000
	if testing.Short() {
		small, large = 500, 5000
	}
	for _, sh := range hostileShapes {
		t.Run(sh.name, func(t *testing.T) {
			a1, b1 := parseCost(t, sh.page(small))
			a2, b2 := parseCost(t, sh.page(large))
			ra, rb := float64(a2)/float64(max(a1, 1)), float64(b2)/float64(max(b1, 1))
			t.Logf("×10 input: ×%.1f allocations (%d → %d), ×%.1f bytes (%d → %d)", ra, a1, a2, rb, b1, b2)
			assert.LessOrEqual(t, ra, 30.0, "allocations grow faster than the input")
			assert.LessOrEqual(t, rb, 30.0, "bytes allocated grow faster than the input")
		})
	}
}

// BenchmarkHostileShapes parses each hostile shape with 20,000 repeats.
func BenchmarkHostileShapes(b *testing.B) {
	for _, sh := range hostileShapes {
		src := []byte(sh.page(20000))
		b.Run(sh.name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				_, _, _ = markdown.Parse(src, markdown.Options{})
			}
		})
	}
}

// A page of more table cells than the HTML reader takes tags fails at
// the first cell too many, before the cells are built.
func TestTooManyTableCells(t *testing.T) {
	src := strings.Repeat(strings.Repeat("a|", 1000)+"\n", 300)
	_, _, err := markdown.Parse([]byte(src), markdown.Options{})
	var pe *markdown.ParseError
	if !errors.As(err, &pe) || !errors.Is(err, tiptap.ErrTooLarge) {
		t.Fatalf("err = %v, want a *ParseError with tiptap.ErrTooLarge", err)
	}
	// Cell 250,001 is the first of row 251.
	assert.Equal(t, tiptapmd.Pos{Line: 251, Column: 1}, pe.Pos)
}

// A paragraph of thousands of "[" is written in linear time (the
// converter's escaping searched the rest of the line for each of them)
// and reads back as the same text.
func TestRenderManyBrackets(t *testing.T) {
	for _, text := range []string{
		strings.Repeat("[", 5000),
		strings.Repeat("[", 5000) + "]",
		"a [b and " + strings.Repeat("[ (](", 2000),
		"[x] and [y",
	} {
		doc := &tiptap.Node{Type: tiptap.TypeDoc, Content: []*tiptap.Node{
			{Type: tiptap.TypeParagraph, Content: []*tiptap.Node{{Type: tiptap.TypeText, Text: text}}},
		}}
		md, _, err := markdown.Render(doc, markdown.RenderOptions{})
		require.NoError(t, err)
		back, _, err := markdown.Parse(md, markdown.Options{})
		require.NoError(t, err)
		assert.Equal(t, text, back.TextContent(), "%.40q…", text)
	}
}
