package tiptap

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/tiptapmd/tiptapmd/internal/xss"
)

// addSeeds adds the in.html sections of the parse goldens, the
// active-content vectors of internal/xss and the first tiptap pages of
// the corpus to f.
func addSeeds(f *testing.F) {
	paths, err := filepath.Glob("testdata/parse/*.txtar")
	if err != nil || len(paths) == 0 {
		f.Fatalf("no golden files to seed from: %v", err)
	}
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, s := range a.Files {
			if s.Name == "in.html" {
				f.Add(s.Data)
			}
		}
	}
	for _, v := range xss.All() {
		f.Add([]byte(v.Body))
	}
	// Shapes of issue #15 that took quadratic time or memory, small.
	for _, s := range []string{
		"<p>" + strings.Repeat(`<a href="b">a</a> `, 40) + "</p>",
		"<table><tbody>" + strings.Repeat("<tr>"+strings.Repeat("<td><p>a</p></td>", 20)+"</tr>", 20) + "</tbody></table>",
		"<p>" + strings.Repeat("x &lt;script&gt; ", 40) + "</p>",
		"<p>" + strings.Repeat("[ (](", 40) + "</p>",
		strings.Repeat("<ul><li><p>x</p>", 40) + strings.Repeat("</li></ul>", 40),
		"<p>" + strings.Repeat("<strong>a</strong><em>b</em>", 40) + "</p>",
		strings.Repeat("<td>a", 100),
	} {
		f.Add([]byte(s))
	}
	n := 0
	for _, pg := range tiptapPages(f) {
		if body := pg.Body(); len(body) > 0 && n < 40 {
			f.Add(body)
			n++
		}
	}
}

// repairTables replaces every table under n by its repaired form, as
// RenderHTML writes it, and reports whether repairing one of them again
// would change it further.
func repairTables(n *Node) (unstable bool) {
	for i, c := range n.Content {
		if c.Type == TypeTable {
			n.Content[i] = fixedTable(c)
			unstable = unstable || fixedTable(n.Content[i]) != n.Content[i]
		}
		unstable = repairTables(n.Content[i]) || unstable
	}
	return unstable
}

// FuzzParseHTML checks that ParseHTML never panics, that what it returns
// renders, that the rendered HTML runs no script (xss.Features finds
// nothing in it), and that it reads back as the same document.
func FuzzParseHTML(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, notes, err := ParseHTML(src)
		if err != nil {
			var pe *ParseError
			if !errors.Is(err, ErrTooDeep) && !errors.Is(err, ErrTooLarge) || !errors.As(err, &pe) || !pe.Pos.IsValid() {
				t.Fatalf("ParseHTML error %v; want a *ParseError with ErrTooDeep or ErrTooLarge and a position", err)
			}
			return
		}
		for _, n := range notes {
			if n.Code == "" || n.Message == "" {
				t.Fatalf("empty note %+v", n)
			}
		}
		out, err := RenderHTML(doc)
		if errors.Is(err, ErrTooDeep) || errors.Is(err, ErrTooLarge) {
			return // the HTML would nest more deeply, or hold more tags, than the input did
		}
		if err != nil {
			t.Fatalf("RenderHTML of a parsed document: %v\n%s", err, docJSON(t, doc))
		}
		if active := xss.Features(string(out)); len(active) > 0 {
			t.Fatalf("the rendered HTML runs script (%v):\n%s", active, out)
		}
		back, _, err := ParseHTML(out)
		if err != nil {
			t.Fatalf("ParseHTML(RenderHTML(doc)): %v", err)
		}
		// Read without positions, and read back through Write, the same.
		srcAgain, _, _ := ParseHTML(src)
		if bare, _, _, err := parseHTMLMode(src, false, false); err != nil || !reflect.DeepEqual(bare, withoutPos(srcAgain)) {
			t.Fatalf("ParseHTML without positions reads another document (%v)", err)
		}
		w, err := Write(doc)
		if err != nil || !bytes.Equal(w.HTML, out) {
			t.Fatalf("Write does not write what RenderHTML writes (%v)", err)
		}
		wback, saved, err := w.ReadBack()
		wantSaved, _ := Resave(out)
		backAgain, _, _ := ParseHTML(out)
		if err != nil || !reflect.DeepEqual(wback, withoutPos(backAgain)) || !bytes.Equal(saved, wantSaved) {
			t.Fatalf("ReadBack differs from ParseHTML and Resave (%v):\n%s\n---\n%s", err, saved, wantSaved)
		}
		if len(doc.Content) == 0 {
			// An empty document is saved as the editor saves an empty
			// page, <p></p>.
			doc = &Node{Type: TypeDoc, Content: []*Node{{Type: TypeParagraph}}}
		}
		// Tables are saved as the editor repairs them on load. A cell
		// that collides with a rowspan makes the editor change the table
		// again on every load: such a table never reads back as itself.
		if repairTables(doc) {
			return
		}
		want, got := docJSON(t, doc), docJSON(t, back)
		if !sameReadBack(want, got) {
			t.Fatalf("rendered HTML reads back as another document\nHTML:\n%s\nwant:\n%s\ngot:\n%s", out, want, got)
		}
		again, err := RenderHTML(back)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("Format is not idempotent:\n%s\n---\n%s", out, again)
		}
		fromJSON, err := ParseJSON(want)
		if err != nil {
			t.Fatalf("ParseJSON of the document's JSON: %v", err)
		}
		if got := docJSON(t, fromJSON); !bytes.Equal(got, want) {
			t.Fatalf("JSON reads back as another document:\n%s", got)
		}
	})
}

// FuzzParseJSON checks that ParseJSON and RenderHTML never panic, that
// RenderHTML reports a bad document as a *SchemaError, and that the HTML of
// a good one runs no script and reads back.
func FuzzParseJSON(f *testing.F) {
	paths, _ := filepath.Glob("testdata/render/*.txtar")
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, s := range a.Files {
			if s.Name == "in.json" {
				f.Add(s.Data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ParseJSON(data)
		if err != nil {
			return
		}
		out, err := RenderHTML(doc)
		if cerr := Check(doc); !reflect.DeepEqual(cerr, err) {
			t.Fatalf("Check: %v; RenderHTML: %v", cerr, err)
		}
		if err != nil {
			var se *SchemaError
			if !errors.As(err, &se) {
				t.Fatalf("RenderHTML error %T %v; want *SchemaError", err, err)
			}
			return
		}
		if tags, bound := startTags(out), tagBound(doc); tags > bound {
			t.Fatalf("%d tags, more than the bound %d", tags, bound)
		}
		if active := xss.Features(string(out)); len(active) > 0 {
			t.Fatalf("the rendered HTML runs script (%v):\n%s", active, out)
		}
		if _, _, err := Format(out); err != nil && !errors.Is(err, ErrTooDeep) {
			t.Fatalf("Format(RenderHTML(doc)): %v", err)
		}
	})
}
