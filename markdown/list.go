package markdown

import (
	"strings"

	"github.com/tiptapmd/tiptapmd/internal/xmlname"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Lists follow kramdown, whose rules are not CommonMark's:
//   - an item starts with "*", "+" or "-", or digits and "." (never
//     ")"), followed by a space or tab; any of them interrupts a
//     paragraph, whatever its number;
//   - the three bullet markers continue one list;
//   - the item's content column is where its text starts, however far;
//   - a line that is not indented to that column still belongs to the
//     item when the line before it was not blank ("lazy" lines), unless
//     it starts an HTML block or an attribute list;
//   - the number of the first item is ignored: lists count from 1.
// The document keeps the list's tightness as CommonMark defines it.

type listParser struct{}

type itemParser struct{}

// listInfo is the parse state of one list.
type listInfo struct {
	lastBlank bool
	indent    int // content column of the current item
}

// listMatch is a list item start.
type listMatch struct {
	ordered   bool
	marker    byte
	markerEnd int // index in the line after the marker
	indent    int // content column
	content   int // index in the line where the content starts
}

// matchListStart matches a list item start in line, with at most
// maxSpaces spaces before the marker.
func matchListStart(line []byte, maxSpaces int) (listMatch, bool) {
	i := 0
	for i < len(line) && line[i] == ' ' {
		i++
	}
	if i > maxSpaces || i >= len(line) {
		return listMatch{}, false
	}
	m := listMatch{}
	switch c := line[i]; {
	case c == '*' || c == '+' || c == '-':
		m.marker = c
		i++
	case isDigit(c):
		for i < len(line) && isDigit(line[i]) {
			i++
		}
		if i >= len(line) || line[i] != '.' {
			return listMatch{}, false
		}
		m.ordered, m.marker = true, '.'
		i++
	default:
		return listMatch{}, false
	}
	if i >= len(line) || line[i] != ' ' && line[i] != '\t' && line[i] != '|' {
		return listMatch{}, false
	}
	m.markerEnd = i
	// The content column: after the marker and the whitespace that
	// follows it, tabs advancing to the next multiple of four; an item
	// with no content on its first line (or only an attribute list)
	// takes column 4.
	rest := line[i:]
	if isBlankBytes(rest) || isIALLine(trimLeftSpaceTab(rest)) {
		m.indent = 4
		m.content = len(line)
		for m.content > i && (line[m.content-1] == '\n' || line[m.content-1] == ' ' || line[m.content-1] == '\t') {
			m.content--
		}
		return m, true
	}
	col := i
	j := i
	for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
		if line[j] == '\t' {
			col += 4 - col%4
		} else {
			col++
		}
		j++
	}
	m.indent, m.content = col, j
	return m, true
}

func trimLeftSpaceTab(b []byte) []byte {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return b[i:]
}

// maxMarkerSpaces is how far a sibling item's marker may be indented in
// a list whose current item has content column indent.
func maxMarkerSpaces(indent int) int {
	if indent <= 3 {
		return indent - 1
	}
	return 3
}

// contentIndent reports whether line is indented to column indent (the
// way kramdown counts: each tab or four spaces make a level of four),
// and returns the number of bytes and the padding to skip to reach the
// column.
func contentIndent(line []byte, indent int) (skip, padding int, ok bool) {
	col := 0
	i := 0
	for i < len(line) && col < indent {
		switch line[i] {
		case ' ':
			col++
		case '\t':
			col += 4
		default:
			return 0, 0, false
		}
		i++
	}
	if col < indent || isBlankBytes(line[i:]) {
		return 0, 0, false
	}
	return i, col - indent, true
}

// isLazyLine reports whether a line may continue a list item without
// being indented: it is not blank and does not start (within a few
// spaces) an HTML block, a closing tag or an attribute list.
func isLazyLine(line []byte, indent int) bool {
	if isBlankBytes(line) {
		return false
	}
	i := 0
	for i < len(line) && i < min(indent, 3) && line[i] == ' ' {
		i++
	}
	v := line[i:]
	if isIALLine(v) {
		return false
	}
	return !isLazyEndHTML(v)
}

// isLazyEndHTML reports whether v starts with a tag that ends a lazy
// paragraph in kramdown: "<name" or "</name>" of an element that is not
// span-level (nor script).
func isLazyEndHTML(v []byte) bool {
	if len(v) < 2 || v[0] != '<' {
		return false
	}
	if v[1] == '/' {
		name, _, ok := matchEndTag(v, 0)
		return ok && !lazySpanName(name)
	}
	e := xmlname.Scan(v, 1)
	if e == 1 {
		return false
	}
	return !lazySpanName(string(v[1:e]))
}

