// Package liquid finds Liquid tags ({% … %}) and outputs ({{ … }}) in
// page source. Jekyll renders Liquid before kramdown reads a page, so
// the library keeps Liquid byte for byte as text; this package says
// where it starts and ends. It is the one scanner that the Markdown
// reader and writer and the URL rewriter share.
//
// A tag or output starts with "{%" or "{{" and ends at the first "%}"
// or "}}" after it on the same line: Liquid that is not closed on its
// line is not Liquid here, and its braces are text.
package liquid

import "bytes"

// End returns the offset just past the Liquid tag or output that starts
// at s[i] == '{', or -1 when none starts there or it is not closed on
// its line.
func End[S ~string | ~[]byte](s S, i int) int {
	if i < 0 || i+1 >= len(s) || s[i] != '{' {
		return -1
	}
	var c byte
	switch s[i+1] {
	case '{':
		c = '}'
	case '%':
		c = '%'
	default:
		return -1
	}
	for j := i + 2; j+1 < len(s); j++ {
		switch s[j] {
		case '\n':
			return -1
		case c:
			if s[j+1] == '}' {
				return j + 2
			}
		}
	}
	return -1
}

// Next returns where the first Liquid tag or output of s starts and
// ends, or -1, -1 when s holds none.
func Next[S ~string | ~[]byte](s S) (start, end int) {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '{' {
			if e := End(s, i); e > 0 {
				return i, e
			}
		}
	}
	return -1, -1
}

// Memo is End with a memory, for scanners that ask at many offsets of
// one line: it remembers, for "{{" and "{%" apart, a stretch of a line
// that holds no closer, so that a line of thousands of unclosed "{{"
// is read in linear time rather than quadratic. The zero Memo is ready
// to use; a Memo serves one source.
type Memo struct{ from, stop, lim [2]int }

// End is End(s, i), where s[0] is at offset base of the source that
// the Memo serves. Successive calls may pass different windows of the
// source (each with its base); what is remembered holds only for
// windows that end where the remembering one ended.
func (m *Memo) End(s []byte, i, base int) int {
	if i < 0 || i+1 >= len(s) || s[i] != '{' || s[i+1] != '{' && s[i+1] != '%' {
		return -1
	}
	k := 0
	if s[i+1] == '%' {
		k = 1
	}
	at := base + i + 2
	if at >= m.from[k] && at < m.stop[k] && base+len(s) == m.lim[k] {
		return -1
	}
	e := End(s, i)
	if e < 0 {
		stop := len(s)
		if nl := bytes.IndexByte(s[i+2:], '\n'); nl >= 0 {
			stop = i + 2 + nl
		}
		m.from[k], m.stop[k], m.lim[k] = at, base+stop, base+len(s)
	}
	return e
}
