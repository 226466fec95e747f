package markdown

import (
	"sort"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/internal/ascii"
	"github.com/tiptapmd/tiptapmd/tiptap"
	"github.com/yuin/goldmark/ast"
)

// Parse reads a Markdown page body (the text after the front matter)
// into a document, as Jekyll with kramdown would show it to a visitor.
//
// The Markdown is read with kramdown's rules (GFM input, as Jekyll
// configures it): raw HTML blocks, kramdown's span and block attribute
// lists, {#id} on headings, tables without leading pipes or header rows,
// footnotes, definition lists, abbreviations, the {:toc} table of
// contents and kramdown's emphasis, link and list rules. Blocks of
// Markdown alone are built straight into the document; blocks that hold
// HTML are read in place with [tiptap.ParseFragment], so that Markdown
// and raw HTML land in one model through one HTML reader.
//
// Liquid is kept as text (see [Options]). Constructs the document cannot
// hold are converted to the closest form the editor has and reported in
// the notes, with the notes of the HTML reader; notes are sorted by
// position.
//
// Parse fails only on input that is not UTF-8, that nests HTML too
// deeply or makes too many elements for the HTML reader; the error is a
// *[ParseError]. Time and memory are linear in the size of the source.
func Parse(src []byte, opts Options) (*tiptap.Node, []tiptapmd.Note, error) {
	st, s, doc, err := read(src, opts, true)
	if err != nil {
		return nil, nil, err
	}
	blocks, tnotes, err := st.build(doc, s, true)
	if err != nil {
		return nil, nil, err
	}
	node := docOf(blocks)
	notes := make([]tiptapmd.Note, 0, len(st.notes)+len(tnotes))
	sortNotes(st.notes)
	for _, n := range st.notes {
		notes = append(notes, tiptapmd.Note{Pos: s.pos(n.off), Code: n.code, Severity: severity(n.visible), Message: n.msg})
	}
	notes = append(notes, tnotes...)
	sort.SliceStable(notes, func(i, j int) bool {
		a, b := notes[i].Pos, notes[j].Pos
		return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
	})
	return node, notes, nil
}

// Read returns the document [Parse] reads from src with opts, without
// positions and without notes, for less: the reading to compare with
// another document ([tiptap.Equal] ignores positions), such as a page
// written as Markdown read back to check what it shows. Its errors are
// Parse's.
func Read(src []byte, opts Options) (*tiptap.Node, error) {
	st, s, doc, err := readWith(src, opts, false, true)
	if err != nil {
		return nil, err
	}
	blocks, _, err := st.build(doc, s, false)
	if err != nil {
		// The HTML reader's error has no position here: Parse's has.
		node, _, perr := Parse(src, opts)
		if perr != nil {
			return nil, perr
		}
		return node, nil
	}
	return docOf(blocks), nil
}

// docOf returns the document holding blocks.
func docOf(blocks []*tiptap.Node) *tiptap.Node {
	node := &tiptap.Node{Type: tiptap.TypeDoc}
	if len(blocks) > 0 {
		// The editor ends a document with a paragraph.
		if blocks[len(blocks)-1].Type != tiptap.TypeParagraph {
			blocks = append(blocks, &tiptap.Node{Type: tiptap.TypeParagraph})
		}
		node.Content = blocks
	}
	return node
}

// posMap maps positions in the HTML written for a run of blocks to positions in
// the Markdown source. The renderer marked where each block's HTML
// starts; a position maps to the start of the block it falls in, and
// inside raw HTML blocks, whose HTML keeps the source's lines, to the
// same line of the source.
type posMap struct {
	marks     []blockMark
	htmlLines []int // offsets of the HTML's line starts
	src       *source
	// memo holds what pos worked out for the mark it used last: the
	// nodes of a block follow one another, and share their mark.
	memo posMemo
}

// posMemo is what posMap.pos works out for mark i: the position of its
// start, and for a raw block its line in the HTML and its last position.
type posMemo struct {
	i, markLine int
	start, last tiptapmd.Pos
}

func newPosMap(r *renderer, s *source) *posMap {
	return &posMap{marks: r.blocks, src: s, htmlLines: ascii.LineStarts(r.out), memo: posMemo{i: -1}}
}

