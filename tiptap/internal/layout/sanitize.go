package layout

import (
	"bytes"

	"github.com/tiptapmd/tiptapmd/internal/ascii"
)

// Step 3 of [Print]: DOMPurify's serialisation of the printed HTML, read
// tag by tag without building a tree.

// sanitize appends to dst the HTML s with every start tag written again as
// DOMPurify's serialiser writes it (step 3 of [Print]): tag and attribute
// names in ASCII lower case, attributes in reverse order separated by one
// space, each as name="value" with the value trimmed, later duplicates of
// a name dropped, and no self-closing slash. Closing tags keep only their
// name. Text, comments, doctypes and the content of raw-text elements such
// as <script> and <textarea> are copied unchanged, and so is anything that
// does not read as a complete tag. It does not build a tree, so it neither
// moves nor removes anything.
func sanitize(dst, s []byte) []byte {
	return sanitizeTo(dst, s, false, nil)
}

// sanitizeInPlace is sanitize(nil, s), written over s itself where it
// fits (s is then changed): the result is s[:n] when every tag comes out
// no longer than it went in, as it does for getHTML output, and a new
// slice otherwise. The bytes written never run ahead of the bytes still
// to be read: text, comments and closing tags are moved down or shortened
// in place, and each start tag is assembled in a scratch buffer and
// copied back only when it ends before the source tag did.
func sanitizeInPlace(s []byte) []byte {
	var scratch [256]byte
	return sanitizeTo(s[:0], s, true, scratch[:0])
}

// sanitizeTo is the loop of sanitize and sanitizeInPlace. With inPlace,
// dst is s[:0] and scratch the buffer of the start tags; when a tag does
// not fit, the output so far moves to a new buffer and the rest is
// appended to it as sanitize does.
func sanitizeTo(dst, s []byte, inPlace bool, scratch []byte) []byte {
	var buf [32]attrSpan
	attrs := buf[:0]
	i := 0
	for {
		j := bytes.IndexByte(s[i:], '<')
		if j < 0 {
			return append(dst, s[i:]...)
		}
		dst = append(dst, s[i:i+j]...)
		i += j
		next := i + 1 // where copying resumes if nothing below applies
		switch {
		case i+1 < len(s) && isAlpha(s[i+1]):
			var t tagSpan
			if t, attrs = scanTag(s, i, attrs[:0]); t.end > 0 {
				// Read the name before the tag is written: in place, the
				// tag written may cover it.
				next = rawTextEnd(s, t.end, s[t.name:t.nameEnd])
				if inPlace {
					scratch = t.appendTo(scratch[:0], s, attrs)
					if len(dst)+len(scratch) > t.end {
						// The tag grows past its source: go on in a
						// buffer of its own.
						dst = append(make([]byte, 0, len(s)+len(s)/8+len(scratch)), dst...)
						inPlace = false
					}
					dst = append(dst, scratch...)
				} else {
					dst = t.appendTo(dst, s, attrs)
				}
				dst = append(dst, s[t.end:next]...)
			} else {
				next = len(s) // unterminated: copy the rest as it is
				dst = append(dst, s[i:]...)
			}
		case i+2 < len(s) && s[i+1] == '/' && isAlpha(s[i+2]):
			k := i + 2
			for k < len(s) && !ascii.IsSpace(s[k]) && s[k] != '/' && s[k] != '>' {
				k++
			}
			if end, _ := readAttrs(s, k, nil); end > 0 {
				dst = append(dst, "</"...)
				dst = ascii.AppendLower(dst, s[i+2:k])
				dst = append(dst, '>')
				next = end
			} else {
				next = len(s)
				dst = append(dst, s[i:]...)
			}
		case bytes.HasPrefix(s[i:], []byte("<!--")):
			next = pastOrEnd(s, i+4, "-->")
			dst = append(dst, s[i:next]...)
		case bytes.HasPrefix(s[i:], []byte("<![CDATA[")):
			next = pastOrEnd(s, i+9, "]]>")
			dst = append(dst, s[i:next]...)
		case i+1 < len(s) && (s[i+1] == '!' || s[i+1] == '?' || s[i+1] == '/'):
			next = pastOrEnd(s, i+2, ">")
			dst = append(dst, s[i:next]...)
		default:
			dst = append(dst, '<')
		}
		i = next
	}
}

