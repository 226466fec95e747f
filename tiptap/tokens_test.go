package tiptap

import (
	"bytes"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"golang.org/x/net/html"
)

// domDump writes the tree under root, with the positions p recorded, one
// node a line: what the two ways of building the DOM must agree on.
func domDump(p *parser, root *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			b.WriteString(strings.Repeat("  ", depth))
			switch c.Type {
			case html.ElementNode:
				fmt.Fprintf(&b, "<%s %d", c.Data, c.DataAtom)
				for _, a := range c.Attr {
					fmt.Fprintf(&b, " %s:%s=%q", a.Namespace, a.Key, a.Val)
				}
				b.WriteString(">")
			case html.TextNode:
				fmt.Fprintf(&b, "text %q", c.Data)
			case html.CommentNode:
				fmt.Fprintf(&b, "comment %q", c.Data)
			default:
				fmt.Fprintf(&b, "node %d %q", c.Type, c.Data)
			}
			if off, ok := p.pos[c]; ok {
				b.WriteString(" @" + strconv.Itoa(off))
			}
			b.WriteString("\n")
			walk(c, depth+1)
		}
	}
	walk(root, 0)
	return b.String()
}

// tokenPathDiff reports whether the token path takes src and, if it
// does, how what it gives differs from what the tree builder's path
// gives ("" when nothing does): the DOM with its positions (as the
// reader has prepared it), the document, the notes and
// positions of ParseHTML with and without positions, as the editor
// reads it, and the blocks and notes of ParseFragment.
func tokenPathDiff(src []byte) (bool, string) {
	probe := newParser(src, false, true)
	probe.pos = map[*html.Node]int{}
	if probe.tokenBody(src, true) == nil {
		return false, ""
	}
	var diffs []string
	report := func(what string, fast, slow any) {
		if !reflect.DeepEqual(fast, slow) {
			diffs = append(diffs, fmt.Sprintf("%s differs:\n--- token path\n%s\n--- tree builder\n%s", what, show(fast), show(slow)))
		}
	}
	// The instrumented DOM holds its positions until prepare takes them
	// out: the DOMs are compared after it.
	dom := func(treeBuilder bool) string {
		p := newParser(src, false, true)
		p.treeBuilder = treeBuilder
		body, err := p.parseDOM()
		if err != nil {
			return "error " + err.Error()
		}
		if !treeBuilder && p.markers {
			return "the token path left markers to strip"
		}
		p.prepare(body)
		return domDump(p, body)
	}
	report("DOM", dom(false), dom(true))

	type result struct {
		Doc     *Node
		Blocks  []*Node
		Notes   any
		Differs bool
		Err     error
	}
	read := func(editor, positions, fragment, treeBuilder bool) result {
		p := newParser(src, editor, positions)
		p.treeBuilder = treeBuilder
		var links []string
		if fragment {
			links = []string{"top", "x"}
		}
		if err := p.readBody(links); err != nil {
			return result{Err: err}
		}
		if fragment {
			return result{Blocks: p.fragment(), Notes: p.notes}
		}
		return result{Doc: p.finish(), Notes: p.notes, Differs: p.editorDiffers}
	}
	for _, c := range []struct{ editor, positions, fragment bool }{
		{false, true, false}, {false, false, false}, {true, true, false}, {false, true, true},
	} {
		report(fmt.Sprintf("reading (editor %v, positions %v, fragment %v)", c.editor, c.positions, c.fragment),
			read(c.editor, c.positions, c.fragment, false), read(c.editor, c.positions, c.fragment, true))
	}
	return true, strings.Join(diffs, "\n")
}

func show(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprintf("%+v", v)
}

// tokenCount counts how many sources the token path took.
type tokenCount struct{ taken, all int }

func (c tokenCount) String() string {
	if c.all == 0 {
		return "0 of 0"
	}
	return fmt.Sprintf("%d of %d (%.1f%%)", c.taken, c.all, 100*float64(c.taken)/float64(c.all))
}

// checkTokenPath runs tokenPathDiff on src, failing t where the two paths
// disagree, and counts it in c.
func checkTokenPath(t *testing.T, c *tokenCount, name string, src []byte) {
	t.Helper()
	taken, diff := tokenPathDiff(src)
	c.all++
	if taken {
		c.taken++
	}
	if diff != "" {
		t.Errorf("%s: the token path and the tree builder disagree:\n%s", name, diff)
	}
}

// htmlChunks returns the parts of a Markdown page that start with a tag
// at the start of a line and run to the next blank line: the raw HTML
// blocks kramdown and goldmark hand to the HTML reader, as far as they
// can be told without the markdown package (which imports this one).
func htmlChunks(body []byte) [][]byte {
	var out [][]byte
	lines := bytes.SplitAfter(body, []byte("\n"))
	for i := 0; i < len(lines); i++ {
		if !bytes.HasPrefix(bytes.TrimLeft(lines[i], " "), []byte("<")) {
			continue
		}
		var chunk []byte
		for ; i < len(lines) && len(bytes.TrimSpace(lines[i])) > 0; i++ {
			chunk = append(chunk, lines[i]...)
		}
		out = append(out, chunk)
	}
	return out
}

