package ascii

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestIsSpace(t *testing.T) {
	for c := 0; c < 256; c++ {
		want := strings.IndexByte(" \t\n\f\r", byte(c)) >= 0
		assert.Equal(t, want, IsSpace(byte(c)), "byte %#x", c)
	}
}

func TestCollapseSpace(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"a b", "a b"},
		{"a  b", "a b"},
		{"a\tb", "a b"},
		{" \r\n\f a \n", " a "},
		{"a\u00a0\u00a0b", "a\u00a0\u00a0b"}, // no-break spaces are not ASCII whitespace
		{"\v", "\v"},                         // nor is a vertical tab
	} {
		assert.Equal(t, tc.want, CollapseSpace(tc.in), "%q", tc.in)
	}
}

func TestAppendLower(t *testing.T) {
	assert.Equal(t, "x-div data-é", string(AppendLower([]byte("x-"), []byte("DiV data-é"))))
	assert.Equal(t, "\u0130", string(AppendLower(nil, []byte("\u0130"))), "only ASCII letters change")
}

// FuzzCollapseSpace checks CollapseSpace against the rule stated as a
// regular expression.
func FuzzCollapseSpace(f *testing.F) {
	f.Add("a \t\n b")
	f.Add(" x\f")
	re := regexp.MustCompile("[ \t\n\f\r]+")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if got, want := CollapseSpace(s), re.ReplaceAllString(s, " "); got != want {
			t.Fatalf("CollapseSpace(%q) = %q, want %q", s, got, want)
		}
		if got, want := CollapseSpace(s), collapseSpaceRef(s); got != want {
			t.Fatalf("CollapseSpace(%q) = %q, the word-by-word loop %q", s, got, want)
		}
		checkWriteCollapsed(t, s)
	})
}

// collapseSpaceRef is CollapseSpace as it was, copying word by word:
// the reference for the loop that copies up to each run to collapse.
func collapseSpaceRef(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		j := i + 1
		if IsSpace(s[i]) {
			for j < len(s) && IsSpace(s[j]) {
				j++
			}
			b.WriteByte(' ')
		} else {
			for j < len(s) && !IsSpace(s[j]) {
				j++
			}
			b.WriteString(s[i:j])
		}
		i = j
	}
	return b.String()
}

// checkWriteCollapsed checks WriteCollapsed, after what a builder
// already holds, against collapseSpaceRef.
func checkWriteCollapsed(t *testing.T, s string) {
	t.Helper()
	var b strings.Builder
	b.WriteString("held ")
	ok := WriteCollapsed(&b, s)
	want := collapseSpaceRef(s)
	if ok != (want != s) {
		t.Fatalf("WriteCollapsed(%q) = %v, collapsed %q", s, ok, want)
	}
	if !ok {
		want = ""
	}
	if got := b.String(); got != "held "+want {
		t.Fatalf("WriteCollapsed(%q) wrote %q, want %q", s, got, "held "+want)
	}
}

func TestWriteCollapsed(t *testing.T) {
	for _, s := range []string{"", " ", "\n", "a", " a ", "a  b", "a b", "\na\n", "a \n b", "a\t\tb c\fd  ",
		strings.Repeat("wrapped line of text,\n", 9)} {
		checkWriteCollapsed(t, s)
	}
}

func TestCollapseSpaceRef(t *testing.T) {
	for _, s := range []string{
		"", " ", "\n", "a", " a ", "a  b", "\na\n", "a\nb\nc", "a \n b", "  ", "a\t\tb c\fd  ",
		strings.Repeat("wrapped line of text,\n", 9), strings.Repeat("x ", 40) + "\n\n" + strings.Repeat("y\t", 30),
	} {
		assert.Equal(t, collapseSpaceRef(s), CollapseSpace(s), "%q", s)
	}
}

func BenchmarkCollapseSpace(b *testing.B) {
	s := strings.Repeat("word \n\t  word ", 200)
	for b.Loop() {
		CollapseSpace(s)
	}
}

