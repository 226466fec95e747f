package ascii

import (
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
	})
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
