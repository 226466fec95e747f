// Package ascii holds the byte-level rules that HTML's standard states
// in terms of ASCII: which bytes are ASCII whitespace, how a run of it
// collapses when a browser lays out text, and ASCII lowercasing, by
// which tag and attribute names compare. The HTML reader of package
// tiptap, its layout, the Markdown builder and the URL rewriter share
// them, so that they agree on what counts as white space and as the
// same name.
package ascii

import "strings"

// IsSpace reports whether c is ASCII whitespace as the HTML standard
// defines it: tab, line feed, form feed, carriage return or space.
func IsSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// CollapseSpace replaces each run of ASCII whitespace in s with one
// space, as a browser shows white space in normal text. It returns s
// itself when there is nothing to replace.
func CollapseSpace(s string) string {
	if !needsCollapse(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		if IsSpace(s[i]) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteByte(s[i])
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

// needsCollapse reports whether s has white space other than single
// spaces.
func needsCollapse(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != ' ' && IsSpace(c) || c == ' ' && i+1 < len(s) && IsSpace(s[i+1]) {
			return true
		}
	}
	return false
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
