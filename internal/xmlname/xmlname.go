// Package xmlname is kramdown's grammar for the names of HTML tags and
// attributes. kramdown matches raw HTML with REXML's UNAME_STR: an
// optional "prefix:" and a local name, each a letter or "_" followed by
// letters, digits, "-", "." and "_" ([[:alpha:]_][-[:alnum:]._]*).
// The POSIX classes are read as Unicode letters and digits on UTF-8
// text. The Markdown reader and the URL rewriter share this one copy,
// so that both find the same tags in a page.
package xmlname

import (
	"unicode"
	"unicode/utf8"
)

// IsStart reports whether r may start a name (a letter or "_").
func IsStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }

// isChar reports whether r may continue a name.
func isChar(r rune) bool {
	return r == '-' || r == '.' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// scanLocal returns the end of a name without a prefix (an XML NCName
// in REXML's reading) starting at s[i], or i if there is none.
func scanLocal(s []byte, i int) int {
	if i >= len(s) {
		return i
	}
	r, n := utf8.DecodeRune(s[i:])
	if !IsStart(r) {
		return i
	}
	i += n
	for i < len(s) {
		r, n := utf8.DecodeRune(s[i:])
		if !isChar(r) {
			break
		}
		i += n
	}
	return i
}

// Scan returns the end of the longest name starting at s[i], or i when
// no name starts there. A ":" belongs to the name only when a local
// name follows it: in "a:" the name is "a".
func Scan(s []byte, i int) int {
	e := scanLocal(s, i)
	if e == i {
		return i
	}
	if e < len(s) && s[e] == ':' {
		if e2 := scanLocal(s, e+1); e2 > e+1 {
			return e2
		}
	}
	return e
}

// Valid reports whether the whole of b is a name.
func Valid(b []byte) bool { return len(b) > 0 && Scan(b, 0) == len(b) }
