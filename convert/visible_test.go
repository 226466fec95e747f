package convert

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file compares what a visitor sees of two renderings of a page:
// the HTML kramdown makes of a Markdown body, or a tiptap body as it is.
// It is the yardstick of the report's verdict (see TestVerdictCorpus):
// built apart from the readers and writers, on x/net/html alone, it
// looks at the page as a browser lays it out: blocks of text, headings,
// lists, tables and their alignment, emphasis, images and their sizes,
// links. Styling that only the site's CSS gives (classes) is out of its
// sight, as it is out of the tool's.

// A visView is the visible structure of a page, by aspect; each aspect
// is a sequence of strings, compared as a whole.
type visView map[string][]string

// The aspects of a visView.
var visAspects = []string{"words", "blocks", "headings", "lists", "tables", "emphasis", "images", "links"}

// visOptions choose how strictly text is compared.
type visOptions struct {
	// foldTypography reads curly quotes, dashes, ellipses and
	// guillemets as the ASCII that kramdown makes them of, and a
	// no-break space as a space.
	foldTypography bool
}

var visSpace = regexp.MustCompile(`\s+`)

var visTypography = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'",
	"\u201c", `"`, "\u201d", `"`, "\u201e", `"`,
	"\u2013", "--", "\u2014", "---", "\u2026", "...",
	"\u00ab", "<<", "\u00bb", ">>", "\u00a0", " ",
)

// visNorm collapses white space (and folds typography when asked).
func (o visOptions) norm(s string) string {
	if o.foldTypography {
		s = visTypography.Replace(s)
	}
	return strings.TrimSpace(visSpace.ReplaceAllString(s, " "))
}

// visMarks are the kinds of emphasis a visitor sees.
var visMarks = []string{"bold", "italic", "underline", "strike", "code", "sup", "sub", "highlight"}

// visWalker collects a visView from a parsed page.
type visWalker struct {
	o      visOptions
	view   visView
	block  strings.Builder // the text of the block being read
	words  strings.Builder
	marks  map[string]*strings.Builder
	active map[string]int
	ids    map[string]bool // the ids and anchor names of the page
}

// visibleView returns the visible structure of the HTML src.
func visibleView(src string, o visOptions) (visView, error) {
	doc, err := html.Parse(strings.NewReader("<!DOCTYPE html><body>" + src))
	if err != nil {
		return nil, err
	}
	w := &visWalker{o: o, view: visView{}, marks: map[string]*strings.Builder{}, active: map[string]int{}, ids: map[string]bool{}}
	for _, m := range visMarks {
		w.marks[m] = &strings.Builder{}
	}
	w.walk(doc)
	w.endBlock()
	w.view["words"] = strings.Fields(o.norm(w.words.String()))
	// An in-page link jumps only when its target is on the page.
	for i, l := range w.view["links"] {
		if frag, ok := strings.CutPrefix(l, "#"); ok {
			target, _, _ := strings.Cut(frag, " ")
			if !w.ids[target] {
				w.view["links"][i] = l + " (goes nowhere)"
			}
		}
	}
	for _, m := range visMarks {
		// The runs of emphasised text, between runs of plain text; the
		// space at their ends shows as the same gap either way.
		var runs []string
		for _, r := range strings.Split(w.marks[m].String(), "|") {
			if r = o.norm(r); r != "" {
				runs = append(runs, r)
			}
		}
		if len(runs) > 0 {
			w.view["emphasis"] = append(w.view["emphasis"], m+": "+strings.Join(runs, " | "))
		}
	}
	return w.view, nil
}

func (w *visWalker) add(aspect, s string) { w.view[aspect] = append(w.view[aspect], s) }

// endBlock ends the block of text being read.
func (w *visWalker) endBlock() {
	if s := w.o.norm(w.block.String()); s != "" {
		w.add("blocks", s)
	}
	w.block.Reset()
	w.words.WriteByte(' ')
}

// visBlock reports the elements a browser lays out as blocks of their
// own.
func visBlock(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Li, atom.Ul, atom.Ol, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Table, atom.Tr, atom.Td, atom.Th, atom.Tbody, atom.Thead, atom.Tfoot, atom.Caption, atom.Blockquote,
		atom.Pre, atom.Hr, atom.Dl, atom.Dt, atom.Dd, atom.Figure, atom.Figcaption, atom.Section, atom.Article,
		atom.Header, atom.Footer, atom.Nav, atom.Aside, atom.Main, atom.Details, atom.Summary, atom.Center,
		atom.Form, atom.Fieldset, atom.Address, atom.Iframe:
		return true
	}
	return false
}

// visHidden reports the elements whose content no visitor sees.
func visHidden(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Title:
		return true
	}
	return false
}

