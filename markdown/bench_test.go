package markdown_test

import (
	"testing"

	"github.com/tiptapmd/tiptapmd/markdown"
)

// BenchmarkParse parses every Markdown page of the corpus once per
// iteration.
func BenchmarkParse(b *testing.B) {
	pages := markdownPages(b)
	bodies := make([][]byte, len(pages))
	size := 0
	for i, p := range pages {
		bodies[i] = p.Body()
		size += len(bodies[i])
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, body := range bodies {
			if _, _, err := markdown.Parse(body, markdown.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkReadBack reads back, once per iteration, the Markdown that
// Render writes for every Markdown page of the corpus, as the converter
// reads its result back: with Read, and with Parse for comparison.
func BenchmarkReadBack(b *testing.B) {
	var bodies [][]byte
	size := 0
	for _, p := range markdownPages(b) {
		doc, _, err := markdown.Parse(p.Body(), markdown.Options{Typographer: true})
		if err != nil {
			continue
		}
		md, _, err := markdown.Render(doc, markdown.RenderOptions{EscapeTypography: true})
		if err != nil {
			continue
		}
		bodies = append(bodies, md)
		size += len(md)
	}
	opts := markdown.Options{Typographer: true}
	b.Run("Read", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, body := range bodies {
				if _, err := markdown.Read(body, opts); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("Parse", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, body := range bodies {
				if _, _, err := markdown.Parse(body, opts); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
