package bench_test

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/convert/site"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
)

// pagesPerFolder is the number of pages in each folder of a siteFS.
const pagesPerFolder = 100

// A siteFS is a synthetic Jekyll site of n Markdown pages,
// pages/fNNNN/pNNNNNN.md, pagesPerFolder to a folder. It stores nothing:
// the bytes of a page are made when it is read, so that the site itself
// takes no memory and the memory a batch holds is its own.
type siteFS struct{ n int }

var (
	_ fs.ReadDirFS  = siteFS{}
	_ fs.ReadFileFS = siteFS{}
	_ fs.StatFS     = siteFS{}
)

func (s siteFS) folders() int { return (s.n + pagesPerFolder - 1) / pagesPerFolder }

// page returns the bytes of page i, about 1.6 KB: front matter, a short
// body with a heading, emphasis, links, a list and a quote, and a table
// of readings in a code block (which keeps the page cheap to convert, so
// that 100,000 of them take seconds, not minutes).
func (s siteFS) page(i int) []byte {
	b := fmt.Appendf(nil, `---
title: Page %[1]d
permalink: /pages/%[1]d/
---
## Page %[1]d

Some *text* with a [link to the previous page](/pages/%[2]d/) and
**strong words**, then a list:

- one
- two, with `+"`code`"+`

> A quote to end page %[1]d.

`+"```"+`
`, i, i-1)
	for r := range 20 {
		b = fmt.Appendf(b, "2024-01-%02d  12:00  station %06d  reading %.4f  ok\n", r+1, i, float64(r)/97)
	}
	return append(b, "```\n"...)
}

// parse returns what name is: the root, a folder (its index), or a page
// (its index).
func (s siteFS) parse(name string) (kind string, i int, ok bool) {
	switch {
	case name == ".":
		return "root", 0, true
	case name == "pages":
		return "pages", 0, true
	}
	rest, found := strings.CutPrefix(name, "pages/f")
	if !found {
		return "", 0, false
	}
	folder, file, hasFile := strings.Cut(rest, "/")
	f, err := strconv.Atoi(folder)
	if err != nil || f < 0 || f >= s.folders() || fmt.Sprintf("%04d", f) != folder {
		return "", 0, false
	}
	if !hasFile {
		return "folder", f, true
	}
	num, found := strings.CutPrefix(file, "p")
	num, isMD := strings.CutSuffix(num, ".md")
	p, err := strconv.Atoi(num)
	if !found || !isMD || err != nil || p/pagesPerFolder != f || p >= s.n || fmt.Sprintf("%06d", p) != num {
		return "", 0, false
	}
	return "page", p, true
}

