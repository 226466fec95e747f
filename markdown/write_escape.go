package markdown

import (
	"bytes"
	"strings"
	"unicode"
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

// sentinelRune stands for the characters the printer uses as markers
// while the Markdown is written, when the document itself holds them
// (see writer.protect).
const sentinelRune = '\uE000'

// protect replaces, in text going into the Markdown, the characters
// that the printer gives a meaning of its own (its escape marker BEL and
// its code-block newline U+F002) by the sentinel and a letter, and the
// sentinel itself by two sentinels; unprotect undoes it in the output.
func (w *writer) protect(s string) string {
	if !hasMarkerBytes(s) || !strings.ContainsAny(s, "\a\uE000\uF002") {
		return s
	}
	w.protected = true
	var b strings.Builder
	for _, r := range s {
		switch r {
		case sentinelRune:
			b.WriteRune(sentinelRune)
			b.WriteRune(sentinelRune)
		case placeholder:
			b.WriteRune(sentinelRune)
			b.WriteByte('e')
		case codeNewline:
			b.WriteRune(sentinelRune)
			b.WriteByte('n')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hasMarkerBytes reports whether s holds a byte of a marker character:
// '\a', or the lead byte of U+E000 or U+F002 (a cheap test before the
// exact one).
func hasMarkerBytes(s string) bool {
	return strings.IndexByte(s, placeholder) >= 0 || strings.IndexByte(s, 0xEE) >= 0 || strings.IndexByte(s, 0xEF) >= 0
}

func (w *writer) unprotect(out []byte) []byte {
	if !w.protected {
		return out
	}
	sentinel := []byte(string(sentinelRune))
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
			b = utf8.AppendRune(b, codeNewline)
			rest = rest[1:]
		}
		out = rest
	}
}

// placeholder is the printer's escape marker, which it puts before
// every character of text that may need escaping.
const placeholder = '\a'

// prevUnmarked returns the byte before chars[index], skipping escape markers, or
// 0 at the start.
func prevUnmarked(chars []byte, index int) byte {
	for i := index - 1; i >= 0; i-- {
		if chars[i] != placeholder {
			return chars[i]
		}
	}
	return 0
}

// nextUnmarked returns the byte after chars[index], skipping escape markers, or
// 0 at the end.
func nextUnmarked(chars []byte, index int) byte {
	for i := index + 1; i < len(chars); i++ {
		if chars[i] != placeholder {
			return chars[i]
		}
	}
	return 0
}

// atLineStart reports whether only spaces and escape markers stand
// between the start of the line and chars[index].
func atLineStart(chars []byte, index int) bool {
	for i := index - 1; i >= 0; i-- {
		switch chars[i] {
		case '\n':
			return true
		case ' ', placeholder:
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
		if prevUnmarked(chars, index) == '$' || nextUnmarked(chars, index) == '$' {
			return 1
		}
	case ':':
		if atLineStart(chars, index) {
			return 1
		}
	case '~':
		if prevUnmarked(chars, index) == c || nextUnmarked(chars, index) == c {
			return 1
		}
	case '_':
		// kramdown reads emphasis inside a run of underscores that
		// CommonMark would leave alone ("\__________" shows as
		// "_<strong>__</strong>___"): escape every one of a run.
		if prevUnmarked(chars, index) == c || nextUnmarked(chars, index) == c {
			return 1
		}
	case '*':
		// kramdown closes emphasis at any "*" after a non-space, and
		// takes "**" for one delimiter before it looks at what follows:
		// only a "*" between spaces is safe.
		if p, n := prevUnmarked(chars, index), nextUnmarked(chars, index); !(p == 0 || p == ' ' || p == '\n') || !(n == 0 || n == ' ' || n == '\n') {
			return 1
		}
	case '"', '\'':
		if w.opts.EscapeTypography {
			return 1
		}
	case '-', '.':
		if w.opts.EscapeTypography && (prevUnmarked(chars, index) == c || nextUnmarked(chars, index) == c) {
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

// fixLines makes the lines of a paragraph's or heading's Markdown safe
// where escaping cannot: a line that is only "^" (white space aside)
// would be kramdown's end-of-block marker, and "^" takes no backslash;
// it becomes a character reference.
func fixLines(b []byte) []byte {
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

// unescape resolves the escape markers of b: each becomes a backslash
// where the character after it would otherwise mean something to
// kramdown or to CommonMark readers, and nothing elsewhere. These are
// the escaping rules, all in one place:
//
//   - always: "\", "|", "{", "`";
//   - "*" and "_": kramdown's rules (see unescapeKramdown), and before a
//     character that is not white space (it could open emphasis);
//   - at the start of a line (after spaces): ">" (a quote), "#" up to six
//     and a space (a heading), "-", "*" or "+" and a space (a list item),
//     three or more of one of "-", "_", "*" and spaces only (a rule: the
//     first is escaped), "```" or "~~~" (a fence: the first is escaped),
//     digits and "." or ")" and a space (an ordered list);
//   - "=" or "-" on the line after text (a Setext underline);
//   - "[" with a "]" after it on its line, "!" before "[";
//   - "~" before a character that is not white space (strikethrough);
//   - the kramdown specials of unescapeKramdown.
//
// The markers are resolved in place: b is the printer's own buffer and
// each marker becomes at most one byte. The decisions are taken first,
// on b as it is (the rules read around a marker, before and after it),
// and the bytes moved once all are known.
func (w *writer) unescape(b []byte) []byte {
	if bytes.IndexByte(b, placeholder) < 0 {
		return b
	}
	w.brackets = bracketMemo{}
	escapes := w.escapes[:0] // the markers that become a backslash
	settled := 0             // the markers before it need no backslash
	for i := 0; i < len(b); i++ {
		k := bytes.IndexByte(b[i:], placeholder)
		if k < 0 {
			break
		}
		i += k
		if i < settled || i+1 >= len(b) {
			continue
		}
		if skip := w.escapeRule(b, i+1); skip > 0 {
			escapes = append(escapes, i)
			settled = i + skip
		}
	}
	w.escapes = escapes
	j := 0 // b[:j] is resolved; j <= i throughout
	for i := 0; i < len(b); i++ {
		// Move the run up to the next marker, then write the marker's
		// backslash or nothing.
		k := bytes.IndexByte(b[i:], placeholder)
		if k < 0 {
			j += copy(b[j:], b[i:])
			break
		}
		j += copy(b[j:], b[i:i+k])
		i += k
		if len(escapes) > 0 && escapes[0] == i {
			b[j] = '\\'
			j++
			escapes = escapes[1:]
		}
	}
	return b[:j]
}

// escapeRule returns how many bytes from chars[i] on a backslash before
// chars[i] settles (the markers in them need none), or 0 when it needs
// none.
func (w *writer) escapeRule(chars []byte, i int) int {
	if k := w.unescapeKramdown(chars, i); k != -1 {
		return k
	}
	c := chars[i]
	switch c {
	case '\\', '`':
		if c == '`' {
			if k := fenceRun(chars, i); k > 0 {
				return k
			}
		}
		return 1
	case '*', '_':
		if r := nextRune(chars, i); r != 0 && !unicode.IsSpace(r) {
			return 1
		}
	case '>':
		if atLineStart(chars, i) {
			return 1
		}
	case '#':
		if k := atxRun(chars, i); k > 0 {
			return k
		}
	case '!':
		if i+1 < len(chars) && chars[i+1] == '[' {
			return 1
		}
	case '~':
		if k := fenceRun(chars, i); k > 0 {
			return k
		}
		if r := nextRune(chars, i); r != 0 && !unicode.IsSpace(r) {
			return 1 // it could open strikethrough
		}
		return 0
	}
	if c == '=' || c == '-' {
		if setextLine(chars, i) {
			return 1
		}
	}
	if c == '-' || c == '_' || c == '*' {
		if k := ruleRun(chars, i); k > 0 {
			return k
		}
	}
	if (c == '.' || c == ')') && orderedMarker(chars, i) {
		return 1
	}
	if (c == '-' || c == '*' || c == '+') && atLineStart(chars, i) && spaceOrEnd(nextUnmarked(chars, i)) {
		return 1
	}
	return 0
}

// spaceOrEnd reports whether c is white space (of one byte, or the
// first byte of U+0085 or U+00A0) or the end.
func spaceOrEnd(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\v', '\f', '\r', ' ', 0x85, 0xA0:
		return true
	}
	return false
}

// nextRune returns the character after chars[i], markers skipped, or 0
// at the end.
func nextRune(chars []byte, i int) rune {
	for k := i + 1; k < len(chars); k++ {
		if chars[k] != placeholder {
			r, _ := utf8.DecodeRune(chars[k:])
			return r
		}
	}
	return 0
}

// fenceRun returns the length of a run of three or more "`" and "~"
// (markers aside) that starts a line at chars[i], or 0.
func fenceRun(chars []byte, i int) int {
	if !atLineStart(chars, i) {
		return 0
	}
	count, k := 1, i+1
	for ; k < len(chars); k++ {
		switch chars[k] {
		case placeholder:
		case '`', '~':
			count++
		default:
			goto done
		}
	}
done:
	if count < 3 {
		return 0
	}
	return k - i
}

// atxRun returns, for a "#" that starts a line at chars[i], the length
// of the run of up to six "#" and the space after it (a heading's
// marker), or 0.
func atxRun(chars []byte, i int) int {
	if !atLineStart(chars, i) {
		return 0
	}
	count := 1
	for k := i + 1; k < len(chars); k++ {
		switch chars[k] {
		case '#':
			count++
			if count > 6 {
				return 0
			}
		case placeholder:
		case ' ', '\t', '\n', '\r':
			return k - i
		default:
			return 0
		}
	}
	return 1
}

// setextLine reports whether chars[i] stands, after spaces, on the
// line right after a line of text (a Setext heading's underline).
func setextLine(chars []byte, i int) bool {
	newlines := 0
	for k := i - 1; k >= 0; k-- {
		switch chars[k] {
		case placeholder, ' ':
		case '\n':
			newlines++
		default:
			return newlines == 1
		}
	}
	return false
}

// ruleRun returns, for a "-", "_" or "*" that starts a line at
// chars[i] followed by two or more of it and spaces only, the length up
// to the end of the line; 0 otherwise.
func ruleRun(chars []byte, i int) int {
	if !atLineStart(chars, i) {
		return 0
	}
	count, end := 1, len(chars)
	for k := i + 1; k < len(chars); k++ {
		switch chars[k] {
		case placeholder, ' ':
			continue
		case chars[i]:
			count++
			continue
		case '\n':
			end = k
		default:
			return 0
		}
		break
	}
	if count < 3 {
		return 0
	}
	return end - i
}

// orderedMarker reports whether the "." or ")" at chars[i] ends an
// ordered list marker: digits (and spaces) from the start of the line,
// a digit right before it and white space or the end after it.
func orderedMarker(chars []byte, i int) bool {
	prev := rune(0)
	for k := i - 1; k >= 0; k-- {
		if chars[k] != placeholder {
			prev, _ = utf8.DecodeLastRune(chars[:k+1])
			break
		}
	}
	if !unicode.IsDigit(prev) {
		return false
	}
	for k := i - 1; k >= 0 && chars[k] != '\n'; k-- {
		if c := chars[k]; c != ' ' && c != placeholder && (c < '0' || c > '9') {
			return false
		}
	}
	return spaceOrEnd(nextUnmarked(chars, i))
}
