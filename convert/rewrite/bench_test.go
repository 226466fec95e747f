package rewrite

import (
	"testing"
)

// benchPages returns the corpus page files of a variant ("tiptap" or
// "markdown", which includes pages without a variant key) and their
// total size.
func benchPages(b *testing.B, tiptap bool) ([][]byte, int64) {
	var pages [][]byte
	var n int64
	for _, p := range corpusPages(b) {
		if (p.Variant() == "tiptap") == tiptap {
			pages = append(pages, p.Data)
			n += int64(len(p.Data))
		}
	}
	return pages, n
}

func benchmarkPages(b *testing.B, tiptap bool, fn Func) {
	pages, n := benchPages(b, tiptap)
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			if _, _, err := Page(p, PageInfo{Path: "pages/x.md"}, nil, fn); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkRewritePageMarkdown finds every reference of the Markdown
// pages of the corpus, rewriting none.
func BenchmarkRewritePageMarkdown(b *testing.B) { benchmarkPages(b, false, keep) }

// BenchmarkRewritePageMarkdownAll rewrites every URL of the Markdown
// pages of the corpus (each page is then read again to check it).
func BenchmarkRewritePageMarkdownAll(b *testing.B) { benchmarkPages(b, false, appendX) }

// BenchmarkRewritePageTiptap finds every reference of the tiptap pages.
func BenchmarkRewritePageTiptap(b *testing.B) { benchmarkPages(b, true, keep) }

// BenchmarkRewritePageTiptapAll rewrites every URL of the tiptap pages.
func BenchmarkRewritePageTiptapAll(b *testing.B) { benchmarkPages(b, true, appendX) }

// BenchmarkRewriteChain runs a migration chain over the Markdown pages.
func BenchmarkRewriteChain(b *testing.B) {
	benchmarkPages(b, false, Chain(StripBaseURL(), OwnDomain("www.mse.gov.sg"), RootRelative(),
		PrefixMap(map[string]string{"/images/": "/media/images/", "/files/": "/media/files/"}), Lowercase(), Encode(EncodeSpaces)))
}
