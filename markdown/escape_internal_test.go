package markdown

import (
	"bytes"
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/tiptapmd/tiptapmd/internal/liquid"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// unescapeTwoPass is the reference for writer.unescape: it marks the
// markers to escape in a first pass and writes in a second.
func (w *writer) unescapeTwoPass(b []byte) []byte {
	if bytes.IndexByte(b, placeholder) < 0 {
		return b
	}
	w.brackets = bracketMemo{}
	escape := make([]bool, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] != placeholder {
			continue
		}
		if i+1 >= len(b) {
			break
		}
		if skip := w.escapeRule(b, i+1); skip > 0 {
			escape[i] = true
			i += skip - 1
		}
	}
	out := make([]byte, 0, len(b)+8)
	for i, c := range b {
		switch {
		case c != placeholder:
			out = append(out, c)
		case escape[i]:
			out = append(out, '\\')
		}
	}
	return out
}

// unescapeCopying is the copying loop writer.unescape had before it
// worked in place, kept as a reference: it copies the runs between
// markers to a new buffer and decides on each marker as it meets it.
func (w *writer) unescapeCopying(b []byte) []byte {
	if bytes.IndexByte(b, placeholder) < 0 {
		return b
	}
	w.brackets = bracketMemo{}
	out := make([]byte, 0, len(b)+8)
	settled := 0 // the markers before it need no backslash
	for i := 0; i < len(b); i++ {
		k := bytes.IndexByte(b[i:], placeholder)
		if k < 0 {
			return append(out, b[i:]...)
		}
		out = append(out, b[i:i+k]...)
		i += k
		if i < settled || i+1 >= len(b) {
			continue
		}
		if skip := w.escapeRule(b, i+1); skip > 0 {
			out = append(out, '\\')
			settled = i + skip
		}
	}
	return out
}

// needsMarkdownTextRef is the reference for needsMarkdownText, a switch
// at every byte.
func needsMarkdownTextRef(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '&' || c == '~' || c == '`':
			return true
		case c < utf8.RuneSelf:
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return true
			}
			i += n
		}
	}
	return false
}

// checkUnescape compares unescape (which works in place, on a copy of
// b) with its two references, the two-pass one and the copying loop, on
// b under both typography settings; a writer is used twice so that its
// scratch list is reused.
func checkUnescape(t *testing.T, b []byte) {
	t.Helper()
	for _, typo := range []bool{false, true} {
		opts := RenderOptions{EscapeTypography: typo}
		in := string(b)
		w := newWriter(opts)
		for range 2 {
			got := w.unescape([]byte(in))
			want := newWriter(opts).unescapeTwoPass(b)
			copying := newWriter(opts).unescapeCopying(b)
			if !bytes.Equal(got, want) || !bytes.Equal(got, copying) || string(b) != in {
				t.Fatalf("unescape(%q, typography %v) = %q, want %q (copying loop: %q)", in, typo, got, want, copying)
			}
		}
	}
}

// escapePieces are what the printer's output is made of around its
// escape markers.
var escapePieces = []string{"\a", "\a`", "\a-", "\a#", "\a~", "\a*", "\a_", "\a=", "*", "_", "[", "]", "!", "(", ")", "-", "+", "#", ">", "1.", "=", "~", "`", "|", "{", "}", "\\", "\"", "'", "...", "--", "<<", " ", "\n", "\n\n", "a", "é", "$$", ":", "^"}

// TestUnescapeOnePass compares unescape with its reference on a table
// of texts and on random ones made of escapePieces.
func TestUnescapeOnePass(t *testing.T) {
	for _, s := range []string{"", "\a", "a\a", "\a*a*", "\a[x\a]", "\a!\a[a\a](b)", "\a-\a-\a-\n", "\a#\a# x", "x\n\a=\a=", "\a1. x", "\a\\\a`", "\a*\a* \a_x\a_", "\a\"a\a\"", "\a-\a-", "\a`\a`\a`", "x\n\a~\a~\a~ y", "\a*\a*\a*\n", "\a#\a#\a# h"} {
		checkUnescape(t, []byte(s))
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b []byte
		for range r.IntN(16) {
			b = append(b, escapePieces[r.IntN(len(escapePieces))]...)
		}
		checkUnescape(t, b)
	}
}

