package frontmatter

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// This file decides how a string is written as a YAML scalar: plain,
// 'single-quoted' or "double-quoted", and, for the CMS style, how it is
// folded over lines. Two readers must get the string back unchanged: our
// own YAML library (YAML 1.2 core rules) and Jekyll's Psych (YAML 1.1,
// where yes, no, on, off, y and n are booleans, 1,000 is an integer and
// 2024-12-30 a date).

// typedIn11 reports whether the plain scalar s would be read as something
// other than a string by a YAML 1.1 or YAML 1.2 core reader: null,
// a boolean, an integer, a float, a date or timestamp, a sexagesimal
// number, or the merge and value keys "<<" and "=". It errs on the side
// of saying yes (every string made only of digits and ".,:_" counts as a
// number), since quoting a string never changes its meaning.
func typedIn11(s string) bool {
	switch s {
	case "", "~", "null", "Null", "NULL",
		"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
		"true", "True", "TRUE", "false", "False", "FALSE",
		"on", "On", "ON", "off", "Off", "OFF",
		"<<", "=":
		return true
	}
	// go.yaml.in/yaml/v3 drops every "_" of a plain scalar before it
	// reads it as a number: "0e_0" is a float to it.
	return looksNumeric(s) || looksNumeric(strings.ReplaceAll(s, "_", "")) || hasDatePrefix(s)
}

// looksNumeric reports whether s reads as a number in YAML 1.1 (as Psych
// reads it, with "_" and "," as digit separators and ":" for base 60),
// YAML 1.2, or Go's strconv as go.yaml.in/yaml/v3 uses it.
func looksNumeric(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	switch s {
	case ".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN":
		return true
	}
	if len(s) > 2 && s[0] == '0' {
		var digit func(byte) bool
		switch s[1] {
		case 'x', 'X':
			digit = func(c byte) bool { return isHex(c) || c == '_' || c == ',' }
		case 'o', 'O':
			digit = func(c byte) bool { return c >= '0' && c <= '7' || c == '_' }
		case 'b', 'B':
			digit = func(c byte) bool { return c == '0' || c == '1' || c == '_' || c == ',' }
		}
		if digit != nil {
			return allBytes(s[2:], digit)
		}
	}
	// Split off an exponent: [eE][-+]?[0-9]+ at the end.
	mant := s
	if i := strings.LastIndexAny(s, "eE"); i >= 0 {
		exp := s[i+1:]
		if exp != "" && (exp[0] == '+' || exp[0] == '-') {
			exp = exp[1:]
		}
		if exp == "" || !allBytes(exp, isDigit) {
			return false
		}
		mant = s[:i]
	}
	if mant == "" {
		return false
	}
	digits := 0
	for i := 0; i < len(mant); i++ {
		switch c := mant[i]; {
		case isDigit(c):
			digits++
		case c == '.', c == '_', c == ',', c == ':':
		default:
			return false
		}
	}
	return digits > 0 || mant == "."
}

// hasDatePrefix reports whether s starts like a YAML timestamp:
// four digits, "-", one or two digits, "-", one or two digits.
func hasDatePrefix(s string) bool {
	if len(s) < 8 || !allBytes(s[:4], isDigit) || s[4] != '-' {
		return false
	}
	s = s[5:]
	n := 0
	for n < len(s) && n < 2 && isDigit(s[n]) {
		n++
	}
	if n == 0 || n >= len(s) || s[n] != '-' {
		return false
	}
	return len(s) > n+1 && isDigit(s[n+1])
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHex(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func allBytes(s string, f func(byte) bool) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !f(s[i]) {
			return false
		}
	}
	return true
}

