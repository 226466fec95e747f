package tiptap

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/tiptapmd/tiptapmd"
)

func TestPositions(t *testing.T) {
	src := "<p>one</p>\r\n<blockquote>\n  <p>two</p>\n</blockquote>\nloose ’text\n<table><tr><td>cell</td></tr></table>"
	doc, _, err := ParseHTML([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		typ string
		pos tiptapmd.Pos
	}{
		{TypeParagraph, tiptapmd.Pos{Line: 1, Column: 1}},
		{TypeBlockquote, tiptapmd.Pos{Line: 2, Column: 1}},
		{TypeParagraph, tiptapmd.Pos{Line: 5, Column: 1}}, // made for the loose text, at the text
		{TypeTable, tiptapmd.Pos{Line: 6, Column: 1}},
	}
	if len(doc.Content) < len(want) {
		t.Fatalf("got %d blocks, want at least %d", len(doc.Content), len(want))
	}
	for i, w := range want {
		if b := doc.Content[i]; b.Type != w.typ || b.Pos != w.pos {
			t.Errorf("block %d: %s at %v, want %s at %v", i, b.Type, b.Pos, w.typ, w.pos)
		}
	}
	if p := doc.Content[1].Content[0].Pos; p != (tiptapmd.Pos{Line: 3, Column: 3}) {
		t.Errorf("paragraph in blockquote at %v, want 3:3", p)
	}
	// The row and the cell come from elements; the paragraph that wraps
	// the cell's text is at the text.
	row := doc.Content[3].Content[0]
	if row.Pos != (tiptapmd.Pos{Line: 6, Column: 8}) || row.Content[0].Pos != (tiptapmd.Pos{Line: 6, Column: 12}) || row.Content[0].Content[0].Pos != (tiptapmd.Pos{Line: 6, Column: 16}) {
		t.Errorf("row at %v, cell at %v, paragraph at %v; want 6:8, 6:12, 6:16", row.Pos, row.Content[0].Pos, row.Content[0].Content[0].Pos)
	}
	// A paragraph filled in because a list item must start with one is at
	// the item.
	doc, _, _ = ParseHTML([]byte("<ul>\n<li></li></ul>"))
	if p := doc.Content[0].Content[0].Content[0].Pos; p != (tiptapmd.Pos{Line: 2, Column: 1}) {
		t.Errorf("filled-in paragraph at %v, want 2:1", p)
	}
	// Columns count bytes: "’" is three.
	_, notes, _ := ParseHTML([]byte("<p>’’ <span id=x>y</span></p>"))
	if len(notes) != 1 || notes[0].Pos != (tiptapmd.Pos{Line: 1, Column: 11}) {
		t.Errorf("notes %v, want one at 1:11", notes)
	}
}

// TestPositionFallback checks sources the parser cannot instrument: they
// still parse the same way, with fewer positions.
func TestPositionFallback(t *testing.T) {
	for _, src := range []string{
		"<p data-tiptapmd-pos=\"7\">text with the attribute the parser uses</p>",
		"<p>a noncharacter \ufdd0 in the text</p>",
		"<svg><title><p>foreign content</p></title></svg><p>after</p>",
		"<p>a tag cut off at the end</p><p class=\"a",
	} {
		doc, _, err := ParseHTML([]byte(src))
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		text := doc.TextContent()
		if strings.Contains(text, "tiptapmd") || strings.ContainsRune(text, markerEnd) {
			t.Errorf("%q: instrumentation leaked into the text: %q", src, text)
		}
		if !doc.Content[0].Pos.IsValid() {
			t.Errorf("%q: first block has no position", src)
		}
	}
	doc, _, _ := ParseHTML([]byte("<p>a noncharacter \ufdd0 in the text</p>"))
	if got := doc.TextContent(); got != "a noncharacter \ufdd0 in the text" {
		t.Errorf("text %q", got)
	}
}

func TestInvalidUTF8(t *testing.T) {
	doc, _, err := ParseHTML([]byte("<p>a\xffb</p><img src=\"/x\xfe.png\">"))
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Content[0].TextContent(); got != "a\ufffdb" {
		t.Errorf("text %q, want a\\ufffdb", got)
	}
	if got := doc.Content[1].AttrString("src"); got != "/x\ufffd.png" {
		t.Errorf("src %q", got)
	}
}

// TestDeepNesting checks that deeply nested input is refused with a
// position, and that what can be read renders. How the time grows with
// the depth is measured in the bench module (BenchmarkNesting,
// TestNestingScalesLinearly), not with a clock here.
func TestDeepNesting(t *testing.T) {
	for _, open := range []string{"<div>", "<ul><li>", "<blockquote>", "<b>", "<table><tr><td>", "<details><summary>s</summary>"} {
		src := []byte(strings.Repeat(open+"\n", 10000) + "x")
		_, _, err := ParseHTML(src)
		var pe *ParseError
		if !errors.Is(err, ErrTooDeep) || !errors.As(err, &pe) || !pe.Pos.IsValid() {
			t.Errorf("%s×10000: err %v, want a ParseError with ErrTooDeep and a position", open, err)
		}
	}
	// 500 levels are accepted, render and read back.
	for _, open := range []string{"<div>", "<blockquote>", "<b>"} {
		src := []byte(strings.Repeat(open, 500) + "x")
		doc, _, err := ParseHTML(src)
		if err != nil {
			t.Fatalf("%s×500: %v", open, err)
		}
		out, err := RenderHTML(doc)
		if err != nil {
			t.Fatalf("%s×500: RenderHTML: %v", open, err)
		}
		if _, _, err := ParseHTML(out); err != nil {
			t.Fatalf("%s×500: reading the output back: %v", open, err)
		}
	}
}

func TestRenderTooDeep(t *testing.T) {
	doc := &Node{Type: TypeDoc}
	n := doc
	for range 600 {
		q := &Node{Type: TypeBlockquote}
		n.Content = []*Node{q}
		n = q
	}
	n.Content = []*Node{{Type: TypeParagraph}}
	_, err := RenderHTML(doc)
	var se *SchemaError
	if !errors.Is(err, ErrTooDeep) || !errors.As(err, &se) {
		t.Fatalf("err %v, want a SchemaError with ErrTooDeep", err)
	}
	// The 511th blockquote is the first element too many.
	if want := strings.Repeat("/content/0", 511); se.Path != want {
		t.Errorf("path has %d steps, want 511", strings.Count(se.Path, "/content/"))
	}
}

func TestRenderEscaping(t *testing.T) {
	doc := &Node{Type: TypeDoc, Content: []*Node{
		{Type: TypeParagraph, Content: []*Node{{Type: TypeText, Text: "a < b & c > d \"q\" 'a' \u00a0nbsp"}}},
		{Type: TypeImage, Attrs: map[string]any{"src": "/a&b.png", "alt": "say \"hi\" <now>\u00a0"}},
	}}
	got := string(renderSingleLine(doc))
	want := `<p>a &lt; b &amp; c &gt; d "q" 'a' &nbsp;nbsp</p>` +
		`<div class="isomer-image-wrapper"><img src="/a&amp;b.png" alt="say &quot;hi&quot; &lt;now&gt;&nbsp;" width="100%" height="auto" style="width: 100%"></div><p></p>`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestEmptyDocument(t *testing.T) {
	for _, src := range []string{"", "  \n\t", "<!-- only a comment -->", "<script>x()</script>"} {
		doc, _, err := ParseHTML([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if doc.Type != TypeDoc || len(doc.Content) != 0 {
			t.Errorf("%q: got %d blocks, want none", src, len(doc.Content))
		}
		// The editor saves an empty page as one empty paragraph.
		out, err := RenderHTML(doc)
		if err != nil || string(out) != "<p></p>" {
			t.Errorf("%q: RenderHTML = %q, %v; want <p></p>", src, out, err)
		}
	}
}

// TestNotesAreReports checks that parsing records drops but not the
// dialect's own markup.
func TestNotesAreReports(t *testing.T) {
	canonical := `<h4>Title</h4>
<p>Text with <a href="/x" class="link__pdf" rel="noopener nofollow" target="_blank">a link</a>.</p>
<ol start="2" data-tight="true" class="tight">
<li>
<p>item</p>
</li>
</ol>
<div class="isomer-image-wrapper">
<img style="width: 50%;" height="auto" width="100%" alt="" src="/images/a.png">
</div>
<div class="iframe-wrapper">
<iframe referrerpolicy="strict-origin-when-cross-origin" height="315" width="560" allowfullscreen="true" frameborder="0" src="https://www.youtube.com/embed/x"></iframe>
</div>
<table style="minWidth: 25px">
<colgroup>
<col>
</colgroup>
<tbody>
<tr>
<td rowspan="1" colspan="1">
<p>cell</p>
</td>
</tr>
</tbody>
</table>
<p></p>`
	doc, notes, err := ParseHTML([]byte(canonical))
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 0 {
		t.Errorf("canonical HTML gave notes: %v", notes)
	}
	out, err := RenderHTML(doc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, []byte(canonical)) {
		t.Errorf("canonical HTML did not come back as it was:\n%s", firstDiff([]byte(canonical), out))
	}
}

// TestMarkSetsOwned checks that no two nodes of a parsed document share
// the array of their marks (currentMarks hands the set it made to one
// node and copies it for the others): changing one node's marks in
// place, as URL rewriting does, must change no other node.
func TestMarkSetsOwned(t *testing.T) {
	srcs := []string{
		"<p><b>a<br>b</b> c <b>d</b></p>",
		"<p><b><b>x</b> y</b></p>",                            // a mark that changes nothing
		"<p><a href=\"/a\"><b>x</b>y<i>z</i></a>w</p>",        // nested sets
		"<p><b><code>x</code> y</b><code><b>z</b></code></p>", // code excludes
		"<p><a href=\"/a\">x <a href=\"/b\">y</a> z</a></p>",
		"<h2><em>a</em></h2><p><em>b</em> <em>c</em></p><ul><li><em>d</em>e</li></ul>",
		"<p><span style=\"font-weight:bold;font-style:italic\">a<br>b</span></p>",
	}
	for _, pg := range tiptapPages(t) {
		srcs = append(srcs, string(pg.Body()))
	}
	for i, src := range srcs {
		doc, _, err := ParseHTML([]byte(src))
		if err != nil {
			t.Fatalf("source %d: %v", i, err)
		}
		first := map[*Mark]*Node{}
		last := map[*Mark]*Node{}
		_ = Walk(doc, func(n *Node, entering bool) (WalkStatus, error) {
			if !entering || len(n.Marks) == 0 {
				return WalkContinue, nil
			}
			full := n.Marks[:cap(n.Marks)]
			for _, k := range []struct {
				m   map[*Mark]*Node
				ptr *Mark
			}{{first, &full[0]}, {last, &full[len(full)-1]}} {
				if o, ok := k.m[k.ptr]; ok {
					t.Errorf("source %d: %q and %q share their marks' array", i, o.Text, n.Text)
				}
				k.m[k.ptr] = n
			}
			return WalkContinue, nil
		})
		if i < 7 && len(first) == 0 {
			t.Errorf("source %d: no marks", i)
		}
	}
}

// TestFreeContentCleared checks that the content buffers finished
// contexts leave for the next ones (see finishCtx) are all zeros, as far
// as their capacity, after a parse: each context clears only what it
// used, required content filled in past its length included.
func TestFreeContentCleared(t *testing.T) {
	srcs := []string{
		"<ul><li></li><li><p>a</p><p>b</p></li></ul><p>x</p>",
		"<blockquote></blockquote><ol><li>a</li></ol>",
		"<details><summary>Q</summary></details>", // detailsContent filled in past the length
		"<table><tr><td></td><td><p>a</p><p>b</p><p>c</p><p>d</p><p>e</p></td></tr></table>",
		"<div class=\"isomer-card-grid\"><div class=\"isomer-card\"></div></div>",
		"<p>" + strings.Repeat("<b>a</b> ", 40) + "</p><ul><li></li></ul>",
	}
	for _, pg := range tiptapPages(t) {
		srcs = append(srcs, string(pg.Body()))
	}
	for i, src := range srcs {
		p := newParser([]byte(src), false, true)
		if err := p.readBody(nil); err != nil {
			t.Fatalf("source %d: %v", i, err)
		}
		p.finish()
		if len(p.freeContent) == 0 && i < 6 {
			t.Errorf("source %d: no buffer left", i)
		}
		for _, b := range p.freeContent {
			if j := slices.IndexFunc(b[:cap(b)], func(n *Node) bool { return n != nil }); j >= 0 {
				t.Errorf("source %d: a free buffer holds a node at %d of %d", i, j, cap(b))
			}
		}
	}
}
