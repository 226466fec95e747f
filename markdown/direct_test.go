package markdown

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"github.com/tiptapmd/tiptapmd/tiptap"
	"golang.org/x/tools/txtar"
)

// parseRendered is Parse as it reads a page whole: the transformed tree
// written as HTML by the renderer and read by tiptap.ParseHTML, with the
// positions mapped back. Parse must give the same document and notes.
func parseRendered(src []byte, opts Options) (*tiptap.Node, []tiptapmd.Note, error) {
	st, s, doc, err := read(src, opts, true)
	if err != nil {
		return nil, nil, err
	}
	r := &renderer{st: st, src: s.text, marks: true}
	r.children(doc)
	node, tnotes, err := tiptap.ParseHTML(r.out)
	m := newPosMap(r, s)
	if err != nil {
		var pe *tiptap.ParseError
		if errors.As(err, &pe) {
			return nil, nil, &ParseError{Pos: m.pos(pe.Pos), Err: pe.Err}
		}
		return nil, nil, &ParseError{Err: err}
	}
	_ = tiptap.Walk(node, func(n *tiptap.Node, entering bool) (tiptap.WalkStatus, error) {
		if entering {
			n.Pos = m.pos(n.Pos)
		}
		return tiptap.WalkContinue, nil
	})
	notes := make([]tiptapmd.Note, 0, len(st.notes)+len(tnotes))
	sortNotes(st.notes)
	for _, n := range st.notes {
		notes = append(notes, tiptapmd.Note{Pos: s.pos(n.off), Code: n.code, Severity: severity(n.visible), Message: n.msg})
	}
	for _, n := range tnotes {
		n.Pos = m.pos(n.Pos)
		notes = append(notes, n)
	}
	sort.SliceStable(notes, func(i, j int) bool {
		a, b := notes[i].Pos, notes[j].Pos
		return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
	})
	return node, notes, nil
}

// firstDiff describes where two documents differ, positions included.
func firstDiff(path string, a, b *tiptap.Node) string {
	if a == nil || b == nil {
		if a != b {
			return fmt.Sprintf("%s: %v vs %v", path, a, b)
		}
		return ""
	}
	if a.Type != b.Type || a.Text != b.Text || a.Pos != b.Pos || !reflect.DeepEqual(a.Attrs, b.Attrs) || !reflect.DeepEqual(a.Marks, b.Marks) || len(a.Content) != len(b.Content) {
		return fmt.Sprintf("%s: %s %q %v %v %v (%d) vs %s %q %v %v %v (%d)", path,
			a.Type, a.Text, a.Pos, a.Attrs, a.Marks, len(a.Content), b.Type, b.Text, b.Pos, b.Attrs, b.Marks, len(b.Content))
	}
	for i := range a.Content {
		if d := firstDiff(fmt.Sprintf("%s/%d", path, i), a.Content[i], b.Content[i]); d != "" {
			return d
		}
	}
	return ""
}

// TestParseAsRenderedPage checks that building the document from the tree,
// with HTML read in place, gives what reading the whole page as HTML
// gives, on every page of the corpus.
func TestParseAsRenderedPage(t *testing.T) {
	pages := corpus.Pages(t)
	bad := 0
	for _, p := range pages {
		body := p.Body()
		want, wantNotes, wantErr := parseRendered(body, Options{})
		got, gotNotes, gotErr := Parse(body, Options{})
		if fmt.Sprint(wantErr) != fmt.Sprint(gotErr) {
			t.Errorf("%s: error %v, want %v", p.Path, gotErr, wantErr)
			bad++
			continue
		}
		if d := firstDiff("doc", got, want); d != "" {
			t.Errorf("%s: %s", p.Path, d)
			bad++
		} else if !reflect.DeepEqual(gotNotes, wantNotes) {
			t.Errorf("%s: notes\n%v\nwant\n%v", p.Path, gotNotes, wantNotes)
			bad++
		}
		if bad > 20 {
			t.Fatal("too many differences")
		}
	}
	t.Logf("%d pages", len(pages))
}

// FuzzParseAsRenderedPage checks on any input that Parse gives the
// document and notes that reading the whole page as HTML gives. It is
// seeded with the golden inputs and small shapes of every construct the
// builder builds directly.
func FuzzParseAsRenderedPage(f *testing.F) {
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
			if s.Name == "in.md" {
				f.Add(s.Data)
			}
		}
	}
	for _, s := range []string{
		"a *b* **c** ~~d~~ `e` [f](g) <http://h> i\\*j &amp; k  \nl\nm",
		"# A *b*\n\n> q\n> - r\n>\n>   s\n\n1. x\n2. y\n\n    code\n\n```go\nz\n```\n\n---\n- [ ] t\n- [x] u\n",
		"<div>\n\n*a*\n\n</div>\n\nb <em>c\n\nd\n\n<!-- e\n\nf\n\n-->\n\ng",
		"[a](#x \"t\") {{ site.baseurl }} ![i](j)\n\n<a id=\"x\"></a>",
		"a ![b](c) d\n\n![e](f \"t\")\n![g](h)\n\n- ![i](j)\n\n*![k](l)* [![m](n)](o)",
		"a<br />b<br/>c <br> d\n\n<br /><br />\n*e*<br />\n\n*f<br />g* [h<br />i](j) `k`<br />\n\n- l<br />\n\n> m<br>\n\nn<br />",
		"<br>\n\na <BR> b<br class=\"x\"> c<br></br>d  \ne<br />  \nf",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, opts := range []Options{{}, {Typographer: true, KeepBaseURL: true}} {
			want, wantNotes, wantErr := parseRendered(src, opts)
			got, gotNotes, gotErr := Parse(src, opts)
			if fmt.Sprint(wantErr) != fmt.Sprint(gotErr) {
				t.Fatalf("error %v, want %v", gotErr, wantErr)
			}
			if d := firstDiff("doc", got, want); d != "" {
				t.Fatalf("%s", d)
			}
			if !reflect.DeepEqual(gotNotes, wantNotes) {
				t.Fatalf("notes\n%v\nwant\n%v", gotNotes, wantNotes)
			}
		}
	})
}