func (m *posMap) pos(p tiptapmd.Pos) tiptapmd.Pos {
	if !p.IsValid() || len(m.marks) == 0 || p.Line > len(m.htmlLines) {
		return tiptapmd.Pos{}
	}
	off := m.htmlLines[p.Line-1] + p.Column - 1
	i := sort.Search(len(m.marks), func(i int) bool { return m.marks[i].htmlOff > off }) - 1
	if i < 0 {
		i = 0
	}
	mk := m.marks[i]
	if m.memo.i != i {
		m.memo = posMemo{i: i, start: m.src.pos(mk.srcOff)}
		if mk.raw {
			m.memo.markLine = sort.Search(len(m.htmlLines), func(k int) bool { return m.htmlLines[k] > mk.htmlOff }) - 1
			m.memo.last = m.src.pos(max(mk.srcOff, mk.srcEnd-1))
		}
	}
	start := m.memo.start
	if !mk.raw {
		return start
	}
	// kramdown's serialization keeps the lines of the source but may
	// change their lengths (attribute quoting): clamp to the block.
	markLine, last := m.memo.markLine, m.memo.last
	q := tiptapmd.Pos{Line: start.Line + (p.Line - 1 - markLine), Column: p.Column}
	if p.Line-1 == markLine {
		q.Column = start.Column + (off - mk.htmlOff)
	}
	if q.Line >= last.Line {
		q.Line = last.Line
		if q.Line == start.Line {
			q.Column = max(q.Column, start.Column)
		}
	}
	return m.src.clamp(q)
}

// mark records that the HTML of block n starts here.
func (r *renderer) mark(n ast.Node) {
	if !r.marks {
		return
	}
	off, raw := -1, false
	switch b := n.(type) {
	case *htmlBlock:
		off, raw = b.start, b.contiguous
		if raw {
			r.blocks = append(r.blocks, blockMark{htmlOff: len(r.out), srcOff: off, raw: true, srcEnd: b.end})
			return
		}
	default:
		off = blockStart(n)
	}
	if off < 0 {
		return
	}
	r.blocks = append(r.blocks, blockMark{htmlOff: len(r.out), srcOff: off, raw: raw})
}

// markInline records that the HTML of inline node n starts here, so
// that positions inside a block map to the node rather than to the
// block's start.
func (r *renderer) markInline(n ast.Node) {
	if !r.marks {
		return
	}
	off := inlineStart(n)
	if off < 0 {
		return
	}
	r.blocks = append(r.blocks, blockMark{htmlOff: len(r.out), srcOff: off})
}

// inlineStart returns the source offset where inline node n starts, or
// -1 when it is not known.
func inlineStart(n ast.Node) int {
	switch t := n.(type) {
	case *ast.Text:
		return t.Segment.Start
	case *liquidNode:
		return t.seg.Start
	case *emRun:
		return t.seg.Start
	}
	return n.Pos()
}

// HTML renders a Markdown page body (the text after the front matter) as
// HTML laid out the way Jekyll with kramdown shows it, read with the
// rules [Parse] reads it with: raw HTML is kept as written, Liquid stays
// text (see [Options]), and the constructs kramdown writes in its own
// way (footnotes, definition lists, tables, the {:toc} list, attribute
// lists) come out in kramdown's shapes. It is the HTML that Parse reads
// into a document, before the editor's rules apply; it is meant to be
// looked at (a review of a conversion shows it), and it is not
// sanitized: raw HTML and its scripts are in it as the page has them.
//
// HTML fails as Parse does, with a *[ParseError], on input that is not
// UTF-8 or that nests too deeply or makes too many elements.
func HTML(src []byte, opts Options) ([]byte, error) {
	st, s, doc, err := read(src, opts, false)
	if err != nil {
		return nil, err
	}
	return st.render(doc, s.text), nil
}

// read reads src with kramdown's rules into goldmark's tree, transformed
// as the document needs it: the steps that Parse and HTML share. notes
// asks for the notes on Liquid too, which only Parse reports.
func read(src []byte, opts Options, notes bool) (*state, *source, ast.Node, error) {
	return readWith(src, opts, notes, false)
}

// readWith is read; quiet leaves all notes out (see state.quiet).
func readWith(src []byte, opts Options, notes, quiet bool) (*state, *source, ast.Node, error) {
	s, err := newSource(src, opts.BaseURL, opts.KeepBaseURL)
	if err != nil {
		return nil, nil, nil, err
	}
	st := newState(s, opts)
	st.quiet = quiet
	if notes {
		st.liquidNotes(s.text)
	}
	doc := st.parse(s.text, 0)
	if st.deepAt >= 0 {
		return nil, nil, nil, &ParseError{Pos: s.pos(st.deepAt), Err: tiptap.ErrTooDeep}
	}
	if st.largeAt >= 0 {
		return nil, nil, nil, &ParseError{Pos: s.pos(st.largeAt), Err: tiptap.ErrTooLarge}
	}
	st.transform(doc, s.text)
	return st, s, doc, nil
}
