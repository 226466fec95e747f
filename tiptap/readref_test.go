package tiptap

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/internal/ascii"
	"github.com/tiptapmd/tiptapmd/internal/corpus"
	"golang.org/x/net/html"
)

// The reader's faster loops and their references: the loops they
// replace, kept here to compare them with (table, corpus and fuzz).

// walkDOMStack is the reference for walkDOM: the same walk, with a stack
// of the siblings still to visit.
func walkDOMStack(root *html.Node, f func(*html.Node)) {
	stack := []*html.Node{root.FirstChild}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		if n == nil {
			stack = stack[:len(stack)-1]
			continue
		}
		stack[len(stack)-1] = n.NextSibling
		f(n)
		if n.FirstChild != nil {
			stack = append(stack, n.FirstChild)
		}
	}
}

// jsTrimRef is the reference for jsTrim: JavaScript's trim, without the
// shortcut.
func jsTrimRef(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return r == '\uFEFF' || r != '\u0085' && unicode.IsSpace(r)
	})
}

// checkWalk checks that walkDOM visits the nodes under every node of the
// tree of src that walkDOMStack visits, in its order.
func checkWalk(t *testing.T, src []byte) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		return
	}
	var all []*html.Node
	walkDOMStack(doc, func(n *html.Node) { all = append(all, n) })
	for _, root := range append(all, doc) {
		var got, want []*html.Node
		walkDOM(root, func(n *html.Node) { got = append(got, n) })
		walkDOMStack(root, func(n *html.Node) { want = append(want, n) })
		if !slices.Equal(got, want) {
			t.Fatalf("%q: walkDOM under <%s> visits %d nodes, the reference %d", src, root.Data, len(got), len(want))
		}
	}
}

var walkCases = []string{
	"", "x", "<p>a</p>", "<p>a<b>b<i>c</i></b>d</p><p>e</p>",
	"<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>text",
	"<table><tr><td>1</td><td>2</td></tr></table><!-- c -->",
	"<div><div><div></div></div></div><span></span>",
}

func TestWalkDOM(t *testing.T) {
	for _, c := range walkCases {
		checkWalk(t, []byte(c))
	}
	pages := corpus.Pages(t)
	for i, pg := range pages {
		if i%7 == 0 { // a sample: the walk is the same on every shape
			checkWalk(t, pg.Body())
		}
	}
}

func FuzzWalkDOM(f *testing.F) {
	for _, c := range walkCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkWalk(t, src)
	})
}

var trimCases = []string{
	"", " ", "a", " a", "a ", " a ", "\ta\n", "\u00a0a\u00a0", "\ufeffa", "a\u0085", "\u0085",
	"\u2003x\u3000", "\x0bx\x0c", "\x01x\x7f", "é", "aé", "éa ", "a b", "\u200bx",
}

func TestJSTrim(t *testing.T) {
	for _, c := range trimCases {
		if got, want := jsTrim(c), jsTrimRef(c); got != want {
			t.Errorf("jsTrim(%q) = %q, want %q", c, got, want)
		}
	}
}

func FuzzJSTrim(f *testing.F) {
	for _, c := range trimCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := jsTrim(s), jsTrimRef(s); got != want {
			t.Errorf("jsTrim(%q) = %q, want %q", s, got, want)
		}
	})
}

// toPosRef is the reference for parser.toPos: lines is the line table
// built byte by byte, searched for every offset.
func toPosRef(src []byte, lines []int, off int) tiptapmd.Pos {
	if off < 0 || off > len(src) {
		return tiptapmd.Pos{}
	}
	line := sort.Search(len(lines), func(i int) bool { return lines[i] > off }) - 1
	return tiptapmd.Pos{Line: line + 1, Column: off - lines[line] + 1}
}

// checkToPos asks one parser for the position of every offset of src
// (and a few outside it) in order, backwards and in steps, as the reader
// asks, and compares each with the reference.
func checkToPos(t *testing.T, src []byte) {
	t.Helper()
	p := newParser(src, false, true)
	var offs []int
	for off := -2; off <= len(src)+2; off++ {
		offs = append(offs, off)
	}
	for off := len(src) + 1; off >= -1; off-- {
		offs = append(offs, off)
	}
	for off := 0; off <= len(src); off += 7 {
		offs = append(offs, off, len(src)-off)
	}
	lines := []int{0}
	for i, c := range src {
		if c == '\n' {
			lines = append(lines, i+1)
		}
	}
	for _, off := range offs {
		if got, want := p.toPos(off), toPosRef(src, lines, off); got != want {
			t.Fatalf("%q: toPos(%d) = %v, want %v", src, off, got, want)
		}
	}
}

var posCases = []string{"", "\n", "a", "a\n", "\n\n\n", "ab\ncd\n\nef", "<p>\nx\n</p>\n<p>y</p>"}

func TestToPos(t *testing.T) {
	for _, c := range posCases {
		checkToPos(t, []byte(c))
	}
	for i, pg := range corpus.Pages(t) {
		if i%50 == 0 {
			checkToPos(t, pg.Body())
		}
	}
}

func FuzzToPos(f *testing.F) {
	for _, c := range posCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkToPos(t, src)
	})
}

