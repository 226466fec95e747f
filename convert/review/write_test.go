package review

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/internal/dom"
	"github.com/tiptapmd/tiptapmd/internal/xss"
)

func testRun() *Run {
	review := func(line int) tiptapmd.Note {
		return tiptapmd.Note{Code: "dropped-attr", Severity: tiptapmd.Review, Message: `<div>: dropped class "note"`, Pos: tiptapmd.Pos{Line: line, Column: 1}}
	}
	info := tiptapmd.Note{Code: "variant", Severity: tiptapmd.Info, Message: "variant set to tiptap"}
	src := []byte("---\ntitle: A\n---\n\nIntro text.\n\n<div class=\"note\">Note</div>\n")
	out := []byte("---\ntitle: A\nvariant: tiptap\n---\n<p>Intro text.</p><p>Note</p>")
	return &Run{
		Title: "check site",
		Pages: []Page{
			{Path: "site/a.md", Verdict: convert.VerdictUnchanged},
			{Path: "site/b.md", Op: "to-tiptap", From: convert.Markdown, To: convert.Tiptap, Verdict: convert.VerdictReview, Entries: []tiptapmd.Note{info, review(7)}, Source: src, Output: out},
			{Path: "site/c.md", Op: "to-tiptap", From: convert.Markdown, To: convert.Tiptap, Verdict: convert.VerdictReview, Entries: []tiptapmd.Note{review(7), review(7), info}, Source: src, Output: out},
			{Path: "site/d.md", Verdict: convert.VerdictFailed, Error: "unclosed front matter", Pos: tiptapmd.Pos{Line: 1, Column: 1}, Source: []byte("---\ntitle: x\n")},
			{Path: "site/e.md", Verdict: convert.VerdictInvisible, Entries: []tiptapmd.Note{info}},
			{Path: "site/logo.png", Verdict: convert.VerdictUnchanged, Skipped: true},
		},
		Missing:      []Asset{{Path: "/images/gone.png", Status: "missing", Uses: []Use{{File: "site/b.md", Pos: tiptapmd.Pos{Line: 3, Column: 2}, URL: "/images/gone.png"}}}},
		Unreferenced: []Asset{{Path: "/files/old.pdf", Status: "unreferenced"}},
		BrokenLinks:  []Link{{Path: "/abuot/", Closest: "/about/", Uses: []Use{{File: "site/c.md", Pos: tiptapmd.Pos{Line: 4, Column: 1}, URL: "/abuot/"}}}},
	}
}

func TestWrite(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, Write(&buf, testRun()))
	page := buf.String()

	counts := map[string]string{}
	for _, m := range regexp.MustCompile(`data-count="([a-z-]+)">(\d+)<`).FindAllStringSubmatch(page, -1) {
		counts[m[1]] = m[2]
	}
	assert.Equal(t, map[string]string{"pages": "6", "needs-review": "2", "failed": "1", "changed-invisibly": "1", "unchanged": "2",
		"skipped": "1", "missing-assets": "1", "unreferenced-assets": "1", "broken-links": "1"}, counts)
	assert.Contains(t, page, `<td data-code="dropped-attr" data-severity="review">3</td>`)
	assert.Contains(t, page, `<td data-code="variant" data-severity="info">3</td>`)

	// Worst first: the failed page, then c (2 entries), then b (1).
	worst := regexp.MustCompile(`<li><a href="#p(\d)">([a-z.]+)</a>`).FindAllStringSubmatch(page, -1)
	require.Len(t, worst, 3)
	assert.Equal(t, []string{"d.md", "c.md", "b.md"}, []string{worst[0][2], worst[1][2], worst[2][2]})
	assert.Equal(t, 3, strings.Count(page, `<section class="page"`), "sections for the pages to review and the failed one")
	assert.Equal(t, 5, strings.Count(page, `<iframe sandbox="" loading="eager"`), "before and after of b and c; before of d, the worst three")
	assert.Contains(t, page, `<p>pages under <code>site/</code></p>`)
	assert.Contains(t, page, `<li><code>logo.png</code> <span class="muted">skipped, 0 entries</span></li>`)
	assert.Contains(t, page, `<li><code>e.md</code> <span class="muted">changed-invisibly, 1 entries</span></li>`)
	assert.Contains(t, page, `<p class="error"><code>d.md:1:1</code>: unclosed front matter</p>`)
	// The source lines around an entry, its own marked.
	assert.Contains(t, page, `<pre class="src"><span><span class="ln">   5</span> Intro text.</span><span><span class="ln">   6</span> </span><span class="hit"><span class="ln">   7</span> &lt;div class=&#34;note&#34;&gt;Note&lt;/div&gt;</span><span><span class="ln">   8</span> </span></pre>`)
	assert.Contains(t, page, `0 elements dropped, 1 unwrapped`)
	assert.Equal(t, 2, strings.Count(page, `<p class="marks">`), "no marks for the failed page")
	assert.Contains(t, page, `no page at <code>/abuot/</code> (closest: <code>/about/</code>)`)

	// Nothing runs in the page; the frames are checked apart.
	f := xss.Features(page)
	assert.Equal(t, 5, f["srcdoc"]) // five frames
	delete(f, "srcdoc")
	assert.Empty(t, f)
	for _, doc := range srcdocs(t, page) {
		assert.Empty(t, xss.Features(doc))
	}
}

