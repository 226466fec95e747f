package markdown

import (
	"bytes"
	"strconv"

	"github.com/tiptapmd/tiptapmd/internal/htmlesc"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Footnotes, definition lists, abbreviations and math: kramdown syntax
// for which the document has no node. Each becomes the closest form the
// editor has, laid out as kramdown lays it out, and is reported.
//
//   - Footnotes: a reference is a superscript link "N" to #fn:NAME; the
//     notes are an ordered list at the end of the document, each ending
//     with "↩" links back to #fnref:NAME (numbered like kramdown, in the
//     order of first reference). The anchors do not exist in the
//     document. Footnote parsing is goldmark's, with kramdown's rule that
//     a definition does not interrupt a paragraph.
//   - Definition lists (goldmark's parser, the same syntax as kramdown):
//     each term is a paragraph in bold, each definition its blocks.
//   - Abbreviations (*[HTML]: HyperText Markup Language): the definition
//     line is removed, as kramdown removes it; the titles kramdown puts on
//     the abbreviations have no place in the document.
//   - Math ($$…$$): kept as text between MathJax's delimiters, \(…\)
//     inline and \[…\] for a block, which is what kramdown writes.

// footnoteBlockParser is goldmark's footnote definition parser, except
// that a definition cannot interrupt a paragraph (it can end the
// paragraph of the definition before it).
type footnoteBlockParser struct{ parser.BlockParser }

func (p footnoteBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if last := pc.LastOpenedBlock().Node; last != nil {
		if _, ok := last.(*ast.Paragraph); ok {
			if _, inNote := last.Parent().(*extast.Footnote); !inNote {
				return nil, parser.NoChildren
			}
		}
	}
	return p.BlockParser.Open(parent, reader, pc)
}

// definitionParser is goldmark's definition list parser, which kramdown
// matches closely.
type definitionParser struct{ parser.BlockParser }

// footnoteLabels maps footnote numbers to their names, for the anchors.
func footnoteLabels(doc ast.Node) map[int]string {
	labels := map[int]string{}
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if list, ok := c.(*extast.FootnoteList); ok {
			for f := list.FirstChild(); f != nil; f = f.NextSibling() {
				if fn, ok := f.(*extast.Footnote); ok {
					labels[fn.Index] = string(fn.Ref)
				}
			}
		}
	}
	return labels
}

// footnoteNotes reports each footnote.
func (st *state) footnoteNotes(doc ast.Node) {
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if list, ok := c.(*extast.FootnoteList); ok {
			for f := list.FirstChild(); f != nil; f = f.NextSibling() {
				if fn, ok := f.(*extast.Footnote); ok {
					st.note(blockStart(fn), CodeFootnote, "footnote [^%s] becomes item %d of a list at the end of the page; its anchors #fn:%s and #fnref:%s do not exist in the document", fn.Ref, fn.Index, fn.Ref, fn.Ref)
				}
			}
		}
	}
}

func (r *renderer) footnoteLink(n *extast.FootnoteLink) {
	name := r.st.footnotes[n.Index]
	r.str(`<sup><a href="#fn:`)
	r.out = htmlesc.Append(r.out, name, htmlesc.Quot|htmlesc.KeepRefs)
	r.str(`">` + strconv.Itoa(n.Index) + `</a></sup>`)
}

func (r *renderer) footnoteBacklink(n *extast.FootnoteBacklink) {
	name := r.st.footnotes[n.Index]
	ref := name
	if n.RefIndex > 0 {
		ref += ":" + strconv.Itoa(n.RefIndex)
	}
	r.str(` <a href="#fnref:`)
	r.out = htmlesc.Append(r.out, ref, htmlesc.Quot|htmlesc.KeepRefs)
	r.str(`">&#8617;`)
	if n.RefIndex > 0 {
		r.str("<sup>" + strconv.Itoa(n.RefIndex+1) + "</sup>")
	}
	r.str(`</a>`)
}

func (r *renderer) footnoteList(n *extast.FootnoteList) {
	r.str("<ol>\n")
	for f := n.FirstChild(); f != nil; f = f.NextSibling() {
		r.str("<li>")
		inPara := false
		for c := f.FirstChild(); c != nil; c = c.NextSibling() {
			if b, ok := c.(*extast.FootnoteBacklink); ok {
				// Backlinks after a block that is not a paragraph get a
				// paragraph of their own, as in kramdown.
				if !inPara {
					r.str("<p>")
					inPara = true
				}
				r.footnoteBacklink(b)
				continue
			}
			if inPara {
				r.str("</p>\n")
				inPara = false
			}
			r.block(c)
		}
		if inPara {
			r.str("</p>\n")
		}
		r.str("</li>\n")
	}
	r.str("</ol>\n")
}

