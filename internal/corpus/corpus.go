// Package corpus finds the shared corpus of real Isomer pages for tests and
// benchmarks. It is internal: only tests of the tiptapmd packages use it.
//
// The corpus lives in ../shared/corpus relative to the repository root, or
// wherever the TIPTAPMD_CORPUS environment variable points. A test that
// needs it fails when it is missing; set TIPTAPMD_NO_CORPUS=1 to run the
// rest of the suite on a machine that does not have it.
package corpus

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// A Page is one file of the corpus.
type Page struct {
	Path string // path relative to the corpus root, slash-separated
	Site string // first path element, e.g. "isomerpages__mse"
	Data []byte
}

// Variant returns the page's variant as its front matter states it:
// "tiptap", "markdown", or "" when the key is missing. It looks for a
// top-level "variant:" line in the leading front matter block only.
func (p Page) Variant() string {
	fm, _, ok := p.split()
	if !ok {
		return ""
	}
	for _, line := range strings.Split(string(fm), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimRight(line, "\r"), "variant:"); ok {
			return strings.Trim(strings.TrimSpace(v), `"'`)
		}
	}
	return ""
}

// Body returns the text after the front matter block (after its closing
// "---" line), or the whole page when it has none.
func (p Page) Body() []byte {
	_, body, ok := p.split()
	if !ok {
		return p.Data
	}
	return body
}

func (p Page) split() (fm, body []byte, ok bool) {
	d := bytes.TrimPrefix(p.Data, []byte("\xef\xbb\xbf"))
	if !bytes.HasPrefix(d, []byte("---\n")) && !bytes.HasPrefix(d, []byte("---\r\n")) {
		return nil, nil, false
	}
	rest := d[bytes.IndexByte(d, '\n')+1:]
	for off := 0; off < len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		line := rest[off:]
		next := len(rest)
		if end >= 0 {
			line = rest[off : off+end]
			next = off + end + 1
		}
		if l := string(bytes.TrimRight(line, "\r")); l == "---" || l == "..." {
			return rest[:off], rest[next:], true
		}
		off = next
	}
	return nil, nil, false
}

// Dir returns the corpus root. It fails t when the corpus is missing,
// unless TIPTAPMD_NO_CORPUS=1, in which case it skips t and says why.
func Dir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("TIPTAPMD_CORPUS")
	if dir == "" {
		_, file, _, _ := runtime.Caller(0)
		dir = filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "corpus")
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		if os.Getenv("TIPTAPMD_NO_CORPUS") == "1" {
			t.Skipf("corpus not found at %s and TIPTAPMD_NO_CORPUS=1", dir)
		}
		t.Fatalf("corpus not found at %s: put the shared corpus beside the repository, set TIPTAPMD_CORPUS, or set TIPTAPMD_NO_CORPUS=1 to leave corpus tests out", dir)
	}
	return dir
}

// Pages returns every page of the corpus (.md, .markdown and .html files),
// sorted by path.
func Pages(t testing.TB) []Page {
	t.Helper()
	root := Dir(t)
	var pages []Page
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		switch strings.ToLower(filepath.Ext(path)) {
		case ".md", ".markdown", ".html":
		default:
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		site, _, ok := strings.Cut(rel, "/")
		if !ok {
			return nil // SOURCES.md and other notes at the root are not pages
		}
		pages = append(pages, Page{Path: rel, Site: site, Data: data})
		return nil
	})
	if err != nil {
		t.Fatalf("reading corpus: %v", err)
	}
	if len(pages) == 0 {
		t.Fatalf("corpus at %s holds no pages", root)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].Path < pages[j].Path })
	return pages
}

// Variant filters pages by [Page.Variant]; "markdown" also matches pages
// with no variant key, as Isomer reads them.
func Variant(pages []Page, variant string) []Page {
	var out []Page
	for _, p := range pages {
		v := p.Variant()
		if v == variant || (variant == "markdown" && v == "") {
			out = append(out, p)
		}
	}
	return out
}
