package convert

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/frontmatter"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"github.com/tiptapmd/tiptapmd/internal/kramdown"
	"github.com/tiptapmd/tiptapmd/internal/liquid"
)

// The words test is the acceptance test of what a visitor reads: for
// every Markdown page of the corpus, the words kramdown shows (Jekyll's
// rendering of the page) must be the words of the page's tiptap
// conversion, and for every tiptap page, the words of its HTML must be
// the words kramdown shows for its Markdown conversion. The comparison
// is strict: curly and straight quotes differ, and dashes, ellipses and
// guillemets count. Both conversions use the Converter's defaults.
//
// A browser's text is compared, word by word: the text of every element
// but those that show none (script, style, iframe fallback…), with a
// break between blocks. Liquid, which Jekyll runs before kramdown, is
// replaced by the same opaque word on both sides: in the Markdown that
// kramdown reads, and in the text of the HTML.

// wordsMin is the share of pages whose words must survive each
// direction; wordsPinned* are the figures reached, which may only go up:
// every Markdown page (2302 of 2302), and 326 of 329 tiptap pages. The
// three tiptap pages hold the CMS layout's newline between two links
// ("<a>Down</a>⏎<a>load</a>"), which the live page shows as a space and
// which the editor, and ParseHTML, delete on load (with a note).
const (
	wordsMin              = 0.99
	wordsPinnedToTiptap   = 1.0
	wordsPinnedToMarkdown = 0.9908
)

// wordsBlockTags are the elements a browser lays out as blocks (or
// breaks): their text never runs into the text around them.
var wordsBlockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "br": true, "dd": true,
	"details": true, "div": true, "dl": true, "dt": true, "fieldset": true, "figcaption": true,
	"figure": true, "footer": true, "form": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "header": true, "hr": true, "li": true, "main": true, "nav": true,
	"ol": true, "p": true, "pre": true, "section": true, "summary": true, "table": true,
	"tbody": true, "td": true, "tfoot": true, "th": true, "thead": true, "tr": true, "ul": true,
	"caption": true, "img": true,
}

// wordsOf returns the words a browser shows for an HTML body, with the
// Liquid in its text replaced by words (see wordsLiquid).
func wordsOf(t *testing.T, src string, liquid map[string]string) []string {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(src), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "head", "template", "title", "iframe", "noscript", "textarea", "select":
				return
			}
			if wordsBlockTags[n.Data] {
				b.WriteString(" ")
				defer b.WriteString(" ")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	// The layout of tiptap HTML may break a line inside Liquid: collapse
	// white space first.
	return strings.Fields(wordsLiquid(strings.Join(strings.Fields(b.String()), " "), liquid))
}

