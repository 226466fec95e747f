// Package corpus gives tests and benchmarks the corpus of real Isomer
// pages, and says which opt-in suites a run leaves out. It is internal:
// only tests of the tiptapmd packages use it.
//
// By default the tests run on the sample of the corpus kept in the
// repository (testdata/corpus: a few hundred real pages and whole site
// trees, with their licences and source commits), so that go test ./...
// passes on a bare clone. TIPTAPMD_CORPUS=full runs them on the full
// shared corpus (../shared/corpus beside the repository; or set it to
// the corpus's path). The other opt-in suites are listed by [Suites].
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

// Dir returns the root of the corpus the tests run on: the sample of
// real pages kept in the repository (testdata/corpus, see [SampleDir]) by
// default, or the full shared corpus when TIPTAPMD_CORPUS asks for it
// ("full" for ../shared/corpus beside the repository, or a path). It
// fails t when the corpus asked for is missing: it never skips.
func Dir(t testing.TB) string {
	t.Helper()
	dir, full := dirOf(os.Getenv(EnvCorpus))
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		if full {
			t.Fatalf("%s=%s asks for the full corpus, which is not at %s: put the shared corpus there (see README.md)", EnvCorpus, os.Getenv(EnvCorpus), dir)
		}
		t.Fatalf("the sample of the corpus is not at %s", dir)
	}
	return dir
}

// Full reports whether the tests run on the full shared corpus
// (TIPTAPMD_CORPUS is set) rather than on the in-repository sample.
// Tests that pin figures for the whole corpus pin one figure for each.
func Full() bool {
	_, full := dirOf(os.Getenv(EnvCorpus))
	return full
}

// Pick returns sample when the tests run on the sample and full when
// they run on the full corpus: a figure pinned for each.
func Pick[T any](sample, full T) T {
	if Full() {
		return full
	}
	return sample
}

// SampleDir returns the in-repository sample of the corpus,
// testdata/corpus at the repository root, whichever corpus the tests run
// on. Its pages are real pages of the full corpus chosen to cover every
// construct (see TestSample in this package and SAMPLE.txt there).
func SampleDir(t testing.TB) string {
	t.Helper()
	dir, _ := dirOf("")
	return dir
}

// dirOf returns the corpus directory that the value of TIPTAPMD_CORPUS
// names, and whether it is the full corpus.
func dirOf(env string) (string, bool) {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	switch env {
	case "":
		return filepath.Join(root, "testdata", "corpus"), false
	case "full", "1":
		return filepath.Join(root, "..", "shared", "corpus"), true
	}
	return env, true
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
