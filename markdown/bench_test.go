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
