package frontmatter

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestYAMLErrorLine(t *testing.T) {
	tests := []struct {
		msg     string
		line    int
		problem string
	}{
		{"yaml: line 3: mapping values are not allowed in this context", 3, "mapping values are not allowed in this context"},
		{"yaml: line 2: did not find expected key", 3, "did not find expected key"},
		{"yaml: line 1: did not find expected '-' indicator", 2, "did not find expected '-' indicator"},
		{"yaml: line 2: found a tab character that violates indentation", 3, "found a tab character that violates indentation"},
		{"yaml: line 3: found character that cannot start any token", 3, "found character that cannot start any token"},
		{"yaml: control characters are not allowed", 0, "control characters are not allowed"},
		{"yaml: unknown anchor 'x' referenced", 0, "unknown anchor 'x' referenced"},
		{"yaml: line x: odd", 0, "line x: odd"},
		{"something else", 0, "something else"},
	}
	for _, tt := range tests {
		line, problem := yamlErrorLine(tt.msg)
		assert.Equal(t, tt.line, line, tt.msg)
		assert.Equal(t, tt.problem, problem, tt.msg)
	}
}

func TestLineStarts(t *testing.T) {
	assert.Equal(t, []int{0}, lineStarts(nil))
	assert.Equal(t, []int{0, 2, 5, 7, 11, 16, 20}, lineStarts([]byte("a\nb\r\nc\rdd\u0085ee\u2028f\u2029")))
}

func TestOffsetAndFilePos(t *testing.T) {
	text := []byte("éé: x\nk: \"a\u2028b\"\nz: 1\n")
	starts := lineStarts(text)
	// The YAML library counts columns in characters and U+2028 as a line
	// break: x is on line 1, column 5; z on line 4, column 1.
	off := offsetOf(text, starts, 1, 5)
	assert.Equal(t, "x", string(text[off]))
	off = offsetOf(text, starts, 4, 1)
	assert.Equal(t, "z", string(text[off]))
	// File positions count "\n" lines and bytes.
	line, col := filePos(text, 2, off)
	assert.Equal(t, 4, line)
	assert.Equal(t, 1, col)
	line, col = filePos(text, 2, 4)
	assert.Equal(t, 2, line)
	assert.Equal(t, 5, col)
}

func TestCheckChars(t *testing.T) {
	off, _, _ := checkChars([]byte("fine\t\r\n é 🐟 \u0085"))
	assert.Equal(t, -1, off)
	off, r, invalid := checkChars([]byte("ab\x03"))
	assert.Equal(t, 2, off)
	assert.Equal(t, rune(3), r)
	assert.False(t, invalid)
	off, _, invalid = checkChars([]byte("ab\xff"))
	assert.Equal(t, 2, off)
	assert.True(t, invalid)
	off, r, _ = checkChars([]byte("a\u0090"))
	assert.Equal(t, 1, off)
	assert.Equal(t, rune(0x90), r)
}

func TestKeyEnd(t *testing.T) {
	tests := []struct {
		line string
		want int
	}{
		{"title: x\n", 5},
		{"title  : x\n", 5},
		{"title:\n", 5},
		{`"q: k": x` + "\n", 6},
		{`'it''s': x` + "\n", 7},
		{"? title\n", -1},
		{"no colon here\n", -1},
		{`"unterminated: x` + "\n", -1},
	}
	for _, tt := range tests {
		text := []byte(tt.line)
		assert.Equal(t, tt.want, keyEnd(text, 0, 0, len(text)), tt.line)
	}
	// An indented key is kept only when the indentation is all spaces.
	assert.Equal(t, 7, keyEnd([]byte("  title: x\n"), 0, 2, 11))
}
