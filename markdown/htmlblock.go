package markdown

import (
	"bytes"
	"slices"
	"strings"

	"github.com/tiptapmd/tiptapmd/internal/htmlesc"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// htmlBlock is raw HTML at block level, read with kramdown's rules: it
// starts at a line beginning with a tag that is not a span-level element
// (or with a comment), and it ends where the element ends, however many
// blank lines it holds. Markdown inside is not parsed unless the element
// has a markdown attribute. One block can hold several elements written
// on one line.
type htmlBlock struct {
	rawBlock
	start int    // offset of the first "<"
	end   int    // offset just past the last element (and its line end)
	html  []byte // the HTML as kramdown writes it, set by Close
	// contiguous is true while the lines are one unbroken stretch of the
	// source (no container prefixes cut out), so that the HTML read in
	// Open is the HTML of the lines.
	contiguous bool
	raw        *rawHTML // the reader used in Open, for its findings
	// endsBlank is true when the last element was a void or self-closed
	// one: kramdown leaves its line end to be read as a blank line, so
	// the next block starts after a block boundary.
	endsBlank bool
}

type htmlBlockParser struct{}

func (p *htmlBlockParser) Trigger() []byte { return []byte{'<'} }

func (p *htmlBlockParser) CanInterruptParagraph() bool { return true }

func (p *htmlBlockParser) CanAcceptIndentedLine() bool { return false }

// lineStart returns the source offset of the character at index i of a
// line that PeekLine returned with segment seg.
func lineStart(seg text.Segment, i int) int { return seg.Start + i - seg.Padding }

func (p *htmlBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	st := stOf(pc)
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos > 3 || pos >= len(line) || line[pos] != '<' || seg.Padding > pos {
		return nil, parser.NoChildren
	}
	for _, c := range line[:pos] {
		if c != ' ' {
			return nil, parser.NoChildren
		}
	}
	src := reader.Source()
	start := lineStart(seg, pos)
	if st.isStopTag(src, start, parent) {
		// Nothing after the closing tag belongs to the sub-parse: end
		// its input here. (Reading the rest of the page line by line,
		// once for each element with markdown="1", made a page of many
		// of them quadratic.)
		l, _ := reader.Position()
		reader.SetPosition(l, text.NewSegment(len(src), len(src)))
		return &stopBlock{}, parser.NoChildren
	}
	r := st.newRaw(src)
	r.out = st.rawSpace(len(src) - start)
	end, endsBlank, ok := scanHTMLBlock(r, start, pos == 0)
	if !ok {
		return nil, parser.NoChildren
	}
	n := &htmlBlock{start: start, end: end, contiguous: seg.Padding == 0, endsBlank: endsBlank}
	// The next block's HTML follows this one's in the space.
	n.html = slices.Clip(r.out)
	st.rawSpare = r.out[len(r.out):]
	n.raw = r
	stop := min(seg.Stop, end)
	n.Lines().Append(text.NewSegment(start, stop))
	if end < seg.Stop && !isBlankBytes(src[end:seg.Stop]) {
		// Text after the element on its last line is a new block for
		// kramdown; it is almost always a paragraph.
		n.Lines().Append(text.NewSegment(end, seg.Stop))
	}
	return n, parser.NoChildren
}

func (p *htmlBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	if _, ok := node.(*stopBlock); ok {
		reader.AdvanceToEOL()
		return parser.Continue | parser.NoChildren
	}
	n := node.(*htmlBlock)
	line, seg := reader.PeekLine()
	if line == nil || seg.Start >= n.end {
		return parser.Close
	}
	last := n.Lines().At(n.Lines().Len() - 1)
	if seg.Padding != 0 || seg.Start != last.Stop {
		n.contiguous = false
	}
	stop := min(seg.Stop, n.end)
	n.Lines().Append(text.NewSegment(seg.Start, stop))
	if n.end < seg.Stop && !isBlankBytes(reader.Source()[n.end:seg.Stop]) {
		n.Lines().Append(text.NewSegment(n.end, seg.Stop))
	}
	return parser.Continue | parser.NoChildren
}

func (p *htmlBlockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	st := stOf(pc)
	n, ok := node.(*htmlBlock)
	if !ok {
		return
	}
	lines := n.Lines()
	src := reader.Source()
	// A tail after the last element becomes a paragraph of its own.
	if k := lines.Len(); k > 1 && lines.At(k-1).Start == n.end && lines.At(k-2).Stop == n.end {
		tail := lines.At(k - 1)
		lines.SetSliced(0, k-1)
		para := ast.NewParagraph()
		tail = tail.TrimLeftSpace(src)
		para.Lines().Append(tail.TrimRightSpace(src))
		para.SetPos(tail.Start)
		node.Parent().InsertAfter(node.Parent(), node, para)
	}
	if k := lines.Len(); k > 0 && lines.At(k-1).Stop < n.end {
		// The container ended before the element: only its lines count,
		// and the block ends with them.
		n.contiguous = false
		n.end = lines.At(k - 1).Stop
	}
	if n.contiguous {
		st.rawFindings(n.raw, nil)
		n.raw = nil
		return
	}
	n.raw = nil
	// Inside a container the lines lost their prefixes ("> ", list
	// indentation): read the HTML again from what remains.
	var buf []byte
	var segs []text.Segment
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		segs = append(segs, s)
		buf = append(buf, s.Value(src)...)
	}
	r := st.newRaw(buf)
	defer st.rawFindings(r, segs)
	pos := 0
	var out []byte
	for pos < len(buf) {
		end, _, ok := scanHTMLBlock(r, pos, true)
		if !ok {
			out = htmlesc.Append(out, buf[pos:], htmlesc.KeepRefs)
			break
		}
		out = append(out, r.out...)
		r.out = r.out[:0]
		pos = end
	}
	n.html = out
}