// FuzzUnescape compares unescape with its reference; "^" in the input
// stands for the escape marker.
func FuzzUnescape(f *testing.F) {
	f.Add([]byte("^*a^* ^[x^](y) ^-^-^-"))
	f.Add([]byte("x\n^=^=\n^#^# h\n^1. a ^\"q^\""))
	f.Fuzz(func(t *testing.T, b []byte) {
		checkUnescape(t, bytes.ReplaceAll(b, []byte("^"), []byte{placeholder}))
	})
}

// TestNeedsMarkdownTextTable compares needsMarkdownText with its
// reference on a table of texts and on random ones.
func TestNeedsMarkdownTextTable(t *testing.T) {
	pieces := []string{"a", " ", "&", "~", "`", "é", "\u00a0", "\u2003", "\u3000", "中", "\x85", "\xc2\x85", "\xff", "\xe2\x80", "x y", "\u2028"}
	check := func(s string) {
		if got, want := needsMarkdownText(s), needsMarkdownTextRef(s); got != want {
			t.Fatalf("needsMarkdownText(%q) = %v, want %v", s, got, want)
		}
	}
	for _, s := range pieces {
		check(s)
	}
	r := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var s string
		for range r.IntN(8) {
			s += pieces[r.IntN(len(pieces))]
		}
		check(s)
	}
}

// FuzzNeedsMarkdownText compares needsMarkdownText with its reference.
func FuzzNeedsMarkdownText(f *testing.F) {
	f.Add("a & b")
	f.Add("x\u00a0y")
	f.Add("\xe2\x80 \xff")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := needsMarkdownText(s), needsMarkdownTextRef(s); got != want {
			t.Fatalf("needsMarkdownText(%q) = %v, want %v", s, got, want)
		}
	})
}

// sortedMarksRef is the reference for sortedMarks: the order of
// tiptap.MarkOrder looked up anew, and always a sorted copy.
func sortedMarksRef(marks []tiptap.Mark) []tiptap.Mark {
	if len(marks) < 2 {
		return marks
	}
	order := tiptap.MarkOrder()
	rank := func(m tiptap.Mark) int {
		if i := slices.Index(order, m.Type); i >= 0 {
			return i
		}
		return len(order)
	}
	return slices.SortedStableFunc(slices.Values(marks), func(a, b tiptap.Mark) int {
		return cmp.Compare(rank(a), rank(b))
	})
}

// TestSortedMarks compares sortedMarks with its reference on random
// lists of marks (unknown types and repeats included), and checks that
// it leaves its input as it was.
func TestSortedMarks(t *testing.T) {
	types := append(tiptap.MarkOrder(), "unknown", "other")
	r := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		marks := make([]tiptap.Mark, r.IntN(5))
		for i := range marks {
			marks[i] = tiptap.Mark{Type: types[r.IntN(len(types))], Attrs: map[string]any{"i": i}}
		}
		in := slices.Clone(marks)
		got, want := sortedMarks(marks), sortedMarksRef(marks)
		if len(got) != len(want) {
			t.Fatalf("sortedMarks(%v) = %v, want %v", in, got, want)
		}
		for i := range got {
			if got[i].Type != want[i].Type || got[i].Attrs["i"] != want[i].Attrs["i"] {
				t.Fatalf("sortedMarks(%v) = %v, want %v", in, got, want)
			}
		}
		for i := range marks {
			if marks[i].Type != in[i].Type || marks[i].Attrs["i"] != in[i].Attrs["i"] {
				t.Fatalf("sortedMarks changed its input %v to %v", in, marks)
			}
		}
	}
}

// openOrderRef is the reference for openOrder: the loop it had before it
// took a buffer, which sorts the marks by an index slice.
func openOrderRef(nodes []*tiptap.Node, i int, marks, open []tiptap.Mark) []tiptap.Mark {
	var todo []tiptap.Mark
	var runs []int
	for _, m := range marks {
		if containsMark(open, m) {
			continue
		}
		j := i + 1
		for j < len(nodes) && containsMark(nodes[j].Marks, m) {
			j++
		}
		todo = append(todo, m)
		runs = append(runs, j-i)
	}
	if len(todo) < 2 {
		return todo
	}
	idx := make([]int, len(todo))
	for k := range idx {
		idx[k] = k
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(runs[b], runs[a]) })
	sorted := make([]tiptap.Mark, len(todo))
	for k, x := range idx {
		sorted[k] = todo[x]
	}
	return sorted
}

