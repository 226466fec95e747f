package markdown_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"golang.org/x/tools/txtar"

	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// fuzzSeeds returns the inputs of the golden files (JSON written as the
// editor's HTML), their outputs, and the bodies of the first pages of the
// corpus of the variant, when it is there.
func fuzzSeeds(f *testing.F, variant string) (inputs, outputs [][]byte) {
	paths, err := filepath.Glob("testdata/write/*.txtar")
	if err != nil || len(paths) == 0 {
		f.Fatalf("no golden files: %v", err)
	}
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, s := range a.Files {
			switch s.Name {
			case "in.html":
				inputs = append(inputs, s.Data)
			case "in.json":
				doc, err := tiptap.ParseJSON(s.Data)
				if err != nil {
					f.Fatalf("%s: %v", p, err)
				}
				h, err := tiptap.RenderHTML(doc)
				if err != nil {
					f.Fatalf("%s: %v", p, err)
				}
				inputs = append(inputs, h)
			case "out.md":
				outputs = append(outputs, s.Data)
			}
		}
	}
	inputs = append(inputs, smallBodies(f, variant)...)
	return inputs, outputs
}

// smallBodies returns the bodies of a few small pages of the corpus of
// a variant, spread over the corpus (small, so that the fuzzer's
// mutations stay fast).
func smallBodies(f *testing.F, variant string) [][]byte {
	var bodies [][]byte
	pages := corpus.Variant(corpus.Pages(f), variant)
	for i := 0; i < len(pages) && len(bodies) < 12; i += 7 {
		if b := pages[i].Body(); len(b) > 0 && len(b) < 6000 {
			bodies = append(bodies, b)
		}
	}
	return bodies
}

// checkRender checks what must hold of Render whatever the document
// (one the editor could hold): it succeeds, its output is the same on a
// second call, ends with exactly one newline (or is empty), holds none
// of the printer's markers unless the document does, and Parse
// reads it.
func checkRender(t *testing.T, doc *tiptap.Node, opts markdown.RenderOptions) {
	t.Helper()
	md, _, err := markdown.Render(doc, opts)
	if err != nil {
		t.Fatalf("Render of a document the editor holds: %v\n%s", err, docJSONText(doc))
	}
	again, _, _ := markdown.Render(doc, opts)
	if !bytes.Equal(md, again) {
		t.Fatalf("Render is not deterministic:\n%q\n%q", md, again)
	}
	if len(md) > 0 && (md[len(md)-1] != '\n' || bytes.HasSuffix(md, []byte("\n\n"))) {
		t.Fatalf("output does not end with exactly one newline: %q", md)
	}
	if !utf8.Valid(md) {
		t.Fatalf("output is not UTF-8: %q", md)
	}
	text := allStrings(doc)
	for _, m := range []string{"\a", "\uf002"} {
		if strings.Contains(string(md), m) && !strings.Contains(text, m) {
			t.Fatalf("output holds the printer's marker %q: %q", m, md)
		}
	}
	back, _, err := markdown.Parse(md, markdown.Options{KeepBaseURL: true})
	if err != nil {
		t.Fatalf("Parse of Render's output: %v\n%q", err, md)
	}
	if _, _, err := markdown.Render(back, opts); err != nil {
		t.Fatalf("Render of what Parse read back: %v", err)
	}
}

// FuzzRender renders documents read from random HTML.
func FuzzRender(f *testing.F) {
	inputs, _ := fuzzSeeds(f, "tiptap")
	for _, in := range inputs {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, _, err := tiptap.ParseHTML(src)
		if err != nil {
			return // nested too deeply: ParseHTML's own error
		}
		checkRender(t, doc, markdown.RenderOptions{})
		checkRender(t, doc, markdown.RenderOptions{LinkTargets: true, EscapeTypography: true, DropEmptyParagraphs: true})
		checkSettles(t, doc)
	})
}

// FuzzRenderMarkdown renders documents read from random Markdown, and
// checks that writing and reading settle: once Parse has read Render's
// Markdown, another cycle changes nothing. (That Parse reads the first
// Markdown back as the document is measured on the corpus, see
// TestRenderFixedPoint: where it does not, Parse reads it otherwise
// than kramdown, and random Markdown finds such cases quickly.)
func FuzzRenderMarkdown(f *testing.F) {
	_, outputs := fuzzSeeds(f, "markdown")
	for _, out := range outputs {
		f.Add(out)
	}
	for _, body := range smallBodies(f, "markdown") {
		f.Add(body)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, _, err := markdown.Parse(src, markdown.Options{})
		if err != nil {
			return // not UTF-8, or nested too deeply: Parse's own errors
		}
		checkRender(t, doc, markdown.RenderOptions{})
		checkSettles(t, doc)
	})
}

// checkSettles checks that Render(Parse(m)) == m for the Markdown m
// that Render writes of what Parse reads from Render's Markdown.
func checkSettles(t *testing.T, doc *tiptap.Node) {
	t.Helper()
	cycle := func(md []byte) []byte {
		back, _, err := markdown.Parse(md, readOptions)
		if err != nil {
			t.Fatalf("Parse of Render's output: %v\n%q", err, md)
		}
		out, _, err := markdown.Render(back, markdown.RenderOptions{})
		if err != nil {
			t.Fatalf("Render of what Parse read back: %v", err)
		}
		return out
	}
	m1, _, _ := markdown.Render(doc, markdown.RenderOptions{})
	m2 := cycle(m1)
	if m3 := cycle(m2); !bytes.Equal(m2, m3) {
		t.Fatalf("no fixed point:\n%q\n%q\n%q", m1, m2, m3)
	}
}

// allStrings returns the texts and string attributes of a document.
func allStrings(doc *tiptap.Node) string {
	var b strings.Builder
	_ = tiptap.Walk(doc, func(x *tiptap.Node, entering bool) (tiptap.WalkStatus, error) {
		if entering {
			b.WriteString(x.Text)
			for _, v := range x.Attrs {
				if s, ok := v.(string); ok {
					b.WriteString(s)
				}
			}
			for _, m := range x.Marks {
				for _, v := range m.Attrs {
					if s, ok := v.(string); ok {
						b.WriteString(s)
					}
				}
			}
		}
		return tiptap.WalkContinue, nil
	})
	return b.String()
}