// wordsLiquid replaces each Liquid tag and output of s by a word, the
// same word for the same Liquid (kept in words), whatever white space is
// inside it.
func wordsLiquid(s string, words map[string]string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if e := liquid.End(s, i); e > 0 {
			key := strings.Join(strings.Fields(s[i:e]), " ")
			w, ok := words[key]
			if !ok {
				w = fmt.Sprintf("tmdliquid%dq", len(words))
				words[key] = w
			}
			b.WriteString(w)
			i = e - 1
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// wordsDiff returns "" when a and b are the same, or where they first
// differ.
func wordsDiff(a, b []string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	if i == len(a) && i == len(b) {
		return ""
	}
	ctx := func(w []string) string {
		return strings.Join(w[max(0, i-4):min(len(w), i+5)], " ")
	}
	return fmt.Sprintf("word %d: %q, %q", i+1, ctx(a), ctx(b))
}

// wordsPages returns the pages of the corpus of a variant that Jekyll
// renders with kramdown (Markdown) or shows as HTML (tiptap): .md and
// .markdown files with front matter.
func wordsPages(t *testing.T, variant string) []corpus.Page {
	var out []corpus.Page
	for _, p := range corpus.Variant(corpus.Pages(t), variant) {
		if strings.HasSuffix(strings.ToLower(p.Path), ".html") || !strings.HasPrefix(string(p.Data), "---") {
			continue
		}
		out = append(out, p)
	}
	return out
}

func wordsBody(t *testing.T, page []byte) string {
	t.Helper()
	fm, err := frontmatter.Parse(page)
	if err != nil {
		t.Fatal(err)
	}
	return string(fm.Body())
}

// A wordsCase is a page of the words test: the HTML a visitor sees (of
// the page or of its conversion, as kramdown's input is given) and the
// Markdown that kramdown renders.
type wordsCase struct {
	path     string
	html     string // tiptap HTML
	markdown string // Markdown, with Liquid replaced by words
	liquid   map[string]string
}

// checkWords compares, for each case, the words of its HTML with those
// of kramdown's rendering of its Markdown, and fails below the pinned
// share.
func checkWords(t *testing.T, name string, pinned float64, cases []wordsCase) {
	t.Helper()
	kd := make([]string, len(cases))
	for i, c := range cases {
		kd[i] = c.markdown
	}
	htmls := kramdownHTML(t, kd)
	same := 0
	var diffs []string
	for i, c := range cases {
		if d := wordsDiff(wordsOf(t, htmls[i], c.liquid), wordsOf(t, c.html, c.liquid)); d != "" {
			diffs = append(diffs, c.path+": kramdown, tiptap: "+d)
			continue
		}
		same++
	}
	rate := float64(same) / float64(len(cases))
	t.Logf("%s: the words of %d of %d pages (%.2f%%) survive", name, same, len(cases), 100*rate)
	for _, d := range diffs {
		t.Log(d)
	}
	if rate < wordsMin || rate < pinned {
		t.Errorf("%s: %.2f%% of the pages keep their words, want at least %.2f%%", name, 100*rate, 100*max(wordsMin, pinned))
	}
}

func TestWordsKramdownCorpus(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("markdown to tiptap", func(t *testing.T) {
		var cases []wordsCase
		for _, p := range wordsPages(t, "markdown") {
			out, _, err := c.ToTiptap(p.Data)
			if err != nil {
				t.Errorf("%s: %v", p.Path, err)
				continue
			}
			liquid := map[string]string{}
			md := wordsLiquid(wordsBody(t, p.Data), liquid)
			cases = append(cases, wordsCase{p.Path, wordsBody(t, out), md, liquid})
		}
		checkWords(t, "markdown → tiptap", wordsPinnedToTiptap, cases)
	})
	t.Run("tiptap to markdown", func(t *testing.T) {
		var cases []wordsCase
		for _, p := range wordsPages(t, "tiptap") {
			out, r, err := c.ToMarkdown(p.Data)
			if err != nil {
				t.Errorf("%s: %v", p.Path, err)
				continue
			}
			if slices.ContainsFunc(r.Items, func(e tiptapmd.Note) bool { return e.Code == CodeMarkdownBody }) {
				// A Markdown body on a tiptap page: Jekyll shows it as
				// Markdown, and the conversion keeps it as written.
				if wordsBody(t, out) != wordsBody(t, p.Data) {
					t.Errorf("%s: the Markdown body of a tiptap page was changed", p.Path)
				}
				continue
			}
			liquid := map[string]string{}
			md := wordsLiquid(wordsBody(t, out), liquid)
			cases = append(cases, wordsCase{p.Path, wordsBody(t, p.Data), md, liquid})
		}
		checkWords(t, "tiptap → markdown", wordsPinnedToMarkdown, cases)
	})
}

// kramdownHTML converts srcs with real kramdown (see internal/kramdown);
// a text kramdown fails on gives an HTML comment with the error.
func kramdownHTML(t *testing.T, srcs []string) []string {
	t.Helper()
	res := kramdown.Convert(t, srcs)
	out := make([]string, len(res))
	for i, r := range res {
		out[i] = r.HTML
		if r.Error != "" {
			out[i] = "<!-- error: " + r.Error + " -->"
		}
	}
	return out
}