// srcdocs returns the documents of the frames of a review page.
func srcdocs(t testing.TB, page string) []string {
	root, err := html.Parse(strings.NewReader(page))
	require.NoError(t, err)
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "iframe" {
			out = append(out, dom.Attr(n, "srcdoc"))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

func TestWriteEmpty(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, Write(&buf, &Run{}))
	assert.Contains(t, buf.String(), "<p>No page needs review.</p>")
	assert.Contains(t, buf.String(), `<td data-count="pages">0</td>`)
}

// failingWriter fails after n bytes.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return w.n, assert.AnError
	}
	w.n -= len(p)
	return len(p), nil
}

func TestWriteError(t *testing.T) {
	assert.ErrorIs(t, Write(&failingWriter{n: 100}, testRun()), assert.AnError)
}

// FuzzWrite: any page before and after gives a review page without a
// panic, whose frames run nothing.
func FuzzWrite(f *testing.F) {
	f.Add("Some *text* <b onclick=x>bold</b>", "<p>Some <em>text</em></p>", true)
	f.Add(`<img src=x onerror=alert(1)><a href="javascript:x">x</a>`, `<script>alert(1)</script>`, false)
	for i, v := range xss.All() {
		if i%8 == 0 {
			f.Add(v.Body, v.Body, i%16 == 0)
		}
	}
	f.Fuzz(func(t *testing.T, before, after string, md bool) {
		from := convert.Tiptap
		if md {
			from = convert.Markdown
		}
		run := &Run{Pages: []Page{{Path: "p.md", From: from, To: convert.Tiptap, Verdict: convert.VerdictReview,
			Entries: []tiptapmd.Note{{Code: "x", Severity: tiptapmd.Review, Message: before, Pos: tiptapmd.Pos{Line: 2}}},
			Source:  []byte(before), Output: []byte(after)}}}
		var buf bytes.Buffer
		require.NoError(t, Write(&buf, run))
		f := xss.Features(buf.String())
		delete(f, "srcdoc")
		assert.Empty(t, f)
		for _, doc := range srcdocs(t, buf.String()) {
			assert.Empty(t, xss.Features(doc), doc)
		}
	})
}

// TestWriteMaxFramed: beyond the worst maxFramed pages, pages have their
// entries but no frames (a browser given a thousand sandboxed frames
// stops painting them).
func TestWriteMaxFramed(t *testing.T) {
	run := testRun()
	pg := run.Pages[1]
	run.Pages = nil
	for i := 0; i < maxFramed+5; i++ {
		pg.Path = "site/p" + strings.Repeat("x", i) + ".md"
		run.Pages = append(run.Pages, pg)
	}
	var buf bytes.Buffer
	require.NoError(t, Write(&buf, run))
	assert.Equal(t, maxFramed+5, strings.Count(buf.String(), `<section class="page"`))
	assert.Equal(t, 2*maxFramed, strings.Count(buf.String(), `<iframe sandbox=""`))
	assert.Equal(t, 5, strings.Count(buf.String(), `Not shown side by side`))
}
