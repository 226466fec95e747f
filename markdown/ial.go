package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// kramdown's inline attribute lists (IALs) set attributes on the element
// before them ({:target="_blank"} after a link) or, on a line of their
// own, on the block before or after them ({: .class}, {:toc}).
// Attribute list definitions ({:name: .class}) name a list that IALs
// then reference. Extensions ({::comment}…{:/comment}) are blocks of
// their own.

// attrList is a parsed attribute list.
type attrList struct {
	attrs []htmlAttr // id, class and key="value" pairs, in order
	refs  []string   // bare names: references to definitions, or toc
}

func (a *attrList) set(name, value string) {
	for i := range a.attrs {
		if a.attrs[i].name == name {
			if name == "class" {
				a.attrs[i].value += " " + value
			} else {
				a.attrs[i].value = value
			}
			return
		}
	}
	a.attrs = append(a.attrs, htmlAttr{name, value})
}

func (a *attrList) get(name string) (string, bool) {
	if a == nil {
		return "", false
	}
	for _, x := range a.attrs {
		if x.name == name {
			return x.value, true
		}
	}
	return "", false
}

func (a *attrList) hasRef(ref string) bool {
	for _, r := range a.refs {
		if r == ref {
			return true
		}
	}
	return false
}

func (a *attrList) hasClass(c string) bool {
	v, _ := a.get("class")
	for _, f := range bytes.Fields([]byte(v)) {
		if string(f) == c {
			return true
		}
	}
	return false
}

// merge adds b's attributes (and the definitions b references) to a.
func (a *attrList) merge(b attrList, defs map[string]attrList, depth int) {
	for _, r := range b.refs {
		if d, ok := defs[r]; ok && depth < 8 {
			a.merge(d, defs, depth+1)
		}
	}
	for _, x := range b.attrs {
		a.set(x.name, x.value)
	}
	a.refs = append(a.refs, b.refs...)
}

// parseAttrList parses the inside of {: … } the way kramdown does:
// whitespace-separated tokens, each key="value", key='value', a name, or
// a run of #id and .class.
func parseAttrList(s []byte) attrList {
	var a attrList
	i := 0
	for i < len(s) {
		for i < len(s) && isRubySpace(s[i]) {
			i++
		}
		if i >= len(s) {
			break
		}
		start := i
		switch {
		case s[i] == '#' || s[i] == '.':
			j := i
			for j < len(s) && !isRubySpace(s[j]) {
				j++
			}
			for _, part := range splitIDClass(s[start:j]) {
				if part[0] == '#' {
					a.set("id", string(part[1:]))
				} else {
					a.set("class", string(part[1:]))
				}
			}
			i = j
		default:
			j := i
			for j < len(s) && isAttrNameByte(s[j]) {
				j++
			}
			if j == i {
				// Not a token kramdown knows: skip it.
				for i < len(s) && !isRubySpace(s[i]) {
					i++
				}
				continue
			}
			name := string(s[i:j])
			if j+1 < len(s) && s[j] == '=' && (s[j+1] == '"' || s[j+1] == '\'') {
				q := s[j+1]
				k := j + 2
				var val []byte
				for k < len(s) && s[k] != q {
					if s[k] == '\\' && k+1 < len(s) && (s[k+1] == q || s[k+1] == '}') {
						k++
					}
					val = append(val, s[k])
					k++
				}
				a.set(name, string(val))
				i = k + 1
				continue
			}
			a.refs = append(a.refs, name)
			i = j
		}
	}
	if a.attrs != nil {
		for k := range a.attrs {
			if a.attrs[k].name == "class" {
				a.attrs[k].value = string(bytes.TrimSpace([]byte(a.attrs[k].value)))
			}
		}
	}
	return a
}

