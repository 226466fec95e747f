// Package htmlesc escapes text for HTML, in the variants the library
// writes: kramdown's (which keeps the character references of its
// source), the browser's innerHTML serialisation that the IsomerCMS
// editor saves (which writes U+00A0 as &nbsp;), and code, which keeps
// nothing. It is the one HTML escaper of the library; a Mode says which
// variant a call writes.
//
// "&", "<" and ">" are always escaped (as &amp;, &lt; and &gt;); the
// Mode adds the rest.
package htmlesc

import (
	"unicode"
	"unicode/utf8"
)

// Mode chooses what Append escapes beyond "&", "<" and ">". Modes
// combine with |.
type Mode uint8

const (
	// Quot escapes '"' as &quot;, for attribute values in double quotes.
	Quot Mode = 1 << iota
	// NBSP escapes U+00A0 as &nbsp;, as a browser serialises it.
	NBSP
	// KeepRefs keeps an "&" that starts a character reference (see
	// RefLen) as it is, as kramdown does with its source.
	KeepRefs
)

// Append appends s to dst, escaped as m says.
func Append[S ~string | ~[]byte](dst []byte, s S, m Mode) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		if !special[s[i]] {
			continue
		}
		var esc string
		switch s[i] {
		case '&':
			if m&KeepRefs != 0 && refAt(s, i) {
				continue
			}
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			if m&Quot == 0 {
				continue
			}
			esc = "&quot;"
		case 0xC2:
			if m&NBSP == 0 || i+1 >= len(s) || s[i+1] != 0xA0 {
				continue
			}
			dst = append(dst, s[last:i]...)
			dst = append(dst, "&nbsp;"...)
			i++
			last = i + 1
			continue
		}
		dst = append(dst, s[last:i]...)
		dst = append(dst, esc...)
		last = i + 1
	}
	return append(dst, s[last:]...)
}

// special holds the bytes Append may escape, in some Mode: the others
// are copied as they are. It is never written.
var special = [256]bool{'&': true, '<': true, '>': true, '"': true, 0xC2: true}

// refAt reports whether a character reference (see [RefLen]) starts at
// s[i] == '&'. A reference ends at the first ";" after it, so only
// s[i:] up to that ";" is looked at (and, for a string, copied).
func refAt[S ~string | ~[]byte](s S, i int) bool {
	end := i + 1
	for end < len(s) && s[end] != ';' {
		end++
	}
	if end >= len(s) {
		return false
	}
	return RefLen([]byte(s[i:end+1]), 0) > 0
}

// RefLen returns the length of the character reference that starts at
// s[i] == '&', or 0 if none does. A reference is kramdown's: "&#" and
// decimal digits, "&#x" and hexadecimal digits, or "&" and a name of
// word characters (Ruby's \p{Word}), ":", "-" and "." that starts with
// a word character or ":", each ended by ";". The name need not be one
// HTML defines.
func RefLen(s []byte, i int) int {
	j := i + 1
	if j >= len(s) {
		return 0
	}
	if s[j] == '#' {
		j++
		hex := j < len(s) && s[j] == 'x'
		if hex {
			j++
		}
		k := j
		for k < len(s) && (isDigit(s[k]) || hex && isHexLetter(s[k])) {
			k++
		}
		if k == j || k >= len(s) || s[k] != ';' {
			return 0
		}
		return k + 1 - i
	}
	r, n := utf8.DecodeRune(s[j:])
	if !(isWordRune(r) || r == ':') {
		return 0
	}
	k := j + n
	for k < len(s) {
		r, n := utf8.DecodeRune(s[k:])
		if !(isWordRune(r) || r == ':' || r == '-' || r == '.') {
			break
		}
		k += n
	}
	if k >= len(s) || s[k] != ';' {
		return 0
	}
	return k + 1 - i
}

func isDigit(c byte) bool     { return c >= '0' && c <= '9' }
func isHexLetter(c byte) bool { return c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// isWordRune approximates Ruby's \p{Word}.
func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || unicode.Is(unicode.Pc, r)
}
