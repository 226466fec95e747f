package markdown_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// Round trips through Parse. Parse reads Markdown as kramdown does, so
// what kramdown renders as the document (see the kramdown tests) Parse
// must read back as the document, but for the differences normalize
// names (what Markdown cannot say and Render reports).

// readOptions are the Options of the round trips: Liquid stays text
// ({{ site.baseurl }} too), as Render writes it.
var readOptions = markdown.Options{KeepBaseURL: true}

// roundTrip compares a document with what Parse reads from its
// Markdown (and Render's notes about it). It returns "" when they are
// the same (but for normalize's differences), or the difference.
func roundTrip(doc *tiptap.Node, md []byte, notes []tiptapmd.Note) (string, error) {
	back, _, err := markdown.Parse(md, readOptions)
	if err != nil {
		return "", err
	}
	n := docNorm{decodeURLs: hasNote(notes, markdown.CodeURLEncoded), inertLiquid: hasNote(notes, markdown.CodeLiquid)}
	w, g := docJSONText(normalize(doc, n)), docJSONText(normalize(back, n))
	if w == g {
		return "", nil
	}
	return textDiff(w, g), nil
}

// TestRenderRoundTripTiptap: for every tiptap page y, Parse(Render(y))
// is the document y.
func TestRenderRoundTripTiptap(t *testing.T) {
	pages := writerCorpus(t, "tiptap")
	same := 0
	for _, p := range pages {
		doc, _, err := tiptap.ParseHTML(p.Body())
		if err != nil {
			t.Errorf("%s: ParseHTML: %v", p.Path, err)
			continue
		}
		md, notes, err := markdown.Render(doc, markdown.RenderOptions{})
		if err != nil {
			t.Errorf("%s: Render: %v", p.Path, err)
			continue
		}
		switch diff, err := roundTrip(doc, md, notes); {
		case err != nil:
			t.Errorf("%s: Parse: %v", p.Path, err)
		case diff == "":
			same++
		default:
			t.Errorf("%s: Parse reads another document back\n%s", p.Path, diff)
		}
	}
	t.Logf("Parse(Render(page)) is the page for %d of %d tiptap pages", same, len(pages))
}

// TestRenderFixedPoint: for every Markdown page x, one cycle reaches a
// fixed point: Render(Parse(Render(Parse(x)))) == Render(Parse(x)).
func TestRenderFixedPoint(t *testing.T) {
	pages := writerCorpus(t, "markdown")
	fixed := 0
	for _, p := range pages {
		doc, _, err := markdown.Parse(p.Body(), markdown.Options{})
		if err != nil {
			continue // not UTF-8 or too deep: Parse's tests cover these
		}
		m1, notes, err := markdown.Render(doc, markdown.RenderOptions{})
		if err != nil {
			t.Errorf("%s: Render: %v", p.Path, err)
			continue
		}
		doc2, _, err := markdown.Parse(m1, readOptions)
		if err != nil {
			t.Errorf("%s: Parse of Render's Markdown: %v", p.Path, err)
			continue
		}
		m2, _, err := markdown.Render(doc2, markdown.RenderOptions{})
		if err != nil {
			t.Errorf("%s: second Render: %v", p.Path, err)
			continue
		}
		if bytes.Equal(m1, m2) {
			fixed++
			continue
		}
		switch diff, err := roundTrip(doc, m1, notes); {
		case err != nil:
			t.Errorf("%s: %v", p.Path, err)
		case diff == "":
			t.Errorf("%s: Parse reads the document back but Render writes it differently\n%s", p.Path, textDiff(string(m1), string(m2)))
		default:
			t.Errorf("%s: Parse reads another document back\n%s", p.Path, diff)
		}
	}
	t.Logf("one cycle reaches a fixed point for %d of %d Markdown pages", fixed, len(pages))
}

// TestRenderSeeds: the two seed pages convert both ways with no loss at
// all: the Markdown page reads back as the same document, the tiptap
// page's document survives Render and Parse, and kramdown renders both
// as their documents.
func TestRenderSeeds(t *testing.T) {
	dir := sharedDir(t, "seeds")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed pages in %s (%v)", dir, err)
	}
	var cases []kramdownCase
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		page := corpus.Page{Path: f, Data: data}
		var doc *tiptap.Node
		if page.Variant() == "tiptap" {
			doc, _, err = tiptap.ParseHTML(page.Body())
		} else {
			doc, _, err = markdown.Parse(page.Body(), markdown.Options{})
		}
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		md, _, err := markdown.Render(doc, markdown.RenderOptions{})
		if err != nil {
			t.Fatalf("%s: Render: %v", f, err)
		}
		back, _, err := markdown.Parse(md, readOptions)
		if err != nil {
			t.Fatalf("%s: Parse: %v", f, err)
		}
		if w, g := docJSONText(doc), docJSONText(back); w != g {
			t.Errorf("%s: the document changes\n%s", f, textDiff(w, g))
		}
		cases = append(cases, kramdownCase{f, doc, string(md)})
	}
	checkKramdown(t, cases, markdown.RenderOptions{})
}
