package bench_test

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/tiptapmd/tiptapmd/bench/internal/harness"
	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// unitPages returns the scaling unit (testdata/unit.md, about 1 KB of a
// typical page body) as a Markdown page and as the Tiptap page that
// tiptapmd makes of it: front matter and body of each.
func unitPages(tb testing.TB) map[string]frontmatter.Parts {
	tb.Helper()
	src, err := os.ReadFile("testdata/unit.md")
	if err != nil {
		tb.Fatal(err)
	}
	tt, _, err := convert.ToTiptap(src)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]frontmatter.Parts{}
	for dir, page := range map[string][]byte{harness.ToTiptap: src, harness.ToMarkdown: tt} {
		p, err := frontmatter.Split(page)
		if err != nil {
			tb.Fatal(err)
		}
		out[dir] = p
	}
	return out
}

// sized returns the page p with its body repeated to at least size bytes.
func sized(p frontmatter.Parts, size int) []byte {
	front := p.Bytes()[:len(p.Bytes())-len(p.Body)]
	return append(front[:len(front):len(front)], harness.Repeat(p.Body, size)...)
}

var directions = []string{harness.ToTiptap, harness.ToMarkdown}

// BenchmarkSize converts pages of about 1 KB, 100 KB and 10 MB (copies
// of testdata/unit.md) with the page API, both ways.
func BenchmarkSize(b *testing.B) {
	units := unitPages(b)
	for _, dir := range directions {
		fn := harness.TiptapmdPage(dir)
		for _, size := range []struct {
			name  string
			bytes int
		}{{"1KB", 1000}, {"100KB", 100_000}, {"10MB", 10_000_000}} {
			page := sized(units[dir], size.bytes)
			b.Run(dir+"/"+size.name, func(b *testing.B) {
				b.SetBytes(int64(len(page)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := fn(page); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// nestedPage returns a page whose body nests n depth levels deep, for
// the conversion in direction dir.
func nestedPage(dir string, n harness.Nesting, depth int) []byte {
	if dir == harness.ToTiptap {
		return append([]byte("---\ntitle: Nested\n---\n"), harness.NestedMarkdown(n, depth)...)
	}
	return append([]byte("---\ntitle: Nested\nvariant: tiptap\n---\n"), harness.NestedHTML(n, depth)...)
}

// BenchmarkNesting converts pages nested 1,000 and 10,000 levels deep
// (lists, blockquotes, divs), both ways. Beyond 510 levels the HTML
// reader refuses the input with tiptap.ErrTooDeep, so these measure the
// time it takes to refuse it; the error is checked by
// TestNestingScalesLinearly.
func BenchmarkNesting(b *testing.B) {
	for _, dir := range directions {
		fn := harness.TiptapmdPage(dir)
		for _, n := range harness.Nestings() {
			for _, depth := range []int{1000, 10000} {
				page := nestedPage(dir, n, depth)
				b.Run(fmt.Sprintf("%s/%s/%d", dir, n, depth), func(b *testing.B) {
					b.SetBytes(int64(len(page)))
					b.ReportAllocs()
					for b.Loop() {
						_, _ = fn(page)
					}
				})
			}
		}
	}
}

// A cost is what one conversion took.
type cost struct {
	ns     float64 // wall time of one conversion, for the log only
	allocs uint64  // heap allocations
	bytes  uint64  // bytes allocated
}

// measureCost converts in with fn once and counts its heap allocations
// and bytes allocated. Both are deterministic for a given input, unlike
// time, so the scaling tests assert on them; the time is only logged
// (BenchmarkSize and BenchmarkNesting measure it properly).
func measureCost(fn harness.ConvertFunc, in []byte) (cost, error) {
	var c cost
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := fn(in)
	c.ns = float64(time.Since(start).Nanoseconds())
	runtime.ReadMemStats(&after)
	c.allocs = after.Mallocs - before.Mallocs
	c.bytes = after.TotalAlloc - before.TotalAlloc
	return c, err
}

// checkGrowth checks that the allocations and bytes allocated for the
// large input are at most limit times those of the small one (whose size
// is factor times smaller). A quadratic step in any pass over the input
// shows in both; time is logged, never asserted.
func checkGrowth(t *testing.T, small, large cost, factor, limit float64) {
	t.Helper()
	r := func(a, b float64) float64 { return b / max(a, 1) }
	t.Logf("×%.0f input: ×%.1f time (%.2fms → %.2fms), ×%.1f allocations, ×%.1f bytes allocated",
		factor, r(small.ns, large.ns), small.ns/1e6, large.ns/1e6,
		r(float64(small.allocs), float64(large.allocs)), r(float64(small.bytes), float64(large.bytes)))
	if g := r(float64(small.allocs), float64(large.allocs)); g > limit {
		t.Errorf("allocations grow ×%.1f for ×%.0f input; want at most ×%.0f", g, factor, limit)
	}
	if g := r(float64(small.bytes), float64(large.bytes)); g > limit {
		t.Errorf("bytes allocated grow ×%.1f for ×%.0f input; want at most ×%.0f", g, factor, limit)
	}
}

// TestSizeScalesLinearly checks that a page 100 times larger costs about
// 100 times more, both ways: at most 300 times (a quadratic step would
// make it 10,000).
func TestSizeScalesLinearly(t *testing.T) {
	units := unitPages(t)
	for _, dir := range directions {
		t.Run(dir, func(t *testing.T) {
			fn := harness.TiptapmdPage(dir)
			small, err := measureCost(fn, sized(units[dir], 10_000))
			if err != nil {
				t.Fatal(err)
			}
			large, err := measureCost(fn, sized(units[dir], 1_000_000))
			if err != nil {
				t.Fatal(err)
			}
			checkGrowth(t, small, large, 100, 300)
		})
	}
}

// TestNestingScalesLinearly converts pages nested 1,000 and 10,000
// levels deep, both ways. Neither may overflow the stack (which would
// kill the test binary) or panic; each must convert or fail with
// tiptap.ErrTooDeep at a position in the page; and ten times the depth
// may cost at most 30 times as much (a quadratic step would make it 100).
func TestNestingScalesLinearly(t *testing.T) {
	for _, dir := range directions {
		fn := harness.TiptapmdPage(dir)
		for _, n := range harness.Nestings() {
			t.Run(fmt.Sprintf("%s/%s", dir, n), func(t *testing.T) {
				var costs []cost
				for _, depth := range []int{1000, 10000} {
					c, err := measureCost(fn, nestedPage(dir, n, depth))
					var ce *convert.Error
					switch {
					case err == nil:
					case !errors.Is(err, tiptap.ErrTooDeep):
						t.Errorf("depth %d: %v; want success or tiptap.ErrTooDeep", depth, err)
					case !errors.As(err, &ce) || ce.Pos.Line < 1 || ce.Pos.Column < 1:
						t.Errorf("depth %d: %v has no position in the page", depth, err)
					}
					costs = append(costs, c)
				}
				checkGrowth(t, costs[0], costs[1], 10, 30)
			})
		}
	}
}

// hostileShapes are the pages of issue #15 that took quadratic time or
// memory (or never ended), as Markdown pages and as Tiptap pages, for a
// repeat count n: each costs time and memory in proportion to n.
var hostileShapes = []struct {
	name string
	page map[string]func(n int) string
}{
	{"links-per-line", map[string]func(int) string{
		harness.ToTiptap:   func(n int) string { return mdPage(strings.Repeat("[a](b) ", n)) },
		harness.ToMarkdown: func(n int) string { return ttPage("<p>" + strings.Repeat(`<a href="b">a</a> `, n) + "</p>") },
	}},
	{"brackets", map[string]func(int) string{
		harness.ToTiptap:   func(n int) string { return mdPage(strings.Repeat("[ (](", n)) },
		harness.ToMarkdown: func(n int) string { return ttPage("<p>" + strings.Repeat("[ (](", n) + "</p>") },
	}},
	{"list-markers", map[string]func(int) string{
		harness.ToTiptap:   func(n int) string { return mdPage(strings.Repeat("- ", n) + "x") },
		harness.ToMarkdown: func(n int) string { return ttPage("<p>" + strings.Repeat("- ", n) + "x</p>") },
	}},
	{"script-tags", map[string]func(int) string{
		harness.ToTiptap:   func(n int) string { return mdPage(strings.Repeat("x <script> ", n)) },
		harness.ToMarkdown: func(n int) string { return ttPage("<p>" + strings.Repeat("x &lt;script&gt; ", n) + "</p>") },
	}},
	{"wide-table", map[string]func(int) string{
		harness.ToTiptap: func(n int) string { return mdPage(strings.Repeat("a|", n) + "\n" + strings.Repeat("b|", n)) },
		harness.ToMarkdown: func(n int) string {
			row := "<tr>" + strings.Repeat("<td><p>a</p></td>", n) + "</tr>"
			return ttPage("<table><tbody>" + row + row + "</tbody></table>")
		},
	}},
	{"nested-markdown-divs", map[string]func(int) string{
		harness.ToTiptap: func(n int) string {
			return mdPage(strings.Repeat(`<div markdown="1">`, 20) + strings.Repeat("x <b>y</b>\n\n", n/10))
		},
		harness.ToMarkdown: func(n int) string { return ttPage(strings.Repeat("<p>x <strong>y</strong></p>", n/10)) },
	}},
	{"sequential-markdown-divs", map[string]func(int) string{
		harness.ToTiptap: func(n int) string {
			return mdPage(strings.Repeat("<div markdown=\"1\">\nx\n</div>\n\n", n/10))
		},
		harness.ToMarkdown: func(n int) string { return ttPage(strings.Repeat("<div><p>x</p></div>", n/10)) },
	}},
	{"open-brackets", map[string]func(int) string{
		harness.ToTiptap:   func(n int) string { return mdPage(strings.Repeat("[", n) + strings.Repeat("[a](b)", n/10)) },
		harness.ToMarkdown: func(n int) string { return ttPage("<p>" + strings.Repeat("[", n) + "</p>") },
	}},
	{"many-keys", map[string]func(int) string{
		harness.ToTiptap:   func(n int) string { return keysPage(n, "") },
		harness.ToMarkdown: func(n int) string { return keysPage(n, "variant: tiptap\n") },
	}},
	{"marks", map[string]func(int) string{
		harness.ToTiptap:   func(n int) string { return mdPage(strings.Repeat("**a**_b_ ", n)) },
		harness.ToMarkdown: func(n int) string { return ttPage("<p>" + strings.Repeat("<strong>a</strong><em>b</em>", n) + "</p>") },
	}},
}

func mdPage(body string) string { return "---\ntitle: T\n---\n" + body + "\n" }
func ttPage(body string) string { return "---\ntitle: T\nvariant: tiptap\n---\n" + body + "\n" }

func keysPage(n int, extra string) string {
	var b strings.Builder
	b.WriteString("---\ntitle: T\n" + extra)
	for i := range n {
		fmt.Fprintf(&b, "k%d: v\n", i)
	}
	b.WriteString("---\n<p>x</p>\n")
	return b.String()
}

// TestHostileShapesScaleLinearly converts each hostile shape at two
// sizes ten times apart, both ways, and checks that allocations and bytes
// allocated grow at most 30 times (a quadratic step makes it 100). A
// page may fail, but only with a positioned error. With -short the sizes
// are halved.
func TestHostileShapesScaleLinearly(t *testing.T) {
	sizes := []int{2000, 20000}
	if testing.Short() {
		sizes = []int{1000, 10000}
	}
	for _, sh := range hostileShapes {
		for _, dir := range directions {
			t.Run(sh.name+"/"+dir, func(t *testing.T) {
				fn := harness.TiptapmdPage(dir)
				var costs []cost
				for _, n := range sizes {
					c, err := measureCost(fn, []byte(sh.page[dir](n)))
					var ce *convert.Error
					if err != nil && (!errors.As(err, &ce) || ce.Pos.Line < 1) {
						t.Errorf("n=%d: %v has no position in the page", n, err)
					}
					costs = append(costs, c)
				}
				checkGrowth(t, costs[0], costs[1], 10, 30)
			})
		}
	}
}

// BenchmarkHostileShapes converts each hostile shape with 20,000
// repeats, both ways.
func BenchmarkHostileShapes(b *testing.B) {
	for _, sh := range hostileShapes {
		for _, dir := range directions {
			fn := harness.TiptapmdPage(dir)
			page := []byte(sh.page[dir](20000))
			b.Run(sh.name+"/"+dir, func(b *testing.B) {
				b.SetBytes(int64(len(page)))
				b.ReportAllocs()
				for b.Loop() {
					_, _ = fn(page)
				}
			})
		}
	}
}
