package tiptap

import "testing"

// corpusBodies returns the non-empty bodies of the corpus's tiptap pages
// and their total size.
func corpusBodies(b *testing.B) ([][]byte, int64) {
	var bodies [][]byte
	var n int64
	for _, pg := range tiptapPages(b) {
		if body := pg.Body(); len(body) > 0 {
			bodies = append(bodies, body)
			n += int64(len(body))
		}
	}
	return bodies, n
}

// BenchmarkParseHTML parses every non-empty tiptap page of the corpus once
// per iteration.
func BenchmarkParseHTML(b *testing.B) {
	bodies, n := corpusBodies(b)
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, body := range bodies {
			if _, _, err := ParseHTML(body); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// corpusDocs returns the documents of the bodies of corpusBodies, and
// the bytes of those bodies.
func corpusDocs(b *testing.B) ([]*Node, int64) {
	bodies, n := corpusBodies(b)
	docs := make([]*Node, len(bodies))
	for i, body := range bodies {
		doc, _, err := ParseHTML(body)
		if err != nil {
			b.Fatal(err)
		}
		docs[i] = doc
	}
	return docs, n
}

// BenchmarkRenderHTML renders the documents of every non-empty tiptap page
// of the corpus once per iteration.
func BenchmarkRenderHTML(b *testing.B) {
	docs, n := corpusDocs(b)
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, doc := range docs {
			if _, err := RenderHTML(doc); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkFormat formats every non-empty tiptap page of the corpus once
// per iteration.
func BenchmarkFormat(b *testing.B) {
	bodies, n := corpusBodies(b)
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, body := range bodies {
			if _, _, err := Format(body); err != nil {
				b.Fatal(err)
			}
		}
	}
}
