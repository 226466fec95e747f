package tiptap

import (
	"slices"
	"strings"
	"testing"
)

// unsafeURLByBuilding is unsafeURL as it was first written, building the
// start of the URL rune by rune: the reference the allocation-free one
// must agree with.
func unsafeURLByBuilding(u string) bool {
	if strings.HasPrefix(strings.TrimLeft(u, " \t\n\r\f"), "{") {
		if l := liquidLiterals(u); l != u {
			return unsafeURLByBuilding(l)
		}
	}
	var b strings.Builder
	for _, r := range u {
		if r <= ' ' || r == 0x7f || r == '\u00a0' {
			continue
		}
		b.WriteRune(r)
		if b.Len() > len("javascript:") {
			break
		}
	}
	s := strings.ToLower(b.String())
	return strings.HasPrefix(s, "javascript:") || strings.HasPrefix(s, "vbscript:") || strings.HasPrefix(s, "data:")
}

var unsafeURLSeeds = []string{
	"javascript:alert(1)", " JaVa\tScRiPt:x", "\x01\x02javascript:x", "java\u00a0script:x", "vbscript:x",
	"DATA:text/html", "data", "https://a.b", "/files/a.pdf", "#top", "", "jav\xffascript:", "javascr\u0130pt:x",
	"{{ \"javascript:\" }}alert(1)", "{{ site.url }}/a", "ȺȺȺȺȺȺ:", "\u212Aavascript:", "dat\u0130:",
	"\u00a0\u00a0Javascript:x", "\xc2javascript:x", "\xc2\xa0\x7fvbscript:", "\u0130", " \x00D", "\xa0data:",
}

func TestUnsafeURLAsBuilt(t *testing.T) {
	for _, u := range unsafeURLSeeds {
		if got, want := unsafeURL(u), unsafeURLByBuilding(u); got != want {
			t.Errorf("unsafeURL(%q) = %v, the reference says %v", u, got, want)
		}
	}
	for _, u := range []string{"javascript:x", " data:x", "VBScript:x", "{{ 'javascript:' }}x"} {
		if !unsafeURL(u) {
			t.Errorf("unsafeURL(%q) = false", u)
		}
	}
	if n := testing.AllocsPerRun(100, func() { unsafeURL(" JaVaScRiPt:alert(1)") }); n != 0 {
		t.Errorf("unsafeURL allocates %v times", n)
	}
}

func FuzzUnsafeURL(f *testing.F) {
	for _, u := range unsafeURLSeeds {
		f.Add(u)
	}
	f.Fuzz(func(t *testing.T, u string) {
		if got, want := unsafeURL(u), unsafeURLByBuilding(u); got != want {
			t.Errorf("unsafeURL(%q) = %v, the reference says %v", u, got, want)
		}
	})
}

// elementsBeyondByByte is elementsBeyond as first written, byte by byte.
func elementsBeyondByByte(src []byte, max int) int {
	n := 0
	for i := 0; i+1 < len(src); i++ {
		if src[i] != '<' {
			continue
		}
		if c := src[i+1] | 0x20; c >= 'a' && c <= 'z' {
			n++
			if n > max {
				return i
			}
		}
	}
	return -1
}

func TestElementsBeyondAsByByte(t *testing.T) {
	for _, s := range []string{"", "<", "<a", "a<", "<<a<b", "<a><B>< c><1><z", "x<p>y</p><br/><", strings.Repeat("<i>", 9)} {
		for max := 0; max < 5; max++ {
			if got, want := elementsBeyond([]byte(s), max), elementsBeyondByByte([]byte(s), max); got != want {
				t.Errorf("elementsBeyond(%q, %d) = %d, byte by byte %d", s, max, got, want)
			}
		}
	}
}

func TestHasMarkerCharsAsByByte(t *testing.T) {
	byByte := func(src []byte) bool {
		for i := 0; i+2 < len(src); i++ {
			if src[i] == 0xEF && src[i+1] == 0xB7 && src[i+2] >= 0x90 && src[i+2] <= 0xAF {
				return true
			}
		}
		return false
	}
	for _, s := range []string{"", "\xEF", "\xEF\xB7", "\xEF\xB7\x90", "a\xEF\xEF\xB7\xAFb", "\uFDCF\uFDD0", "\uFDEF", "\uFDF0\uFDCF", "\xEF\xB7\x8F\xEF\xB7\xB0"} {
		if got, want := hasMarkerChars([]byte(s)), byByte([]byte(s)); got != want {
			t.Errorf("hasMarkerChars(%q) = %v, byte by byte %v", s, got, want)
		}
	}
}

