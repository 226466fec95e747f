package markdown_test

import (
	"testing"

	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// BenchmarkRender renders the documents of the corpus: every tiptap page
// (as tiptap.ParseHTML reads it) and every Markdown page (as Parse reads
// it), one operation being the whole set.
func BenchmarkRender(b *testing.B) {
	load := func(variant string) ([]*tiptap.Node, int64) {
		var docs []*tiptap.Node
		var size int64
		for _, p := range writerCorpus(b, variant) {
			var doc *tiptap.Node
			var err error
			if variant == "tiptap" {
				doc, _, err = tiptap.ParseHTML(p.Body())
			} else {
				doc, _, err = markdown.Parse(p.Body(), markdown.Options{})
			}
			if err != nil {
				continue
			}
			docs = append(docs, doc)
			size += int64(len(p.Body()))
		}
		return docs, size
	}
	for _, variant := range []string{"tiptap", "markdown"} {
		docs, size := load(variant)
		b.Run(variant+"-pages", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(size)
			for b.Loop() {
				for _, doc := range docs {
					if _, _, err := markdown.Render(doc, markdown.RenderOptions{}); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
