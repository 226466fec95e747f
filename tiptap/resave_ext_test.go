package tiptap_test

import (
	"testing"

	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// TestLayoutCMSResumedMarkdown is TestLayoutCMSResumed on what RenderHTML
// writes for every Markdown page of the corpus, where most bodies that
// html@1.0.0 lays out otherwise, and most later passes, are.
func TestLayoutCMSResumedMarkdown(t *testing.T) {
	diverged, all := 0, 0
	for _, pg := range corpus.Pages(t) {
		if pg.Variant() == "tiptap" {
			continue
		}
		doc, _, err := markdown.Parse(pg.Body(), markdown.Options{})
		if err != nil {
			continue // refused input: the markdown tests cover it
		}
		if _, err := tiptap.RenderHTML(doc); err != nil {
			continue // a document the schema refuses: not written
		}
		all++
		d, diff := tiptap.LayoutCMSDiff(doc)
		if diff != "" {
			t.Errorf("%s: %s", pg.Path, diff)
		}
		if d {
			diverged++
		}
	}
	t.Logf("%d of %d written Markdown pages laid out by html@1.0.0 otherwise", diverged, all)
	if diverged == 0 {
		t.Errorf("none of %d written Markdown pages is laid out by html@1.0.0 otherwise: the test checks nothing", all)
	}
}

// BenchmarkLayoutCMS lays out what RenderHTML writes for every Markdown
// page of the corpus as RenderHTML does (resumed) and as it did when
// every layout was made of the whole body (ref), in the same run.
func BenchmarkLayoutCMS(b *testing.B) {
	var docs []*tiptap.Node
	for _, pg := range corpus.Pages(b) {
		if pg.Variant() == "tiptap" {
			continue
		}
		doc, _, err := markdown.Parse(pg.Body(), markdown.Options{})
		if err != nil {
			continue
		}
		if _, err := tiptap.RenderHTML(doc); err != nil {
			continue
		}
		docs = append(docs, doc)
	}
	for _, ref := range []bool{false, true} {
		name := "resumed"
		if ref {
			name = "ref"
		}
		fns := make([]func(), len(docs))
		for i, doc := range docs {
			fns[i] = tiptap.LayoutCMSOf(doc, ref)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, fn := range fns {
					fn()
				}
			}
		})
	}
}
