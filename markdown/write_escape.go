package markdown

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Escaping. The printer marks every character of text that may need a
// backslash and, once the lines are known, writer.unescape asks the
// rules which of them need it where they stand. The CommonMark rules
// are in writer.escapeRule; the ones here, asked first, add what
// kramdown reads on top of CommonMark:
//
//   - "|" always: kramdown makes a table row of any line holding one;
//   - "{" always: "{:", "{::" and "{#" start attribute lists,
//     extensions and header ids (Liquid is written verbatim apart);
//   - "$" next to another "$": "$$" starts math;
//   - ":" at the start of a line: ": " starts a definition;
//   - "_" in a run of underscores, every one of them;
//   - "*" unless it stands between spaces (CommonMark's rule escapes
//     one before a non-space, but kramdown also closes emphasis at one
//     after a non-space), "~" next to another (text "~~" is a character
//     reference, see writer.markdownText);
//   - with EscapeTypography, the characters of kramdown's typography:
//     quotes, and "-" and "." in runs ("--", "...").

// wSentinel stands for the characters the printer uses as markers
// while the Markdown is written, when the document itself holds them
// (see writer.protect).
const wSentinel = '\uE000'

// protect replaces, in text going into the Markdown, the characters
// that the printer gives a meaning of its own (its escape marker BEL and
// its code-block newline U+F002) by the sentinel and a letter, and the
// sentinel itself by two sentinels; unprotect undoes it in the output.
func (w *writer) protect(s string) string {
	if !strings.ContainsAny(s, "\a\uE000\uF002") {
		return s
	}
	w.protected = true
	var b strings.Builder
	for _, r := range s {
		switch r {
		case wSentinel:
			b.WriteRune(wSentinel)
			b.WriteRune(wSentinel)
		case wPlaceholder:
			b.WriteRune(wSentinel)
			b.WriteByte('e')
		case wCodeNewline:
			b.WriteRune(wSentinel)
			b.WriteByte('n')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (w *writer) unprotect(out []byte) []byte {
	if !w.protected {
		return out
	}
	sentinel := []byte(string(wSentinel))
	var b []byte
	for {
		i := bytes.Index(out, sentinel)
		if i < 0 {
			return append(b, out...)
		}
		b = append(b, out[:i]...)
		rest := out[i+len(sentinel):]
		switch {
		case bytes.HasPrefix(rest, sentinel):
			b = append(b, sentinel...)
			rest = rest[len(sentinel):]
		case len(rest) > 0 && rest[0] == 'e':
			b = append(b, '\a')
			rest = rest[1:]
		case len(rest) > 0 && rest[0] == 'n':
			b = utf8.AppendRune(b, wCodeNewline)
			rest = rest[1:]
		}
		out = rest
	}
}

// wPlaceholder is the printer's escape marker, which it puts before
// every character of text that may need escaping.
const wPlaceholder = '\a'

// wPrev returns the byte before chars[index], skipping escape markers, or
// 0 at the start.
func wPrev(chars []byte, index int) byte {
	for i := index - 1; i >= 0; i-- {
		if chars[i] != wPlaceholder {
			return chars[i]
		}
	}
	return 0
}

// wNext returns the byte after chars[index], skipping escape markers, or
// 0 at the end.
func wNext(chars []byte, index int) byte {
	for i := index + 1; i < len(chars); i++ {
		if chars[i] != wPlaceholder {
			return chars[i]
		}
	}
	return 0
}

// wAtLineStart reports whether only spaces and escape markers stand
// between the start of the line and chars[index].
func wAtLineStart(chars []byte, index int) bool {
	for i := index - 1; i >= 0; i-- {
		switch chars[i] {
		case '\n':
			return true
		case ' ', wPlaceholder:
		default:
			return false
		}
	}
	return true
}

// unescapeKramdown is the unescaper for kramdown's specials; see above.
// It returns 1 to keep the backslash before chars[index], -1 to leave
// the decision to the other unescapers.
func (w *writer) unescapeKramdown(chars []byte, index int) int {
	switch c := chars[index]; c {
	case '|', '{':
		return 1
	case '[':
		// A "[" that a "]" follows on its line is escaped (it could
		// start a link). Searching the rest of the line for each "["
		// would be quadratic on a line of thousands of them: the answer
		// comes from a memo, and on a line with so many "[" that its
		// search would cost more than the line, all are escaped ("\[" shows
		// as "[").
		if w.brackets.closed(chars, index) {
			return 1
		}
	case '$':
		if wPrev(chars, index) == '$' || wNext(chars, index) == '$' {
			return 1
		}
	case ':':
		if wAtLineStart(chars, index) {
			return 1
		}
	case '~':
		if wPrev(chars, index) == c || wNext(chars, index) == c {
			return 1
		}
	case '_':
		// kramdown reads emphasis inside a run of underscores that
		// CommonMark would leave alone ("\__________" shows as
		// "_<strong>__</strong>___"): escape every one of a run.
		if wPrev(chars, index) == c || wNext(chars, index) == c {
			return 1
		}
	case '*':
		// kramdown closes emphasis at any "*" after a non-space, and
		// takes "**" for one delimiter before it looks at what follows:
		// only a "*" between spaces is safe.
		if p, n := wPrev(chars, index), wNext(chars, index); !(p == 0 || p == ' ' || p == '\n') || !(n == 0 || n == ' ' || n == '\n') {
			return 1
		}
	case '"', '\'':
		if w.opts.EscapeTypography {
			return 1
		}
	case '-', '.':
		if w.opts.EscapeTypography && (wPrev(chars, index) == c || wNext(chars, index) == c) {
			return 1
		}
	}
	return -1
}

// bracketMemo remembers, for one buffer, a span [from, at) that holds
// no "]" and no newline, what ends it, and how many "[" it holds.
type bracketMemo struct {
	buf      *byte
	size     int
	from, at int
	close    bool // the span ends at a "]"
	opens    int  // "[" in the span
}

// manyBrackets is the number of "[" in a span from which on
// bracketMemo.closed escapes every "[".
const manyBrackets = 64

// closed reports whether the "[" at chars[index] is to be escaped: a
// "]" follows it on its line, or the line holds more than manyBrackets
// "[" without one. Each byte of chars is read once for all the "[" of a
// span.
func (m *bracketMemo) closed(chars []byte, index int) bool {
	if m.buf != &chars[0] || m.size != len(chars) || index < m.from || index >= m.at {
		m.buf, m.size, m.from, m.close, m.opens = &chars[0], len(chars), index, false, 0
		m.at = len(chars)
		for i := index + 1; i < len(chars); i++ {
			if c := chars[i]; c == ']' || c == '\n' {
				m.at, m.close = i, c == ']'
				break
			} else if c == '[' {
				m.opens++
			}
		}
	}
	return m.close || m.opens > manyBrackets
}

// wFixLines makes the lines of a paragraph's or heading's Markdown safe
// where escaping cannot: a line that is only "^" (white space aside)
// would be kramdown's end-of-block marker, and "^" takes no backslash;
// it becomes a character reference.
func wFixLines(b []byte) []byte {
	if !bytes.Contains(b, []byte("^")) {
		return b
	}
	lines := bytes.Split(b, []byte("\n"))
	for i, line := range lines {
		if bytes.Equal(bytes.Trim(line, " "), []byte("^")) {
			lines[i] = bytes.Replace(line, []byte("^"), []byte("&#94;"), 1)
		}
	}
	return bytes.Join(lines, []byte("\n"))
}
