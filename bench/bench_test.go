package bench_test

import (
	"testing"

	"github.com/tiptapmd/tiptapmd/bench/internal/harness"
)

// benchSet converts every input once per iteration with fn. Throughput is
// reported on the body bytes of the set, as in BENCHMARKS.md, whatever
// fn is given.
func benchSet(b *testing.B, s *harness.PageSet, whole bool, fn harness.ConvertFunc) {
	in := inputs(s, whole)
	n, _ := s.Sizes()
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for i, page := range in {
			if _, err := fn(page); err != nil {
				b.Fatalf("%s: %v", s.Pages[i].Path, err)
			}
		}
	}
	b.ReportMetric(float64(len(in))*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkToTiptapCorpus converts every page of the corpus, in its
// Markdown form, to the tiptap variant with convert.Converter.ToTiptap.
func BenchmarkToTiptapCorpus(b *testing.B) {
	md, _ := corpusSets(b)
	benchSet(b, md, true, harness.TiptapmdPage(harness.ToTiptap))
}

// BenchmarkToMarkdownCorpus converts every page of the corpus, in its
// Tiptap form, to the markdown variant with convert.Converter.ToMarkdown.
func BenchmarkToMarkdownCorpus(b *testing.B) {
	_, tt := corpusSets(b)
	benchSet(b, tt, true, harness.TiptapmdPage(harness.ToMarkdown))
}

// BenchmarkBodyCorpus converts the bodies of every page with the
// lower-level packages alone (markdown.Parse and tiptap.RenderHTML, or
// tiptap.ParseHTML and markdown.Render): no front matter, no check of
// the result, no report.
func BenchmarkBodyCorpus(b *testing.B) {
	md, tt := corpusSets(b)
	b.Run(harness.ToTiptap, func(b *testing.B) { benchSet(b, md, false, harness.TiptapmdBody(harness.ToTiptap)) })
	b.Run(harness.ToMarkdown, func(b *testing.B) { benchSet(b, tt, false, harness.TiptapmdBody(harness.ToMarkdown)) })
}

// BenchmarkGoldmarkFloor converts the Markdown bodies to HTML with
// goldmark alone.
func BenchmarkGoldmarkFloor(b *testing.B) {
	md, _ := corpusSets(b)
	benchSet(b, md, false, harness.Goldmark())
}

// BenchmarkH2MFloor converts the Tiptap bodies to Markdown with
// html-to-markdown alone.
func BenchmarkH2MFloor(b *testing.B) {
	_, tt := corpusSets(b)
	benchSet(b, tt, false, harness.HTMLToMarkdown())
}
