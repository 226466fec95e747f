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
	for _, pg := range corpus.Pages(t) {
		if pg.Variant() == "tiptap" {
			continue
		}
		doc, _, err := markdown.Parse(pg.Body(), markdown.Options{})
		if err != nil {
			continue // refused input: the markdown tests cover it
		}
		out, err := tiptap.RenderHTML(doc)
		if err != nil {
			continue // a document the schema refuses: not written
		}
		all++
		ok, diff := tiptap.TokenPathDiff(out)
		if ok {
			taken++
		}
		if diff != "" {
			t.Errorf("%s (written): the token path and the tree builder disagree:\n%s", pg.Path, diff)
		}
	}
	t.Logf("token path taken on %d of %d written Markdown pages", taken, all)
	if all == 0 || taken == 0 {
		t.Errorf("token path taken on %d of %d written Markdown pages", taken, all)
	}
}