// rawSpace returns room for the HTML of a raw HTML block, with rest
// bytes of the source from its start: what is left of the space the
// last block's HTML was written in, or a new space for the blocks that
// follow (as large as the rest of the page, up to 8 KiB; a block that
// outgrows it moves to a larger one, which the next blocks use). The
// HTML of a page's blocks is kept until the page is built: one space
// serves many blocks, instead of each growing its own.
func (st *state) rawSpace(rest int) []byte {
	if cap(st.rawSpare) < 256 {
		st.rawSpare = make([]byte, 0, min(rest, 1<<13)+256)
	}
	return st.rawSpare
}

// isBlankBytes reports whether b holds only spaces, tabs and newlines.
func isBlankBytes(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' {
			return false
		}
	}
	return true
}

// scanHTMLBlock reads the HTML block starting at s[i] == '<' and writes
// it to r.out. It returns the offset where the block ends: after the
// last element of the line and the line's end, or at the start of text
// that follows the last element on its line. comment tells whether a
// comment may start the block (kramdown accepts one only at the very
// start of the line).
func scanHTMLBlock(r *rawHTML, i int, comment bool) (end int, endsBlank, ok bool) {
	s := r.src
	first := true
	for {
		endsBlank = false
		if end, ok := matchComment(s, i); ok && (comment || !first) {
			r.out = append(r.out, s[i:end]...)
			i = skipTrailingSpace(s, end)
		} else if t, ok := matchStartTag(s, i); ok && !htmlSpanElements[strings.ToLower(t.name)] {
			r.pos = i
			r.element(i, t, false)
			i = r.pos
			if htmlVoidElements[normName(t.name)] || t.selfClosing {
				i = skipTrailingSpace(s, i)
				endsBlank = true
			}
		} else {
			if first {
				return 0, false, false
			}
			r.out = append(r.out, '\n')
			return i, false, true
		}
		first = false
		// kramdown goes on reading blocks right where the element ended:
		// another element on the same line joins this block.
		if i > 0 && s[i-1] == '\n' || i >= len(s) {
			r.out = append(r.out, '\n')
			return i, endsBlank, true
		}
		j := i
		for j < len(s) && j-i < 3 && s[j] == ' ' {
			j++
		}
		if j >= len(s) || s[j] != '<' || bytes.HasPrefix(s[j:], []byte("</")) {
			r.out = append(r.out, '\n')
			return i, false, true
		}
		i = j
	}
}
