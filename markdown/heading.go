package markdown

import (
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Headings follow kramdown's GFM parser: an ATX heading needs a space
// after the hashes and may not be indented; a Setext heading is one line
// of text, after a blank line, underlined with = or - from the first
// column. Either may end with {#id}.

type atxParser struct{}

func (p *atxParser) Trigger() []byte { return []byte{'#'} }

func (p *atxParser) CanInterruptParagraph() bool { return true }

func (p *atxParser) CanAcceptIndentedLine() bool { return false }

func (p *atxParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	if pc.BlockOffset() != 0 || seg.Padding != 0 {
		return nil, parser.NoChildren
	}
	level := 0
	for level < len(line) && line[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || level >= len(line) || line[level] != ' ' && line[level] != '\t' {
		return nil, parser.NoChildren
	}
	start := level
	for start < len(line) && (line[start] == ' ' || line[start] == '\t') {
		start++
	}
	stop := len(line)
	for stop > start && isLineSpace(line[stop-1]) {
		stop--
	}
	content := text.NewSegment(seg.Start+start, seg.Start+stop)
	content, id := headerID(content, reader.Source())
	// Remove a closing sequence of hashes.
	v := content.Value(reader.Source())
	e := len(v)
	for e > 0 && v[e-1] == '#' {
		e--
	}
	if e < len(v) && e > 0 && (v[e-1] == ' ' || v[e-1] == '\t') {
		content = content.WithStop(content.Start + e)
		content = content.TrimRightSpace(reader.Source())
	}
	if content.IsEmpty() {
		return nil, parser.NoChildren
	}
	h := ast.NewHeading(level)
	stOf(pc).madeHeading = true
	h.Lines().Append(content)
	if id != "" {
		h.SetAttributeString("id", []byte(id))
	}
	reader.AdvanceToEOL()
	return h, parser.NoChildren
}

func (p *atxParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return parser.Close
}

func (p *atxParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

func isLineSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// headerID cuts kramdown's header id ("text {#id}") off a heading's text.
func headerID(content text.Segment, src []byte) (text.Segment, string) {
	v := content.Value(src)
	if len(v) < 4 || v[len(v)-1] != '}' {
		return content, ""
	}
	open := -1
	for i := len(v) - 2; i > 0; i-- {
		if v[i] == '{' {
			open = i
			break
		}
	}
	if open < 1 || open+1 >= len(v) || v[open+1] != '#' || v[open-1] != ' ' && v[open-1] != '\t' {
		return content, ""
	}
	id := v[open+2 : len(v)-1]
	if !isXMLName(id) {
		return content, ""
	}
	cut := content.WithStop(content.Start + open)
	return cut.TrimRightSpace(src), string(id)
}

// isXMLName reports whether b is an XML name (REXML's NAME_START_CHAR
// NAME_CHAR*), as kramdown requires of header ids.
func isXMLName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		ok := r == ':' || r == '_' || unicode.IsLetter(r)
		if i > 0 {
			ok = ok || r == '-' || r == '.' || unicode.IsDigit(r) || r == 0xB7 || unicode.IsMark(r)
		}
		if !ok {
			return false
		}
		i += n
	}
	return true
}

type setextParser struct{}

func (p *setextParser) Trigger() []byte { return []byte{'-', '='} }

func (p *setextParser) CanInterruptParagraph() bool { return true }

func (p *setextParser) CanAcceptIndentedLine() bool { return false }

func (p *setextParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	st := stOf(pc)
	last := pc.LastOpenedBlock().Node
	para, ok := last.(*ast.Paragraph)
	if !ok || para.Parent() != parent || para.Lines().Len() != 1 || !afterBoundary(para) {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	if pc.BlockOffset() != 0 || seg.Padding != 0 {
		return nil, parser.NoChildren
	}
	i := 0
	for i < len(line) && (line[i] == '-' || line[i] == '=') {
		i++
	}
	for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r' || line[i] == '\f' || line[i] == '\v') {
		i++
	}
	if i < len(line) && line[i] != '\n' {
		return nil, parser.NoChildren
	}
	src := reader.Source()
	first := para.Lines().At(0)
	if v := first.Value(src); len(v) > 0 && (v[0] == ' ' || v[0] == '\t') {
		return nil, parser.NoChildren
	}
	content, id := headerID(first.TrimRightSpace(src), src)
	if content.IsEmpty() {
		return nil, parser.NoChildren
	}
	level := 1
	if line[0] == '-' {
		level = 2
	}
	h := ast.NewHeading(level)
	stOf(pc).madeHeading = true
	h.Lines().Append(content)
	if id != "" {
		h.SetAttributeString("id", []byte(id))
	}
	// The line is not consumed here: when the paragraph turns out to be
	// a link definition, goldmark reads the line again with the other
	// parsers (a "- " line is then a list item).
	st.setextPara = para
	return h, parser.NoChildren | parser.RequireParagraph
}

func (p *setextParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return parser.Close
}

func (p *setextParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	st := stOf(pc)
	para := st.setextPara
	st.setextPara = nil
	if para == nil {
		return
	}
	h := node.(*ast.Heading)
	if para.Parent() == nil || para.Lines().Len() == 0 {
		// The paragraph turned out to be a link definition: the line is
		// text after all.
		h.Parent().RemoveChild(h.Parent(), h)
		return
	}
	h.SetBlankPreviousLines(para.HasBlankPreviousLines())
	h.SetPos(para.Pos())
	para.Parent().RemoveChild(para.Parent(), para)
}

// afterBoundary reports whether a block starts after a block boundary
// in kramdown's sense: first in its container, after a blank line, or
// after an attribute list line, which some constructs (Setext headings,
// tables) require.
func afterBoundary(n ast.Node) bool {
	if n.HasBlankPreviousLines() {
		return true
	}
	switch prev := n.PreviousSibling().(type) {
	case nil:
		return true
	case *ialBlock:
		return !prev.applied
	case *htmlBlock:
		return prev.endsBlank
	}
	return false
}
