package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tiptapmd/tiptapmd/convert"
	"golang.org/x/tools/txtar"
)

// FuzzInventory builds the inventory of a site with one page holding the
// fuzzed bytes, checking that it never panics, that assets stay sorted
// and distinct, and that every use has a position.
func FuzzInventory(f *testing.F) {
	paths, err := filepath.Glob("testdata/inventory/*.txtar")
	if err != nil || len(paths) == 0 {
		f.Fatalf("no golden files: %v", err)
	}
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, s := range a.Files {
			if strings.HasPrefix(s.Name, "site/") && strings.HasSuffix(s.Name, ".md") {
				f.Add(s.Data)
			}
		}
	}
	site := loadSite(f, "isomerpages__isomerpages-template")
	for name, file := range site {
		if strings.HasSuffix(name, ".md") && len(file.Data) < 20000 {
			f.Add(file.Data)
		}
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		site := fstest.MapFS{
			"pages/p.md":       {Data: page},
			"images/a b.png":   {Data: []byte("x")},
			"images/A%20c.png": {Data: []byte("x")},
			"files/x.pdf":      {Data: []byte("x")},
		}
		inv, err := BuildInventory(site, nil)
		if inv == nil {
			t.Fatalf("nil inventory (error %v)", err)
		}
		var e *convert.Error
		if err != nil && (!errors.As(err, &e) || e.Path != "pages/p.md") {
			t.Fatalf("error is not an *Error for the page: %v", err)
		}
		for i, a := range inv.Assets {
			if i > 0 && inv.Assets[i-1].Path >= a.Path {
				t.Fatalf("assets not sorted or not distinct: %q then %q", inv.Assets[i-1].Path, a.Path)
			}
			if !under(a.Path, []string{"/images/", "/files/"}) {
				t.Fatalf("%q is not under an asset root", a.Path)
			}
			for _, u := range a.Uses {
				if u.Pos.Line <= 0 || u.Pos.Column <= 0 || u.Page != "pages/p.md" {
					t.Fatalf("%q: bad use %+v", a.Path, u)
				}
			}
		}
	})
}

// loadSite reads the corpus site called name into memory.
func loadSite(tb testing.TB, name string) fstest.MapFS {
	tb.Helper()
	root := os.DirFS(filepath.Join(corpusDir(tb), name))
	site := fstest.MapFS{}
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		site[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return site
}

// BenchmarkInventory builds the inventory of each corpus site, read
// into memory first so that the disk is not measured.
func BenchmarkInventory(b *testing.B) {
	entries, err := os.ReadDir(corpusDir(b))
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		site := loadSite(b, e.Name())
		b.Run(strings.TrimPrefix(e.Name(), "isomerpages__"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := BuildInventory(site, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