// definitionList writes terms as bold paragraphs and definitions as
// their blocks.
func (r *renderer) definitionList(n *extast.DefinitionList) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *extast.DefinitionTerm:
			r.str("<p><strong>")
			r.inlines(c)
			r.str("</strong></p>\n")
		case *extast.DefinitionDescription:
			r.children(c)
		default:
			r.block(c)
		}
	}
}

// abbrevBlock is an abbreviation definition line; it shows nothing.
type abbrevBlock struct {
	rawBlock
}

type abbrevParser struct{}

func (p *abbrevParser) Trigger() []byte { return []byte{'*'} }

func (p *abbrevParser) CanInterruptParagraph() bool { return false }

func (p *abbrevParser) CanAcceptIndentedLine() bool { return false }

func (p *abbrevParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	st := stOf(pc)
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos > 3 || !bytes.HasPrefix(line[pos:], []byte("*[")) {
		return nil, parser.NoChildren
	}
	end := bytes.Index(line[pos:], []byte("]:"))
	if end < 3 || bytes.IndexByte(line[pos+2:pos+end], ']') >= 0 {
		return nil, parser.NoChildren
	}
	name := line[pos+2 : pos+end]
	st.note(seg.Start+pos, CodeAbbreviation, "abbreviation definition *[%s] removed; the document cannot hold its title", name)
	reader.AdvanceToEOL()
	return &abbrevBlock{}, parser.NoChildren
}

func (p *abbrevParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return parser.Close
}

func (p *abbrevParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

// mathBlock is a $$…$$ block.
type mathBlock struct {
	rawBlock
	body []byte
	end  int
}

type mathBlockParser struct{}

func (p *mathBlockParser) Trigger() []byte { return []byte{'$'} }

func (p *mathBlockParser) CanInterruptParagraph() bool { return false }

func (p *mathBlockParser) CanAcceptIndentedLine() bool { return false }

func (p *mathBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	st := stOf(pc)
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos > 3 || seg.Padding != 0 || !bytes.HasPrefix(line[pos:], []byte("$$")) {
		return nil, parser.NoChildren
	}
	src := reader.Source()
	start := seg.Start + pos + 2
	end := bytes.Index(src[start:], []byte("$$"))
	if end < 0 {
		return nil, parser.NoChildren
	}
	end += start
	// The block must end its line and be followed by a block boundary.
	after := end + 2
	le := bytes.IndexByte(src[after:], '\n')
	if le < 0 {
		le = len(src) - after
	}
	if !isBlankBytes(src[after : after+le]) {
		return nil, parser.NoChildren
	}
	next := after + le + 1
	if next < len(src) {
		nl := bytes.IndexByte(src[next:], '\n')
		if nl < 0 {
			nl = len(src) - next
		}
		if !isBlankBytes(src[next:next+nl]) && !isIALLine(bytes.TrimLeft(src[next:next+nl], " ")) {
			return nil, parser.NoChildren
		}
	}
	st.note(seg.Start+pos, CodeMath, "math block kept as text between \\[ and \\]")
	n := &mathBlock{body: bytes.TrimSpace(src[start:end]), end: after + le}
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

func (p *mathBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return continueTo(reader, node.(*mathBlock).end)
}

func (p *mathBlockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {}

// mathInline is $$…$$ in running text.
type mathInline struct {
	inlineNode
	body []byte
}

type mathInlineParser struct{}

func (p *mathInlineParser) Trigger() []byte { return []byte{'$'} }

func (p *mathInlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	st := stOf(pc)
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("$$")) {
		return nil
	}
	rest := line
	if !bytes.Contains(line[2:], []byte("$$")) {
		rest, _ = linesAhead(block, "$$", maxSpanLines)
	}
	end := bytes.Index(rest[2:], []byte("$$"))
	if end < 0 {
		return nil
	}
	st.note(seg.Start, CodeMath, "math kept as text between \\( and \\)")
	block.Advance(end + 4)
	return &mathInline{body: bytes.TrimSpace(rest[2 : 2+end])}
}
