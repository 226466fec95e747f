package tiptap_test

import (
	"testing"

	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// TestTokenPathMarkdownWritten checks the token path against the tree
// builder's path on what RenderHTML writes for every Markdown page of the
// corpus (what the page API's read-back reads), and logs how often it is
// taken.
func TestTokenPathMarkdownWritten(t *testing.T) {
	taken, all := 0, 0
	for _, w := range writtenMarkdownPages(t) {
		all++
		ok, diff := tiptap.TokenPathDiff(w.html)
		if ok {
			taken++
		}
		if diff != "" {
			t.Errorf("%s (written): the token path and the tree builder disagree:\n%s", w.path, diff)
		}
	}
	t.Logf("token path taken on %d of %d written Markdown pages", taken, all)
	if all == 0 || taken == 0 {
		t.Errorf("token path taken on %d of %d written Markdown pages", taken, all)
	}
}

// A writtenPage is a Markdown page of the corpus as the page API writes
// it in the tiptap variant: its document and RenderHTML's body.
type writtenPage struct {
	path string
	doc  *tiptap.Node
	html []byte
}

// writtenMarkdownPages returns every Markdown page of the corpus that
// markdown.Parse reads and RenderHTML writes (refused input is the
// markdown tests', a document the schema refuses is not written).
func writtenMarkdownPages(tb testing.TB) []writtenPage {
	tb.Helper()
	var out []writtenPage
	for _, pg := range corpus.Pages(tb) {
		if pg.Variant() == "tiptap" {
			continue
		}
		doc, _, err := markdown.Parse(pg.Body(), markdown.Options{})
		if err != nil {
			continue
		}
		html, err := tiptap.RenderHTML(doc)
		if err != nil {
			continue
		}
		out = append(out, writtenPage{path: pg.Path, doc: doc, html: html})
	}
	return out
}
