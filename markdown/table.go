package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/tiptapmd/tiptapmd/internal/liquid"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Tables follow kramdown: after a block boundary, every line that holds
// an unescaped "|" outside code spans is a row; a line of dashes (with
// pipes, colons, plus signs) separates the header rows from the body, a
// line of "=" starts the footer. Neither leading pipes nor a header row
// are required, but the table must end at a blank line (or the end of
// its container), else the lines are a paragraph after all. Pipes inside
// Liquid tags do not count: Jekyll renders Liquid before kramdown reads
// the page.

// tableBlock is a table; its lines are its rows until Close splits them
// into tableRow and tableCell nodes.
type tableBlock struct {
	rawBlock
	// broken is set when the line after the table is not a block
	// boundary; the lines are then a paragraph.
	broken bool
}

type tableRow struct {
	rawBlock
	header bool
}

type tableCell struct{ blockNode }

type tableParser struct{}

func (p *tableParser) Trigger() []byte { return nil }

func (p *tableParser) CanInterruptParagraph() bool { return false }

func (p *tableParser) CanAcceptIndentedLine() bool { return false }

func (p *tableParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos > 3 || seg.Padding != 0 || !isTableLine(line[pos:]) {
		return nil, parser.NoChildren
	}
	src := reader.Source()
	if !p.boundaryBefore(parent, src, seg.Start) {
		return nil, parser.NoChildren
	}
	if parent.Kind() == ast.KindDocument && !endsAtBoundary(src, seg.Start) {
		// The lines are a paragraph: let the paragraph parser have them,
		// so that the paragraph goes on past them as kramdown's does.
		// (Inside containers, whose lines carry prefixes, Close turns the
		// table back into a paragraph instead.)
		return nil, parser.NoChildren
	}
	n := &tableBlock{}
	n.Lines().Append(seg)
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

// boundaryBefore tells whether a block starting at off (in parent) is
// after a block boundary.
func (p *tableParser) boundaryBefore(parent ast.Node, src []byte, off int) bool {
	switch last := parent.LastChild().(type) {
	case nil:
		return true
	case *ialBlock:
		if !last.applied {
			return true
		}
	case *htmlBlock:
		if last.endsBlank {
			return true
		}
	}
	return prevLineBlank(src, off)
}

// endsAtBoundary reports whether the table rows starting at off are
// followed by a block boundary: a blank line, an attribute list, an
// end-of-block marker or the end of the input.
func endsAtBoundary(src []byte, off int) bool {
	for off < len(src) {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		line := src[off : off+end]
		if !isTableRow(line) {
			v := bytes.TrimLeft(line, " ")
			return isBlankBytes(line) || len(line)-len(v) <= 3 && (isIALLine(v) || isEOBLine(v))
		}
		off += end + 1
	}
	return true
}

// prevLineBlank reports whether the line before the one holding off is
// blank, ignoring blockquote markers.
func prevLineBlank(src []byte, off int) bool {
	ls := bytes.LastIndexByte(src[:off], '\n')
	if ls <= 0 {
		return ls < 0
	}
	ps := bytes.LastIndexByte(src[:ls], '\n') + 1
	for _, c := range src[ps:ls] {
		if c != ' ' && c != '\t' && c != '>' {
			return false
		}
	}
	return true
}

func (p *tableParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*tableBlock)
	line, seg := reader.PeekLine()
	if line == nil || isBlankBytes(line) {
		return parser.Close // the end, or a blank line
	}
	if isTableRow(line) {
		n.Lines().Append(seg)
		reader.AdvanceToEOL()
		return parser.Continue | parser.NoChildren
	}
	v := bytes.TrimLeft(line, " ")
	n.broken = len(line)-len(v) > 3 || !isIALLine(v) && !isEOBLine(v)
	return parser.Close
}

func (p *tableParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	n := node.(*tableBlock)
	src := reader.Source()
	if !n.broken && p.build(stOf(pc), n, src) {
		return
	}
	// Not a table after all: the lines are a paragraph.
	para := ast.NewParagraph()
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		s = s.TrimLeftSpace(src)
		if i == lines.Len()-1 {
			s = s.TrimRightSpace(src)
		}
		para.Lines().Append(s)
	}
	para.SetBlankPreviousLines(n.HasBlankPreviousLines())
	para.SetPos(n.Pos())
	node.Parent().ReplaceChild(node.Parent(), node, para)
}