// TestTokenPath checks that the token path gives what the tree builder's
// path gives (the DOM and its positions, the documents, notes and
// positions) on every body of the corpus's tiptap pages, on the HTML
// blocks of its Markdown pages, and on what RenderHTML writes for every
// tiptap page (what ReadBack reads), and logs how often it is taken.
func TestTokenPath(t *testing.T) {
	var bodies, chunks, written tokenCount
	for _, pg := range corpus.Pages(t) {
		body := pg.Body()
		if pg.Variant() != "tiptap" {
			for i, c := range htmlChunks(body) {
				checkTokenPath(t, &chunks, fmt.Sprintf("%s (HTML block %d)", pg.Path, i+1), c)
			}
			continue
		}
		checkTokenPath(t, &bodies, pg.Path, body)
		doc, _, err := ParseHTML(body)
		if err != nil {
			continue
		}
		out, err := RenderHTML(doc)
		if err != nil {
			t.Fatalf("%s: RenderHTML: %v", pg.Path, err)
		}
		checkTokenPath(t, &written, pg.Path+" (written)", out)
	}
	t.Logf("token path taken: tiptap bodies %v, HTML blocks of Markdown pages %v, written bodies %v", bodies, chunks, written)
	if bodies.taken == 0 || chunks.taken == 0 || written.taken == 0 {
		t.Errorf("the token path is never taken for some kind of source")
	}
}

// TestTokenPathShapes checks the token path's rules on the shapes it
// must refuse or take with care: for each, whether it is taken, and that
// it agrees with the tree builder where it is.
func TestTokenPathShapes(t *testing.T) {
	for _, c := range []struct {
		src   string
		taken bool
	}{
		{"<p>a <b>b</b> c</p>\n<ul><li><p>x</p></li></ul>", true},
		{"<p>a<p>b", false},                       // a p closes the p
		{"<p>a<div>b</div></p>", false},           // a block closes the p
		{"<p>a</b>", false},                       // a stray end tag
		{"<a href=x>a<a href=y>b</a></a>", false}, // a in a
		{"<b>a<i>b</b>c</i>", false},              // misnested formatting
		{"<table><tr><td>a</td></tr></table>", true},
		{"<table>\n<tr><td>a</td></tr>\n<tr><td>b</td></tr></table>", true},
		{"<table><thead><tr><th>a</th></tr></thead><tr><td>b</td></tr></table>", true},
		{"<p>a<style>p { color: red }</style> b</p><style>&amp;</style>", true},
		{"<style>x", false},
		{"<table><tbody><tr><td>a</td></tr></table>", true},
		{"<table><tr><td>a</td></tr></tbody></table>", true},
		{"<table><style>x</style></table>", false},
		{"<table><tbody><tr><td>a</td></tr></tbody></table>", true},
		{"<table> <tbody>\n<tr> <td>a</td> </tr></tbody></table>", true},
		{"<table>x<tbody></tbody></table>", false}, // foster-parented text
		{"<table><colgroup><col><col/></colgroup><tbody></tbody></table>", true},
		{"<li>a</li>", false},
		{"<ul><li>a<li>b</ul>", false},
		{"<pre>\ncode\n</pre>", true},
		{"<pre>&#13;\ncode</pre>", false},
		{"<pre>&#10;code</pre>", false},
		{"<pre>\n\nx</pre>", true},
		{"<pre><!-- c -->\nx</pre>", true},
		{"<h2>a<h3>b</h3></h2>", false},
		{"<h2><span>a<h3>b</h3></span></h2>", true},
		{"<br></br>", false},
		{"<div/>a", false},
		{"<img src=a alt=>x", true},
		{"<img src=a/>x<br/>", true},
		{"<b class=z id=a>x</b><font size=1 color=red>y</font>", true},
		{"<iframe src=x>a <b> &amp;</iframe>", true},
		{"<iframe src=x>a", false},
		{"<!---->", true},
		{"<!-- a -- b -->x", true},
		{"<!-->x", false},
		{"</>x", false},
		{"<?php x ?>", false},
		{"<!DOCTYPE html><p>x</p>", false},
		{"a\r\nb", false},
		{"a\x00b", false},
		{"<p data-tiptapmd-pos=3>x</p>", false},
		{"<p DATA-TIPTAPMD-POS=3>x</p>", false},
		{"<p title=data-tiptapmd-pos>data-tiptapmd-pos</p>", true},
		{"<p>a\uFDD0b</p>", false},
		{"<p>a\uFDEFb</p>", false},
		{"<p>a\uFDCFb \uFDF0</p>", true},
		{"<svg><p>x</p></svg>", false},
		{"<script>x</script>", false},
		{"<meta charset=utf-8>", false},
		{"<p>x", true},
		{"<p>x<b", false},
		{"  \n <p>a</p>  \n", true},
		{"<p>a &amp; &lt;b&gt; &nbsp;</p>", true},
		{"<p>a</p>\n<p>b</p><hr>c<hr/>", true},
		{"<p><hr></p>", false},
		{"<dl><dt>a</dt><dd>b</dd></dl>", true},
		{"<center><font face=a>x</font></center>", true},
	} {
		taken, diff := tokenPathDiff([]byte(c.src))
		if taken != c.taken {
			t.Errorf("%q: token path taken %v, want %v", c.src, taken, c.taken)
		}
		if diff != "" {
			t.Errorf("%q: %s", c.src, diff)
		}
	}
	deep := strings.Repeat("<span>", maxTokenDepth+1) + "x"
	if taken, diff := tokenPathDiff([]byte(deep)); taken || diff != "" {
		t.Errorf("nesting beyond %d: taken %v, %s", maxTokenDepth, taken, diff)
	}
}

// FuzzTokenPath checks that for any source the token path takes, it
// gives what the tree builder's path gives.
func FuzzTokenPath(f *testing.F) {
	addSeeds(f)
	for _, s := range []string{
		"<table><tbody><tr><td>a</td></tr></tbody></table>",
		"<pre>\ncode</pre>", "<iframe src=x>a</iframe>", "<!-- c -->", "<dl><dt>a</dt></dl>",
		"<b z=1 a=2>x</b>", "<img alt=>", "<p>x",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, diff := tokenPathDiff(src); diff != "" {
			t.Errorf("%q: %s", src, diff)
		}
	})
}