func isAttrNameByte(c byte) bool {
	return c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// splitIDClass splits "#id.c1.c2" into "#id", ".c1", ".c2".
func splitIDClass(s []byte) [][]byte {
	var parts [][]byte
	start := 0
	for i := 1; i <= len(s); i++ {
		if i == len(s) || s[i] == '#' || s[i] == '.' {
			if i-start > 1 {
				parts = append(parts, s[start:i])
			}
			start = i
		}
	}
	return parts
}

// ialEnd returns the offset past the closing brace of an attribute list
// starting at s[i] == '{', or -1. A "\}" inside does not close it.
func ialEnd(s []byte, i int) int {
	if !bytes.HasPrefix(s[i:], []byte("{:")) {
		return -1
	}
	for j := i + 2; j < len(s); j++ {
		switch s[j] {
		case '\\':
			if j+1 < len(s) && s[j+1] == '}' {
				j++
			}
		case '}':
			if j == i+2 {
				return -1
			}
			return j + 1
		case '\n':
			return -1
		}
	}
	return -1
}

// isIALLine reports whether a line (without its indentation) is a block
// IAL or an ALD: "{:…}" and nothing else.
func isIALLine(v []byte) bool {
	e := ialEnd(v, 0)
	return e > 0 && isBlankBytes(v[e:])
}

// isEOBLine reports whether a line is kramdown's end-of-block marker "^".
func isEOBLine(v []byte) bool {
	return len(v) > 0 && v[0] == '^' && isBlankBytes(v[1:])
}

// ialBlock is a line holding an attribute list, an attribute list
// definition, an end-of-block marker or a one-line extension. It shows
// nothing; a pass after parsing applies it.
type ialBlock struct {
	rawBlock
	attrs attrList
	// applied is true when the list belongs to the block before it (no
	// blank line between); otherwise it belongs to the next block.
	applied bool
	eob     bool   // the "^" marker: ends the block before, holds nothing
	def     string // the name of an attribute list definition
	off     int
}

type ialBlockParser struct{}

func (p *ialBlockParser) Trigger() []byte { return []byte{'{', '^'} }

func (p *ialBlockParser) CanInterruptParagraph() bool { return true }

func (p *ialBlockParser) CanAcceptIndentedLine() bool { return false }

func (p *ialBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	st := stOf(pc)
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos > 3 || seg.Padding != 0 {
		return nil, parser.NoChildren
	}
	v := line[pos:]
	src := reader.Source()
	off := seg.Start + pos
	n := &ialBlock{off: off}
	switch {
	case isEOBLine(v):
		n.eob = true
	case bytes.HasPrefix(v, []byte("{::")) || bytes.HasPrefix(v, []byte("{:/")):
		return p.extension(st, reader, off)
	case isIALLine(v):
		body := v[2 : ialEnd(v, 0)-1]
		if name, rest, ok := aldDefinition(body); ok {
			n.def = name
			n.attrs = parseAttrList(rest)
			st.alds[name] = n.attrs
		} else {
			n.attrs = parseAttrList(body)
		}
	default:
		return nil, parser.NoChildren
	}
	last := parent.LastChild()
	if _, isList := last.(*ast.List); isList && n.eob {
		// kramdown reads an end-of-block marker right after a list as
		// the list's last line, blank line or not: an attribute list
		// right after the marker applies to the list.
		n.applied = true
	}
	if n.def == "" && !n.eob && last != nil && !prevLineBlank(src, off) {
		switch l := last.(type) {
		case *ialBlock:
			// Several IAL lines in a row apply to the same block.
			if l.applied && l.def == "" {
				n.applied = true
			}
		default:
			n.applied = true
		}
	}
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

func (p *ialBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	if x, ok := node.(*extBlock); ok {
		return continueTo(reader, x.end)
	}
	return parser.Close
}

// continueTo is the Continue of a block that Open read to the source
// offset end: the lines before end are its own, and it closes at the
// first line at or after end.
func continueTo(reader text.Reader, end int) parser.State {
	_, seg := reader.PeekLine()
	if seg.Start < end {
		reader.AdvanceToEOL()
		return parser.Continue | parser.NoChildren
	}
	return parser.Close
}

func (p *ialBlockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

// aldDefinition splits "name: attrs" (the inside of {:name: attrs}).
func aldDefinition(body []byte) (string, []byte, bool) {
	i := 0
	for i < len(body) && isAttrNameByte(body[i]) {
		i++
	}
	if i == 0 || i >= len(body) || body[i] != ':' || !(body[0] == '_' || isLetterByte(body[0]) || isDigit(body[0])) {
		return "", nil, false
	}
	return string(body[:i]), body[i+1:], true
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// extBlock is a kramdown extension block: {::comment}…{:/comment},
// {::nomarkdown}…{:/nomarkdown}, or {::options …/}.
type extBlock struct {
	rawBlock
	name string
	body []byte // nomarkdown content, written out raw
	end  int    // offset past the stop tag's line
}

// extension opens a block extension at off. Unknown or unterminated
// extensions are not blocks: the line is text.
func (p *ialBlockParser) extension(st *state, reader text.Reader, off int) (ast.Node, parser.State) {
	src := reader.Source()
	s := src[off:]
	i := 3
	for i < len(s) && (isAttrNameByte(s[i]) && s[i] != '-') {
		i++
	}
	name := string(s[3:i])
	if s[2] == '/' || name == "" {
		return nil, parser.NoChildren
	}
	close := bytes.IndexByte(s, '}')
	if close < 0 || bytes.IndexByte(s[:close], '\n') >= 0 {
		return nil, parser.NoChildren
	}
	selfClosing := s[close-1] == '/'
	lineEnd := bytes.IndexByte(s, '\n')
	if lineEnd < 0 {
		lineEnd = len(s)
	}
	if !isBlankBytes(s[close+1 : lineEnd]) {
		return nil, parser.NoChildren
	}
	n := &extBlock{name: name}
	switch name {
	case "comment", "nomarkdown", "options":
	default:
		return nil, parser.NoChildren
	}
	switch name {
	case "options":
		st.note(off, CodeExtension, "kramdown options set with {::options} are not applied")
	case "comment":
		st.noteInvisible(off, CodeExtension, "kramdown comment {::comment} removed, as kramdown removes it")
	default:
		st.noteInvisible(off, CodeExtension, "{::nomarkdown} content kept as raw HTML")
	}
	if selfClosing {
		reader.AdvanceToEOL()
		return n, parser.NoChildren
	}
	// The body runs to a line holding {:/name} or {:/}.
	for at := lineEnd + 1; at < len(s); {
		le := bytes.IndexByte(s[at:], '\n')
		if le < 0 {
			le = len(s) - at
		}
		l := bytes.TrimLeft(s[at:at+le], " ")
		if len(s[at:at+le])-len(l) <= 3 && (bytes.Equal(bytes.TrimRight(l, " \t"), []byte("{:/"+name+"}")) || bytes.Equal(bytes.TrimRight(l, " \t"), []byte("{:/}"))) {
			if name == "nomarkdown" {
				n.body = s[lineEnd+1 : at]
			}
			n.end = off + at + le + 1
			reader.AdvanceToEOL()
			return n, parser.NoChildren
		}
		at += le + 1
	}
	return nil, parser.NoChildren
}

// spanIAL is an attribute list in running text; a pass after parsing
// applies it to the element before it, or turns it into text when there
// is none (kramdown shows it then).
type spanIAL struct {
	inlineNode
	attrs attrList
	seg   text.Segment
}

type spanIALParser struct{}

func (p *spanIALParser) Trigger() []byte { return []byte{'{'} }

func (p *spanIALParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	st := stOf(pc)
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("{:")) || bytes.HasPrefix(line, []byte("{::")) || bytes.HasPrefix(line, []byte("{:/")) {
		return nil
	}
	// ialEnd stops at the first "}" not after a backslash, or at the end
	// of the line: where it stopped from an earlier "{:" on the line, it
	// stops from this one too.
	m := &st.ials
	at := seg.Start + 2 - seg.Padding
	if at >= m.from && at < m.stop && seg.Stop == m.lim {
		return nil
	}
	e := ialEnd(line, 0)
	if e < 0 {
		stop := len(line)
		for j := 2; j < len(line); j++ {
			if line[j] == '\n' || line[j] == '}' && line[j-1] != '\\' {
				stop = j
				break
			}
		}
		// No "{:" that starts before stop ends before it either.
		m.from, m.stop, m.lim = at, seg.Start-seg.Padding+stop, seg.Stop
		return nil
	}
	n := &spanIAL{attrs: parseAttrList(line[2 : e-1]), seg: text.NewSegment(seg.Start, seg.Start+e)}
	block.Advance(e)
	return n
}