// lazySpanName reports whether a tag name counts as span-level for
// kramdown's lazy-line rule, which compares a prefix: "<bdi" is not
// span-level, "<b>" is.
func lazySpanName(name string) bool {
	return htmlSpanElements[name] || name == "script"
}

func (p *listParser) Trigger() []byte {
	return []byte{'-', '+', '*', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'}
}

func (p *listParser) CanInterruptParagraph() bool { return true }

func (p *listParser) CanAcceptIndentedLine() bool { return false }

func (p *listParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	st := stOf(pc)
	if _, ok := parent.(*ast.List); ok || st.tooDeep(reader, pc) {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	if st.isBreak(line, seg) {
		return nil, parser.NoChildren
	}
	m, ok := matchListStart(line, 3)
	if !ok {
		return nil, parser.NoChildren
	}
	list := ast.NewList(m.marker)
	list.IsTight = true
	if m.ordered {
		list.Start = 1
	}
	st.lists[list] = &listInfo{indent: m.indent}
	return list, parser.HasChildren
}

func (p *listParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	st := stOf(pc)
	list := node.(*ast.List)
	info := st.lists[list]
	line, seg := reader.PeekLine()
	if line == nil {
		return parser.Close
	}
	if isBlankBytes(line) {
		info.lastBlank = true
		return parser.Continue | parser.HasChildren
	}
	wasBlank := info.lastBlank
	info.lastBlank = false
	switch {
	case wasBlank && st.isBreak(line, seg):
		return parser.Close
	case isEOBLine(trimLeftSpaceTab(line)) && len(line)-len(trimLeftSpaceTab(line)) <= 3:
		// Indented as the item's content, the marker ends a block inside
		// the item; less indented, it ends the list (and an attribute
		// list right after it still belongs to the list, see
		// ialBlockParser).
		if _, _, ok := contentIndent(line, info.indent); !ok {
			return parser.Close
		}
	}
	if m, ok := matchListStart(line, maxMarkerSpaces(info.indent)); ok && m.ordered == list.IsOrdered() && !st.isBreak(line, seg) {
		return parser.Continue | parser.HasChildren
	}
	if _, _, ok := contentIndent(line, info.indent); ok {
		return parser.Continue | parser.HasChildren
	}
	if !wasBlank && isLazyLine(line, info.indent) {
		return parser.Continue | parser.HasChildren
	}
	return parser.Close
}

func (p *listParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	st := stOf(pc)
	list := node.(*ast.List)
	delete(st.lists, list)
	for c := node.FirstChild(); c != nil && list.IsTight; c = c.NextSibling() {
		if c != node.FirstChild() && c.HasBlankPreviousLines() {
			list.IsTight = false
		}
		if c.FirstChild() != nil {
			for k := c.FirstChild().NextSibling(); k != nil; k = k.NextSibling() {
				if k.HasBlankPreviousLines() {
					list.IsTight = false
				}
			}
		}
	}
}

// isThematicBreak reports whether a line is a horizontal rule
// (kramdown's HR_START).
func isThematicBreak(line []byte) bool {
	i := 0
	for i < len(line) && i < 3 && line[i] == ' ' {
		i++
	}
	if i >= len(line) {
		return false
	}
	c := line[i]
	if c != '*' && c != '-' && c != '_' {
		return false
	}
	n := 0
	for ; i < len(line) && line[i] != '\n'; i++ {
		switch line[i] {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

func (p *itemParser) Trigger() []byte {
	return []byte{'-', '+', '*', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'}
}

func (p *itemParser) CanInterruptParagraph() bool { return true }

func (p *itemParser) CanAcceptIndentedLine() bool { return false }

func (p *itemParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	st := stOf(pc)
	list, ok := parent.(*ast.List)
	if !ok || st.tooDeep(reader, pc) {
		return nil, parser.NoChildren
	}
	info := st.lists[list]
	line, _ := reader.PeekLine()
	max := 3
	if list.ChildCount() > 0 {
		max = maxMarkerSpaces(info.indent)
	}
	m, ok := matchListStart(line, max)
	if !ok || m.ordered != list.IsOrdered() {
		return nil, parser.NoChildren
	}
	info.indent = m.indent
	item := ast.NewListItem(m.indent)
	reader.Advance(m.content)
	return item, parser.HasChildren
}

func (p *itemParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	st := stOf(pc)
	list := node.Parent().(*ast.List)
	info := st.lists[list]
	line, seg := reader.PeekLine()
	if line == nil {
		return parser.Close
	}
	if isBlankBytes(line) {
		return parser.Continue | parser.HasChildren
	}
	if m, ok := matchListStart(line, maxMarkerSpaces(info.indent)); ok && m.ordered == list.IsOrdered() && !st.isBreak(line, seg) {
		return parser.Close // a new item
	}
	if skip, pad, ok := contentIndent(line, info.indent); ok {
		reader.AdvanceAndSetPadding(skip, pad)
		return parser.Continue | parser.HasChildren
	}
	// A lazy line (the list decided it belongs here).
	return parser.Continue | parser.HasChildren
}

func (p *itemParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

// hrParser is the thematic break parser with kramdown's rule for
// paragraphs: a rule right after a paragraph's text ends the paragraph
// only when the line also looks like a list item ("* * *", "- - -");
// "***", "---" and "___" are more text (or a Setext underline).
type hrParser struct {
	parser.BlockParser
}

func (p hrParser) CanInterruptParagraph() bool { return true }

func (p hrParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	st := stOf(pc)
	line, seg := reader.PeekLine()
	if !st.mayBreak(line, seg) {
		// goldmark's own check reads the whole line, once for every list
		// marker of "- - - … x".
		return nil, parser.NoChildren
	}
	if _, ok := pc.LastOpenedBlock().Node.(*ast.Paragraph); ok {
		if _, ok := matchListStart(line, 3); !ok {
			return nil, parser.NoChildren
		}
	}
	return p.BlockParser.Open(parent, reader, pc)
}

// breakMemo records, for one line of the source, the offset of the last
// byte that is neither a space nor the marker, for each marker of a
// thematic break.
type breakMemo struct {
	start, stop int
	bad         [3]int
}

// mayBreak reports whether line (the part of a source line that the
// segment seg holds, after any padding) may be a thematic break: its
// first byte other than a space is "*", "-" or "_", and nothing but
// spaces and that byte follow. It is false for any line that goldmark or
// isThematicBreak read as a break, and it takes constant time for each
// part of a line after the first, so that "- - - … x" is not read again
// for each of its list markers.
func (st *state) mayBreak(line []byte, seg text.Segment) bool {
	i := 0
	for i < len(line) && util.IsSpace(line[i]) {
		i++
	}
	if i >= len(line) {
		return false
	}
	k := strings.IndexByte("*-_", line[i])
	if k < 0 {
		return false
	}
	src := line[seg.Padding:] // source[seg.Start:seg.Stop]
	m := &st.breaks
	if m.stop != seg.Stop || seg.Start < m.start || m.stop == 0 {
		*m = breakMemo{start: seg.Start, stop: seg.Stop, bad: [3]int{-1, -1, -1}}
		for j := len(src) - 1; j >= 0 && (m.bad[0] < 0 || m.bad[1] < 0 || m.bad[2] < 0); j-- {
			c := src[j]
			if util.IsSpace(c) {
				continue
			}
			for b, mark := range []byte("*-_") {
				if c != mark && m.bad[b] < 0 {
					m.bad[b] = seg.Start + j
				}
			}
		}
	}
	return m.bad[k] < seg.Start+max(i-seg.Padding, 0)
}

// isBreak is isThematicBreak(line) for the line the segment seg holds,
// in constant time for most parts of a line after the first.
func (st *state) isBreak(line []byte, seg text.Segment) bool {
	return st.mayBreak(line, seg) && isThematicBreak(line)
}

// maxBlockDepth bounds the nesting of Markdown container blocks (lists,
// items, blockquotes). Each of them becomes an HTML element, and
// tiptap.ParseHTML refuses more than 510 nested elements, so a deeper
// page could not convert anyway; goldmark, on the other hand, takes time
// proportional to the depth times the length of the line for each line
// that opens blocks ("- - - … x" with 100,000 markers ran for minutes).
// Parse fails at the first block beyond the bound with tiptap.ErrTooDeep.
const maxBlockDepth = 510

// tooDeep reports whether a container block may not open at the
// reader's position because too many are open, and records the position
// of the first such block for Parse's error.
func (st *state) tooDeep(reader text.Reader, pc parser.Context) bool {
	if st.deepAt >= 0 {
		return true
	}
	if len(pc.OpenedBlocks()) < maxBlockDepth {
		return false
	}
	_, seg := reader.Position()
	st.deepAt = seg.Start + max(pc.BlockOffset()-seg.Padding, 0)
	return true
}

// quoteParser is goldmark's blockquote parser under maxBlockDepth.
type quoteParser struct {
	parser.BlockParser
}

func (p quoteParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	st := stOf(pc)
	if st.tooDeep(reader, pc) {
		return nil, parser.NoChildren
	}
	return p.BlockParser.Open(parent, reader, pc)
}
