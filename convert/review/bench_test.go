package review

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/convert/site"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
)

// largestSite returns the corpus site with the most page files.
func largestSite(tb testing.TB) string {
	root := corpus.Dir(tb)
	sites, err := os.ReadDir(root)
	require.NoError(tb, err)
	best, bestN := "", -1
	for _, s := range sites {
		if !s.IsDir() {
			continue
		}
		n := 0
		_ = filepath.WalkDir(filepath.Join(root, s.Name()), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".html")) {
				n++
			}
			return nil
		})
		if n > bestN {
			best, bestN = filepath.Join(root, s.Name()), n
		}
	}
	return best
}

// siteRun checks the site at dir (-to tiptap, as tiptapmd check does)
// and returns its run, repeated until it has at least pages pages.
func siteRun(tb testing.TB, dir string, pages int) *Run {
	c, err := convert.New()
	require.NoError(tb, err)
	col := NewCollector("check " + dir)
	// The corpus is read-only: a dry run that would replace it must be
	// allowed to, or every page fails.
	b := &site.Batch{DryRun: true, ReplaceReadOnly: true, Page: col.Wrap(site.Convert(c, convert.OpToTiptap))}
	_, err = b.Run(context.Background(), []string{dir}, func(r *site.PageResult) error {
		col.Add(r)
		return nil
	})
	require.NoError(tb, err)
	one := col.Run().Pages
	run := &Run{Title: "check " + dir}
	for k := 0; len(run.Pages) < pages; k++ {
		for _, pg := range one {
			if k > 0 {
				pg.Path = fmt.Sprintf("%s/copy-%d/%s", dir, k, strings.TrimPrefix(pg.Path, dir+"/"))
			}
			run.Pages = append(run.Pages, pg)
		}
	}
	return run
}

// countingWriter counts the bytes written to it.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// BenchmarkWrite builds the review page of the largest corpus site (with
// TIPTAPMD_CORPUS=full, the full corpus's), its pages repeated up to
// 2,000, and reports the page's size.
func BenchmarkWrite(b *testing.B) {
	run := siteRun(b, largestSite(b), 2000)
	review := 0 // pages that need review or failed
	for _, p := range run.Pages {
		if p.rendered() {
			review++
		}
	}
	var size countingWriter
	require.NoError(b, Write(&size, run))
	for b.Loop() {
		if err := Write(io.Discard, run); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(size.n), "page-bytes")
	b.ReportMetric(float64(len(run.Pages)), "pages")
	b.ReportMetric(float64(review), "review-pages")
}
