package markdown

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tiptapmd/tiptapmd/internal/xmlname"
)

// knownElementRef is knownElement as it was, a lookup in each table:
// the reference the one lookup is held to.
func knownElementRef(lower string) bool {
	return htmlSpanElements[lower] || htmlBlockElements[lower] || htmlVoidElements[lower] ||
		contentModelBlock[lower] || contentModelSpan[lower] || lower == "script" || lower == "style" ||
		lower == "math" || lower == "textarea" || lower == "pre" || lower == "code" || lower == "kbd" ||
		lower == "samp" || lower == "var" || lower == "option"
}

func TestKnownElement(t *testing.T) {
	names := []string{"", "x", "DIV", "my-tag", "svg", "center", "font", "template", "details", "figure", "object", "noscript"}
	for _, set := range []map[string]bool{htmlSpanElements, htmlBlockElements, htmlVoidElements, contentModelBlock, contentModelSpan, knownElements} {
		for name := range set {
			names = append(names, name, strings.ToUpper(name), name+"x")
		}
	}
	for _, name := range names {
		if got, want := knownElement(name), knownElementRef(name); got != want {
			t.Errorf("knownElement(%q) = %v, want %v", name, got, want)
		}
	}
}

func FuzzKnownElement(f *testing.F) {
	f.Add("div")
	f.Add("textarea")
	f.Add("Pre")
	f.Fuzz(func(t *testing.T, name string) {
		if got, want := knownElement(name), knownElementRef(name); got != want {
			t.Errorf("knownElement(%q) = %v, want %v", name, got, want)
		}
	})
}

// indexRawStartRef is indexRawStart as it was, byte by byte: the
// reference the one that jumps to each "<" is held to.
func indexRawStartRef(s []byte, from int) int {
	for i := from; i < len(s); i++ {
		if s[i] != '<' || i+1 >= len(s) {
			continue
		}
		c := s[i+1]
		if c == '/' || c == '?' || bytes.HasPrefix(s[i+1:], []byte("!--")) {
			return i
		}
		if r, _ := utf8.DecodeRune(s[i+1:]); xmlname.IsStart(r) {
			return i
		}
	}
	return -1
}

func checkIndexRawStart(t *testing.T, s []byte) {
	t.Helper()
	for from := 0; from <= len(s); from++ {
		if got, want := indexRawStart(s, from), indexRawStartRef(s, from); got != want {
			t.Fatalf("indexRawStart(%q, %d) = %d, want %d", s, from, got, want)
		}
	}
}

func TestIndexRawStart(t *testing.T) {
	for _, s := range []string{"", "<", "a<", "<<", "a < b <c", "x <1 <é> </p>", "<!- <!-- <? <-", "< \xff<\xe2\x80", "text only", "<<</"} {
		checkIndexRawStart(t, []byte(s))
	}
}

func FuzzIndexRawStart(f *testing.F) {
	f.Add([]byte("a < b <c </d> <!-- <? <é"))
	f.Fuzz(func(t *testing.T, s []byte) {
		checkIndexRawStart(t, s)
	})
}