// plainGrammarOK reports whether s can be written as a plain scalar on one
// line and read back as the same text (whatever its type). It follows the
// test of the npm yaml@2 library (the CMS's serializer): no leading
// indicator character, no "- " or "? " at the start, no ": " or " #"
// inside, no trailing space or colon; and it also refuses line breaks and
// characters that need escaping.
func plainGrammarOK(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '\t', ' ', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	case '-', '?':
		if len(s) == 1 || s[1] == ' ' || s[1] == '\t' {
			return false
		}
	}
	switch s[len(s)-1] {
	case ' ', '\t', ':':
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ':' && i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '\t'):
			return false
		case c == '#' && i > 0 && (s[i-1] == ' ' || s[i-1] == '\t'):
			return false
		case c == '\n' || c == '\r':
			return false
		}
	}
	return !needsEscape(s)
}

// needsEscape reports whether s holds a character that a double-quoted
// YAML scalar must escape: a control character other than tab, a
// character outside YAML's printable set, or a line break that YAML
// would fold (U+0085, U+2028, U+2029).
func needsEscape(s string) bool {
	for _, r := range s {
		if r == '\t' {
			continue
		}
		if r < 0x20 || r == 0x85 || r == 0x2028 || r == 0x2029 || !yamlPrintable(r) {
			return true
		}
	}
	return false
}

// plainSafe reports whether s may be written plain and read back as the
// same string by both YAML 1.1 and 1.2 readers. A tab inside a plain
// scalar is valid YAML, but some readers (PyYAML) refuse it, so new
// values with tabs are quoted.
func plainSafe(s string) bool {
	return plainGrammarOK(s) && !typedIn11(s) && !strings.Contains(s, "\t")
}

// quoteDouble writes s as a double-quoted scalar on one line. Escapes are
// those of JSON (\" \\ \b \f \n \r \t), YAML's short forms for the other
// special characters, and \xXX, \uXXXX or \UXXXXXXXX for any other
// character outside YAML's printable set. Other characters are written as
// they are.
func quoteDouble(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	writeEscaped(&b, s)
	b.WriteByte('"')
	return b.String()
}

func writeEscaped(b *strings.Builder, s string) {
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case 0:
			b.WriteString(`\0`)
		case 0x07:
			b.WriteString(`\a`)
		case 0x0b:
			b.WriteString(`\v`)
		case 0x1b:
			b.WriteString(`\e`)
		case 0x85:
			b.WriteString(`\N`)
		case 0x2028:
			b.WriteString(`\L`)
		case 0x2029:
			b.WriteString(`\P`)
		default:
			switch {
			case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
				b.WriteString(`\x`)
				b.WriteString(hex(uint32(r), 2))
			case !yamlPrintable(r) && r <= 0xffff:
				b.WriteString(`\u`)
				b.WriteString(hex(uint32(r), 4))
			case !yamlPrintable(r):
				b.WriteString(`\U`)
				b.WriteString(hex(uint32(r), 8))
			default:
				b.WriteRune(r)
			}
		}
	}
}

func hex(v uint32, n int) string {
	const digits = "0123456789abcdef"
	out := make([]byte, n)
	for i := n - 1; i >= 0; i-- {
		out[i] = digits[v&0xf]
		v >>= 4
	}
	return string(out)
}

// singleOK reports whether s can be written single-quoted on one line.
func singleOK(s string) bool {
	return !strings.ContainsAny(s, "\n\r") && !needsEscape(s)
}

