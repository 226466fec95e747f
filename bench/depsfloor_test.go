package bench_test

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"
	"golang.org/x/net/html"
)

// depsPage is what the dependencies get of one page in BenchmarkDepsFloor.
type depsPage struct {
	front []byte // the front matter's YAML, without its --- lines
	md    []byte // the page's Markdown body
	raw   []byte // the raw HTML goldmark finds in md, blocks and inline, joined
	tt    []byte // the page's Tiptap body
}

// BenchmarkDepsFloor measures the share of a page conversion that the
// dependencies alone must do, with nothing built from what they read:
// yaml's parse of the front matter, goldmark's parse of the Markdown
// (no rendering), x/net/html's tokenizing of the raw HTML goldmark
// leaves in it (joined, one tokenizer a page), and the tokenizing of the Tiptap body. Converting a page
// either way and reading the result back, as the page API does to check
// it, needs all four; the sum is a floor under BenchmarkToTiptapCorpus
// and BenchmarkToMarkdownCorpus that no implementation on these
// dependencies can go below, to set beside BenchmarkGoldmarkFloor and
// BenchmarkH2MFloor.
func BenchmarkDepsFloor(b *testing.B) {
	md, tt := corpusSets(b)
	gm := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()
	pages := make([]depsPage, len(md.Pages))
	for i := range md.Pages {
		p := &pages[i]
		p.front = frontYAML(md.Pages[i].Front)
		p.md = []byte(md.Pages[i].Body)
		p.tt = []byte(tt.Pages[i].Body)
		p.raw = bytes.Join(rawHTML(gm.Parse(text.NewReader(p.md)), p.md), nil)
	}
	n, _ := md.Sizes()
	parts := []struct {
		name string
		fn   func(p *depsPage)
	}{
		{"yaml", func(p *depsPage) {
			var n yaml.Node
			if err := yaml.Unmarshal(p.front, &n); err != nil {
				b.Fatal(err)
			}
		}},
		{"goldmark-parse", func(p *depsPage) { gm.Parse(text.NewReader(p.md)) }},
		{"tokenize-raw-html", func(p *depsPage) { tokenize(p.raw) }},
		{"tokenize-tiptap", func(p *depsPage) { tokenize(p.tt) }},
	}
	for _, part := range parts {
		b.Run(part.name, func(b *testing.B) {
			b.SetBytes(n)
			b.ReportAllocs()
			for b.Loop() {
				for i := range pages {
					part.fn(&pages[i])
				}
			}
		})
	}
	b.Run("all", func(b *testing.B) {
		b.SetBytes(n)
		b.ReportAllocs()
		for b.Loop() {
			for i := range pages {
				for _, part := range parts {
					part.fn(&pages[i])
				}
			}
		}
	})
}

// frontYAML returns the YAML between a front matter's --- lines.
func frontYAML(front string) []byte {
	b := []byte(front)
	b = bytes.TrimPrefix(b, []byte("---\n"))
	if i := bytes.LastIndex(b, []byte("---")); i >= 0 {
		b = b[:i]
	}
	return b
}

// rawHTML returns the raw HTML blocks and inline HTML of a goldmark
// tree, each block as one slice.
func rawHTML(doc ast.Node, src []byte) [][]byte {
	var out [][]byte
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var segs *text.Segments
		switch n := n.(type) {
		case *ast.HTMLBlock:
			segs = n.Lines()
		case *ast.RawHTML:
			segs = n.Segments
		default:
			return ast.WalkContinue, nil
		}
		var r []byte
		for i := range segs.Len() {
			s := segs.At(i)
			r = append(r, s.Value(src)...)
		}
		out = append(out, r)
		return ast.WalkContinue, nil
	})
	return out
}

// tokenize reads every token of src with x/net/html, with its tag names
// and attributes, as a reader must.
func tokenize(src []byte) {
	z := html.NewTokenizer(bytes.NewReader(src))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.StartTagToken, html.SelfClosingTagToken:
			_, more := z.TagName()
			for more {
				_, _, more = z.TagAttr()
			}
		}
	}
}

// TestDepsFloorInputs checks that BenchmarkDepsFloor measures real
// input: every page has a body both ways, and the raw HTML it finds is
// the corpus's.
func TestDepsFloorInputs(t *testing.T) {
	md, tt := corpusSets(t)
	gm := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()
	if len(md.Pages) != len(tt.Pages) {
		t.Fatalf("%d Markdown pages, %d Tiptap pages", len(md.Pages), len(tt.Pages))
	}
	raws, fronts := 0, 0
	for i := range md.Pages {
		body := []byte(md.Pages[i].Body)
		for _, r := range rawHTML(gm.Parse(text.NewReader(body)), body) {
			if !bytes.Contains(body, bytes.TrimRight(r, "\n")) && !bytes.HasPrefix(bytes.TrimSpace(r), []byte("<")) {
				t.Errorf("%s: raw HTML %q is not the body's", md.Pages[i].Path, r)
			}
			raws++
		}
		var n yaml.Node
		if err := yaml.Unmarshal(frontYAML(md.Pages[i].Front), &n); err != nil {
			t.Errorf("%s: front matter: %v", md.Pages[i].Path, err)
		}
		if n.Kind != 0 {
			fronts++
		}
	}
	if raws == 0 || fronts == 0 {
		t.Errorf("%d raw HTML pieces, %d front matters: the corpus sets are not read", raws, fronts)
	}
}