func (s siteFS) info(name string) (fs.FileInfo, error) {
	kind, i, ok := s.parse(name)
	if !ok {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	if kind == "page" {
		return fileInfo{name: path.Base(name), size: int64(len(s.page(i)))}, nil
	}
	return fileInfo{name: path.Base(name), dir: true}, nil
}

func (s siteFS) Stat(name string) (fs.FileInfo, error) { return s.info(name) }

func (s siteFS) ReadFile(name string) ([]byte, error) {
	kind, i, ok := s.parse(name)
	if !ok || kind != "page" {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	return s.page(i), nil
}

func (s siteFS) ReadDir(name string) ([]fs.DirEntry, error) {
	kind, f, ok := s.parse(name)
	if !ok || kind == "page" {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	var out []fs.DirEntry
	switch kind {
	case "root":
		out = append(out, fs.FileInfoToDirEntry(fileInfo{name: "pages", dir: true}))
	case "pages":
		for f := range s.folders() {
			out = append(out, fs.FileInfoToDirEntry(fileInfo{name: fmt.Sprintf("f%04d", f), dir: true}))
		}
	case "folder":
		for p := f * pagesPerFolder; p < min((f+1)*pagesPerFolder, s.n); p++ {
			out = append(out, fs.FileInfoToDirEntry(fileInfo{name: fmt.Sprintf("p%06d.md", p), size: int64(len(s.page(p)))}))
		}
	}
	return out, nil
}

func (s siteFS) Open(name string) (fs.File, error) {
	st, err := s.info(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	f := &siteFile{st: st}
	if !st.IsDir() {
		data, _ := s.ReadFile(name)
		f.r = strings.NewReader(string(data))
	}
	return f, nil
}

// A siteFile is an open file or folder of a siteFS.
type siteFile struct {
	st fs.FileInfo
	r  *strings.Reader // nil for a folder
}

func (f *siteFile) Stat() (fs.FileInfo, error) { return f.st, nil }
func (f *siteFile) Close() error               { return nil }
func (f *siteFile) Read(b []byte) (int, error) {
	if f.r == nil {
		return 0, &fs.PathError{Op: "read", Path: f.st.Name(), Err: fs.ErrInvalid}
	}
	return f.r.Read(b)
}

// fileInfo describes a file or folder of a siteFS.
type fileInfo struct {
	name string
	size int64
	dir  bool
}

func (i fileInfo) Name() string { return i.name }
func (i fileInfo) Size() int64  { return i.size }
func (i fileInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return i.dir }
func (i fileInfo) Sys() any           { return nil }

func TestSiteFS(t *testing.T) {
	s := siteFS{n: 250}
	pages, err := site.Walk(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 250 || pages[0] != "pages/f0000/p000000.md" || pages[249] != "pages/f0002/p000249.md" {
		t.Fatalf("WalkSite found %d pages, %q … %q", len(pages), pages[0], pages[len(pages)-1])
	}
	f, err := s.Open("pages/f0001/p000123.md")
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(f)
	if err != nil || !strings.Contains(string(data), "title: Page 123\n") {
		t.Fatalf("page 123 reads %q, %v", data, err)
	}
	for _, bad := range []string{"pages/f0003", "pages/f0002/p000250.md", "pages/f0001/p000023.md", "pages/f1/p000123.md", "x"} {
		if _, err := s.Open(bad); err == nil {
			t.Errorf("Open(%q) succeeds; want fs.ErrNotExist", bad)
		}
	}
}

// siteMemory converts a siteFS of n pages to Tiptap with a dry-run
// site.Batch, and returns the peak of the live heap (as the last
// garbage collection measured it) during the batch, above what was live
// before it. If keep is true, the results are kept until the end (to
// check that the measure sees memory that is held).
func siteMemory(t *testing.T, n int, keep bool) uint64 {
	t.Helper()
	c, err := convert.New()
	if err != nil {
		t.Fatal(err)
	}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	live := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	runtime.GC()
	base := live()
	peak := base
	b := &site.Batch{Page: site.Convert(c, convert.OpToTiptap), DryRun: true}
	done := 0
	var kept []*site.PageResult
	sum, err := b.RunFS(context.Background(), siteFS{n: n}, func(r *site.PageResult) error {
		if r.Status != site.StatusChanged {
			return fmt.Errorf("%s: %v (%v)", r.Path, r.Status, r.Err)
		}
		if keep {
			kept = append(kept, r)
		}
		if done++; done%1000 == 0 {
			peak = max(peak, live())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Pages != n {
		t.Fatalf("the batch did %d pages; want %d", sum.Pages, n)
	}
	runtime.GC()
	peak = max(peak, live())
	runtime.KeepAlive(kept)
	return peak - base
}

// perPage returns the memory that a batch over a site of n pages holds
// for each page, above one over n/10 pages, and the size of a page.
func perPage(t *testing.T, n int, keep bool) (held, page float64) {
	small := siteMemory(t, n/10, keep)
	large := siteMemory(t, n, keep)
	held = float64(int64(large)-int64(small)) / float64(n-n/10)
	page = float64(len(siteFS{n: n}.page(n / 2)))
	t.Logf("%d pages: peak live heap +%.1f MB; %d pages: +%.1f MB; %.0f bytes per page added (a page is %.0f bytes)",
		n/10, float64(small)/1e6, n, float64(large)/1e6, held, page)
	return held, page
}

// TestSiteStreams converts a synthetic site of 20,000 pages (10,000
// with -short; 100,000, a minute or more, with TIPTAPMD_LONG=1: see
// internal/corpus) and one ten times smaller with a batch, and checks
// that the batch streams the pages: the memory it holds grows by less
// than half the size of a page's source for each page added, so that
// neither the sources nor the results (which are larger) are kept. What
// it does hold per page is logged. (On fewer pages the fixed costs of
// the heap weigh more: 5,000 pages measure 550 to 650 bytes per page,
// too close to the limit of about 650.)
func TestSiteStreams(t *testing.T) {
	n := 20_000
	switch {
	case corpus.Long():
		n = 100_000
	case testing.Short():
		n = 10_000
	}
	held, page := perPage(t, n, false)
	if held > page/2 {
		t.Errorf("the batch holds %.0f bytes more for each page added, more than half a page's source (%.0f bytes): pages are not streamed", held, page)
	}
}

// TestSiteMemoryMeasure checks the measure of TestSiteStreams: when the
// results of a batch are kept, it sees more than half a page's source
// held for each page (on 5,000 pages; 10,000 with TIPTAPMD_LONG=1).
func TestSiteMemoryMeasure(t *testing.T) {
	n := 5_000
	if corpus.Long() {
		n = 10_000
	}
	held, page := perPage(t, n, true)
	if held <= page/2 {
		t.Errorf("with every result kept, the measure sees %.0f bytes held per page, not more than half a page (%.0f bytes)", held, page)
	}
}
