package markdown_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// The kramdown checks run real kramdown (Jekyll's Markdown converter)
// on what Render writes and read its HTML back with tiptap.ParseHTML, as
// the editor would: the result must be the document Render was given,
// but for the differences normalize names. They need ruby with the
// kramdown gems (see kramdownHTML).

// kramdownCase is a document and the Markdown Render wrote for it.
type kramdownCase struct {
	name string
	doc  *tiptap.Node
	md   string
}

// checkKramdown runs kramdown on the cases' Markdown and reports every
// case whose HTML does not read back as its document. It returns how
// many passed.
func checkKramdown(t *testing.T, cases []kramdownCase, opts markdown.RenderOptions) int {
	t.Helper()
	liquid := map[string]string{}
	srcs := make([]string, len(cases))
	for i, c := range cases {
		srcs[i] = liquidMarkdown(liquid, c.doc, c.md)
	}
	htmls := kramdownHTML(t, srcs)
	passed := 0
	n := docNorm{kramdown: true, typography: !opts.EscapeTypography, liquid: liquid}
	for i, c := range cases {
		got, _, err := tiptap.ParseHTML([]byte(htmls[i]))
		if err != nil {
			t.Errorf("%s: ParseHTML of kramdown's HTML: %v", c.name, err)
			continue
		}
		want, have := docJSONText(normalize(c.doc, n)), docJSONText(normalize(got, n))
		if want != have {
			t.Errorf("%s: kramdown renders another document\n%s", c.name, textDiff(want, have))
			continue
		}
		passed++
	}
	return passed
}

// TestRenderKramdownCorpus checks every tiptap page of the corpus, with
// and without EscapeTypography.
func TestRenderKramdownCorpus(t *testing.T) {
	pages := writerCorpus(t, "tiptap")
	for _, opts := range []markdown.RenderOptions{{EscapeTypography: true}, {}, {LinkTargets: true, DropEmptyParagraphs: true}} {
		t.Run(fmt.Sprintf("%+v", opts), func(t *testing.T) {
			var cases []kramdownCase
			for _, p := range pages {
				doc, _, err := tiptap.ParseHTML(p.Body())
				if err != nil {
					t.Errorf("%s: ParseHTML: %v", p.Path, err)
					continue
				}
				md, _, err := markdown.Render(doc, opts)
				if err != nil {
					t.Errorf("%s: Render: %v", p.Path, err)
					continue
				}
				if opts.DropEmptyParagraphs {
					doc = dropEmptyParagraphs(doc)
				}
				cases = append(cases, kramdownCase{p.Path, doc, string(md)})
			}
			passed := checkKramdown(t, cases, opts)
			t.Logf("kramdown renders %d of %d tiptap pages as the document", passed, len(pages))
		})
	}
}

// TestRenderKramdownMarkdownPages checks the documents Parse reads from
// every Markdown page of the corpus: a wider range of content (footnotes
// become links and lists, raw HTML becomes every node type) than the
// tiptap pages hold.
func TestRenderKramdownMarkdownPages(t *testing.T) {
	pages := writerCorpus(t, "markdown")
	var cases []kramdownCase
	for _, p := range pages {
		doc, _, err := markdown.Parse(p.Body(), markdown.Options{})
		if err != nil {
			continue // not UTF-8 or too deep: Parse's tests cover these
		}
		md, _, err := markdown.Render(doc, markdown.RenderOptions{EscapeTypography: true})
		if err != nil {
			t.Errorf("%s: Render: %v", p.Path, err)
			continue
		}
		cases = append(cases, kramdownCase{p.Path, doc, string(md)})
	}
	passed := checkKramdown(t, cases, markdown.RenderOptions{EscapeTypography: true})
	t.Logf("kramdown renders %d of %d documents read from Markdown pages as the document", passed, len(cases))
}