// styleValue returns the value of the CSS property prop in n's style.
func styleValue(n *html.Node, prop string) string {
	for _, d := range strings.Split(attrOf(n, "style"), ";") {
		k, v, ok := strings.Cut(d, ":")
		if ok && strings.EqualFold(strings.TrimSpace(k), prop) {
			return strings.ToLower(strings.TrimSpace(v))
		}
	}
	return ""
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// marksOf returns the kinds of emphasis element n gives its text.
func marksOf(n *html.Node) []string {
	var m []string
	switch n.DataAtom {
	case atom.Strong, atom.B:
		m = append(m, "bold")
	case atom.Em, atom.I, atom.Cite, atom.Var, atom.Dfn:
		m = append(m, "italic")
	case atom.U, atom.Ins:
		m = append(m, "underline")
	case atom.S, atom.Del, atom.Strike:
		m = append(m, "strike")
	case atom.Code, atom.Kbd, atom.Samp, atom.Tt:
		m = append(m, "code")
	case atom.Sup:
		m = append(m, "sup")
	case atom.Sub:
		m = append(m, "sub")
	case atom.Mark:
		m = append(m, "highlight")
	}
	switch styleValue(n, "font-weight") {
	case "bold", "bolder", "600", "700", "800", "900":
		m = append(m, "bold")
	}
	if styleValue(n, "font-style") == "italic" {
		m = append(m, "italic")
	}
	deco := styleValue(n, "text-decoration") + " " + styleValue(n, "text-decoration-line")
	if strings.Contains(deco, "underline") {
		m = append(m, "underline")
	}
	if strings.Contains(deco, "line-through") {
		m = append(m, "strike")
	}
	return m
}

// textOf returns the visible text of n, leaving out the lists in it when
// ownOnly is set.
func (w *visWalker) textOf(n *html.Node, ownOnly bool) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			return
		case n.Type == html.ElementNode && (visHidden(n) || n.DataAtom == atom.Iframe):
			return
		case n.Type == html.ElementNode && ownOnly && (n.DataAtom == atom.Ul || n.DataAtom == atom.Ol):
			return
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
			b.WriteString(" ")
		case n.Type == html.ElementNode && visBlock(n):
			b.WriteString(" ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return w.o.norm(b.String())
}

// imageSize returns the width a browser gives an image: its style's
// width, else its width attribute, else its own ("natural").
func imageSize(n *html.Node) string {
	if v := styleValue(n, "width"); v != "" {
		return strings.TrimSuffix(v, ";")
	}
	if v := strings.TrimSpace(attrOf(n, "width")); v != "" {
		if strings.Trim(v, "0123456789") == "" {
			return v + "px"
		}
		return v
	}
	return "natural"
}

// cellAlign returns the alignment of a table cell.
func cellAlign(n *html.Node) string {
	if v := styleValue(n, "text-align"); v != "" {
		return v
	}
	if v := strings.ToLower(attrOf(n, "align")); v != "" {
		return v
	}
	return "default"
}

func (w *visWalker) walk(n *html.Node) {
	if n.Type == html.TextNode {
		w.block.WriteString(n.Data)
		w.words.WriteString(n.Data)
		for _, m := range visMarks {
			if w.active[m] > 0 {
				w.marks[m].WriteString(n.Data)
			} else if strings.TrimSpace(n.Data) != "" {
				w.marks[m].WriteString("|")
			}
		}
		return
	}
	if n.Type == html.ElementNode {
		if visHidden(n) {
			return
		}
		if id := attrOf(n, "id"); id != "" {
			w.ids[id] = true
		}
		if name := attrOf(n, "name"); name != "" && n.DataAtom == atom.A {
			w.ids[name] = true
		}
		block := visBlock(n)
		if block {
			w.endBlock()
		}
		switch n.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			w.add("headings", n.Data+": "+w.textOf(n, false))
		case atom.Ul, atom.Ol:
			items := 0
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.DataAtom == atom.Li {
					items++
				}
			}
			w.add("lists", fmt.Sprintf("%s of %d", n.Data, items))
		case atom.Li:
			w.add("lists", "item: "+w.textOf(n, true))
		case atom.Table:
			w.table(n)
		case atom.Img:
			w.add("images", attrOf(n, "src")+" at "+imageSize(n))
		case atom.Iframe:
			// Its content is what browsers without frames show.
			w.add("images", "iframe "+attrOf(n, "src"))
			w.endBlock()
			return
		case atom.A:
			if h, ok := attrHas(n, "href"); ok {
				w.add("links", h+" "+w.textOf(n, false))
			}
		case atom.Br:
			w.block.WriteString(" ⏎ ")
			w.words.WriteString(" ")
		case atom.Hr:
			w.add("blocks", "----")
		}
		marks := marksOf(n)
		for _, m := range marks {
			w.active[m]++
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c)
		}
		for _, m := range marks {
			w.active[m]--
		}
		if block {
			w.endBlock()
		}
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

func attrHas(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return strings.TrimSpace(a.Val), true
		}
	}
	return "", false
}

