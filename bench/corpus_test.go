package bench_test

import (
	"testing"

	"github.com/tiptapmd/tiptapmd/bench/internal/harness"
	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
)

// corpusSets reads the corpus (the in-repository sample, or the full
// corpus with TIPTAPMD_CORPUS=full) and builds its two page sets (see
// package harness).
func corpusSets(tb testing.TB) (md, tt *harness.PageSet) {
	tb.Helper()
	src, err := harness.ReadCorpus(corpus.Dir(tb))
	if err != nil {
		tb.Fatal(err)
	}
	c, err := convert.New()
	if err != nil {
		tb.Fatal(err)
	}
	md, tt, err = harness.Prepare(src, c)
	if err != nil {
		tb.Fatal(err)
	}
	return md, tt
}

// inputs returns the inputs of the pages of s: whole pages, or bodies.
func inputs(s *harness.PageSet, whole bool) [][]byte {
	out := make([][]byte, len(s.Pages))
	for i, p := range s.Pages {
		if whole {
			out[i] = []byte(p.Front + p.Body)
		} else {
			out[i] = []byte(p.Body)
		}
	}
	return out
}

// TestCorpusSets checks the page sets that every tool is measured on:
// every page of the corpus is in both, the same pages in the same order,
// and the native pages are those of each variant.
func TestCorpusSets(t *testing.T) {
	md, tt := corpusSets(t)
	if len(md.Excluded) > 0 {
		t.Errorf("pages excluded from the sets: %q", md.Excluded)
	}
	pages := corpus.Pages(t)
	if len(md.Pages) != len(pages) || len(tt.Pages) != len(pages) {
		t.Fatalf("sets of %d and %d pages; the corpus has %d", len(md.Pages), len(tt.Pages), len(pages))
	}
	nativeMD, nativeTT := 0, 0
	for i := range md.Pages {
		m, h := md.Pages[i], tt.Pages[i]
		if m.Path != pages[i].Path || h.Path != pages[i].Path {
			t.Fatalf("page %d is %s and %s; want %s", i, m.Path, h.Path, pages[i].Path)
		}
		if m.Native == h.Native {
			t.Errorf("%s: native in both sets or in neither", m.Path)
		}
		if m.Native {
			nativeMD++
			if m.Front+m.Body != string(pages[i].Data) {
				t.Errorf("%s: the native Markdown page is not the corpus file", m.Path)
			}
		}
		if h.Native {
			nativeTT++
			if h.Front+h.Body != string(pages[i].Data) {
				t.Errorf("%s: the native Tiptap page is not the corpus file", h.Path)
			}
		}
	}
	if want := len(corpus.Variant(pages, "tiptap")); nativeTT != want {
		t.Errorf("%d native Tiptap pages; the corpus has %d tiptap pages", nativeTT, want)
	}
	if nativeMD+nativeTT != len(pages) {
		t.Errorf("%d + %d native pages; want %d", nativeMD, nativeTT, len(pages))
	}
}
