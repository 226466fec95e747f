package layout

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The loops below are the byte-by-byte versions of printer.content and
// printer.runEnd that the faster ones replaced. They stay here as the
// reference: TestContentRef and FuzzContentRef check that both give the
// same printer state on the same input.

func (p *printer) contentRef() {
	start := len(p.out)
	space := false
	if p.compat && p.last == kindEnd && p.endInline && p.pos < len(p.src) && isSpace(p.src[p.pos]) {
		p.trace.Drops = append(p.trace.Drops, p.pos)
	}
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c == '<' {
			break
		}
		if isSpace(c) {
			space = len(p.out) > start
			p.pos++
			continue
		}
		n, units := charLen(p.src, p.pos)
		p.col++
		if space {
			space = false
			if p.col >= maxChar {
				p.out = append(p.out, '\n')
				p.col = 0
			} else {
				p.out = append(p.out, ' ')
				p.col++
			}
		}
		p.col += units - 1
		end := p.runEndRef(p.pos+n, false)
		p.out = append(p.out, p.src[p.pos:end]...)
		p.pos = end
	}
	p.last, p.lastEmpty = kindContent, len(p.out) == start
}

func (p *printer) runEndRef(i int, tag bool) int {
	for i < len(p.src) {
		c := p.src[i]
		if c < 0x80 {
			if isSpace(c) || (!tag && c == '<') || (tag && (c == '=' || c == '>')) {
				return i
			}
			p.col++
			i++
			continue
		}
		n, units := charLen(p.src, i)
		p.col += units
		i += n
	}
	return i
}

var refInputs = []string{
	"", " ", "  \t\n", "a", " a ", "word", "two words", "two  words\tand\nmore\r\n",
	"text<b>", "  <b>", "a <", "tail ", "héllo wörld", "😀 emoji 😀😀",
	"\xff\xfe bad \xc3", "\xe2\x82", "x=y>z", "a=b c>d",
	"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",
	"Lorem  ipsum\tdolor\nsit amet,   consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.<p>",
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c d e f g h i j k",
	"The quick brown fox jumps over the lazy dog and keeps on running through the long grass of the wide meadow until the sun goes down.",
	"The quick brown fox jumps over the lazy dog and keeps on running through the long  grass of the wide meadow, café and crème brûlée.<p>",
	"a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h i j k l m ",
	"Ends with a space at the wrap column exactly and then some more words that go on and on and on. <br>",
	"日本語のテキスト 日本語のテキスト 日本語のテキスト 日本語のテキスト 日本語のテキスト 日本語のテキスト 日本語のテキスト",
}

// checkContentRef runs content and contentRef from the same state and
// compares the printers, and runEnd against runEndRef from every offset.
func checkContentRef(t *testing.T, src []byte, col int, compat bool) {
	t.Helper()
	for _, from := range []int{0, 1} {
		if from > len(src) {
			continue
		}
		mk := func() *printer {
			return &printer{src: src, pos: from, out: []byte("<p>"), col: col, compat: compat,
				last: kindEnd, endInline: true}
		}
		got, want := mk(), mk()
		got.content()
		want.contentRef()
		// content keeps the printer as it was before the first drop;
		// contentRef does not.
		if (got.dropFrom != nil) != (len(got.trace.Drops) > 0) || got.dropFrom != nil && got.dropFrom.pos != from {
			t.Fatalf("content(%q from %d): dropFrom %+v with drops %v", src, from, got.dropFrom, got.trace.Drops)
		}
		got.dropFrom = nil
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("content(%q from %d, col %d, compat %v):\n got %+v\nwant %+v", src, from, col, compat, got, want)
		}
	}
	for i := range len(src) + 1 {
		for _, tag := range []bool{false, true} {
			got := &printer{src: src, col: col}
			want := &printer{src: src, col: col}
			if g, w := got.runEnd(i, tag), want.runEndRef(i, tag); g != w || got.col != want.col {
				t.Fatalf("runEnd(%q, %d, %v) = %d col %d, want %d col %d", src, i, tag, g, got.col, w, want.col)
			}
		}
	}
}

