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

// BenchmarkConvertUse does to each page what a conversion does to its
// front matter: parse, read the variant and permalink, set the variant
// the other way, apply the default rules, write the page.
func BenchmarkConvertUse(b *testing.B) {
	benchCorpus(b, func(src []byte) {
		p, err := frontmatter.Parse(src)
		if err != nil {
			return
		}
		_, _ = p.Get("variant")
		_, _ = p.String("permalink")
		_ = p.Warnings()
		_ = p.BodyLine()
		if p.Variant() == "tiptap" {
			p.SetVariant("markdown")
		} else {
			p.SetVariant("tiptap")
		}
		_ = p.Normalize(frontmatter.NormalizeOptions{})
		_ = p.Bytes()
	})
}
