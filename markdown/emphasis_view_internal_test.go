package markdown

import (
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// refVchar is a character of the view as buildViewRef lays it out,
// with pointers.
type refVchar struct {
	r    rune
	run  *emRun
	node ast.Node
}

// buildViewRef is buildView as it was before its characters dropped
// their pointers: the reference the faster one is held to.
func buildViewRef(n ast.Node, src []byte) []refVchar {
	var v []refVchar
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *emRun:
			for i := t.seg.Start; i < t.seg.Stop; i++ {
				v = append(v, refVchar{r: rune(t.c), run: t, node: c})
			}
		case *ast.Text:
			b := t.Segment.Value(src)
			for len(b) > 0 {
				r, size := utf8.DecodeRune(b)
				v = append(v, refVchar{r: r, node: c})
				b = b[size:]
			}
			if t.SoftLineBreak() || t.HardLineBreak() {
				v = append(v, refVchar{r: '\n', node: c})
			}
			if len(v) == 0 || v[len(v)-1].node != c {
				v = append(v, refVchar{r: 0, node: c}) // keep empty text nodes
			}
		default:
			v = append(v, refVchar{r: objChar, node: c})
		}
	}
	return v
}

// viewParagraph makes a paragraph of inline nodes from src: runs of "*"
// and "_" are emphasis runs, "`" an opaque code span, "|" an empty
// text, "\n" the soft line break of the text before it, "\r" its hard
// line break; the rest is text.
func viewParagraph(src []byte) ast.Node {
	p := ast.NewParagraph()
	var last *ast.Text
	for i := 0; i < len(src); {
		c := src[i]
		j := i + 1
		switch c {
		case '*', '_':
			for j < len(src) && src[j] == c {
				j++
			}
			p.AppendChild(p, &emRun{seg: text.NewSegment(i, j), c: c})
			last = nil
		case '`':
			p.AppendChild(p, ast.NewCodeSpan())
			last = nil
		case '|':
			last = ast.NewTextSegment(text.NewSegment(i, i))
			p.AppendChild(p, last)
		case '\n', '\r':
			if last == nil {
				last = ast.NewTextSegment(text.NewSegment(i, i))
				p.AppendChild(p, last)
			}
			last.SetSoftLineBreak(c == '\n')
			last.SetHardLineBreak(c == '\r')
			last = nil
		default:
			for j < len(src) && !isViewMarkup(src[j]) {
				j++
			}
			last = ast.NewTextSegment(text.NewSegment(i, j))
			p.AppendChild(p, last)
		}
		i = j
	}
	return p
}

func isViewMarkup(c byte) bool {
	switch c {
	case '*', '_', '`', '|', '\n', '\r':
		return true
	}
	return false
}

// checkView holds buildView to buildViewRef on the paragraph src makes,
// with and without space to reuse.
func checkView(t *testing.T, src []byte) {
	t.Helper()
	p := viewParagraph(src)
	want := buildViewRef(p, src)
	for _, space := range []int{0, 3, 1000} {
		v, nodes := buildView(p, src, make([]vchar, 7, space+7)[7:], make([]ast.Node, 0, space))
		if len(v) != len(want) {
			t.Fatalf("%q: %d characters, want %d", src, len(v), len(want))
		}
		for i, c := range v {
			w := want[i]
			var run *emRun
			if c.run {
				run = nodes[c.node].(*emRun)
			}
			if c.r != w.r || nodes[c.node] != w.node || run != w.run {
				t.Fatalf("%q: character %d = %q of node %T (run %v), want %q of %T (run %v)", src, i, c.r, nodes[c.node], c.run, w.r, w.node, w.run != nil)
			}
		}
	}
}

func TestBuildViewReference(t *testing.T) {
	for _, src := range []string{
		"",
		"plain text",
		"**bold** and *em*",
		"a_b_c __d__",
		"héllo *wörld* ✓ `x` _",
		"|*|a",
		"line\nnext\rhard*",
		"\n\n*\r",
		"```",
		"a\xffb*c",  // invalid UTF-8 decodes as U+FFFD
		"\xe2\x9c*", // a cut sequence
	} {
		checkView(t, []byte(src))
	}
}

func FuzzBuildView(f *testing.F) {
	for _, s := range []string{"**a** _b_", "é*|\n`\r", "a\xffb"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkView(t, src)
	})
}
