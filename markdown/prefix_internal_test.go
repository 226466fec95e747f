package markdown

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestPrefixLinesShortcut checks prefixLines, which copies the text
// between line ends, against the byte-wise loop it replaced (below, as
// it was), on random texts of line ends, code newlines and spaces.
func TestPrefixLinesShortcut(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	pieces := []string{"\n", string(codeNewline), " ", "a", "é", "\uF001", ">"}
	prefixes := [][2]string{{"> ", "> "}, {"* ", "  "}, {"1. ", "   "}, {"", ""}}
	for range 20000 {
		var b []byte
		for range r.IntN(12) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		p := prefixes[r.IntN(len(prefixes))]
		got := prefixLines(b, []byte(p[0]), []byte(p[1]))
		if want := prefixLinesRef(b, []byte(p[0]), []byte(p[1])); !bytes.Equal(got, want) {
			t.Fatalf("prefixLines(%q, %q, %q) = %q, want %q", b, p[0], p[1], got, want)
		}
	}
}

// prefixLinesRef is prefixLines as it was, byte by byte.
func prefixLinesRef(b, first, rest []byte) []byte {
	nl := []byte(string(codeNewline))
	var out []byte
	out = append(out, first...)
	bare := bytes.TrimRight(rest, " ")
	for i := 0; i < len(b); {
		switch {
		case b[i] == '\n':
			out = append(out, '\n')
			i++
		case bytes.HasPrefix(b[i:], nl):
			out = append(out, nl...)
			i += len(nl)
		default:
			out = append(out, b[i])
			i++
			continue
		}
		if i >= len(b) || b[i] == '\n' || bytes.HasPrefix(b[i:], nl) {
			out = append(out, bare...)
		} else {
			out = append(out, rest...)
		}
	}
	return out
}
