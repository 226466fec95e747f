package tiptap_test

import (
	"testing"

	"github.com/tiptapmd/tiptapmd/tiptap"
)

// TestLayoutCMSResumedMarkdown is TestLayoutCMSResumed on what RenderHTML
// writes for every Markdown page of the corpus, where most bodies that
// html@1.0.0 lays out otherwise, and most later passes, are.
func TestLayoutCMSResumedMarkdown(t *testing.T) {
	diverged, all := 0, 0
	for _, w := range writtenMarkdownPages(t) {
		all++
		d, diff := tiptap.LayoutCMSDiff(w.doc)
		if diff != "" {
			t.Errorf("%s: %s", w.path, diff)
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
	for _, w := range writtenMarkdownPages(b) {
		docs = append(docs, w.doc)
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