func TestContentRef(t *testing.T) {
	for _, in := range refInputs {
		for _, col := range []int{0, 5, 60, 68, 69, 70, 71, 100} {
			for _, compat := range []bool{false, true} {
				checkContentRef(t, []byte(in), col, compat)
			}
		}
	}
}

func FuzzContentRef(f *testing.F) {
	for _, in := range refInputs {
		f.Add([]byte(in), 0, false)
		f.Add([]byte(in), 65, true)
	}
	f.Fuzz(func(t *testing.T, src []byte, col int, compat bool) {
		if col < 0 || col > 200 {
			col = 0
		}
		checkContentRef(t, src, col, compat)
	})
}

// quotedRef and advanceRef are the byte-by-byte versions of
// printer.quoted and of the counting in printer.advance.
func (p *printer) quotedRef(q byte, i int) int {
	for i < len(p.src) {
		c := p.src[i]
		if c == '\n' || c == '\r' {
			p.col = 0
			i++
			continue
		}
		n, units := charLen(p.src, i)
		p.col += units
		i += n
		if c == q {
			break
		}
	}
	return i
}

func (p *printer) advanceRef(s []byte) {
	for i := 0; i < len(s); {
		if s[i] == '\n' || s[i] == '\r' {
			p.col = 0
			i++
			continue
		}
		n, units := charLen(s, i)
		p.col += units
		i += n
	}
}

var quotedInputs = []string{
	``, `"`, `abc"`, `abc`, `a'b"c`, "line\nbreak\" after", "cr\r\"x", "x\r\ny\"",
	`héllo wörld" rest`, "😀\"😀", "\xff\xfe\"", "\xe2\x82\"", "\xf0\x9f\x98\"", "tail\n", "é\nü",
}

func checkQuotedRef(t *testing.T, src []byte, col int) {
	t.Helper()
	for _, q := range []byte{'"', '\''} {
		for i := range len(src) + 1 {
			got := &printer{src: src, col: col}
			want := &printer{src: src, col: col}
			if g, w := got.quoted(q, i), want.quotedRef(q, i); g != w || got.col != want.col {
				t.Fatalf("quoted(%q, %c, %d) = %d col %d, want %d col %d", src, q, i, g, got.col, w, want.col)
			}
			got, want = &printer{col: col}, &printer{col: col}
			got.advance(src[i:])
			want.advanceRef(src[i:])
			if got.col != want.col {
				t.Fatalf("advance(%q) col %d, want %d", src[i:], got.col, want.col)
			}
		}
	}
}

func TestQuotedRef(t *testing.T) {
	for _, in := range append(quotedInputs, refInputs...) {
		for _, col := range []int{0, 69} {
			checkQuotedRef(t, []byte(in), col)
		}
	}
}

func FuzzQuotedRef(f *testing.F) {
	for _, in := range quotedInputs {
		f.Add([]byte(in), 0)
	}
	f.Fuzz(func(t *testing.T, src []byte, col int) {
		checkQuotedRef(t, src, col)
	})
}

// indexFoldRef is the byte-by-byte version of indexFold.
func indexFoldRef(s []byte, from int, pat string) int {
	if len(pat) == 0 {
		return from
	}
	first := pat[0] | 0x20
	for i := from; i+len(pat) <= len(s); i++ {
		if s[i]|0x20 != first {
			continue
		}
		if equalFold(s[i:i+len(pat)], pat) {
			return i
		}
	}
	return -1
}

var foldPats = []string{"", "</a>", "</strong>", "-->", "]]>", "?>", "[if", "[endif", "[cdata[", "</script", "a", "<"}

func checkIndexFold(t *testing.T, s []byte) {
	t.Helper()
	for _, pat := range foldPats {
		for from := range len(s) + 2 {
			if g, w := indexFold(s, from, pat), indexFoldRef(s, from, pat); g != w {
				t.Fatalf("indexFold(%q, %d, %q) = %d, want %d", s, from, pat, g, w)
			}
		}
	}
}