// indexTagRef is indexTag without the quick scans that rule out most
// sources: the reference.
func indexTagRef(src []byte, from int, name string) int {
	for i := from; i < len(src); i++ {
		j := bytes.IndexByte(src[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		rest := src[i+1:]
		if len(rest) < len(name) || !bytes.EqualFold(rest[:len(name)], []byte(name)) {
			continue
		}
		rest = rest[len(name):]
		if name == "frame" && len(rest) >= 3 && bytes.EqualFold(rest[:3], []byte("set")) {
			rest = rest[3:]
		}
		if len(rest) > 0 && (rest[0] <= ' ' || rest[0] == '>' || rest[0] == '/') {
			return i
		}
	}
	return -1
}

func checkIndexTag(t *testing.T, src []byte) {
	t.Helper()
	for _, name := range []string{"frame", "body", "html"} {
		for from := 0; from <= len(src)+1; from++ {
			if got, want := indexTag(src, from, name), indexTagRef(src, from, name); got != want {
				t.Fatalf("indexTag(%q, %d, %q) = %d, want %d", src, from, name, got, want)
			}
		}
	}
}

// hasTagStartRef is the reference for hasTagStart: a search for "<"
// and the letter in each case.
func hasTagStartRef(src []byte, c byte) bool {
	lower, upper := c|0x20, c&^0x20
	return bytes.Contains(src, []byte{'<', lower}) || bytes.Contains(src, []byte{'<', upper})
}

func checkHasTagStart(t *testing.T, src []byte) {
	t.Helper()
	for _, c := range []byte("fbhFBHz") {
		if got, want := hasTagStart(src, c), hasTagStartRef(src, c); got != want {
			t.Fatalf("hasTagStart(%q, %q) = %v, want %v", src, c, got, want)
		}
	}
}

func TestHasTagStart(t *testing.T) {
	for _, c := range append(tagCases, "<", "x<", "<<f", "< f", "<\x66", "<\xc6", "<F", "a<b<z", "<&", "<\x06", "<Z") {
		checkHasTagStart(t, []byte(c))
	}
}

func FuzzHasTagStart(f *testing.F) {
	for _, c := range tagCases {
		f.Add([]byte(c))
	}
	f.Fuzz(checkHasTagStart)
}

var tagCases = []string{
	"", "<", "<f", "<frame>", "x<FRAME src=a>", "<frameset>", "<FrameSet/>", "<framex>", "<p><frame\n>",
	"<body onload=x>", "<BODY>", "<html lang=en>", "<HTML>", "<b>x</b><h1>y</h1>", "<<frame ", "<FRAME",
}

func TestIndexTag(t *testing.T) {
	for _, c := range tagCases {
		checkIndexTag(t, []byte(c))
	}
}

func FuzzIndexTag(f *testing.F) {
	for _, c := range tagCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 512 {
			return // each start offset is tried
		}
		checkIndexTag(t, src)
	})
}

// activeStyleRef is activeStyle as first written, building the string
// and lowering it with strings.ToLower: the reference.
func activeStyleRef(s string) bool {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				i = len(s)
			} else {
				i += end + 3
			}
		case c == '\\':
			if i+1 < len(s) {
				i++
				if d := s[i]; d >= 'a' && d <= 'z' || d >= 'A' && d <= 'Z' {
					b.WriteByte(d)
				}
			}
		case c <= ' ':
		default:
			b.WriteByte(c)
		}
	}
	t := strings.ToLower(b.String())
	for _, bad := range []string{"expression(", "javascript:", "vbscript:", "behavior:", "-moz-binding", "data:text"} {
		if strings.Contains(t, bad) {
			return true
		}
	}
	return false
}

var styleCases = []string{
	"", "color: red", "width: expression(alert(1))", "WIDTH: EXPRESSION(1)", "e\\xpression(1)", "e/**/xpression(",
	"background: url(javascript:x)", "background:url( JavaScript :x)", "behavior: url(x.htc)", "-MOZ-BINDING: url(x)",
	"background: url(data:text/html,x)", "javascr\u0130pt:", "\u212A", "x: vbscript:y", "/* unclosed", "a\\", "a\\\\b",
	"\xff\xfejavascript:", "j\u00a0avascript:", strings.Repeat("color: red; ", 40) + "expression(",
}

func TestActiveStyle(t *testing.T) {
	for _, c := range styleCases {
		if got, want := activeStyle(c), activeStyleRef(c); got != want {
			t.Errorf("activeStyle(%q) = %v, want %v", c, got, want)
		}
	}
}

func FuzzActiveStyle(f *testing.F) {
	for _, c := range styleCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := activeStyle(s), activeStyleRef(s); got != want {
			t.Errorf("activeStyle(%q) = %v, want %v", s, got, want)
		}
	})
}

// checkCollapseSpace collapses texts one after another with one parser
// and checks each result, at the end, against ascii.CollapseSpace: the
// parts of the parser's builder stay what they were.
func checkCollapseSpace(t *testing.T, texts ...string) {
	t.Helper()
	p := newParser(nil, false, false)
	got := make([]string, len(texts))
	for i, s := range texts {
		got[i] = p.collapseSpace(s)
	}
	for i, s := range texts {
		if want := ascii.CollapseSpace(s); got[i] != want {
			t.Fatalf("collapseSpace(%q) = %q, want %q", s, got[i], want)
		}
	}
}

var collapseCases = []string{
	"", " ", "\n", "a", "a b", "a  b", "\na\n", "a \n b", "wrapped line\nof text,\nand more\n", "x\t\ty\f",
	strings.Repeat("a long wrapped line of text,\n", 40),
}

func TestCollapseSpace(t *testing.T) {
	checkCollapseSpace(t, collapseCases...)
	for _, s := range collapseCases {
		checkCollapseSpace(t, s, s, "b\n c")
	}
}

func FuzzCollapseSpace(f *testing.F) {
	for i, s := range collapseCases {
		f.Add(s, collapseCases[(i+1)%len(collapseCases)], s)
	}
	f.Fuzz(func(t *testing.T, a, b, c string) { checkCollapseSpace(t, a, b, c) })
}
