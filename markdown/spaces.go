package markdown

import (
	"bytes"
)

// A line break in the source shows as a space, also between two
// elements: kramdown keeps it, and the browser shows
// "<b>A</b>⏎<b>B</b>" as "A B". tiptap.ParseHTML, however, deletes a
// newline that directly follows an element, as the editor does on load
// to undo the newlines of the CMS's layout; a page read from Markdown
// has no such layout, so the renderer keeps these newlines visible to
// it: a soft line break right after a tag is written as a space (see
// renderer.inline), and the line ends of raw HTML blocks right after a
// tag get a space before them (appendSpaceAfterTags).

// appendSpaceAfterTags appends the HTML of a raw HTML block with a space
// before every line end that directly follows a tag, outside the
// elements whose white space is kept (<pre>, <textarea>) or is not text
// (<script>, <style>). A space before a line end shows as the line end
// did; only lengths of lines change, not lines or columns before the
// space.
func appendSpaceAfterTags(out, h []byte) []byte {
	if !bytes.Contains(h, []byte(">\n")) && !bytes.Contains(h, []byte(">\r\n")) {
		return append(out, h...)
	}
	for i := 0; i < len(h); {
		k := angleBytes.Index(h[i:])
		if k < 0 {
			return append(out, h[i:]...)
		}
		out = append(out, h[i:i+k]...)
		i += k
		c := h[i]
		if c == '<' {
			if name := rawTextTag(h[i+1:]); name != "" {
				// Copy the element up to its end tag as it is.
				end := indexFold(h[i+1:], "</"+name)
				if end < 0 {
					return append(out, h[i:]...)
				}
				out = append(out, h[i:i+1+end]...)
				i += 1 + end // at the "<" of the end tag
				continue
			}
		}
		out = append(out, c)
		if c == '>' && i+1 < len(h) && (h[i+1] == '\n' || h[i+1] == '\r' && i+2 < len(h) && h[i+2] == '\n') {
			out = append(out, ' ')
		}
		i++
	}
	return out
}

// rawTextTag returns the lower-case name of the element whose start tag
// begins at b (just after its "<") when its content must be left alone:
// pre, textarea, script or style; "" otherwise.
func rawTextTag(b []byte) string {
	for _, name := range []string{"pre", "textarea", "script", "style"} {
		if len(b) > len(name) && bytes.EqualFold(b[:len(name)], []byte(name)) {
			switch b[len(name)] {
			case '>', ' ', '\t', '\n', '\r', '\f', '/':
				return name
			}
		}
	}
	return ""
}

// indexFold returns the index of the first ASCII case-insensitive match
// of s in b, or -1.
func indexFold(b []byte, s string) int {
	for i := 0; i+len(s) <= len(b); i++ {
		if bytes.EqualFold(b[i:i+len(s)], []byte(s)) {
			return i
		}
	}
	return -1
}
