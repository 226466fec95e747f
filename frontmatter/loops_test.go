package frontmatter

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The loops below were rewritten for speed; the tests compare each with
// the plainer form it replaced, kept here as the reference.

// isDelimiterRef is isDelimiter as it was first written.
func isDelimiterRef(line []byte, delim string) bool {
	line = bytes.TrimRight(line, " \t\r\n")
	return string(line) == delim
}

// hasLineBreakRef is the test collapseLines made before hasLineBreak.
func hasLineBreakRef(s string) bool {
	return strings.ContainsAny(s, "\r\n\v\f\u0085\u2028\u2029")
}

// plainYAMLRef is plainYAML written plainly: the test it first made
// ("#&*!%" nowhere, and "|>" nowhere, which spliceLine tested next to
// it) narrowed to those characters where a node or a comment may start.
func plainYAMLRef(text []byte) bool {
	if bytes.ContainsAny(text, "\ufeff\u0085\u2028\u2029") {
		return false
	}
	for i, c := range text {
		if strings.IndexByte("#&*!%|>", c) >= 0 && (i == 0 || strings.IndexByte(" \t\r\n,[]{}:", text[i-1]) >= 0) {
			return false
		}
		if c == '\r' && (i+1 == len(text) || text[i+1] != '\n') {
			return false
		}
		if i == 0 || text[i-1] == '\n' {
			if r := text[i:]; bytes.HasPrefix(r, []byte("---")) || bytes.HasPrefix(r, []byte("...")) {
				return false
			}
		}
	}
	return true
}

// measureRef is block.measure as it was first written.
func measureRef(text []byte) (starts, newlines []int) {
	starts = lineStarts(text)
	newlines = make([]int, 0, len(starts))
	for i, c := range text {
		if c == '\n' {
			newlines = append(newlines, i)
		}
	}
	return starts, newlines
}

var loopInputs = []string{
	"", "-", "--", "---", "---\n", "--- \t\r\n", "---\r\n", "---x", "--- x\n", " ---", "----", "...", "... \n", "..", "....\n",
	"---\n\n", "--- \n \n", "\r", "\n", "\v", "\f", "a\u0085b", "a\u2028", "\u2029", "\u2027", "\u202a", "\u0084", "\u00c5",
	"\xc2", "\xe2\x80", "\xe2\x80\xa8", "\xe2\x80\xa9x", "\xe2\x81\xa8", "\xc2\x85", "\xc3\x85", "é", "日本", "a\tb",
	"title: x", "# ---", "---\x00", "\xff---",
	"a: b\n", "a: b\r\n", "a: b\r", "a: b\rc", "a: b\n---", "a: b\n--", "a: b\n-- -", "a: b\n...\n", "a: b\n ---", "a: ---",
	"a: b # c", "a: &x", "a: *x", "a: !t", "%YAML", "a: |", "a: >", "a: b\ufeff", "\ufeffa: b", "\xef\xbb", "\xef\xbb\xbe",
	"a: x-y.z", "-", "..", "\n--", "\n..", "\n-.-",
	"a: Q&A", "a: C#", "a: x>y|z", "a: 50%", "a: b!", "a: *b", "a:*b", "a: [&b]", "a: [b,&c]", "a: {b:&c}", "a: x\n  |y", "a: x\t#c",
	"#", "&", "a:#", "a]#", "a}!",
	"a: b\nc: d\n", "\n\n\n", "a\r\nb\rc\n", "a\u0085b\nc", "x\u2028\n\u2029", "é\nÀ\n", "\xe2\n\xc2\n",
}

func checkLoops(t *testing.T, s string) {
	for _, d := range []string{"---", "..."} {
		assert.Equal(t, isDelimiterRef([]byte(s), d), isDelimiter([]byte(s), d), "isDelimiter(%q, %q)", s, d)
	}
	assert.Equal(t, hasLineBreakRef(s), hasLineBreak(s), "hasLineBreak(%q)", s)
	b := &block{text: []byte(s)}
	b.measure()
	starts, newlines := measureRef(b.text)
	assert.Equal(t, starts, b.starts, "line starts of %q", s)
	assert.Equal(t, newlines, b.newlines, "newlines of %q", s)
	assert.Equal(t, plainYAMLRef([]byte(s)), plainYAML([]byte(s)), "plainYAML(%q)", s)
}

func TestLoopsMatchReference(t *testing.T) {
	for _, s := range loopInputs {
		checkLoops(t, s)
	}
}

func FuzzLoops(f *testing.F) {
	for _, s := range loopInputs {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkLoops(t, s)
	})
}