func TestIndexFoldRef(t *testing.T) {
	for _, s := range []string{
		"", "<", "</A>", "x</a>y</A>", "<\x1c/a>", "</STRONG></strong>", "<!-- c --\x0d>-->", "]]]>]]>",
		"<?x ?>", "<![IF x]><![ENDIF]>", "<![CDATA[x]]>", "</scripT >", "\x1c/a>",
	} {
		checkIndexFold(t, []byte(s))
	}
}

func FuzzIndexFoldRef(f *testing.F) {
	f.Add([]byte("x</a>y</A>"))
	f.Add([]byte("<![CDATA[x]]> <!-- -->"))
	f.Fuzz(func(t *testing.T, s []byte) { checkIndexFold(t, s) })
}

// plainEndRef is the byte-by-byte plainEnd that the one taking eight
// bytes at a time replaced.
func plainEndRef(src []byte, i, limit int) int {
	for i < len(src) {
		c := src[i]
		if !textStop[c] {
			i++
			continue
		}
		if c != ' ' || i >= limit || i+1 >= len(src) || textStop[src[i+1]] {
			return i
		}
		i += 2
	}
	return i
}

// checkPlainEnd compares plainEnd with plainEndRef from every offset of
// src, with limits around each.
func checkPlainEnd(t *testing.T, src []byte) {
	t.Helper()
	for i := range len(src) + 1 {
		for _, limit := range []int{0, i, i + 1, i + 7, i + 8, i + 9, i + 15, i + 16, i + 17, i + 69, len(src), len(src) + 8} {
			if g, w := plainEnd(src, i, limit), plainEndRef(src, i, limit); g != w {
				t.Fatalf("plainEnd(%q, %d, %d) = %d, want %d", src, i, limit, g, w)
			}
		}
	}
}

var plainEndInputs = []string{
	"abcdefgh", "abcdefg ", "abc defg hij", "abc  defgh", "a b c d e f g h i j", "abcdefgh<ijklmnop",
	"abcdefg\tijklmnop", "abcdefg\x7fijklmn", "abcdefg\x1fijklmn", "abcdéfghijklmnop", "abcdefg ;ijklmnop",
	" abcdefghijklmnop", "abcdefghijklmno ", "abcdefghijklmnop ", "abcdefgh <", "abcdefg  h", "~~~~~~~~ ~~~~~~~~",
	"!!!!!!!!!!!!!!!!!!!!", "////////////////////", "<<<<<<<<<<<<<<<<", "        ", "a\x00bcdefghijk",
}

func TestPlainEndRef(t *testing.T) {
	for _, in := range append(plainEndInputs, refInputs...) {
		checkPlainEnd(t, []byte(in))
	}
	// Every byte value at every place of a word of eight.
	for c := range 256 {
		for k := range 8 {
			b := []byte("abcdefghijklmnopq")
			b[k] = byte(c)
			checkPlainEnd(t, b)
			b[k+1] = ' '
			checkPlainEnd(t, b)
		}
	}
}

func FuzzPlainEndRef(f *testing.F) {
	for _, in := range append(plainEndInputs, refInputs...) {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 512 {
			src = src[:512]
		}
		checkPlainEnd(t, src)
	})
}

// BenchmarkPlainEnd runs plainEnd and plainEndRef over prose, a stretch
// of a line at a time, as printer.content does.
func BenchmarkPlainEnd(b *testing.B) {
	src := []byte(strings.Repeat("The quick brown fox jumps over the lazy dog, and then some more words. ", 64))
	for _, f := range []struct {
		name string
		fn   func([]byte, int, int) int
	}{{"words", plainEnd}, {"ref", plainEndRef}} {
		b.Run(f.name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				for i := 0; i < len(src); {
					k := f.fn(src, i, i+maxChar-1)
					i = k + 1
				}
			}
		})
	}
}

