package frontmatter_test

import (
	"testing"

	"github.com/tiptapmd/tiptapmd/frontmatter"
)

// benchCorpus runs fn over every page of the corpus per iteration and
// reports the time per page.
func benchCorpus(b *testing.B, fn func(src []byte)) {
	pages := corpusPages(b)
	var size int64
	for _, p := range pages {
		size += int64(len(p.Data))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			fn(p.Data)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(pages)), "ns/page")
}

func BenchmarkSplit(b *testing.B) {
	benchCorpus(b, func(src []byte) { _, _ = frontmatter.Split(src) })
}

func BenchmarkParse(b *testing.B) {
	benchCorpus(b, func(src []byte) {
		if p, err := frontmatter.Parse(src); err == nil {
			_ = p.Bytes()
		}
	})
}

func BenchmarkNormalize(b *testing.B) {
	benchCorpus(b, func(src []byte) { _, _, _ = frontmatter.Normalize(src, frontmatter.NormalizeOptions{}) })
}

func BenchmarkNormalizeCMSStyle(b *testing.B) {
	opts := frontmatter.NormalizeOptions{CMSStyle: true}
	benchCorpus(b, func(src []byte) { _, _, _ = frontmatter.Normalize(src, opts) })
}