func BenchmarkCollapseSpaceNone(b *testing.B) {
	s := strings.Repeat("The quick brown fox jumps over the lazy dog. ", 20)
	for b.Loop() {
		CollapseSpace(s)
	}
}

func TestSet(t *testing.T) {
	s := SetOf("<&>")
	assert.Equal(t, 2, s.Index([]byte("ab&c<")))
	assert.Equal(t, -1, s.Index([]byte("plain text")))
	assert.Equal(t, -1, s.Index(nil))
	w := SetWhere(func(c byte) bool { return c >= 0x80 })
	assert.Equal(t, 1, w.Index([]byte("aé")))
	for c := range 256 {
		assert.Equal(t, c >= 0x80, w[c], "SetWhere at %#x", c)
		assert.Equal(t, c == '<' || c == '&' || c == '>', s[c], "SetOf at %#x", c)
	}
}

// FuzzSetIndex compares Set.Index with bytes.IndexAny for ASCII sets.
func FuzzSetIndex(f *testing.F) {
	f.Add("<>", []byte("a<b"))
	f.Add(" \n\r\t\f/>", []byte("name attr"))
	f.Fuzz(func(t *testing.T, chars string, b []byte) {
		ascii := make([]byte, 0, len(chars))
		for i := 0; i < len(chars); i++ {
			if chars[i] < utf8.RuneSelf {
				ascii = append(ascii, chars[i])
			}
		}
		s := SetOf(string(ascii))
		if got, want := s.Index(b), bytes.IndexAny(b, string(ascii)); got != want {
			t.Fatalf("Index(%q) of the set of %q = %d, want %d", b, ascii, got, want)
		}
	})
}

func BenchmarkCollapseSpaceWrapped(b *testing.B) {
	s := strings.Repeat("Projects should address at least one area of environmental sustainability,\n", 6)
	for b.Loop() {
		CollapseSpace(s)
	}
}

func TestTagName(t *testing.T) {
	for _, tc := range []struct {
		raw, want string
		ok        bool
	}{
		{"<p>", "p", true},
		{"</P>", "p", true},
		{`<A href="x">`, "a", true},
		{"<br/>", "br", true},
		{"<DiV\nclass=x>", "div", true},
		{"<x-Y\t>", "x-y", true},
		{"<é>", "é", true},         // bytes beyond ASCII are kept
		{"<abcdefghi>", "", false}, // longer than buf
		{"<abcdefgh>", "abcdefgh", true},
		{"<a\x00b>", "", false}, // TagName replaces the NUL
		{"<", "", true},
		{"</", "", true},
	} {
		var buf [8]byte
		name, ok := TagName([]byte(tc.raw), buf[:])
		assert.Equal(t, tc.ok, ok, "%q", tc.raw)
		assert.Equal(t, tc.want, string(name), "%q", tc.raw)
	}
}

// lineStartsRef is LineStarts byte by byte: the reference the faster one
// is held to.
func lineStartsRef(b []byte) []int {
	lines := []int{0}
	for i, c := range b {
		if c == '\n' {
			lines = append(lines, i+1)
		}
	}
	return lines
}

func TestLineStarts(t *testing.T) {
	for _, s := range []string{"", "\n", "a", "a\n", "\na", "<p>a</p>\n<p>b\nc</p>\n\n", "\n\n\n", "é\n\r\nx", "a\rb"} {
		assert.Equal(t, lineStartsRef([]byte(s)), LineStarts([]byte(s)), "%q", s)
	}
}

func FuzzLineStarts(f *testing.F) {
	f.Add([]byte("<p>a</p>\n<p>b\nc</p>\n\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := LineStarts(b), lineStartsRef(b); !assert.ObjectsAreEqual(want, got) {
			t.Errorf("LineStarts(%q) = %v, want %v", b, got, want)
		}
	})
}