// TestRenderKramdownRandom checks documents made of random blocks,
// marks and text full of Markdown and kramdown specials (fixed seeds, so
// the documents are the same on every run).
func TestRenderKramdownRandom(t *testing.T) {
	for _, opts := range []markdown.RenderOptions{{EscapeTypography: true}, {}} {
		t.Run(fmt.Sprintf("%+v", opts), func(t *testing.T) {
			g := &gen{r: rand.New(rand.NewPCG(1, 2))}
			var cases []kramdownCase
			for i := 0; len(cases) < 400; i++ {
				doc := g.doc()
				if doc == nil {
					continue
				}
				md, _, err := markdown.Render(doc, opts)
				if err != nil {
					t.Fatalf("document %d: Render: %v\n%s", i, err, docJSONText(doc))
				}
				cases = append(cases, kramdownCase{fmt.Sprintf("document %d", i), doc, string(md)})
			}
			passed := checkKramdown(t, cases, opts)
			t.Logf("kramdown renders %d of %d random documents as the document", passed, len(cases))
		})
	}
}

// gen makes random documents, as the editor would hold them: built from
// random nodes, then written as the editor's HTML and read back.
type gen struct{ r *rand.Rand }

// atoms are the pieces of random text.
var atoms = []string{"a", "b", "word", " ", " ", " ", "*", "_", "~", "`", "|", "{", "}", "[", "]", "(", ")",
	"<", ">", "#", ":", "$", "^", "&", "!", "-", "+", ".", "=", `"`, "'", `\`, "1.", "1", "\u00a0", "{{ x }}",
	"{% y %}", "&amp;", "&copy;", "\u2003", "---", "...", "<b>", "http://x.y", "~~", "**", "__", "{:", "{::",
	"$$", "[^1]", "*[", "<!--", "-->", "\a", "é"}

func (g *gen) doc() *tiptap.Node {
	raw := &tiptap.Node{Type: tiptap.TypeDoc, Content: g.blocks(0, 1+g.r.IntN(5))}
	h, err := tiptap.RenderHTML(raw)
	if err != nil {
		return nil // a combination the schema refuses
	}
	doc, _, err := tiptap.ParseHTML(h)
	if err != nil {
		return nil
	}
	return doc
}

func (g *gen) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g *gen) text() string {
	var b strings.Builder
	for n := 1 + g.r.IntN(6); n > 0; n-- {
		b.WriteString(g.pick(atoms))
	}
	return b.String()
}

func (g *gen) inline() []*tiptap.Node {
	var out []*tiptap.Node
	marks := []string{tiptap.MarkBold, tiptap.MarkItalic, tiptap.MarkStrike, tiptap.MarkLink, tiptap.MarkUnderline,
		tiptap.MarkHighlight, tiptap.MarkSuperscript, tiptap.MarkSubscript}
	for n := g.r.IntN(6); n > 0; n-- {
		if g.r.IntN(8) == 0 {
			out = append(out, &tiptap.Node{Type: tiptap.TypeHardBreak})
			continue
		}
		t := &tiptap.Node{Type: tiptap.TypeText, Text: g.text()}
		if g.r.IntN(8) == 0 {
			t.Marks = []tiptap.Mark{{Type: tiptap.MarkCode}}
		} else {
			for _, m := range marks {
				if g.r.IntN(5) != 0 {
					continue
				}
				mark := tiptap.Mark{Type: m}
				if m == tiptap.MarkLink {
					mark.Attrs = map[string]any{"href": g.pick([]string{"/a", "/a b", "https://x.y/(z)", "/p?q=1&r=2", "/x_y*z", "", "mailto:a@b.c"})}
				}
				t.Marks = append(t.Marks, mark)
			}
		}
		out = append(out, t)
	}
	return out
}

func (g *gen) paragraph() *tiptap.Node {
	return &tiptap.Node{Type: tiptap.TypeParagraph, Content: g.inline()}
}

func (g *gen) blocks(depth, n int) []*tiptap.Node {
	var out []*tiptap.Node
	for ; n > 0; n-- {
		out = append(out, g.block(depth))
	}
	return out
}

func (g *gen) block(depth int) *tiptap.Node {
	k := g.r.IntN(14)
	if depth > 2 {
		k = g.r.IntN(3)
	}
	switch k {
	case 0, 1, 2:
		return g.paragraph()
	case 3:
		return &tiptap.Node{Type: tiptap.TypeHeading, Attrs: map[string]any{"level": 1 + g.r.IntN(6)}, Content: g.inline()}
	case 4, 5:
		return g.list(depth)
	case 6:
		return &tiptap.Node{Type: tiptap.TypeBlockquote, Content: append([]*tiptap.Node{g.paragraph()}, g.blocks(depth+1, g.r.IntN(2))...)}
	case 7:
		code := &tiptap.Node{Type: tiptap.TypeCodeBlock, Content: []*tiptap.Node{{Type: tiptap.TypeText,
			Text: g.pick([]string{"x := 1", "a\n\nb", "```\n~~~", "\tindented\n    four", "<b>&amp;</b>", "^", `end\`})}}}
		if lang := g.pick([]string{"", "go", "c++", "a?b"}); lang != "" {
			code.SetAttr("language", lang)
		}
		return code
	case 8:
		return &tiptap.Node{Type: tiptap.TypeHorizontalRule}
	case 9:
		img := &tiptap.Node{Type: tiptap.TypeImage, Attrs: map[string]any{
			"src": g.pick([]string{"/i.png", "/a b.png", "/x(1).png", "/p?a&b"}),
			"alt": g.pick([]string{"", "alt", "a [b] c", "a*b*_c_", `x\y`, "]", "^up"}),
		}}
		if g.r.IntN(3) == 0 {
			img.SetAttr("title", g.pick([]string{"t", `say "hi"`, `it's "x"`, ""}))
		}
		if g.r.IntN(3) == 0 {
			img.SetAttr("width", "50%")
			img.SetAttr("style", "width: 50%;")
		}
		if g.r.IntN(4) == 0 {
			img.SetAttr("href", "/link")
		}
		return img
	case 10, 11:
		return g.table()
	case 12:
		return &tiptap.Node{Type: tiptap.TypeIframe, Attrs: map[string]any{"src": "https://www.youtube.com/embed/x"}}
	default:
		return &tiptap.Node{Type: tiptap.TypeDetailsGroup, Content: []*tiptap.Node{{Type: tiptap.TypeDetails, Content: []*tiptap.Node{
			{Type: tiptap.TypeDetailsSummary, Content: []*tiptap.Node{{Type: tiptap.TypeText, Text: g.text()}}},
			{Type: tiptap.TypeDetailsContent, Content: g.blocks(depth+1, 1+g.r.IntN(2))},
		}}}}
	}
}