// pastOrEnd returns the offset just past the first delim in s at or after
// from, or len(s).
func pastOrEnd(s []byte, from int, delim string) int {
	if j := bytes.Index(s[from:], []byte(delim)); j >= 0 {
		return from + j + len(delim)
	}
	return len(s)
}

func isAlpha(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// A attrSpan locates one attribute of a start tag in the source: its name
// is s[name:nameEnd] and its value s[val:valEnd], written between quotes
// of kind quote (0 when unquoted or missing).
type attrSpan struct {
	name, nameEnd int
	val, valEnd   int
	quote         byte
}

// A tagSpan locates a start tag in the source: its name is
// s[name:nameEnd], and it ends just before s[end].
type tagSpan struct {
	name, nameEnd, end int
}

// scanTag reads the start tag at s[i] ("<" and a letter) as the HTML
// tokenizer does, appending its attributes to attrs. The returned end is 0
// when the input ends inside the tag.
func scanTag(s []byte, i int, attrs []attrSpan) (tagSpan, []attrSpan) {
	t := tagSpan{name: i + 1}
	k := i + 1
	for k < len(s) && !ascii.IsSpace(s[k]) && s[k] != '/' && s[k] != '>' {
		k++
	}
	t.nameEnd = k
	t.end, attrs = readAttrs(s, k, attrs)
	return t, attrs
}

// readAttrs reads the attributes of a tag from s[k] on, up to and
// including the ">" that ends the tag, as the HTML tokenizer does. It
// appends them to attrs (unless attrs is nil, for a closing tag, whose
// attributes are dropped) and returns the offset after the ">", or 0 when
// the input ends first.
func readAttrs(s []byte, k int, attrs []attrSpan) (int, []attrSpan) {
	keep := attrs != nil
	for k < len(s) {
		c := s[k]
		switch {
		case ascii.IsSpace(c) || c == '/':
			k++
			continue
		case c == '>':
			return k + 1, attrs
		}
		// An attribute name runs to whitespace, "/", ">" or "=", though
		// its first character may be "=".
		a := attrSpan{name: k}
		k++
		for k < len(s) && !ascii.IsSpace(s[k]) && s[k] != '/' && s[k] != '>' && s[k] != '=' {
			k++
		}
		a.nameEnd = k
		for k < len(s) && ascii.IsSpace(s[k]) {
			k++
		}
		a.val, a.valEnd = k, k
		if k < len(s) && s[k] == '=' {
			k++
			for k < len(s) && ascii.IsSpace(s[k]) {
				k++
			}
			if k >= len(s) {
				return 0, attrs
			}
			switch q := s[k]; q {
			case '"', '\'':
				e := bytes.IndexByte(s[k+1:], q)
				if e < 0 {
					return 0, attrs
				}
				a.quote, a.val, a.valEnd = q, k+1, k+1+e
				k = a.valEnd + 1
			case '>':
				a.val, a.valEnd = k, k
			default:
				a.val = k
				for k < len(s) && !ascii.IsSpace(s[k]) && s[k] != '>' {
					k++
				}
				a.valEnd = k
			}
		}
		if keep {
			attrs = append(attrs, a)
		}
	}
	return 0, attrs
}

// appendTo appends the tag as DOMPurify serialises it.
func (t tagSpan) appendTo(dst, s []byte, attrs []attrSpan) []byte {
	dst = append(dst, '<')
	dst = ascii.AppendLower(dst, s[t.name:t.nameEnd])
	// The HTML parser keeps the first of duplicate attributes. A tag with
	// many attributes gets a map, so that finding them stays linear.
	var first map[string]int
	if len(attrs) > 16 {
		first = make(map[string]int, len(attrs))
		for k := len(attrs) - 1; k >= 0; k-- {
			first[string(ascii.AppendLower(nil, s[attrs[k].name:attrs[k].nameEnd]))] = k
		}
	}
	for k := len(attrs) - 1; k >= 0; k-- {
		a := attrs[k]
		name := s[a.name:a.nameEnd]
		if first != nil && first[string(ascii.AppendLower(dst[len(dst):], name))] != k ||
			first == nil && seenAttr(s, attrs[:k], name) {
			continue
		}
		dst = append(dst, ' ')
		dst = ascii.AppendLower(dst, name)
		dst = append(dst, '=', '"')
		v := s[a.val:a.valEnd]
		if !equalFoldString(name, "value") {
			v = trimJS(v, true)
		}
		if a.quote == '"' {
			dst = append(dst, v...)
		} else {
			for _, c := range v {
				if c == '"' {
					dst = append(dst, "&quot;"...)
				} else {
					dst = append(dst, c)
				}
			}
		}
		dst = append(dst, '"')
	}
	return append(dst, '>')
}

// seenAttr reports whether one of attrs has the name name, ignoring ASCII
// case.
func seenAttr(s []byte, attrs []attrSpan, name []byte) bool {
	for _, a := range attrs {
		if n := s[a.name:a.nameEnd]; len(n) == len(name) && equalFoldBytes(n, name) {
			return true
		}
	}
	return false
}

func equalFoldBytes(a, b []byte) bool {
	for i := range a {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

func equalFoldString(s []byte, lower string) bool {
	return len(s) == len(lower) && equalFold(s, lower)
}

// rawTextEnd returns where the content of the element name, whose start
// tag ends at s[i], ends: for raw-text and RCDATA elements, at their
// closing tag (or the end of s); for others, at i.
func rawTextEnd(s []byte, i int, name []byte) int {
	var buf [16]byte
	switch string(lowerName(buf[:0], name)) {
	case "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title":
		return closeTag(s, i, string(lowerName(buf[:0], name)))
	case "script":
		return scriptEnd(s, i)
	case "plaintext":
		return len(s)
	}
	return i
}

// closeTag returns the offset of the first "</name" at or after i that
// is followed by whitespace, "/" or ">", or len(s).
func closeTag(s []byte, i int, name string) int {
	for {
		j := indexFold(s, i, "</"+name)
		if j < 0 {
			return len(s)
		}
		if k := j + 2 + len(name); k < len(s) && (ascii.IsSpace(s[k]) || s[k] == '/' || s[k] == '>') {
			return j
		}
		i = j + 1
	}
}

// scriptEnd returns where the script data starting at s[i] ends, following
// the HTML tokenizer's escaped states: inside "<!--", a "<script" opens a
// nested escape in which "</script" does not end the element.
func scriptEnd(s []byte, i int) int {
	const (
		data = iota
		escaped
		double
	)
	state := data
	isEnd := func(k int) bool { // s[k] follows a tag name
		return k < len(s) && (ascii.IsSpace(s[k]) || s[k] == '/' || s[k] == '>')
	}
	for k := i; k < len(s); k++ {
		switch {
		case state != data && bytes.HasPrefix(s[k:], []byte("-->")):
			state = data
			k += 2
		case s[k] != '<':
		case state == data && bytes.HasPrefix(s[k:], []byte("<!--")):
			state = escaped
			k += 3
		case hasFoldAt(s, k, "</script") && isEnd(k+8):
			if state == double {
				state = escaped
				k += 7
			} else {
				return k
			}
		case state == escaped && hasFoldAt(s, k, "<script") && isEnd(k+7):
			state = double
			k += 6
		}
	}
	return len(s)
}

// hasFoldAt reports whether the ASCII string pat (lower case) occurs in
// s at k, ignoring ASCII case.
func hasFoldAt(s []byte, k int, pat string) bool {
	return k+len(pat) <= len(s) && equalFold(s[k:k+len(pat)], pat)
}
