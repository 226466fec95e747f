package harness

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tiptapmd/tiptapmd/convert"
	"github.com/tiptapmd/tiptapmd/frontmatter"
)

// A Source is one page file of the corpus.
type Source struct {
	Path string // relative to the corpus root, slash-separated
	Data []byte
}

// ReadCorpus returns the page files of the corpus at dir, sorted by path:
// every .md, .markdown and .html file inside the site folders (the files
// at the root, such as SOURCES.md, are notes, not pages).
func ReadCorpus(dir string) ([]Source, error) {
	var out []Source
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".md", ".markdown", ".html":
		default:
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if !strings.Contains(rel, "/") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out = append(out, Source{Path: rel, Data: data})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("harness: reading the corpus: %w", err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("harness: no pages in the corpus at %s", dir)
	}
	slices.SortFunc(out, func(a, b Source) int { return strings.Compare(a.Path, b.Path) })
	return out, nil
}

// The formats of the two page sets.
const (
	FormatMarkdown = "markdown"
	FormatTiptap   = "tiptap"
)

// A Page is one page of a [PageSet]: its front matter block (delimiters
// and byte order mark included, empty when the page has none) and its
// body in the set's format. Front+Body is the whole page file.
type Page struct {
	Path   string `json:"path"`
	Native bool   `json:"native"` // the body is the corpus's own, not converted by tiptapmd
	Front  string `json:"front"`
	Body   string `json:"body"`
}

// A PageSet is every page of the corpus in one format.
type PageSet struct {
	Format string `json:"format"` // FormatMarkdown or FormatTiptap
	Pages  []Page `json:"pages"`
	// Excluded lists the pages left out of both sets because tiptapmd
	// could not convert them (with the error), so that the two sets hold
	// the same pages.
	Excluded []string `json:"excluded,omitempty"`
}

// Sizes returns the number of body bytes of the set, of all pages and of
// the native pages alone.
func (s *PageSet) Sizes() (all, native int64) {
	for _, p := range s.Pages {
		all += int64(len(p.Body))
		if p.Native {
			native += int64(len(p.Body))
		}
	}
	return all, native
}

// Prepare builds the two page sets of the corpus pages src with the
// converter c (see the package documentation). A page that is not
// valid UTF-8, whose front matter cannot be read or that c cannot
// convert is left out of both sets and listed in their Excluded field.
func Prepare(src []Source, c *convert.Converter) (md, tt *PageSet, err error) {
	md = &PageSet{Format: FormatMarkdown}
	tt = &PageSet{Format: FormatTiptap}
	for _, s := range src {
		mp, tp, err := preparePage(s, c)
		if err != nil {
			msg := s.Path + ": " + err.Error()
			md.Excluded = append(md.Excluded, msg)
			tt.Excluded = append(tt.Excluded, msg)
			continue
		}
		md.Pages = append(md.Pages, mp)
		tt.Pages = append(tt.Pages, tp)
	}
	if len(md.Pages) == 0 {
		return nil, nil, errors.New("harness: no page of the corpus could be converted")
	}
	return md, tt, nil
}

func preparePage(s Source, c *convert.Converter) (md, tt Page, err error) {
	if !utf8.Valid(s.Data) {
		return md, tt, errors.New("not valid UTF-8")
	}
	page, err := frontmatter.Parse(s.Data)
	if err != nil {
		return md, tt, err
	}
	native, err := split(s.Path, s.Data)
	if err != nil {
		return md, tt, err
	}
	native.Native = true
	var out []byte
	switch v := page.Variant(); v {
	case FormatMarkdown:
		md = native
		out, _, err = c.ToTiptap(s.Data)
		if err == nil {
			tt, err = split(s.Path, out)
		}
	case FormatTiptap:
		tt = native
		out, _, err = c.ToMarkdown(s.Data)
		if err == nil {
			md, err = split(s.Path, out)
		}
	default:
		err = fmt.Errorf("unknown variant %q", v)
	}
	return md, tt, err
}

func split(name string, data []byte) (Page, error) {
	parts, err := frontmatter.Split(data)
	if err != nil {
		return Page{}, err
	}
	front := data[:len(data)-len(parts.Body)]
	return Page{Path: name, Front: string(front), Body: string(parts.Body)}, nil
}

// WriteSet writes s as JSON to the file name.
func WriteSet(name string, s *PageSet) error {
	data, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return os.WriteFile(name, data, 0o644)
}

// ReadSet reads a page set written by [WriteSet].
func ReadSet(name string) (*PageSet, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var s PageSet
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("harness: %s: %w", name, err)
	}
	if s.Format != FormatMarkdown && s.Format != FormatTiptap {
		return nil, fmt.Errorf("harness: %s: unknown page set format %q", name, s.Format)
	}
	return &s, nil
}

// SiteOf returns the site of a corpus page path (its first element).
func SiteOf(p string) string {
	site, _, _ := strings.Cut(p, "/")
	return path.Clean(site)
}
