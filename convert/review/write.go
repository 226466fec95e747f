package review

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"sort"
	"strings"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/markdown"
)

// policy is the review page's content security policy: nothing is
// fetched, nothing runs; inline styles, data: images and the pages'
// frames (about:srcdoc, which inherit the policy) are allowed.
const policy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-src 'self' about:; base-uri 'none'; form-action 'none'"

// contextLines is the number of source lines shown on each side of an
// entry's line.
const contextLines = 2

// maxFramed is the number of pages, the worst, that the review page
// shows before and after side by side; the others have their entries and
// source lines only, so that the page of a big run stays quick to open.
const maxFramed = 100

// eagerPages is the number of pages, the worst, whose frames load with
// the review page; the others load when they come into view.
const eagerPages = 3

// maxSnippets bounds the entries of one page shown with their source
// lines; the others are listed.
const maxSnippets = 25

// verdicts in the order the summary shows them, with their colours.
var verdicts = []struct {
	v     convert.Verdict
	label string
	color string
}{
	{convert.VerdictReview, "needs review", "#d9822b"},
	{convert.VerdictFailed, "failed", "#c23030"},
	{convert.VerdictInvisible, "changed invisibly", "#5a8fd1"},
	{convert.VerdictUnchanged, "unchanged", "#a7b6c2"},
}

// Write writes the review page of run to w: one HTML file that needs
// nothing else. The error is w's. A nil run is an empty one.
func Write(w io.Writer, run *Run) error {
	if w == nil {
		return errors.New("review: no writer")
	}
	if run == nil {
		run = &Run{}
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	p := &writer{w: bw, run: run, prefix: commonDir(run.Pages)}
	p.page()
	if p.err != nil {
		return p.err
	}
	return bw.Flush()
}

// writer writes one review page, keeping the first error of w.
type writer struct {
	w   *bufio.Writer
	run *Run
	err error
	// prefix is the folder that all pages are in, which the page
	// names once and leaves out of their paths.
	prefix string
}

// name returns path as the page shows it, without the common prefix.
func (p *writer) name(path string) string {
	return strings.TrimPrefix(path, p.prefix)
}

// commonDir returns the longest folder ("a/b/") that all paths are in.
func commonDir(pages []Page) string {
	if len(pages) == 0 {
		return ""
	}
	prefix := pages[0].Path
	for _, pg := range pages[1:] {
		for !strings.HasPrefix(pg.Path, prefix) {
			prefix = prefix[:len(prefix)-1]
		}
	}
	if i := strings.LastIndexAny(prefix, "/\\"); i >= 0 {
		return prefix[:i+1]
	}
	return ""
}

func (p *writer) s(parts ...string) {
	for _, s := range parts {
		if p.err == nil {
			_, p.err = p.w.WriteString(s)
		}
	}
}

func (p *writer) f(format string, a ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, a...)
	}
}

var esc = html.EscapeString