// TestAttrValue checks that attrValue gives every value back as it is,
// the dialect's defaults (from their constants) included, and that it
// boxes those defaults without allocating.
func TestAttrValue(t *testing.T) {
	for _, v := range []string{"", "_blank", "_self", "noopener noreferrer nofollow", "noopener", "100%", "50%",
		"auto", "width: 100%", "width: 100%;", "strict-origin-when-cross-origin", "no-referrer", "_BLANK", " _blank"} {
		if got, ok := attrValue(v).(string); !ok || got != v {
			t.Errorf("attrValue(%q) = %#v", v, attrValue(v))
		}
	}
	defaults := []string{defaultLinkTarget, defaultLinkRel, defaultImageWidth, defaultImageHeight, defaultImageStyle, defaultIframeReferrerPolicy}
	var sink any
	for _, d := range defaults {
		v := strings.Clone(d) // not the constant's bytes
		if n := testing.AllocsPerRun(10, func() { sink = attrValue(v) }); n != 0 {
			t.Errorf("attrValue(%q): %v allocations, want 0", d, n)
		}
	}
	_ = sink
}

// TestAppendCSSDecls checks the declarations read from style attributes
// (ProseMirror's /\s*([\w-]+)\s*:\s*([^;]+)/g, values trimmed), and that
// appendCSSDecls appends to what its buffer holds, past the size of the
// readers' stack buffers too.
func TestAppendCSSDecls(t *testing.T) {
	many := strings.Repeat("a:b;", declBuf+3)
	for _, c := range []struct {
		style string
		want  [][2]string
	}{
		{"", nil},
		{"color: red; font-weight:bold", [][2]string{{"color", "red"}, {"font-weight", "bold"}}},
		{"  text-align :  center ;", [][2]string{{"text-align", "center"}}},
		{"a: ;b:c", [][2]string{{"a", ""}, {"b", "c"}}},
		{"x:", nil},
		{";;:y;z:1", [][2]string{{"z", "1"}}},
		{"font-weight: 700 !important", [][2]string{{"font-weight", "700 !important"}}},
		{"w\u00e9:1", nil}, // \w is ASCII
	} {
		got := cssDecls(c.style)
		if !slices.Equal(got, c.want) {
			t.Errorf("cssDecls(%q) = %q, want %q", c.style, got, c.want)
		}
		var buf [declBuf][2]string
		prefix := append(buf[:0], [2]string{"p", "q"})
		if got := appendCSSDecls(prefix, c.style); !slices.Equal(got, append([][2]string{{"p", "q"}}, c.want...)) {
			t.Errorf("appendCSSDecls(prefix, %q) = %q", c.style, got)
		}
	}
	var buf [declBuf][2]string
	if got := appendCSSDecls(buf[:0], many); len(got) != declBuf+3 || got[declBuf+2] != [2]string{"a", "b"} {
		t.Errorf("appendCSSDecls(%q) = %q", many, got)
	}
}

// FuzzAppendCSSDecls checks that appendCSSDecls appends to a buffer what
// cssDecls gives, declarations whose properties are words.
func FuzzAppendCSSDecls(f *testing.F) {
	for _, s := range []string{"color: red; font-weight:bold", "a: ;b:c", "x:", strings.Repeat("a:b;", 12)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, style string) {
		want := cssDecls(style)
		var buf [declBuf][2]string
		got := appendCSSDecls(append(buf[:0], [2]string{"p", "q"}), style)
		if len(got) != len(want)+1 || got[0] != [2]string{"p", "q"} || !slices.Equal(got[1:], want) {
			t.Fatalf("appendCSSDecls(prefix, %q) = %q, cssDecls %q", style, got, want)
		}
		for _, d := range want {
			if d[0] == "" || !strings.Contains(style, d[0]) || !strings.Contains(style, strings.TrimSpace(d[1])) {
				t.Fatalf("cssDecls(%q): declaration %q is not in the style", style, d)
			}
		}
	})
}
