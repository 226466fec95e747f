package frontmatter

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// lineStarts returns the byte offsets at which the lines of a YAML text
// start, counting line breaks the way YAML (and so go.yaml.in/yaml/v3)
// counts them: "\r\n", "\r", "\n", U+0085, U+2028 and U+2029. The first
// element is 0. Node positions from the YAML library are in these lines.
func lineStarts(text []byte) []int {
	starts := make([]int, 1, 16)
	for i := 0; i < len(text); {
		switch c := text[i]; {
		case c == '\n':
			i++
			starts = append(starts, i)
		case c == '\r':
			i++
			if i < len(text) && text[i] == '\n' {
				i++
			}
			starts = append(starts, i)
		case c >= 0x80 && unicodeBreak(text, i) > 0:
			i += unicodeBreak(text, i)
			starts = append(starts, i)
		default:
			i++
		}
	}
	return starts
}

// unicodeBreak returns the length of the line break YAML reads beyond
// ASCII that starts s[i:], in UTF-8: U+0085 (C2 85), U+2028 (E2 80 A8)
// or U+2029 (E2 80 A9); 0 when there is none. Their first bytes never
// continue another sequence, so they are found the same way in any text,
// valid UTF-8 or not.
func unicodeBreak[T ~string | ~[]byte](s T, i int) int {
	switch s[i] {
	case 0xC2:
		if i+1 < len(s) && s[i+1] == 0x85 {
			return 2
		}
	case 0xE2:
		if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
			return 3
		}
	}
	return 0
}

// offsetOf converts a YAML library position (1-based line, 1-based column
// counted in characters) into a byte offset in text.
func offsetOf(text []byte, starts []int, line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(starts) {
		return len(text)
	}
	off := starts[line-1]
	for c := 1; c < col && off < len(text); c++ {
		_, size := utf8.DecodeRune(text[off:])
		off += size
	}
	return off
}

// filePos converts a byte offset in the YAML text into a 1-based line and
// byte column of the page file, given the file line of the text's first
// line. Lines are counted by "\n", as editors count them.
func filePos(text []byte, firstLine, off int) (line, col int) {
	off = min(max(off, 0), len(text))
	before := text[:off]
	line = firstLine + bytes.Count(before, []byte("\n"))
	col = off - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// checkChars finds the first byte sequence in text that YAML does not
// allow in a document: invalid UTF-8, or a character outside YAML's
// printable set (C0 controls other than tab, LF and CR; DEL; C1 controls
// other than U+0085; surrogates; U+FFFE and U+FFFF). It returns its
// offset, or -1.
func checkChars(text []byte) (off int, r rune, invalid bool) {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f {
				return i, rune(c), false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && size == 1 {
			return i, rune(c), true
		}
		if !yamlPrintable(r) {
			return i, r, false
		}
		i += size
	}
	return -1, 0, false
}

// yamlPrintable reports whether r is in YAML's c-printable set.
func yamlPrintable(r rune) bool {
	switch {
	case r == '\t', r == '\n', r == '\r':
		return true
	case r >= 0x20 && r <= 0x7e:
		return true
	case r == 0x85:
		return true
	case r >= 0xa0 && r <= 0xd7ff:
		return true
	case r >= 0xe000 && r <= 0xfffd:
		return true
	case r >= 0x10000 && r <= 0x10ffff:
		return true
	}
	return false
}

// yamlErrorLine extracts the line number and the problem from an error
// message of go.yaml.in/yaml/v3, which has the shape
// "yaml: line 3: mapping values are not allowed in this context" or, for
// errors without a position, "yaml: control characters are not allowed".
// The line counts from 1 at the start of the YAML text. The library takes
// it from the start of the construct for errors of its parser stage ("did
// not find expected …") and for misplaced tabs, and those numbers are one
// less than the line the construct is on; yamlErrorLine corrects them. It
// returns line 0 when the message has no line.
func yamlErrorLine(msg string) (line int, problem string) {
	msg = strings.TrimPrefix(msg, "yaml: ")
	rest, ok := strings.CutPrefix(msg, "line ")
	if !ok {
		return 0, msg
	}
	num, problem, ok := strings.Cut(rest, ": ")
	if !ok {
		return 0, msg
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 {
		return 0, msg
	}
	if strings.HasPrefix(problem, "did not find expected") || strings.Contains(problem, "tab character that violates indentation") {
		n++
	}
	return n, problem
}

// describeRune names r for an error message: "U+0003", or "byte 0xFF" for
// invalid UTF-8.
func describeRune(r rune, invalid bool) string {
	if invalid {
		return fmt.Sprintf("byte 0x%02X", r)
	}
	return fmt.Sprintf("U+%04X", r)
}
