// Package ascii holds the byte-level rules that HTML's standard states
// in terms of ASCII: which bytes are ASCII whitespace, how a run of it
// collapses when a browser lays out text, and ASCII lowercasing, by
// which tag and attribute names compare. The HTML reader of package
// tiptap, its layout, the Markdown builder and the URL rewriter share
// them, so that they agree on what counts as white space and as the
// same name. A [Set] of bytes serves their scanners' stop sets, and
// [LineStarts] the line tables by which the readers turn offsets into
// lines.
package ascii

import (
	"bytes"
	"strings"
)

// spaceBits has bit c set for each ASCII whitespace byte c.
const spaceBits = 1<<' ' | 1<<'\t' | 1<<'\n' | 1<<'\f' | 1<<'\r'

// IsSpace reports whether c is ASCII whitespace as the HTML standard
// defines it: tab, line feed, form feed, carriage return or space.
func IsSpace(c byte) bool {
	return c <= ' ' && spaceBits>>c&1 != 0
}

// CollapseSpace replaces each run of ASCII whitespace in s with one
// space, as a browser shows white space in normal text. It returns s
// itself when there is nothing to replace.
func CollapseSpace(s string) string {
	var b strings.Builder
	if !WriteCollapsed(&b, s) {
		return s
	}
	return b.String()
}

// WriteCollapsed writes s to b as [CollapseSpace] gives it and reports
// true, or writes nothing and reports false when s has nothing to
// replace. A caller collapsing many strings into one builder takes each
// result as a part of b.String(), allocating only when b grows.
func WriteCollapsed(b *strings.Builder, s string) bool {
	i := firstCollapse(s)
	if i < 0 {
		return false
	}
	// Each piece up to the next run to collapse (single spaces stay
	// where they are) is copied at once, the run becomes one space.
	b.Grow(len(s))
	for i >= 0 {
		b.WriteString(s[:i])
		b.WriteByte(' ')
		j := i + 1
		for j < len(s) && IsSpace(s[j]) {
			j++
		}
		s = s[j:]
		i = firstCollapse(s)
	}
	b.WriteString(s)
	return true
}

// firstCollapse returns the offset of the first run of white space in s
// that is not a single space, or -1.
func firstCollapse(s string) int {
	i := 0
	// Eight bytes at a time while they hold no control character and
	// no two spaces in a row; consecutive words overlap by one byte, so
	// that two spaces across them are seen. The loop below finds the
	// place in the word that stopped this one.
	const ones, lows, highs = 0x0101010101010101, 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	for ; i+8 <= len(s); i += 7 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if (x-ones*' ')&^x&highs != 0 {
			break // a byte below ' '
		}
		y := x ^ ones*' '                   // a zero byte for each space
		sp := ^((y&lows + lows) | y | lows) // the high bit of each space
		if sp&(sp>>8) != 0 {
			break // two spaces in a row
		}
	}
	for ; i < len(s); i++ {
		c := s[i]
		if c > ' ' || !IsSpace(c) {
			continue
		}
		if c != ' ' || i+1 < len(s) && IsSpace(s[i+1]) {
			return i
		}
	}
	return -1
}

// AppendLower appends the ASCII lowercase of s to dst: "A" to "Z"
// become "a" to "z", every other byte is kept, as HTML compares tag and
// attribute names.
func AppendLower(dst, s []byte) []byte {
	for _, c := range s {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// TagName returns the name of the tag token raw ("<A href=x>" gives
// "a", "</P>" gives "p"), lowered into buf, as x/net/html's
// Tokenizer.TagName gives it, without the copy TagName makes. The name
// ends at ASCII white space, "/" or ">". ok is false for a name longer
// than buf or holding a NUL, which TagName alone reads right.
func TagName(raw, buf []byte) (name []byte, ok bool) {
	i := 1 // past "<"
	if len(raw) > 1 && raw[1] == '/' {
		i = 2
	}
	n := 0
	for _, c := range raw[min(i, len(raw)):] {
		if IsSpace(c) || c == '/' || c == '>' {
			break
		}
		if n == len(buf) || c == 0 {
			return nil, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	return buf[:n], true
}

// A Set is a set of bytes read by one index, for the stop sets that
// scanners build once and consult at every byte.
type Set [256]bool

// SetOf returns the set of the bytes of chars.
func SetOf(chars string) (s Set) {
	for i := 0; i < len(chars); i++ {
		s[chars[i]] = true
	}
	return s
}

// SetWhere returns the set of the bytes for which in reports true.
func SetWhere(in func(byte) bool) (s Set) {
	for c := range 256 {
		s[c] = in(byte(c))
	}
	return s
}

// Index returns the index of the first byte of b in s, or -1: what
// bytes.IndexAny returns for a set of ASCII characters, without
// building the set at each call.
func (s *Set) Index(b []byte) int {
	for i, c := range b {
		if s[c] {
			return i
		}
	}
	return -1
}

// LineStarts returns the offsets at which the lines of b start: 0, and
// the offset after each line feed. Only a line feed ends a line, as in
// the positions of the HTML tokenizer and in the HTML the library
// writes.
func LineStarts(b []byte) []int {
	lines := make([]int, 1, bytes.Count(b, []byte{'\n'})+1)
	for i := 0; ; {
		k := bytes.IndexByte(b[i:], '\n')
		if k < 0 {
			return lines
		}
		i += k + 1
		lines = append(lines, i)
	}
}
