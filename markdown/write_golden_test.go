package markdown_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/tiptapmd/tiptapmd/internal/golden"
	"github.com/tiptapmd/tiptapmd/markdown"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// The golden files of Render are testdata/write/*.txtar: an input
// document, in.html (the editor's HTML, read with tiptap.ParseHTML) or
// in.json (Tiptap JSON, read with tiptap.ParseJSON), and the expected
// Markdown out.md, with the notes in notes.txt when there are any. A
// comment line "options: {…}" sets RenderOptions (unknown fields are an
// error); the rest of the comment says what the file is about.
//
// Run go test -run TestRenderGolden -update to rewrite the outputs.

// goldenCase is one golden file, read.
type goldenCase struct {
	file *golden.File
	doc  *tiptap.Node
	opts markdown.RenderOptions
}

func readGolden(t *testing.T, f *golden.File) goldenCase {
	t.Helper()
	c := goldenCase{file: f}
	for _, line := range strings.Split(string(f.Comment), "\n") {
		rest, ok := strings.CutPrefix(line, "options:")
		if !ok {
			continue
		}
		dec := json.NewDecoder(strings.NewReader(rest))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c.opts); err != nil {
			t.Fatalf("%s: options: %v", f.Path, err)
		}
	}
	var err error
	switch {
	case f.Has("in.html"):
		c.doc, _, err = tiptap.ParseHTML(f.Input(t, "in.html"))
	case f.Has("in.json"):
		c.doc, err = tiptap.ParseJSON(f.Input(t, "in.json"))
	default:
		t.Fatalf("%s: no in.html or in.json section", f.Path)
	}
	if err != nil {
		t.Fatalf("%s: reading the input: %v", f.Path, err)
	}
	return c
}

func TestRenderGolden(t *testing.T) {
	golden.Glob(t, "testdata/write/*.txtar", func(t *testing.T, f *golden.File) {
		c := readGolden(t, f)
		out, notes, err := markdown.Render(c.doc, c.opts)
		if err != nil {
			t.Fatalf("Render: %v", err)
		}
		f.Check(t, "out.md", out)
		var nb bytes.Buffer
		for _, n := range notes {
			nb.WriteString(noteLine(n) + "\n")
		}
		if nb.Len() > 0 || f.Has("notes.txt") {
			f.Check(t, "notes.txt", nb.Bytes())
		}
		// What every output must be, whatever the document.
		if len(out) > 0 && (!bytes.HasSuffix(out, []byte("\n")) || bytes.HasSuffix(out, []byte("\n\n"))) {
			t.Errorf("output does not end with exactly one newline: %q", out)
		}
		again, _, err := markdown.Render(c.doc, c.opts)
		if err != nil || !bytes.Equal(again, out) {
			t.Errorf("a second Render differs (err %v)", err)
		}
	})
}

// TestRenderGoldenKramdown checks every golden output with real kramdown:
// its HTML, read back with tiptap.ParseHTML, must be the input document,
// but for the differences normalize names.
func TestRenderGoldenKramdown(t *testing.T) {
	var cases []goldenCase
	var mds []string
	liquid := map[string]string{}
	golden.Glob(t, "testdata/write/*.txtar", func(t *testing.T, f *golden.File) {
		c := readGolden(t, f)
		out, _, err := markdown.Render(c.doc, c.opts)
		if err != nil {
			t.Fatalf("Render: %v", err)
		}
		cases = append(cases, c)
		mds = append(mds, liquidMarkdown(liquid, c.doc, string(out)))
	})
	htmls := kramdownHTML(t, mds)
	for i, c := range cases {
		name := strings.TrimSuffix(c.file.Path[strings.LastIndexByte(c.file.Path, '/')+1:], ".txtar")
		t.Run(name+"_kramdown", func(t *testing.T) {
			if hasTaskList(c.doc) {
				// tiptap.ParseHTML does not read kramdown's task lists
				// (<li class="task-list-item"><input type="checkbox">):
				// check kramdown's HTML itself.
				if err := checkTaskLists(c.doc, htmls[i]); err != nil {
					t.Errorf("%v\nMarkdown:\n%s\nkramdown:\n%s", err, mds[i], htmls[i])
				}
				return
			}
			_, notes, _ := markdown.Render(c.doc, c.opts)
			got, _, err := tiptap.ParseHTML([]byte(htmls[i]))
			if err != nil {
				t.Fatalf("ParseHTML of kramdown's HTML: %v", err)
			}
			n := docNorm{kramdown: true, typography: !c.opts.EscapeTypography, liquid: liquid, decodeURLs: hasNote(notes, markdown.CodeURLEncoded)}
			want := c.doc
			if c.file.Has("in.json") {
				// A document from JSON may hold what no HTML does (white
				// space that HTML collapses, no closing empty paragraph):
				// compare with the document as the editor reads it.
				want = asEditorReads(t, want)
			}
			if c.opts.DropEmptyParagraphs {
				want = dropEmptyParagraphs(want)
			}
			if w, g := docJSONText(normalize(want, n)), docJSONText(normalize(got, n)); w != g {
				t.Errorf("kramdown renders another document\nMarkdown:\n%s\nkramdown:\n%s\n%s", mds[i], htmls[i], textDiff(w, g))
			}
		})
	}
}