// table adds the shape of a table and each cell: its place, whether it
// is a header, its alignment and its text.
func (w *visWalker) table(t *html.Node) {
	rows, cols := 0, 0
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.DataAtom == atom.Table:
				// A nested table is read when the walk gets to it.
			case c.DataAtom == atom.Tr:
				col := 0
				for cell := c.FirstChild; cell != nil; cell = cell.NextSibling {
					if cell.DataAtom != atom.Td && cell.DataAtom != atom.Th {
						continue
					}
					col++
					w.add("tables", fmt.Sprintf("%d,%d %s %s: %s", rows+1, col, cell.Data, cellAlign(cell), w.textOf(cell, false)))
				}
				rows++
				cols = max(cols, col)
			default:
				rec(c)
			}
		}
	}
	rec(t)
	w.add("tables", fmt.Sprintf("table %dx%d", rows, cols))
}

// visDiff returns the aspects in which a and b differ, each with its
// first difference.
func visDiff(a, b visView) []string {
	var out []string
	for _, k := range visAspects {
		x, y := a[k], b[k]
		n := min(len(x), len(y))
		i := 0
		for i < n && x[i] == y[i] {
			i++
		}
		if i == n && len(x) == len(y) {
			continue
		}
		get := func(s []string) string {
			if i < len(s) {
				return fmt.Sprintf("%q", s[i])
			}
			return "nothing"
		}
		out = append(out, fmt.Sprintf("%s: %s became %s", k, get(x), get(y)))
	}
	return out
}

// TestVisibleView checks the comparer on the cases it must tell apart
// and those it must not.
func TestVisibleView(t *testing.T) {
	o := visOptions{foldTypography: true}
	same := [][2]string{
		{"<p>Hello <strong>big</strong> world</p>", "<p>Hello <b>big</b>\n world</p>"},
		{"<ul><li>One</li><li>Two</li></ul>", "<ul class=\"tight\" data-tight=\"true\"><li><p>One</p></li><li><p>Two</p></li></ul>"},
		{"<p><strong>a</strong><strong>b</strong> c</p>", "<p><strong>ab</strong> c</p>"},
		{"<p>“Quoted” — yes…</p>", "<p>\"Quoted\" --- yes...</p>"},
		{"<div>Text</div>", "<p>Text</p>"},
		{`<p><img src="/a.png" width="200"></p>`, `<div class="isomer-image-wrapper"><img style="width: 200px;" width="200" src="/a.png"></div>`},
		{`<p><span class="x" style="font-weight: bold">Hi</span></p>`, `<p><strong>Hi</strong></p>`},
		{"<p>A</p><script>x()</script>", "<p>A</p>"},
		{`<iframe src="/f">Loading…</iframe>`, `<div class="iframe-wrapper"><iframe src="/f"></iframe></div>`},
		{"<p>One<br>Two</p>", "<p>One<br>\nTwo</p>"},
		{`<p><a href="#s">Go</a></p><a name="s"></a>`, `<p><a href="#s">Go</a></p><p id="s"></p>`},
	}
	for _, c := range same {
		a, err := visibleView(c[0], o)
		require.NoError(t, err)
		b, err := visibleView(c[1], o)
		require.NoError(t, err)
		assert.Empty(t, visDiff(a, b), "%s\n%s", c[0], c[1])
	}
	differ := []struct{ a, b, aspect string }{
		{"<p>Hello world</p>", "<p>Hello</p>", "words"},
		{"<p>Text <img src=\"/i.png\"> here</p>", "<p>Text</p><img src=\"/i.png\"><p>here</p>", "blocks"},
		{"<h2>Title</h2>", "<h3>Title</h3>", "headings"},
		{"<ul><li>a</li><li>b</li></ul>", "<ol><li>a</li><li>b</li></ol>", "lists"},
		{`<table><tr><th style="text-align: center">A</th></tr></table>`, "<table><tr><th>A</th></tr></table>", "tables"},
		{"<p><em>Hi</em></p>", "<p>Hi</p>", "emphasis"},
		{"<p><ins>Hi</ins></p>", "<p>Hi</p>", "emphasis"},
		{`<p><img src="/a.png"></p>`, `<img style="width: 100%" width="100%" src="/a.png">`, "images"},
		{`<p><a href="/a">A</a></p>`, `<p>A</p>`, "links"},
		{"<p>A<br>B</p>", "<p>A B</p>", "blocks"},
		{`<p><a href="#s">Go</a></p><h2 id="s">S</h2>`, `<p><a href="#s">Go</a></p><h2>S</h2>`, "links"},
	}
	for _, c := range differ {
		a, err := visibleView(c.a, o)
		require.NoError(t, err)
		b, err := visibleView(c.b, o)
		require.NoError(t, err)
		d := visDiff(a, b)
		found := false
		for _, s := range d {
			found = found || strings.HasPrefix(s, c.aspect+":")
		}
		assert.True(t, found, "%s vs %s: want a difference in %s, got %q", c.a, c.b, c.aspect, d)
	}
	strict, err := visibleView("<p>“Quoted”</p>", visOptions{})
	require.NoError(t, err)
	plain, err := visibleView(`<p>"Quoted"</p>`, visOptions{})
	require.NoError(t, err)
	assert.NotEmpty(t, visDiff(strict, plain), "strict comparison tells curly quotes from straight ones")
}