// openOrderCase builds a run of inline nodes and the open marks from
// seed bytes: each byte of nodes gives a node's marks (one bit per mark
// of a small set, two links that differ by href among them), each bit
// of open a mark already open.
func openOrderCase(nodeBits []byte, openBits byte) ([]*tiptap.Node, []tiptap.Mark) {
	set := []tiptap.Mark{
		{Type: tiptap.MarkBold}, {Type: tiptap.MarkItalic}, {Type: tiptap.MarkStrike},
		{Type: tiptap.MarkLink, Attrs: map[string]any{"href": "a"}},
		{Type: tiptap.MarkLink, Attrs: map[string]any{"href": "b"}},
		{Type: tiptap.MarkCode}, {Type: tiptap.MarkSuperscript}, {Type: tiptap.MarkUnderline},
	}
	pick := func(bits byte) []tiptap.Mark {
		var ms []tiptap.Mark
		for k, m := range set {
			if bits&(1<<k) != 0 {
				ms = append(ms, m)
			}
		}
		return ms
	}
	nodes := make([]*tiptap.Node, len(nodeBits))
	for k, b := range nodeBits {
		nodes[k] = &tiptap.Node{Type: tiptap.TypeText, Text: "x", Marks: pick(b)}
	}
	return nodes, pick(openBits)
}

// checkOpenOrder compares openOrder with its reference at every node of
// a case, with and without room in the buffer.
func checkOpenOrder(t *testing.T, nodeBits []byte, openBits byte) {
	t.Helper()
	nodes, open := openOrderCase(nodeBits, openBits)
	for i, n := range nodes {
		marks := sortedMarks(n.Marks)
		want := openOrderRef(nodes, i, marks, open)
		var buf [4]tiptap.Mark
		for _, dst := range [][]tiptap.Mark{nil, buf[:0], buf[:2]} {
			got := openOrder(dst, nodes, i, marks, open)
			if len(got) != len(want) {
				t.Fatalf("openOrder(%v, %d, open %v) = %v, want %v", nodeBits, i, open, got, want)
			}
			for k := range got {
				if !marksEqual(got[k], want[k]) {
					t.Fatalf("openOrder(%v, %d, open %v) = %v, want %v", nodeBits, i, open, got, want)
				}
			}
		}
	}
}

// TestOpenOrder compares openOrder with its reference on a table of runs
// and on random ones.
func TestOpenOrder(t *testing.T) {
	for _, c := range []struct {
		nodes []byte
		open  byte
	}{
		{nil, 0}, {[]byte{0}, 0}, {[]byte{1}, 0}, {[]byte{3, 1}, 0}, {[]byte{3, 2, 2}, 0},
		{[]byte{7, 3, 1}, 0}, {[]byte{7, 7, 7}, 1}, {[]byte{0xff, 0x7f, 0x3f, 1}, 0},
		{[]byte{8, 16, 8}, 0}, {[]byte{24, 8, 16}, 0}, {[]byte{5, 4, 1, 5}, 4}, {[]byte{0xff}, 0xff},
	} {
		checkOpenOrder(t, c.nodes, c.open)
	}
	r := rand.New(rand.NewPCG(9, 10))
	for range 5000 {
		b := make([]byte, r.IntN(6))
		for k := range b {
			b[k] = byte(r.Uint32())
		}
		checkOpenOrder(t, b, byte(r.Uint32()))
	}
}

// FuzzOpenOrder compares openOrder with its reference; the first byte
// is the open marks, each other one a node's marks.
func FuzzOpenOrder(f *testing.F) {
	f.Add([]byte{0, 7, 3, 1})
	f.Add([]byte{1, 0xff, 0x18, 0x08})
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) == 0 || len(b) > 64 {
			return
		}
		checkOpenOrder(t, b[1:], b[0])
	})
}

// appendLinkTextRef is the reference for appendLinkText: the copies
// printLink made of a link's text before it changed it in place.
func appendLinkTextRef(out, printed []byte) []byte {
	text := bytes.ReplaceAll(printed, []byte{placeholder, ']'}, []byte(`\]`))
	if bytes.HasPrefix(text, []byte("^")) {
		text = append([]byte("&#94;"), text[1:]...)
	}
	out = append(out, '[')
	return append(out, text...)
}

// checkLinkText compares appendLinkText with its reference on text,
// after some output and after none.
func checkLinkText(t *testing.T, text []byte) {
	t.Helper()
	for _, before := range []string{"", "a [b](c) "} {
		want := appendLinkTextRef([]byte(before), text)
		got := appendLinkText([]byte(before), bytes.Clone(text))
		if !bytes.Equal(got, want) {
			t.Fatalf("appendLinkText(%q, %q) = %q, want %q", before, text, got, want)
		}
	}
}