// order returns the indexes of the pages to show in full, failed pages
// first, then the pages with the most review entries.
func (p *writer) order() []int {
	var idx []int
	for i := range p.run.Pages {
		if p.run.Pages[i].rendered() {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool {
		pa, pb := &p.run.Pages[idx[a]], &p.run.Pages[idx[b]]
		fa, fb := pa.Verdict == convert.VerdictFailed, pb.Verdict == convert.VerdictFailed
		if fa != fb {
			return fa
		}
		return pa.reviewCount() > pb.reviewCount()
	})
	return idx
}

func (p *writer) page() {
	title := "Review"
	if p.run.Title != "" {
		title = "Review: " + p.run.Title
	}
	p.s(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="`, policy, `">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>`, esc(title), `</title>
<style>`, pageCSS, `</style>
</head>
<body id="top">
<header><h1>`, esc(title), `</h1>`)
	if p.prefix != "" {
		p.s(`<p>pages under <code>`, esc(p.prefix), `</code></p>`)
	}
	p.s(`</header>
<main>
`)
	order := p.order()
	p.summary(order)
	for n, i := range order {
		p.pageSection(n, &p.run.Pages[i])
	}
	p.others()
	p.s("</main>\n</body>\n</html>\n")
}

// summary writes the counts, the chart, the inventory and the list of
// pages to review.
func (p *writer) summary(order []int) {
	byVerdict := map[convert.Verdict]int{}
	skipped := 0
	type codeKey struct {
		code tiptapmd.Code
		sev  tiptapmd.Severity
	}
	byCode := map[codeKey]int{}
	for i := range p.run.Pages {
		pg := &p.run.Pages[i]
		byVerdict[pg.Verdict]++
		if pg.Skipped {
			skipped++
		}
		for _, e := range pg.Entries {
			byCode[codeKey{e.Code, e.Severity}]++
		}
	}
	p.s(`<section id="summary"><h2>Summary</h2><div class="cols"><div>`)
	p.f(`<table class="counts"><tr><th>pages</th><td data-count="pages">%d</td></tr>`, len(p.run.Pages))
	for _, v := range verdicts {
		p.f(`<tr><th><span class="dot" style="background:%s"></span>%s</th><td data-count="%s">%d</td></tr>`, v.color, v.label, v.v, byVerdict[v.v])
	}
	p.f(`<tr><th>of which skipped (not pages)</th><td data-count="skipped">%d</td></tr></table>`, skipped)
	p.s(`</div><div>`)
	p.chart(byVerdict)
	p.s(`</div></div>`)

	// Entries by code.
	keys := make([]codeKey, 0, len(byCode))
	for k := range byCode {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.sev != b.sev {
			return a.sev > b.sev
		}
		if byCode[a] != byCode[b] {
			return byCode[a] > byCode[b]
		}
		return a.code < b.code
	})
	p.s(`<h3>Entries by code</h3>`)
	if len(keys) == 0 {
		p.s(`<p>No entries.</p>`)
	} else {
		most := 0
		for _, k := range keys {
			most = max(most, byCode[k])
		}
		p.s(`<table class="codes"><tr><th>severity</th><th>code</th><th>entries</th><th></th></tr>`)
		for _, k := range keys {
			n := byCode[k]
			p.f(`<tr><td><span class="sev sev-%s">%s</span></td><td><code>%s</code></td><td data-code="%s" data-severity="%s">%d</td><td><span class="bar" style="width:%dpx"></span></td></tr>`,
				k.sev, k.sev, esc(string(k.code)), esc(string(k.code)), k.sev, n, 1+n*200/most)
		}
		p.s(`</table>`)
	}
	p.inventory()

	// Pages to review.
	p.f(`<h3>Pages to review, worst first (%d)</h3>`, len(order))
	if len(order) == 0 {
		p.s(`<p>No page needs review.</p>`)
	} else {
		p.s(`<ol class="worst">`)
		for n, i := range order {
			pg := &p.run.Pages[i]
			what := fmt.Sprintf("%d to review", pg.reviewCount())
			if pg.Verdict == convert.VerdictFailed {
				what = "failed"
			}
			p.f(`<li><a href="#p%d">%s</a> <span class="muted">%s</span></li>`, n, esc(p.name(pg.Path)), what)
		}
		p.s(`</ol>`)
	}
	p.s("</section>\n")
}

// chart draws the pages by verdict as one stacked bar, in SVG.
func (p *writer) chart(byVerdict map[convert.Verdict]int) {
	total := 0
	for _, v := range verdicts {
		total += byVerdict[v.v]
	}
	const width, height = 360, 28
	p.f(`<svg class="chart" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="pages by verdict">`, width, height+24, width, height+24)
	x := 0.0
	for _, v := range verdicts {
		n := byVerdict[v.v]
		if n == 0 || total == 0 {
			continue
		}
		w := float64(width) * float64(n) / float64(total)
		p.f(`<rect x="%.1f" y="0" width="%.1f" height="%d" fill="%s"><title>%s: %d</title></rect>`, x, w, height, v.color, v.label, n)
		if w > 28 {
			p.f(`<text x="%.1f" y="%d" font-size="12" text-anchor="middle" fill="#fff">%d</text>`, x+w/2, height/2+4, n)
		}
		x += w
	}
	if total == 0 {
		p.f(`<rect x="0" y="0" width="%d" height="%d" fill="#eee"></rect>`, width, height)
	}
	p.f(`<text x="0" y="%d" font-size="12" fill="#555">%d pages</text></svg>`, height+18, total)
}

// inventory writes the assets and links the inventory found.
func (p *writer) inventory() {
	run := p.run
	p.f(`<h3>Assets and links</h3><ul class="inv"><li><span data-count="missing-assets">%d</span> missing assets</li><li><span data-count="unreferenced-assets">%d</span> unreferenced files</li><li><span data-count="broken-links">%d</span> broken internal links</li></ul>`,
		len(run.Missing), len(run.Unreferenced), len(run.BrokenLinks))
	uses := func(us []Use) {
		if len(us) == 0 {
			return
		}
		p.s(`<ul class="uses">`)
		for _, u := range us {
			p.f(`<li><code>%s:%d:%d</code> %s</li>`, esc(p.name(u.File)), u.Pos.Line, u.Pos.Column, esc(u.URL))
		}
		p.s(`</ul>`)
	}
	if len(run.Missing) > 0 {
		p.f(`<details open><summary>Missing assets (%d)</summary><ul>`, len(run.Missing))
		for _, a := range run.Missing {
			p.f(`<li><code>%s</code> %s`, esc(a.Path), esc(a.Status))
			if a.Actual != "" {
				p.f(` (the site has <code>%s</code>)`, esc(a.Actual))
			}
			uses(a.Uses)
			p.s(`</li>`)
		}
		p.s(`</ul></details>`)
	}
	if len(run.BrokenLinks) > 0 {
		p.f(`<details open><summary>Broken internal links (%d)</summary><ul>`, len(run.BrokenLinks))
		for _, l := range run.BrokenLinks {
			p.f(`<li>no page at <code>%s</code>`, esc(l.Path))
			if l.Closest != "" {
				p.f(` (closest: <code>%s</code>)`, esc(l.Closest))
			}
			uses(l.Uses)
			p.s(`</li>`)
		}
		p.s(`</ul></details>`)
	}
	if len(run.Unreferenced) > 0 {
		p.f(`<details><summary>Unreferenced files (%d): for review, not a list of files to delete</summary><ul>`, len(run.Unreferenced))
		for _, a := range run.Unreferenced {
			p.f(`<li><code>%s</code></li>`, esc(a.Path))
		}
		p.s(`</ul></details>`)
	}
}

// others lists the pages not shown in full.
func (p *writer) others() {
	n := 0
	for i := range p.run.Pages {
		if !p.run.Pages[i].rendered() {
			n++
		}
	}
	p.f(`<section id="others"><h2>Pages that need nothing from the reviewer (%d)</h2>`, n)
	if n > 0 {
		p.s(`<details><summary>list them</summary><ul class="others">`)
		for i := range p.run.Pages {
			pg := &p.run.Pages[i]
			if pg.rendered() {
				continue
			}
			label := pg.Verdict.String()
			if pg.Skipped {
				label = "skipped"
			}
			p.f(`<li><code>%s</code> <span class="muted">%s, %d entries</span></li>`, esc(p.name(pg.Path)), label, len(pg.Entries))
		}
		p.s(`</ul></details>`)
	}
	p.s("</section>\n")
}

// pageSection writes the section of one page: entries, source lines,
// and the page before and after.
func (p *writer) pageSection(n int, pg *Page) {
	p.f(`<section class="page" id="p%d"><h2><code>%s</code> <span class="verdict v-%s">%s</span> <a class="top" href="#top">↑ top</a></h2>`,
		n, esc(p.name(pg.Path)), pg.Verdict, pg.Verdict)
	if pg.Op != "" {
		p.f(`<p class="muted">%s: %s → %s</p>`, esc(pg.Op), esc(string(pg.From)), esc(string(pg.To)))
	}
	p.sideBySide(n, pg)
	lines := splitLines(pg.Source)
	if pg.Error != "" {
		p.f(`<p class="error"><code>%s</code>: %s</p>`, esc(location(p.name(pg.Path), pg.Pos)), esc(pg.Error))
		if pg.Pos.IsValid() {
			p.snippet(lines, pg.Pos.Line, pg.Pos.Column)
		}
	}
	var info []tiptapmd.Note
	shown := 0
	if len(pg.Entries) > 0 {
		p.s(`<ol class="entries">`)
		for _, e := range pg.Entries {
			if e.Severity < tiptapmd.Review {
				info = append(info, e)
				continue
			}
			p.f(`<li><span class="sev sev-%s">%s</span> <code>%s</code> %s <code class="loc">%s</code>`,
				e.Severity, e.Severity, esc(string(e.Code)), esc(e.Message), esc(location(p.name(pg.Path), e.Pos)))
			if e.Line > 0 && shown < maxSnippets {
				p.snippet(lines, e.Line, e.Column)
				shown++
			}
			p.s(`</li>`)
		}
		p.s(`</ol>`)
	}
	if len(info) > 0 {
		p.f(`<details><summary>%d info entries (nothing a visitor sees)</summary><ul class="info">`, len(info))
		for _, e := range info {
			p.f(`<li><code>%s</code> %s <code class="loc">%s</code></li>`, esc(string(e.Code)), esc(e.Message), esc(location(p.name(pg.Path), e.Pos)))
		}
		p.s(`</ul></details>`)
	}
	p.s("</section>\n")
}

// location formats path:line:column, leaving out what is unknown.
func location(path string, pos tiptapmd.Pos) string {
	if !pos.IsValid() {
		return path
	}
	return path + ":" + pos.String()
}

// splitLines returns the lines of src, without their line ends.
func splitLines(src []byte) []string {
	if len(src) == 0 {
		return nil
	}
	ls := strings.Split(string(src), "\n")
	for i, l := range ls {
		ls[i] = strings.TrimSuffix(l, "\r")
	}
	return ls
}

// maxLineBytes bounds a source line shown in a snippet.
const maxLineBytes = 240

// snippet writes the lines around line, that line marked.
func (p *writer) snippet(lines []string, line, col int) {
	if line < 1 || line > len(lines) {
		return
	}
	from, to := max(1, line-contextLines), line+contextLines
	if to > len(lines) {
		to = len(lines)
	}
	p.s(`<pre class="src">`)
	for l := from; l <= to; l++ {
		text := lines[l-1]
		if len(text) > maxLineBytes {
			text = strings.ToValidUTF8(text[:maxLineBytes], "") + " …"
		}
		class := ""
		if l == line {
			class = ` class="hit"`
		}
		p.f(`<span%s><span class="ln">%4d</span> %s</span>`, class, l, esc(strings.ToValidUTF8(text, "\uFFFD")))
	}
	p.s(`</pre>`)
}

// sideBySide writes the page before and after in two sandboxed frames,
// with the marks of their differences.
func (p *writer) sideBySide(n int, pg *Page) {
	if pg.Source == nil {
		return
	}
	if n >= maxFramed {
		p.f(`<p class="muted">Not shown side by side: the review page shows the %d worst pages so; review this page in a run on fewer pages.</p>`, maxFramed)
		return
	}
	before, berr := bodyHTML(pg.Source, pg.From)
	var after []byte
	var aerr error
	if pg.Output != nil {
		after, aerr = bodyHTML(pg.Output, pg.To)
	}
	bt, at := parseBody(before), parseBody(after)
	var m marks
	if pg.Output != nil {
		m = mark(bt, at)
	}
	sanitize(bt)
	sanitize(at)
	if pg.Output != nil {
		p.f(`<p class="marks">%d words removed, %d added, %d elements dropped, %d unwrapped, %d images resized, %d links changed <span class="legend"><span class="rv-del">removed</span> <span class="rv-add">added</span> <span class="rv-drop">dropped</span> <span class="rv-unwrap">unwrapped</span> <span class="rv-resize">resized</span> <span class="rv-link">link changed</span></span></p>`,
			m.Deleted, m.Added, m.Dropped, m.Unwrapped, m.Resized, m.Links)
	}
	p.f(`<div class="sbs" id="p%d-view">`, n)
	eager := n < eagerPages
	p.frame("before: as the site shows it", renderChildren(bt), berr, eager)
	if pg.Output != nil {
		p.frame("after: as the converted page shows it", renderChildren(at), aerr, eager)
	} else {
		p.s(`<div class="pane"><h4>after</h4><p class="muted">no result: the page failed and is left as it was</p></div>`)
	}
	p.s(`</div>`)
}

// frame writes a pane with a sandboxed frame holding body.
func (p *writer) frame(label, body string, err error, eager bool) {
	p.f(`<div class="pane"><h4>%s</h4>`, esc(label))
	if err != nil {
		p.f(`<p class="error">%s</p>`, esc(err.Error()))
	}
	doc := `<!DOCTYPE html><html><head><meta charset="utf-8"><style>` + frameCSS + `</style></head><body>` + body + `</body></html>`
	loading := "lazy"
	if eager {
		loading = "eager"
	}
	p.s(`<iframe sandbox="" loading="`, loading, `" title="`, esc(label), `" srcdoc="`, esc(doc), `"></iframe></div>`)
}

// bodyHTML returns the HTML of a page file's body: a tiptap body as it
// is, a Markdown one rendered as kramdown shows it.
func bodyHTML(page []byte, v convert.Variant) ([]byte, error) {
	body := page
	if parts, err := frontmatter.Split(page); err == nil {
		body = parts.Body
	}
	if v == convert.Tiptap || bytes.HasPrefix(bytes.TrimSpace(body), []byte("<")) && v == "" {
		return body, nil
	}
	out, err := markdown.HTML(body, markdown.Options{Typographer: true})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// pageCSS styles the review page.
const pageCSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1c2127;background:#f5f7f9}
header{background:#1c2b39;color:#fff;padding:10px 20px}header h1{font-size:18px;margin:0}header p{margin:2px 0 0;color:#c5d0da}header code{color:#fff}
main{padding:8px 20px 40px}
section{background:#fff;border:1px solid #dde3e8;border-radius:6px;padding:12px 16px;margin:14px 0}
h2{font-size:16px;margin:0 0 8px}h3{font-size:14px;margin:14px 0 6px}h4{font-size:13px;margin:0 0 4px;color:#444}
code{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
.cols{display:flex;gap:28px;flex-wrap:wrap;align-items:flex-start}
table{border-collapse:collapse}th,td{padding:2px 10px 2px 0;text-align:left;vertical-align:top}
.counts td{text-align:right;font-weight:600}
.dot{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
.bar{display:inline-block;height:10px;background:#8aa1b5;border-radius:2px}
.sev{display:inline-block;font-size:11px;padding:0 5px;border-radius:3px;color:#fff;background:#7a8a99}
.sev-review{background:#d9822b}.sev-error{background:#c23030}
.verdict{font-size:12px;font-weight:normal;padding:1px 6px;border-radius:3px;background:#eee}
.v-needs-review{background:#fbe3cb}.v-failed{background:#f6c9c9}
.top{font-size:12px;font-weight:normal;float:right}
.muted{color:#6b7785}.error{color:#a01919}
ol.worst{columns:2;column-gap:30px;margin:4px 0}ul.others{columns:2;column-gap:30px}
ol.entries{padding-left:20px}ol.entries li{margin:4px 0}
pre.src{background:#f3f5f7;border:1px solid #e1e6ea;margin:4px 0 8px;padding:4px 0;overflow-x:auto;font:12px/1.45 ui-monospace,Menlo,Consolas,monospace}
pre.src>span{display:block;padding:0 8px}pre.src .hit{background:#fff1c9}.ln{color:#8a96a3;user-select:none}
.sbs{display:grid;grid-template-columns:1fr 1fr;gap:12px}
.pane iframe{width:100%;height:65vh;border:1px solid #cfd7de;border-radius:4px;background:#fff;resize:vertical}
.marks{font-size:12px;color:#445}.legend span{margin-left:6px;padding:0 4px}
.rv-del{background:#ffd7d5;text-decoration:line-through}.rv-add{background:#c9f2cf}
.rv-drop{outline:2px dashed #c23030}.rv-unwrap{outline:2px dotted #8f4fc2}.rv-resize{outline:2px solid #d9822b}.rv-link{outline:2px solid #2b6fd9}
`

// frameCSS styles the pages in the frames: a plain page, the marks,
// the boxes that stand for images and embedded content.
const frameCSS = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:12px;color:#222;overflow-wrap:anywhere}
a{color:#0b5cad;text-decoration:underline;cursor:help}
img,table{max-width:100%}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:3px 6px}
pre{white-space:pre-wrap;background:#f4f4f4;padding:6px}blockquote{border-left:3px solid #ccc;margin-left:0;padding-left:10px}
.rv-img,.rv-box{display:inline-block;box-sizing:border-box;max-width:100%;min-height:2em;padding:4px 6px;border:1px dashed #8a96a3;background:#eef1f4;color:#445;font-size:12px;overflow:hidden;vertical-align:middle}
.rv-del{background:#ffd7d5;text-decoration:line-through}.rv-add{background:#c9f2cf}
.rv-drop{outline:2px dashed #c23030;outline-offset:1px}.rv-unwrap{outline:2px dotted #8f4fc2;outline-offset:1px}
.rv-resize{outline:3px solid #d9822b}.rv-link{outline:2px solid #2b6fd9}
`