// quoteSingle writes s single-quoted; the caller checks [singleOK].
func quoteSingle(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// encodeString writes s as a one-line scalar value that reads back as the
// string s. It keeps the style the value had (style is a yaml.Style of
// the old value: double-quoted, single-quoted, or plain and others) when
// that is possible, and otherwise writes s plain when that is safe for
// YAML 1.1 and 1.2 readers and double-quoted when it is not.
func encodeString(s string, double, single bool) string {
	switch {
	case double:
		return quoteDouble(s)
	case single && singleOK(s):
		return quoteSingle(s)
	case plainSafe(s):
		return s
	}
	return quoteDouble(s)
}

// encodeKey writes a mapping key: plain when that is safe, double-quoted
// otherwise. A key at the start of a line must not look like a document
// marker ("---", "...").
func encodeKey(s string) string {
	if plainSafe(s) && !docMarker(s) {
		return s
	}
	return quoteDouble(s)
}

// u16len is the length of s in UTF-16 code units, the unit in which
// JavaScript, and so the CMS, measures line widths.
func u16len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 && r <= utf8.MaxRune {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// foldMode selects how foldLines may break a line.
type foldMode int

const (
	foldFlow   foldMode = iota // plain and single-quoted scalars: only at a space between non-spaces
	foldQuoted                 // double-quoted scalars: also anywhere, with an escaped line break
)

// foldLines folds text over lines of at most lineWidth columns the way
// yaml@2 (lineWidth 80, minContentWidth 20) folds flow scalars: a line is
// broken at the last single space between two non-space characters that
// keeps it within the width, the continuation lines start with indent,
// and a word longer than the width overflows rather than being split
// (except in double quotes, where the line is broken with an escaped line
// break). The first line starts at column indentAtStart when it is not
// negative, at len(indent) otherwise. Widths are counted in UTF-16 code
// units, as JavaScript counts them.
func foldLines(text, indent string, mode foldMode, indentAtStart int) string {
	const lineWidth, minContentWidth = 80, 20
	ind := u16len(indent)
	endStep := max(1+minContentWidth, 1+lineWidth-ind)
	if len(text) <= endStep {
		return text // a UTF-16 length is never more than the UTF-8 one
	}
	t := utf16.Encode([]rune(text))
	if len(t) <= endStep {
		return text
	}
	var folds []int
	var escaped map[int]bool
	end := lineWidth - ind
	if indentAtStart >= 0 {
		if indentAtStart > lineWidth-max(2, minContentWidth) {
			folds = append(folds, 0)
		} else {
			end = lineWidth - indentAtStart
		}
	}
	at := func(i int) uint16 {
		if i >= 0 && i < len(t) {
			return t[i]
		}
		return 0
	}
	split := -1
	var prev uint16
	escStart, escEnd := -1, -1
	for i := 0; i < len(t); i++ {
		ch := t[i]
		if mode == foldQuoted && ch == '\\' {
			escStart = i
			switch at(i + 1) {
			case 'x':
				i += 3
			case 'u':
				i += 5
			case 'U':
				i += 9
			default:
				i++
			}
			escEnd = i
		}
		if ch == '\n' {
			end = i + ind + endStep
			split = -1
		} else {
			if ch == ' ' && prev != 0 && prev != ' ' && prev != '\n' && prev != '\t' {
				if next := at(i + 1); next != 0 && next != ' ' && next != '\n' && next != '\t' {
					split = i
				}
			}
			if i >= end {
				switch {
				case split > 0:
					folds = append(folds, split)
					end = split + endStep
					split = -1
				case mode == foldQuoted:
					for prev == ' ' || prev == '\t' {
						prev = ch
						i++
						ch = at(i)
					}
					j := escStart - 1
					if i > escEnd+1 {
						j = i - 2
					}
					if escaped[j] {
						return text
					}
					folds = append(folds, j)
					if escaped == nil {
						escaped = make(map[int]bool)
					}
					escaped[j] = true
					end = j + endStep
					split = -1
				}
			}
		}
		prev = ch
	}
	if len(folds) == 0 {
		return text
	}
	indU := utf16.Encode([]rune(indent))
	res := append([]uint16(nil), t[:folds[0]]...)
	for k, fold := range folds {
		stop := len(t)
		if k+1 < len(folds) {
			stop = folds[k+1]
		}
		if fold == 0 {
			res = append([]uint16{'\n'}, indU...)
			res = append(res, t[:stop]...)
			continue
		}
		if mode == foldQuoted && escaped[fold] {
			res = append(res, t[fold], '\\')
		}
		res = append(res, '\n')
		res = append(res, indU...)
		res = append(res, t[fold+1:stop]...)
	}
	return string(utf16.Decode(res))
}

// docMarker reports whether a line starting with s could be read as a
// document marker or a directive.
func docMarker(s string) bool {
	return strings.HasPrefix(s, "---") || strings.HasPrefix(s, "...") || strings.HasPrefix(s, "%")
}