// build splits the lines into rows and cells, and reports whether they
// make a table (kramdown wants at least one body row).
func (p *tableParser) build(st *state, n *tableBlock, src []byte) bool {
	lines := n.Lines()
	s0 := lines.At(0)
	first := s0.Value(src)
	leadingPipe := bytes.HasPrefix(bytes.TrimLeft(first, " \t"), []byte("|"))
	var rows []*tableRow
	headerDone := false
	body := 0
	alignOff, align := -1, ""
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		v := s.Value(src)
		if isSepLine(v, '-') {
			if alignOff < 0 {
				// kramdown takes the alignment from the first separator.
				alignOff, align = s.Start, columnAlignment(splitCells(v, 0), v, leadingPipe)
			}
			if len(rows) > 0 && !headerDone {
				for _, r := range rows {
					r.header = true
				}
				body = 0
			}
			headerDone = headerDone || len(rows) > 0
			continue
		}
		if isSepLine(v, '=') {
			continue
		}
		row := &tableRow{}
		cells := splitCells(v, s.Start)
		if leadingPipe && len(cells) > 0 && isBlankBytes(src[cells[0].Start:cells[0].Stop]) {
			cells = cells[1:]
		}
		if k := len(cells); k > 0 && isBlankBytes(src[cells[k-1].Start:cells[k-1].Stop]) {
			cells = cells[:k-1]
		}
		if *st.cells += len(cells); *st.cells > maxCells {
			// Each cell costs the conversion about a kilobyte: stop
			// before a hostile table takes gigabytes.
			st.largeAt = cells[len(cells)-(*st.cells-maxCells)].Start
			return false
		}
		for _, c := range cells {
			cell := &tableCell{}
			c = c.TrimLeftSpace(src)
			c = c.TrimRightSpace(src)
			if !c.IsEmpty() {
				cell.Lines().Append(c)
			}
			row.AppendChild(row, cell)
		}
		rows = append(rows, row)
		body++
	}
	if body == 0 || len(rows) == 0 {
		return false
	}
	cols, given := 0, 0
	for _, r := range rows {
		cols = max(cols, r.ChildCount())
		given += r.ChildCount()
	}
	if *st.cells += len(rows)*cols - given; *st.cells > maxCells {
		st.largeAt = s0.Start // the rows filled up to the widest one
		return false
	}
	for _, r := range rows {
		for r.ChildCount() < cols {
			r.AppendChild(r, &tableCell{})
		}
		n.AppendChild(n, r)
	}
	if align != "" {
		st.note(alignOff, CodeTableAlignment, "table columns aligned (%s): the editor's tables have no alignment, so they show left-aligned", align)
	}
	return true
}

// columnAlignment describes the columns that a separator line centres
// or right-aligns ("column 2 centred, column 3 right-aligned"), or
// returns "". cells are the line's cells, offsets into v.
func columnAlignment(cells []text.Segment, v []byte, leadingPipe bool) string {
	if leadingPipe && len(cells) > 0 && isBlankBytes(v[cells[0].Start:cells[0].Stop]) {
		cells = cells[1:]
	}
	var out []string
	for i, c := range cells {
		t := bytes.Trim(v[c.Start:c.Stop], " \t\r\n")
		if len(t) < 2 || t[len(t)-1] != ':' {
			continue
		}
		if t[0] == ':' {
			out = append(out, fmt.Sprintf("column %d centred", i+1))
		} else {
			out = append(out, fmt.Sprintf("column %d right-aligned", i+1))
		}
	}
	return strings.Join(out, ", ")
}

// maxCells bounds the number of table cells of a page, as
// tiptap.ParseHTML bounds the number of tags (each cell makes one at
// least); Parse fails with tiptap.ErrTooLarge beyond it.
const maxCells = 250_000

// isTableLine reports whether a line holds a pipe that starts a table
// row in kramdown: an unescaped "|" outside code spans and Liquid.
func isTableLine(line []byte) bool {
	if len(line) == 0 || line[0] == ' ' || line[0] == '\t' || line[0] == '\n' || bytes.IndexByte(line, '|') < 0 {
		return false // cells are split at pipes
	}
	return len(splitCells(line, 0)) > 1
}

// isTableRow reports whether a line continues a table: it holds an
// unescaped pipe outside code spans and Liquid (indentation allowed).
func isTableRow(line []byte) bool {
	return bytes.IndexByte(line, '|') >= 0 && !isBlankBytes(line) && len(splitCells(line, 0)) > 1
}

// isSepLine reports whether a table line is a separator made of c
// ('-' for the header separator, '=' for the footer one).
func isSepLine(v []byte, c byte) bool {
	seen := false
	for _, b := range bytes.TrimRight(v, " \t\r\n") {
		switch {
		case b == c:
			seen = true
		case b == '+' || b == '|' || b == ':' || b == ' ' || b == '\t':
		default:
			return false
		}
	}
	return seen
}

// splitCells splits a row at its unescaped pipes, skipping code spans
// and Liquid tags. Segments are offsets from base.
func splitCells(v []byte, base int) []text.Segment {
	v = bytes.TrimRight(v, "\n")
	var cells []text.Segment
	start := 0
	// Searches that failed from some offset fail from any later one:
	// remembering where keeps a row of thousands of unclosed "`", "{{"
	// or "<code" linear.
	var memo liquid.Memo
	var noTicks map[int]int // run length → offset from which no such run follows
	noCode := len(v) + 1    // offset from which no "</code>" follows
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '\\':
			i++
		case '`':
			n := 1
			for i+n < len(v) && v[i+n] == '`' {
				n++
			}
			if f, ok := noTicks[n]; ok && i+n >= f {
				i += n - 1
			} else if end := bytes.Index(v[i+n:], v[i:i+n]); end >= 0 {
				i += n + end + n - 1
			} else {
				if noTicks == nil {
					noTicks = make(map[int]int)
				}
				noTicks[n] = i + n
				i += n - 1
			}
		case '{':
			if end := memo.End(v, i, 0); end > 0 {
				i = end - 1
			}
		case '<':
			if bytes.HasPrefix(v[i:], []byte("<code")) && i < noCode {
				if end := bytes.Index(v[i:], []byte("</code>")); end >= 0 {
					i += end + len("</code>") - 1
				} else {
					noCode = i
				}
			}
		case '|':
			cells = append(cells, text.NewSegment(base+start, base+i))
			start = i + 1
		}
	}
	return append(cells, text.NewSegment(base+start, base+len(v)))
}
