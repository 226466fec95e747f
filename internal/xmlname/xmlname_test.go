package xmlname

import (
	"regexp"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestScan(t *testing.T) {
	for _, tc := range []struct {
		s    string
		i    int
		want int
	}{
		{"div", 0, 3},
		{"div class", 0, 3},
		{"<div>", 1, 4},
		{"h1", 0, 2},
		{"_x", 0, 2},
		{"data-src=1", 0, 8},
		{"a.b_c-d", 0, 7},
		{"xlink:href", 0, 10},
		{"a:", 0, 1},       // the prefix needs a local name after it
		{"a:1", 0, 1},      // which starts with a letter or "_"
		{"a:b:c", 0, 3},    // one prefix only
		{"1a", 0, 0},       // a name does not start with a digit
		{"-a", 0, 0},       // nor with "-"
		{":a", 0, 0},       // nor with ":"
		{"é-1", 0, 4},      // Unicode letters count
		{"名前 x", 0, 6},     // in any script
		{"a٣", 0, 3},       // and Unicode digits
		{"a\xff", 0, 1},    // invalid UTF-8 ends a name
		{"\xffa", 0, 0},    //
		{"", 0, 0},         //
		{"abc", 3, 3},      // at the end
		{"x y", 1, 1},      // at a space
		{"ab", 1, 2},       // from inside
		{"p>", 0, 1},       //
		{"br/", 0, 2},      //
		{"a\u00b7b", 0, 1}, // U+00B7 is not in [[:alnum:]]
	} {
		assert.Equal(t, tc.want, Scan([]byte(tc.s), tc.i), "Scan(%q, %d)", tc.s, tc.i)
	}
}

func TestValid(t *testing.T) {
	for s, want := range map[string]bool{
		"div": true, "xlink:href": true, "data-x": true, "_": true, "é": true,
		"": false, "a:": false, ":a": false, "a:b:c": false, "1": false, "a b": false, "a\xff": false,
	} {
		assert.Equal(t, want, Valid([]byte(s)), "Valid(%q)", s)
	}
}

func TestIsStart(t *testing.T) {
	for r, want := range map[rune]bool{'a': true, 'Z': true, '_': true, 'é': true, '名': true, '1': false, '-': false, ':': false, '.': false, ' ': false, utf8.RuneError: false} {
		assert.Equal(t, want, IsStart(r), "IsStart(%q)", r)
	}
}

// uname is REXML's UNAME_STR as a Go regular expression, anchored: the
// grammar Scan implements, written the way kramdown writes it.
var uname = regexp.MustCompile(`^(?:[\p{L}_][-\p{L}\p{Nd}._]*:)?[\p{L}_][-\p{L}\p{Nd}._]*`)

func FuzzScan(f *testing.F) {
	for _, s := range []string{"div", "xlink:href", "a:", "a:b:c", "é-1", "1a", "data-x=\"1\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			// The regular expression reads invalid bytes as U+FFFD,
			// which is not a letter: Scan must stop there too.
			e := Scan([]byte(s), 0)
			if !utf8.ValidString(s[:e]) {
				t.Fatalf("Scan(%q) = %d ends in invalid UTF-8", s, e)
			}
			return
		}
		want := len(uname.FindString(s))
		if got := Scan([]byte(s), 0); got != want {
			t.Fatalf("Scan(%q) = %d, want %d", s, got, want)
		}
		if got := Valid([]byte(s)); got != (want > 0 && want == len(s)) {
			t.Fatalf("Valid(%q) = %v", s, got)
		}
	})
}