// list makes a bullet or ordered list. Task lists are left out: the
// editor does not read kramdown's task lists back (see
// TestRenderGoldenKramdown).
func (g *gen) list(depth int) *tiptap.Node {
	l := &tiptap.Node{Type: tiptap.TypeBulletList}
	if g.r.IntN(2) == 0 {
		l.Type = tiptap.TypeOrderedList
		l.SetAttr("start", []int{1, 1, 0, 3, 9, 10, 99}[g.r.IntN(7)])
	}
	l.SetAttr("tight", g.r.IntN(2) == 0)
	for n := 1 + g.r.IntN(3); n > 0; n-- {
		item := &tiptap.Node{Type: tiptap.TypeListItem}
		item.Content = append([]*tiptap.Node{g.paragraph()}, g.blocks(depth+1, g.r.IntN(3))...)
		l.Content = append(l.Content, item)
	}
	return l
}

func (g *gen) table() *tiptap.Node {
	t := &tiptap.Node{Type: tiptap.TypeTable}
	header := g.r.IntN(3) != 0
	rows, cols := 1+g.r.IntN(3), 1+g.r.IntN(3)
	for r := 0; r < rows; r++ {
		row := &tiptap.Node{Type: tiptap.TypeTableRow}
		for c := 0; c < cols; c++ {
			cell := &tiptap.Node{Type: tiptap.TypeTableCell, Content: []*tiptap.Node{g.paragraph()}}
			if r == 0 && header {
				cell.Type = tiptap.TypeTableHeader
			}
			if g.r.IntN(10) == 0 {
				cell.Content = append(cell.Content, g.paragraph())
			}
			row.Content = append(row.Content, cell)
		}
		t.Content = append(t.Content, row)
	}
	return t
}