// TestAppendLinkText compares appendLinkText with its reference on a
// table of texts and on random ones made of escapePieces.
func TestAppendLinkText(t *testing.T) {
	for _, s := range []string{"", "^", "^x", "\a]", "\a\a]", "]\a", "\a", "a\a]b\a]", "\a^\a]", "^\a]]", "\a]\a]\a", "x^"} {
		checkLinkText(t, []byte(s))
	}
	r := rand.New(rand.NewPCG(11, 12))
	for range 20000 {
		var b []byte
		for range r.IntN(12) {
			b = append(b, escapePieces[r.IntN(len(escapePieces))]...)
		}
		checkLinkText(t, b)
	}
}

// FuzzAppendLinkText compares appendLinkText with its reference; "~" in
// the input stands for the escape marker.
func FuzzAppendLinkText(f *testing.F) {
	f.Add([]byte("^a~]b~~]"))
	f.Add([]byte("x~]~"))
	f.Fuzz(func(t *testing.T, b []byte) {
		checkLinkText(t, bytes.ReplaceAll(b, []byte("~"), []byte{placeholder}))
	})
}

// squeezeBlankLinesRef is the reference for squeezeBlankLines: the copy
// it made by splitting b into lines and joining those it kept.
func squeezeBlankLinesRef(b []byte) []byte {
	lines := bytes.Split(b, []byte("\n"))
	out := lines[:0]
	blank := false
	for _, line := range lines {
		if len(bytes.Trim(line, " ")) == 0 {
			if blank {
				continue
			}
			blank = true
			out = append(out, nil)
			continue
		}
		blank = false
		out = append(out, line)
	}
	return bytes.Join(out, []byte("\n"))
}

// checkSqueezeBlankLines compares squeezeBlankLines, on a copy of b,
// with its reference, nil results included.
func checkSqueezeBlankLines(t *testing.T, b []byte) {
	t.Helper()
	want := squeezeBlankLinesRef(bytes.Clone(b))
	got := squeezeBlankLines(bytes.Clone(b))
	if !bytes.Equal(got, want) || (got == nil) != (want == nil) {
		t.Fatalf("squeezeBlankLines(%q) = %q (nil %v), want %q (nil %v)", b, got, got == nil, want, want == nil)
	}
}

// TestSqueezeBlankLines compares squeezeBlankLines with its reference
// on a table of texts and on random ones.
func TestSqueezeBlankLines(t *testing.T) {
	for _, s := range []string{"", " ", "\n", "\n\n", "a", "a\n", "\na", "a\n\nb", "a\n \n  \nb", "a\n\n\n\nb\n\n", " \n \n", "a \n b\t\n\t\n\nc", "\a\n\n\a"} {
		checkSqueezeBlankLines(t, []byte(s))
	}
	checkSqueezeBlankLines(t, nil)
	pieces := []string{"a", " ", "  ", "\t", "\n", "\n\n", "> ", "\a", "é", "\uF002"}
	r := rand.New(rand.NewPCG(13, 14))
	for range 20000 {
		var b []byte
		for range r.IntN(12) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		checkSqueezeBlankLines(t, b)
	}
}

// FuzzSqueezeBlankLines compares squeezeBlankLines with its reference.
func FuzzSqueezeBlankLines(f *testing.F) {
	f.Add([]byte("a\n \n\n  \nb\n"))
	f.Add([]byte("\n\nx \n\ty\n\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		checkSqueezeBlankLines(t, b)
	})
}

// collapsibleRef is the reference for collapsible: the test
// collapseSpaces made with strings.ContainsAny and strings.Contains.
func collapsibleRef(s string) bool {
	return strings.ContainsAny(s, "\t\n\r") || strings.Contains(s, "  ")
}

// checkTextScans compares collapsible and nextLiquid with their
// references on s.
func checkTextScans(t *testing.T, s string) {
	t.Helper()
	if got, want := collapsible(s), collapsibleRef(s); got != want {
		t.Fatalf("collapsible(%q) = %v, want %v", s, got, want)
	}
	i, j := nextLiquid(s)
	wi, wj := liquid.Next(s)
	if i != wi || j != wj {
		t.Fatalf("nextLiquid(%q) = %d, %d, want %d, %d", s, i, j, wi, wj)
	}
}

