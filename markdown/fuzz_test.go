package markdown_test

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/internal/xss"
	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
	"golang.org/x/tools/txtar"
)

// FuzzParse checks that Parse never panics, that it fails only on
// invalid UTF-8 (or HTML nested too deeply for the HTML reader), that
// every position it reports lies in the input, and that the document
// renders to the stored HTML form, which runs no script, and reads back
// as itself. It is seeded with the golden inputs, the active-content
// vectors of internal/xss and a sample of corpus pages.
func FuzzParse(f *testing.F) {
	addParseSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, opts := range []markdown.Options{{}, {Typographer: true, KeepBaseURL: true}} {
			type res struct {
				doc   *tiptap.Node
				notes []tiptapmd.Note
				err   error
			}
			ch := make(chan res, 1)
			go func() {
				d, n, e := markdown.Parse(src, opts)
				ch <- res{d, n, e}
			}()
			var r res
			select {
			case r = <-ch:
			case <-time.After(10 * time.Second):
				t.Fatalf("Parse has not returned after 10s")
			}
			doc, notes, err := r.doc, r.notes, r.err
			if err != nil {
				var pe *markdown.ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("error is not a *ParseError: %v", err)
				}
				if errors.Is(err, markdown.ErrInvalidUTF8) == utf8.Valid(src) {
					t.Fatalf("ErrInvalidUTF8 = %v for valid = %v", errors.Is(err, markdown.ErrInvalidUTF8), utf8.Valid(src))
				}
				if !errors.Is(err, markdown.ErrInvalidUTF8) && !errors.Is(err, tiptap.ErrTooDeep) && !errors.Is(err, tiptap.ErrTooLarge) {
					t.Fatalf("unexpected error: %v", err)
				}
				checkPos(t, lineLengths(src), pe.Pos, "error")
				continue
			}
			lines := lineLengths(src)
			for _, n := range notes {
				checkPos(t, lines, n.Pos, n.String())
			}
			_ = tiptap.Walk(doc, func(n *tiptap.Node, entering bool) (tiptap.WalkStatus, error) {
				if entering {
					checkPos(t, lines, n.Pos, n.Type)
				}
				return tiptap.WalkContinue, nil
			})
			out, err := tiptap.RenderHTML(doc)
			if errors.Is(err, tiptap.ErrTooLarge) {
				continue // the stored form holds more tags than ParseHTML reads
			}
			if err != nil {
				t.Fatalf("RenderHTML: %v", err)
			}
			if active := xss.Features(string(out)); len(active) > 0 {
				t.Fatalf("the tiptap HTML runs script (%v):\n%s", active, out)
			}
			back, _, err := tiptap.ParseHTML(out)
			if err != nil {
				t.Fatalf("ParseHTML(RenderHTML(doc)): %v", err)
			}
			// White space at text edges may move in the stored layout
			// (tiptap's round trip, not ours): compare it collapsed. An
			// empty document is stored as the editor saves it, <p></p>.
			if len(doc.Content) == 0 {
				doc = &tiptap.Node{Type: tiptap.TypeDoc, Content: []*tiptap.Node{{Type: tiptap.TypeParagraph}}}
			}
			if a, b := shape(doc), shape(back); a != b {
				t.Fatalf("the rendered document reads back differently:\n%s\nvs\n%s", a, b)
			}
		}
	})
}

// addParseSeeds seeds a fuzz target of Markdown pages with the golden
// inputs, the active-content vectors of internal/xss, a sample of small
// corpus pages and the shapes that took quadratic time.
func addParseSeeds(f *testing.F) {
	paths, err := filepath.Glob("testdata/parse/*.txtar")
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, s := range a.Files {
			if s.Name == "in.md" || s.Name == "in.md.crlf" {
				f.Add(s.Data)
			}
		}
	}
	for _, v := range xss.All() {
		f.Add([]byte(v.Body))
	}
	// Small pages only: the fuzzer mutates and minimizes its seeds, which
	// takes long on large ones.
	pages := markdownPages(f)
	for i, n := 0, 0; i < len(pages) && n < 24; i += 7 {
		if b := pages[i].Body(); len(b) > 200 && len(b) < 4000 {
			f.Add(b)
			n++
		}
	}
	// Line breaks written as HTML, as Render writes them.
	f.Add([]byte("a<br />b<br/>c <br> d\n\n<br /><br />\n*e*<br />\n\n*f<br />g* [h<br />i](j) `k`<br />\n\n- l<br />\n\n> m<br>\n\nn<br />"))
	f.Add([]byte("a<sup>1</sup> b<sub>2</sub> [<sup>3</sup>](#n) *x<sup>y*</sup> <sup>open\n\n<sup><sub>z</sub></sup> <sup><sup>w</sup></sup> <sup> </sup>"))
	f.Add([]byte("![a & b](/x%20&%20y.png \"t & u\")\n\n![&amp;](/a&amp;b.png) ![&#38;](/&#x26;) ![&copy](/&copy) ![y](/a&b=c)"))
	// The shapes that took quadratic time, small.
	for _, sh := range hostileShapes {
		f.Add([]byte(sh.page(40)))
	}
}

// shape describes a document for comparison: node types, attributes,
// marks, and the text with white space removed (white-space-only text
// dropped, and text of the same marks joined).
func shape(doc *tiptap.Node) string {
	var b strings.Builder
	lastMarks := "\x00"
	_ = tiptap.Walk(doc, func(n *tiptap.Node, entering bool) (tiptap.WalkStatus, error) {
		if n.Type == tiptap.TypeText {
			if entering {
				t := strings.Join(strings.Fields(n.Text), "")
				if t == "" {
					return tiptap.WalkContinue, nil
				}
				if m := fmt.Sprint(n.Marks); m != lastMarks {
					fmt.Fprintf(&b, "|%s:", m)
					lastMarks = m
				}
				b.WriteString(t)
			}
			return tiptap.WalkContinue, nil
		}
		lastMarks = "\x00"
		if entering {
			fmt.Fprintf(&b, "(%s%v", n.Type, n.Attrs)
		} else {
			b.WriteString(")")
		}
		return tiptap.WalkContinue, nil
	})
	return b.String()
}

// lineLengths returns the length of each line of src. Lines end at
// "\n", "\r\n" or "\r".
func lineLengths(src []byte) []int {
	norm := bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	norm = bytes.ReplaceAll(norm, []byte("\r"), []byte("\n"))
	var n []int
	for _, l := range bytes.Split(norm, []byte("\n")) {
		n = append(n, len(l))
	}
	return n
}

// checkPos fails t when p is not a position in lines (the zero Pos, for
// an unknown position, is allowed).
func checkPos(t *testing.T, lines []int, p tiptapmd.Pos, what string) {
	t.Helper()
	if !p.IsValid() {
		return
	}
	if p.Line > len(lines) || p.Column < 1 || p.Column > lines[p.Line-1]+1 {
		t.Fatalf("%s: position %s is outside the input (%d lines)", what, p, len(lines))
	}
}
