package layout

import "bytes"

// Byte scanning shared by the steps: words and tag names as html@1.0.0
// reads them, ASCII case folding, and JavaScript's whitespace.

func isWord(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'z'
}

// firstWord returns the first run of word characters ([A-Za-z0-9_]) in t.
func firstWord(t []byte) []byte {
	i := 0
	for i < len(t) && !isWord(t[i]) {
		i++
	}
	j := i
	for j < len(t) && isWord(t[j]) {
		j++
	}
	return t[i:j]
}

// openName returns the name of the first "<" in s followed by optional
// whitespace and word characters, or nil.
func openName(s []byte) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		j := i + 1
		for j < len(s) && isJSSpace(s[j]) {
			j++
		}
		k := j
		for k < len(s) && isWord(s[k]) {
			k++
		}
		if k > j {
			return s[j:k]
		}
	}
	return nil
}

func isJSSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// indexFold returns the index of the first occurrence of the ASCII string
// pat in s at or after from, ignoring ASCII case, or -1.
func indexFold(s []byte, from int, pat string) int {
	if len(pat) == 0 {
		return from
	}
	if c := pat[0]; !isAlpha(c) {
		// Only c itself folds to c: IndexByte finds the candidates.
		for i := from; i+len(pat) <= len(s); i++ {
			k := bytes.IndexByte(s[i:len(s)-len(pat)+1], c)
			if k < 0 {
				return -1
			}
			i += k
			if equalFold(s[i:i+len(pat)], pat) {
				return i
			}
		}
		return -1
	}
	first := pat[0] | 0x20
	for i := from; i+len(pat) <= len(s); i++ {
		if s[i]|0x20 != first {
			continue
		}
		if equalFold(s[i:i+len(pat)], pat) {
			return i
		}
	}
	return -1
}

// equalFold reports whether s equals the lower-case ASCII string pat,
// ignoring ASCII case in s.
func equalFold(s []byte, pat string) bool {
	if len(s) != len(pat) {
		return false
	}
	for j := range len(pat) {
		c := s[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != pat[j] {
			return false
		}
	}
	return true
}

// findClose returns the offset in s, at or after from, of the first
// closing tag "</name" followed by optional whitespace and ">" (what
// html@1.0.0 looks for to end a <script> or <style>), or len(s).
func findClose(s []byte, from int, name string) int {
	for i := from; ; {
		j := indexFold(s, i, "</"+name)
		if j < 0 {
			return len(s)
		}
		k := j + 2 + len(name)
		for k < len(s) && isJSSpace(s[k]) {
			k++
		}
		if k < len(s) && s[k] == '>' {
			return j
		}
		i = j + 1
	}
}

// trimJS trims what JavaScript's String.prototype.trim trims: ASCII
// whitespace, U+00A0, the Unicode space separators, U+2028, U+2029 and
// U+FEFF. With nbsp set, the entity "&nbsp;" counts as U+00A0, as it does
// in an escaped attribute value.
func trimJS(s []byte, nbsp bool) []byte {
	for len(s) > 0 {
		n := jsSpaceAt(s, nbsp, false)
		if n == 0 {
			break
		}
		s = s[n:]
	}
	for len(s) > 0 {
		n := jsSpaceAt(s, nbsp, true)
		if n == 0 {
			break
		}
		s = s[:len(s)-n]
	}
	return s
}

const nbspEntity = "&nbsp;"

// jsSpaceAt returns the length of the whitespace character (or, with
// nbsp, the &nbsp; entity) at the start of s, or at its end with atEnd;
// or 0.
func jsSpaceAt(s []byte, nbsp, atEnd bool) int {
	c, entity := s[0], bytes.HasPrefix
	if atEnd {
		c, entity = s[len(s)-1], bytes.HasSuffix
	}
	switch {
	case isJSSpace(c):
		return 1
	case nbsp && (c == '&' || c == ';') && entity(s, []byte(nbspEntity)):
		return len(nbspEntity)
	case c < 0x80:
		return 0
	}
	for n := 2; n <= 3 && n <= len(s); n++ {
		r := s[:n]
		if atEnd {
			r = s[len(s)-n:]
		}
		if isJSSpaceRune(r) {
			return n
		}
	}
	return 0
}

// isJSSpaceRune reports whether the UTF-8 sequence s is exactly one of the
// non-ASCII characters JavaScript counts as whitespace.
func isJSSpaceRune(s []byte) bool {
	switch len(s) {
	case 2:
		return s[0] == 0xC2 && s[1] == 0xA0 // U+00A0
	case 3:
		switch {
		case s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80: // U+1680
			return true
		case s[0] == 0xE2 && s[1] == 0x80:
			return s[2] >= 0x80 && s[2] <= 0x8A || // U+2000–U+200A
				s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF // U+2028, U+2029, U+202F
		case s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F: // U+205F
			return true
		case s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80: // U+3000
			return true
		case s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF: // U+FEFF
			return true
		}
	}
	return false
}