// TestTextScans compares collapsible and nextLiquid with their
// references on a table of texts and on random ones.
func TestTextScans(t *testing.T) {
	pieces := []string{"a", " ", "  ", "\t", "\n", "\r", "{", "}", "{{", "}}", "{%", "%}", "x y", "é", "\u00a0", "\v", "\f"}
	for _, s := range append(pieces, "", "a  b", "a \tb", "{{ x }}", "a {% if %} b", "{ {{", " a ", "a\r\nb") {
		checkTextScans(t, s)
	}
	// Two bytes below "!" at every pair of places of words up to three
	// of collapsible's eight-byte reads long.
	for n := range 25 {
		for a := range n {
			for b := a; b < n; b++ {
				for _, cs := range []string{"  ", " \t", "\v ", " \a", "\n ", "\r\r", "\x00 "} {
					s := []byte(strings.Repeat("x", n))
					s[a], s[b] = cs[0], cs[1]
					checkTextScans(t, string(s))
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(15, 16))
	for range 20000 {
		var s string
		for range r.IntN(10) {
			s += pieces[r.IntN(len(pieces))]
		}
		checkTextScans(t, s)
	}
}

// FuzzTextScans compares collapsible and nextLiquid with their
// references.
func FuzzTextScans(f *testing.F) {
	f.Add("a  b\t{{ c }}")
	f.Add("x {% y")
	f.Fuzz(func(t *testing.T, s string) {
		checkTextScans(t, s)
	})
}

// childrenRef is the reference for writer.children: the copy it made of
// every list of blocks.
func (w *writer) childrenRef(blocks []*tiptap.Node, dropEmpty bool) []*tiptap.Node {
	out := make([]*tiptap.Node, 0, len(blocks))
	var prev *tiptap.Node
	for _, b := range blocks {
		if dropEmpty && w.opts.DropEmptyParagraphs && emptyParagraph(b) {
			continue
		}
		if prev != nil && listKind(prev) != "" && listKind(prev) == listKind(b) {
			out = append(out, nil)
		}
		out = append(out, b)
		prev = b
	}
	return out
}

// checkChildren compares writer.children with its reference on the
// blocks that the bytes of kinds pick, under every setting.
func checkChildren(t *testing.T, kinds []byte) {
	t.Helper()
	para := &tiptap.Node{Type: tiptap.TypeParagraph, Content: []*tiptap.Node{{Type: tiptap.TypeText, Text: "a"}}}
	choice := []*tiptap.Node{
		para,
		{Type: tiptap.TypeParagraph},
		{Type: tiptap.TypeBulletList},
		{Type: tiptap.TypeTaskList},
		{Type: tiptap.TypeOrderedList},
		{Type: tiptap.TypeHeading},
	}
	blocks := make([]*tiptap.Node, len(kinds))
	for k, c := range kinds {
		blocks[k] = choice[int(c)%len(choice)]
	}
	for _, drop := range []bool{false, true} {
		for _, dropEmpty := range []bool{false, true} {
			w := newWriter(RenderOptions{DropEmptyParagraphs: drop})
			got, want := w.children(blocks, dropEmpty), w.childrenRef(blocks, dropEmpty)
			if !slices.Equal(got, want) {
				t.Fatalf("children(%v, drop %v, dropEmpty %v) = %v, want %v", kinds, drop, dropEmpty, got, want)
			}
		}
	}
}

// TestChildren compares writer.children with its reference on a table
// of block lists and on random ones.
func TestChildren(t *testing.T) {
	for _, kinds := range [][]byte{nil, {0}, {1}, {2, 2}, {2, 3}, {3, 2}, {4, 4}, {2, 0, 2}, {1, 1, 0}, {0, 1}, {5, 2, 4, 4, 1}} {
		checkChildren(t, kinds)
	}
	r := rand.New(rand.NewPCG(17, 18))
	for range 5000 {
		kinds := make([]byte, r.IntN(8))
		for k := range kinds {
			kinds[k] = byte(r.IntN(6))
		}
		checkChildren(t, kinds)
	}
}

// FuzzChildren compares writer.children with its reference; each byte
// picks a block.
func FuzzChildren(f *testing.F) {
	f.Add([]byte{0, 1, 2, 2, 3, 4, 4})
	f.Fuzz(func(t *testing.T, kinds []byte) {
		checkChildren(t, kinds)
	})
}