// dropEmptyParagraphs returns doc without the empty paragraphs that
// RenderOptions.DropEmptyParagraphs leaves out (not the first paragraph
// of a list item or a cell's).
func dropEmptyParagraphs(doc *tiptap.Node) *tiptap.Node {
	doc = doc.Clone()
	var walk func(x *tiptap.Node)
	walk = func(x *tiptap.Node) {
		switch x.Type {
		case tiptap.TypeListItem, tiptap.TypeTaskItem, tiptap.TypeTableCell, tiptap.TypeTableHeader:
		case tiptap.TypeDetailsGroup, tiptap.TypeCards, tiptap.TypeTable:
			return // written as HTML, or cells
		case tiptap.TypeBlockquote:
			if allEmptyParagraphs(x.Content) {
				return
			}
			fallthrough
		default:
			kept := x.Content[:0]
			for _, c := range x.Content {
				if c.Type != tiptap.TypeParagraph || len(c.Content) > 0 {
					kept = append(kept, c)
				}
			}
			x.Content = kept
		}
		for _, c := range x.Content {
			walk(c)
		}
	}
	walk(doc)
	// The editor ends a document that does not end with a paragraph
	// with an empty one.
	if n := len(doc.Content); n > 0 && doc.Content[n-1].Type != tiptap.TypeParagraph {
		doc.Content = append(doc.Content, &tiptap.Node{Type: tiptap.TypeParagraph})
	}
	return doc
}

func allEmptyParagraphs(blocks []*tiptap.Node) bool {
	for _, b := range blocks {
		if b.Type != tiptap.TypeParagraph || len(b.Content) > 0 {
			return false
		}
	}
	return true
}

// asEditorReads returns the document as the editor reads it back from
// its own HTML.
func asEditorReads(t *testing.T, doc *tiptap.Node) *tiptap.Node {
	t.Helper()
	h, err := tiptap.RenderHTML(doc)
	if err != nil {
		t.Fatalf("RenderHTML: %v", err)
	}
	back, _, err := tiptap.ParseHTML(h)
	if err != nil {
		t.Fatalf("ParseHTML: %v", err)
	}
	return back
}

func hasTaskList(doc *tiptap.Node) bool {
	found := false
	_ = tiptap.Walk(doc, func(x *tiptap.Node, entering bool) (tiptap.WalkStatus, error) {
		found = found || x.Type == tiptap.TypeTaskList
		return tiptap.WalkContinue, nil
	})
	return found
}

// checkTaskLists checks that kramdown's HTML has the document's task
// items, in order: an li.task-list-item with a checkbox, checked as the
// item is, and the item's text.
func checkTaskLists(doc *tiptap.Node, h string) error {
	var want []string
	_ = tiptap.Walk(doc, func(x *tiptap.Node, entering bool) (tiptap.WalkStatus, error) {
		if entering && x.Type == tiptap.TypeTaskItem {
			want = append(want, fmt.Sprintf("%v %s", x.AttrBool("checked"), x.Content[0].TextContent()))
		}
		return tiptap.WalkContinue, nil
	})
	root, err := html.Parse(strings.NewReader(h))
	if err != nil {
		return err
	}
	var got []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "li" && domAttr(n, "class") == "task-list-item" {
			checked, text := false, ""
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				switch {
				case c.Type == html.ElementNode && c.Data == "input" && domAttr(c, "type") == "checkbox":
					_, checked = htmlAttrOK(c, "checked")
				case c.Type == html.TextNode:
					text += c.Data
				}
			}
			got = append(got, fmt.Sprintf("%v %s", checked, strings.TrimSpace(text)))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if strings.Join(want, "\n") != strings.Join(got, "\n") {
		return fmt.Errorf("kramdown's task items differ:\nwant %q\ngot  %q", want, got)
	}
	return nil
}

func domAttr(n *html.Node, key string) string {
	v, _ := htmlAttrOK(n, key)
	return v
}

func htmlAttrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// TestRenderGoldenParse reads every golden output back with Parse: it
// must be the input document, but for the differences normalize names.
func TestRenderGoldenParse(t *testing.T) {
	golden.Glob(t, "testdata/write/*.txtar", func(t *testing.T, f *golden.File) {
		c := readGolden(t, f)
		out, notes, err := markdown.Render(c.doc, c.opts)
		if err != nil {
			t.Fatalf("Render: %v", err)
		}
		want := c.doc
		if f.Has("in.json") {
			want = asEditorReads(t, want)
		}
		if c.opts.DropEmptyParagraphs {
			want = dropEmptyParagraphs(want)
		}
		switch diff, err := roundTrip(want, out, notes); {
		case err != nil:
			t.Fatalf("Parse: %v", err)
		case diff != "":
			t.Errorf("Parse reads another document back from\n%s\n%s", out, diff)
		}
	})
}
