package frontmatter

import (
	"bytes"

	"github.com/tiptapmd/tiptapmd"
)

// bom is the UTF-8 encoding of U+FEFF, the byte order mark.
const bom = "\xef\xbb\xbf"

// Parts is a page split at its front matter. The byte fields are views of
// the source given to [Split] (capped, so appending to one never writes
// into the next); Parts.Bytes puts them back together byte for byte.
//
// Front matter is recognised as Jekyll recognises it: the page (after an
// optional byte order mark) starts with a line "---", and the block ends
// at the next line that is "---" or "...". Trailing spaces and tabs on
// either delimiter line are allowed, as Jekyll allows them. Nothing else
// ends the block: a "---" inside a value, a table row "|---|", a thematic
// break or a setext underline in the body is never taken for a delimiter,
// because the block ends at its first closing line and the body is never
// searched.
type Parts struct {
	BOM      bool   // src began with a UTF-8 byte order mark (not part of Open or Body)
	Open     []byte // opening delimiter line with its line ending; nil when the page has no front matter
	YAML     []byte // text between the delimiter lines, line endings included
	Close    []byte // closing delimiter line with its line ending ("---\n", "...\r\n", or "---" at the end of the file)
	Body     []byte // everything after the closing line; the whole page (less the BOM) when there is no front matter
	YAMLLine int    // 1-based line of the first line of YAML in the file; 0 when there is no front matter
	BodyLine int    // 1-based line of the file on which Body starts
}

// Split splits src into front matter and body. A page without front
// matter is not an error: it comes back as Parts with a nil Open and all
// of src in Body. The only error is a block that is opened but never
// closed, reported as a [*ParseError] wrapping [ErrUnterminated] with the
// line of the opening delimiter; Split does not guess where such a block
// was meant to end.
func Split(src []byte) (Parts, error) {
	var p Parts
	s := src
	if bytes.HasPrefix(s, []byte(bom)) {
		p.BOM = true
		s = s[len(bom):]
	}
	openLine, rest, ok := cutLine(s)
	if !ok || !isDelimiter(openLine, "---") {
		p.Body = s
		p.BodyLine = 1
		return p, nil
	}
	yamlStart := len(s) - len(rest)
	line := 2
	off := yamlStart
	for off < len(s) {
		l, next, _ := cutLine(s[off:])
		if isDelimiter(l, "---") || isDelimiter(l, "...") {
			end := len(s) - len(next)
			p.Open = s[:yamlStart:yamlStart]
			p.YAML = s[yamlStart:off:off]
			p.Close = s[off:end:end]
			p.Body = s[end:]
			p.YAMLLine = 2
			p.BodyLine = line
			if bytes.HasSuffix(p.Close, []byte("\n")) {
				p.BodyLine++
			}
			return p, nil
		}
		off = len(s) - len(next)
		line++
	}
	return Parts{}, &ParseError{
		Pos: tiptapmd.Pos{Line: 1, Column: 1},
		Err: ErrUnterminated,
		Msg: `the "---" on line 1 opens a front matter block that no "---" or "..." line closes`,
	}
}

// cutLine returns the first line of s with its line ending, and the rest.
// ok is false when s has no "\n" (the line runs to the end of s).
func cutLine(s []byte) (line, rest []byte, ok bool) {
	i := bytes.IndexByte(s, '\n')
	if i < 0 {
		return s, nil, false
	}
	return s[:i+1], s[i+1:], true
}

// isDelimiter reports whether line (with or without its line ending) is
// delim followed only by spaces and tabs.
func isDelimiter(line []byte, delim string) bool {
	if !bytes.HasPrefix(line, []byte(delim)) {
		return false
	}
	for _, c := range line[len(delim):] {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}

// HasFrontMatter reports whether the page has a front matter block (which
// may be empty).
func (p Parts) HasFrontMatter() bool { return p.Open != nil }

// Bytes returns the page put back together: the same bytes that were
// given to [Split].
func (p Parts) Bytes() []byte {
	n := len(p.Open) + len(p.YAML) + len(p.Close) + len(p.Body)
	if p.BOM {
		n += len(bom)
	}
	out := make([]byte, 0, n)
	if p.BOM {
		out = append(out, bom...)
	}
	out = append(out, p.Open...)
	out = append(out, p.YAML...)
	out = append(out, p.Close...)
	return append(out, p.Body...)
}
