package liquid

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// endByIndex is End written with strings.Index, the plain statement of
// the rule: the closer's first occurrence on the opener's line.
func endByIndex(s string, i int) int {
	if i < 0 || i+1 >= len(s) || s[i] != '{' || s[i+1] != '{' && s[i+1] != '%' {
		return -1
	}
	closer := "}}"
	if s[i+1] == '%' {
		closer = "%}"
	}
	rest, _, _ := strings.Cut(s[i+2:], "\n")
	j := strings.Index(rest, closer)
	if j < 0 {
		return -1
	}
	return i + 2 + j + 2
}

func TestEnd(t *testing.T) {
	for _, tc := range []struct {
		s    string
		i    int
		want int
	}{
		{"{{ x }}", 0, 7},
		{"{% if a %}b", 0, 10},
		{"a {{ page.title }} b", 2, 18},
		{"{{}}", 0, 4},
		{"{%}", 0, -1},     // "%}" overlaps the opener: not closed
		{"{{}", 0, -1},     // one brace only
		{"{{ x %}", 0, -1}, // the other kind's closer
		{"{% x }}", 0, -1},
		{"{{ x\n}}", 0, -1}, // Liquid may not span lines
		{"{{ a }} {{ b }}", 0, 7},
		{"{{ a }} {{ b }}", 8, 15},
		{"{{{ x }}}", 0, 8},
		{"{{{ x }}}", 1, 8},
		{"{ x }", 0, -1},
		{"x{{ a }}", 0, -1}, // not at a brace
		{"{", 0, -1},
		{"", 0, -1},
		{"{{ a }}", -1, -1},
		{"{{ a }}", 7, -1},
		{"{% raw %}{{ x }}{% endraw %}", 0, 9},
		{"{{ 'é' }}", 0, 10},
	} {
		assert.Equal(t, tc.want, End(tc.s, tc.i), "End(%q, %d)", tc.s, tc.i)
		assert.Equal(t, tc.want, End([]byte(tc.s), tc.i), "End([]byte(%q), %d)", tc.s, tc.i)
		var m Memo
		assert.Equal(t, tc.want, m.End([]byte(tc.s), tc.i, 0), "Memo.End(%q, %d)", tc.s, tc.i)
	}
}

func TestNext(t *testing.T) {
	for _, tc := range []struct {
		s          string
		start, end int
	}{
		{"", -1, -1},
		{"plain text", -1, -1},
		{"a {{ b }} c", 2, 9},
		{"a { b {% c %}", 6, 13},
		{"{{ open\n{{ x }}", 8, 15},
		{"{{{ x }}", 0, 8},
		{"trailing {", -1, -1},
		{"{x} {%y%}", 4, 9},
	} {
		start, end := Next(tc.s)
		assert.Equal(t, [2]int{tc.start, tc.end}, [2]int{start, end}, "Next(%q)", tc.s)
		start, end = Next([]byte(tc.s))
		assert.Equal(t, [2]int{tc.start, tc.end}, [2]int{start, end}, "Next([]byte(%q))", tc.s)
	}
}

// TestMemoWindows checks the Memo over windows of one source that end
// at different places: what it learnt in a window that ends at one
// place must not answer for a window that ends further on.
func TestMemoWindows(t *testing.T) {
	src := []byte("a {{ b {{ c }} d")
	var m Memo
	// Window ending before the closer: "{{" at 2 and 7 are not closed.
	assert.Equal(t, -1, m.End(src[:10], 2, 0))
	assert.Equal(t, -1, m.End(src[:10], 7, 0))
	// The whole source: both are closed now.
	assert.Equal(t, 14, m.End(src, 2, 0))
	assert.Equal(t, 14, m.End(src, 7, 0))
	// A window that starts later, with its base.
	assert.Equal(t, 7, m.End(src[7:], 0, 7))
}

// TestMemoLinear checks that a line of many unclosed openers is read in
// linear time: the memo answers without scanning the rest of the line.
func TestMemoLinear(t *testing.T) {
	src := []byte(strings.Repeat("{{", 1<<14) + "\n{{ x }}")
	var m Memo
	assert.Equal(t, -1, m.End(src, 0, 0))
	// The first answer covers the line: every later opener on it is
	// answered from memory.
	assert.Equal(t, [2]int{2, 1 << 15}, [2]int{m.from[0], m.stop[0]})
	for i := 1; i < 1<<15; i++ {
		assert.Equal(t, -1, m.End(src, i, 0))
	}
	assert.Equal(t, len(src), m.End(src, 1<<15+1, 0))
}

func FuzzEnd(f *testing.F) {
	for _, s := range []string{"{{ x }}", "{% a %}", "{{{ }}}", "{{\n}}", "{%}", "a {{ b }} {% c", "{{ {% %} }}"} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, i int) {
		want := endByIndex(s, i)
		if got := End(s, i); got != want {
			t.Fatalf("End(%q, %d) = %d, want %d", s, i, got, want)
		}
		if got := End([]byte(s), i); got != want {
			t.Fatalf("End([]byte(%q), %d) = %d, want %d", s, i, got, want)
		}
		// A Memo asked at every offset, in order as a scanner asks,
		// answers as End does.
		var m Memo
		b := []byte(s)
		for k := range b {
			if got, want := m.End(b, k, 0), endByIndex(s, k); got != want {
				t.Fatalf("Memo.End(%q, %d) = %d, want %d", s, k, got, want)
			}
		}
		start, end := Next(s)
		if start >= 0 {
			if end != endByIndex(s, start) || strings.Contains(s[:start], "{") && firstLiquid(s[:start]) {
				t.Fatalf("Next(%q) = %d, %d", s, start, end)
			}
		} else if firstLiquid(s) {
			t.Fatalf("Next(%q) found none", s)
		}
	})
}

// firstLiquid reports whether some offset of s starts Liquid.
func firstLiquid(s string) bool {
	for k := range len(s) {
		if endByIndex(s, k) > 0 {
			return true
		}
	}
	return false
}

func BenchmarkEnd(b *testing.B) {
	line := []byte("Dates: {{ page.date | date: \"%d %B %Y\" }} and {% if page.x %}text{% endif %}, then {{ unclosed and more text to the end of the line\n")
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		var m Memo
		for i := range line {
			if line[i] == '{' {
				m.End(line, i, 0)
			}
		}
	}
}