// checkResume checks that PrintPlain and PrintNoBreak, which go on from
// a checkpoint of an earlier run, give what laying out the whole input
// gives: the plain layout of in, and each pass of layoutCMS's loop (drops
// written as &nbsp;, laid out again) up to maxPasses. It returns whether
// PrintPlain went on from a checkpoint, and how many passes did.
func checkResume(t *testing.T, in []byte, maxPasses int) (fromPlain bool, fromDrop int) {
	t.Helper()
	plain := Print(in)
	out, tr := PrintTrace(in, true)
	fromPlain = tr.plainFrom != nil
	if got := PrintPlain(in, tr); !bytes.Equal(got, plain) {
		t.Fatalf("PrintPlain(%q) = %q, want Print's %q", in, got, plain)
	}
	if got := PrintPlain(bytes.Clone(in), tr); !bytes.Equal(got, plain) {
		t.Fatalf("PrintPlain(copy of %q) = %q, want Print's %q", in, got, plain)
	}
	cur := in
	for range maxPasses {
		if len(tr.Drops) == 0 {
			return fromPlain, fromDrop
		}
		if tr.dropFrom != nil {
			fromDrop++
		}
		wantNext := NoBreakSpaces(cur, tr.Drops)
		wantOut, wantTr := PrintTrace(wantNext, true)
		next, gotOut, gotTr := PrintNoBreak(cur, tr)
		if !bytes.Equal(next, wantNext) || !bytes.Equal(gotOut, wantOut) || gotTr.Diverged != wantTr.Diverged ||
			gotTr.Spaced != wantTr.Spaced || !slices.Equal(gotTr.Drops, wantTr.Drops) {
			t.Fatalf("PrintNoBreak(%q, drops %v) = %q, %q, %+v\nwant %q, %q, %+v", cur, tr.Drops, next, gotOut, gotTr, wantNext, wantOut, wantTr)
		}
		// The plain layout of a later pass from its own trace.
		if got, want := PrintPlain(next, gotTr), Print(next); !bytes.Equal(got, want) {
			t.Fatalf("PrintPlain(%q) after a pass = %q, want %q", next, got, want)
		}
		cur, out, tr = next, gotOut, gotTr
	}
	_ = out
	return fromPlain, fromDrop
}

var resumeInputs = []string{
	// A wrap inside the end tag that parts the modes, right after text
	// (the resumed layout must go on with the tag, not an empty text).
	"rd word word word word word word word word word word wwoord xford ab</a x>",
	"", "<p>x</p>", "<p>a <mark>m</mark> b</p>", "<p>a<mark>m</mark>b <mark>n</mark> c</p>",
	"<p>" + strings.Repeat("word ", 13) + "ab <a href=\"x\">link</a> after <a href=\"y\">two</a> more</p>",
	"<p>" + strings.Repeat("word ", 13) + "abc<a target=\"_blank\" href=\"x\">link</a>z</p>",
	"<p>x</a> y <mark>m</mark> z</p>", "<p>stray</a> then</p><p>" + strings.Repeat("w ", 34) + "<a href=\"q\">l</a> t</p>",
	"<p>" + strings.Repeat("wo ", 22) + "x<a class=\"c\" href=\"h\">l</a> " + strings.Repeat("wo ", 22) + "<a class=\"c\" href=\"h\">m</a> end</p>",
	"<mark/>x <mark-x/> y", "<p>a</p><mark", "<p>a</mark> b</p>", "<p>a <marK>b</MARK> c</p>",
}

func TestResume(t *testing.T) {
	var ins [][]byte
	for _, in := range resumeInputs {
		ins = append(ins, []byte(in))
	}
	ins = append(ins, layoutSeeds(t)...)
	for _, p := range layoutCorpus(t) {
		if body := p.Body(); len(body) > 0 {
			ins = append(ins, unlayout(body))
		}
	}
	plains, drops := 0, 0
	for _, in := range ins {
		p, d := checkResume(t, in, maxPassesTest)
		if p {
			plains++
		}
		drops += d
	}
	t.Logf("%d inputs: %d plain layouts and %d passes went on from a checkpoint", len(ins), plains, drops)
	if plains == 0 || drops == 0 {
		t.Errorf("no checkpoint was used: %d plain layouts, %d passes", plains, drops)
	}
}

// maxPassesTest is tiptap's maxLayoutPasses.
const maxPassesTest = 16

func FuzzResume(f *testing.F) {
	for _, in := range resumeInputs {
		f.Add([]byte(in))
	}
	for _, s := range layoutSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		checkResume(t, in, 4)
	})
}
