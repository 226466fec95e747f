package markdown

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/internal/liquid"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// state is the per-call state of one Parse. The goldmark parser is
// shared (see mdParser); each parse reaches its state through its
// parser.Context, so nothing is shared between calls and no goldmark
// context keys (a global registry) are needed.
type state struct {
	opts  Options
	src   *source
	notes []note
	// quiet leaves the notes out, for [Read].
	quiet bool
	// spans is the stack of span-level HTML elements open in the inline
	// content being parsed (kramdown closes them at the block's end).
	spans []string
	// openers is the stack of "[" and "![" waiting for their "]" in the
	// inline content being parsed.
	openers []*linkOpener
	// inactive is the number of openers at the bottom of the stack that
	// a link has already made inactive.
	inactive int
	// dest is what reading the last inline link destination found out
	// about the text after it.
	dest *destMemo
	// noCommentEnd is the first line of the inline block being parsed
	// after which no "-->" follows (a large number when unknown).
	noCommentEnd int
	// stopTag, in a sub-parse for an element with markdown="1", is the
	// name of the element whose closing tag ends the sub-parse, and
	// stopAt records where that tag was found (-1 until then).
	stopTag string
	stopAt  int
	stopEnd int
	depth   int // nesting of sub-parses
	// lists holds the parse state of the lists being read.
	lists map[*ast.List]*listInfo
	// alds holds kramdown's attribute list definitions by name.
	alds map[string]attrList
	// attrs holds the attribute lists applied to blocks, and headings
	// every heading with its id, both set by transform.
	attrs    blockAttrs
	headings []headingInfo
	// madeHeading is set once the parse made a heading: without one,
	// the tree holds none.
	madeHeading bool
	// footnotes maps footnote numbers to their names.
	footnotes map[int]string
	// delimText marks the text nodes made of emphasis delimiters that
	// kramdown reads as text; typo holds the typographer's text.
	delimText map[*ast.Text]bool
	typo      map[*ast.Text][]byte
	// view and viewNodes are the space of the last emphasis view (see
	// buildView), for the next.
	view      []vchar
	viewNodes []ast.Node
	// rawSpare is the room left for the HTML of raw HTML blocks (see
	// rawSpace).
	rawSpare []byte
	// deepAt is the offset of the first container block nested beyond
	// maxBlockDepth, or -1; largeAt that of the first table cell beyond
	// maxCells, or -1. cells counts the table cells of the page (shared
	// with sub-parses).
	deepAt, largeAt int
	cells           *int
	// liquid and ials remember spans of a line where no Liquid or span
	// attribute list ends (see liquid.Memo; ials as its from and stop).
	liquid liquid.Memo
	ials   struct{ from, stop, lim int }
	// gts and commentEnds help gtAfter and commentEndAfter.
	gts, commentEnds gtMemo
	// breaks helps mayBreak.
	breaks breakMemo
	// setextPara is the paragraph a Setext heading being opened takes
	// its text from.
	setextPara ast.Node
}

func newState(src *source, opts Options) *state {
	return &state{
		opts:         opts,
		src:          src,
		stopAt:       -1,
		deepAt:       -1,
		largeAt:      -1,
		cells:        new(int),
		noCommentEnd: 1 << 30,
		alds:         make(map[string]attrList),
		lists:        make(map[*ast.List]*listInfo),
		delimText:    make(map[*ast.Text]bool),
	}
}

// rawFindings reports what a raw HTML reader found. segs, when not nil,
// maps offsets of the reader's text to the source (the text is these
// segments joined).
func (st *state) rawFindings(r *rawHTML, segs []text.Segment) {
	at := func(off int) int {
		for _, s := range segs {
			if off < s.Len() {
				return s.Start + off
			}
			off -= s.Len()
		}
		return off
	}
	if segs == nil {
		at = func(off int) int { return off }
	}
	for _, x := range r.unclosed {
		st.note(at(x.off), CodeUnclosedHTML, "<%s> has no closing tag: kramdown closes it at the end of the page, everything after it is raw HTML", x.name)
	}
	for _, x := range r.stray {
		st.note(at(x.off), CodeLiteralHTML, "closing tag </%s> closes no open element: kramdown shows it as text", x.name)
	}
	for _, x := range r.invalid {
		st.note(at(x.off), CodeLiteralHTML, "\"<\" starts no tag kramdown reads: shown as text")
	}
	for _, x := range r.deep {
		st.note(at(x.off), CodeNestedMarkdown, "<%s markdown> is nested in more than %d others with a markdown attribute: its content is read as raw HTML, and its Markdown shows as written", x.name, maxDepth)
	}
}

// note is a Note before its offset is turned into a position.
type note struct {
	off     int
	code    tiptapmd.Code
	msg     string
	visible bool
}

// note records something a visitor sees differently (a note of severity
// tiptapmd.Review).
func (st *state) note(off int, code tiptapmd.Code, format string, args ...any) {
	if st.quiet {
		return
	}
	st.notes = append(st.notes, note{off: off, code: code, msg: fmt.Sprintf(format, args...), visible: true})
}

// noteInvisible records a change that no visitor sees.
func (st *state) noteInvisible(off int, code tiptapmd.Code, format string, args ...any) {
	if st.quiet {
		return
	}
	st.notes = append(st.notes, note{off: off, code: code, msg: fmt.Sprintf(format, args...)})
}

// maxDepth bounds the nesting of markdown="1" elements read by
// sub-parses; deeper ones are read as raw HTML, with a note. Each level
// reads the rest of the page once more, so the bound keeps the cost of
// a page linear in its size.
const maxDepth = 16

// mdParser is the goldmark parser every Parse shares: CommonMark's
// block and inline structure, with kramdown's rules where they differ
// and kramdown's extensions added. Built once and never changed after
// (goldmark's parser is safe for concurrent use), it keeps no state of
// its own: each parse hands its *state to the parsers through the
// parser.Context (see stOf).
var mdParser = sync.OnceValue(func() parser.Parser {
	// goldmark finishes setting the parser up on its first Parse, under
	// a sync.Once.
	return parser.NewParser(
		parser.WithBlockParsers(
			util.Prioritized(&setextParser{}, 100),
			util.Prioritized(definitionParser{extension.NewDefinitionListParser()}, 101),
			util.Prioritized(definitionParser{extension.NewDefinitionDescriptionParser()}, 102),
			util.Prioritized(hrParser{parser.NewThematicBreakParser()}, 200),
			util.Prioritized(&abbrevParser{}, 250),
			util.Prioritized(&listParser{}, 300),
			util.Prioritized(&itemParser{}, 400),
			util.Prioritized(parser.NewCodeBlockParser(), 500),
			util.Prioritized(&atxParser{}, 600),
			util.Prioritized(fenceParser{parser.NewFencedCodeBlockParser()}, 700),
			util.Prioritized(quoteParser{parser.NewBlockquoteParser()}, 800),
			util.Prioritized(&htmlBlockParser{}, 900),
			util.Prioritized(&tableParser{}, 950),
			util.Prioritized(&ialBlockParser{}, 960),
			util.Prioritized(&mathBlockParser{}, 970),
			util.Prioritized(footnoteBlockParser{extension.NewFootnoteBlockParser()}, 990),
			util.Prioritized(parser.NewParagraphParser(), 1000),
		),
		parser.WithInlineParsers(
			util.Prioritized(&liquidParser{}, 50),
			util.Prioritized(&spanIALParser{}, 60),
			util.Prioritized(parser.NewCodeSpanParser(), 100),
			util.Prioritized(extension.NewFootnoteParser(), 101),
			util.Prioritized(&mathInlineParser{}, 150),
			util.Prioritized(&linkParser{}, 200),
			util.Prioritized(&autoLinkParser{}, 300),
			util.Prioritized(&spanHTMLParser{}, 400),
			util.Prioritized(&emphasisParser{}, 500),
			util.Prioritized(extension.NewStrikethroughParser(), 500),
			util.Prioritized(extension.NewTaskCheckBoxParser(), 0),
		),
		parser.WithParagraphTransformers(
			util.Prioritized(parser.LinkReferenceParagraphTransformer, 100),
		),
		parser.WithASTTransformers(
			util.Prioritized(extension.NewFootnoteASTTransformer(), 100),
		),
	)
})

// parseContext is the parser.Context of one parse: goldmark's, carrying
// the parse's state to our block and inline parsers.
type parseContext struct {
	parser.Context
	st *state
}

// stOf returns the state of the parse that pc belongs to.
func stOf(pc parser.Context) *state { return pc.(*parseContext).st }

// parse runs the goldmark parse of text from offset from.
func (st *state) parse(src []byte, from int) ast.Node {
	r := text.NewReader(src)
	if from > 0 {
		// Jump to the start of from's line (the reader's Advance walks
		// every byte, which made a page of many elements with
		// markdown="1" quadratic), then move within the line.
		ls := bytes.LastIndexByte(src[:from], '\n') + 1
		if ls > 0 {
			r.SetPosition(0, text.NewSegment(ls, ls))
			r.AdvanceLine()
		}
		r.PeekLine()
		r.Advance(from - ls)
	}
	return mdParser().Parse(r, parser.WithContext(&parseContext{Context: parser.NewContext(), st: st}))
}

// newRaw returns a raw HTML reader over s whose markdown="1" elements
// are read by sub-parses, or as raw HTML beyond maxDepth.
func (st *state) newRaw(s []byte) *rawHTML {
	r := &rawHTML{src: s}
	if st.depth < maxDepth {
		r.st = st
	}
	return r
}

// subParse reads Markdown from s[from:] up to the closing tag of name at
// the start of a line, as kramdown reads an element with markdown="1",
// and returns its HTML and the offset past the closing tag.
func (st *state) subParse(s []byte, name string, model contentModel, from int) ([]byte, int) {
	if model == modelSpan {
		end, closeEnd := findCloseTag(s, from, name, knownElement(name))
		sub := newState(st.src, st.opts)
		sub.quiet = st.quiet
		sub.depth, sub.alds, sub.cells = st.depth+1, st.alds, st.cells
		doc := sub.parse(s[:end], from)
		sub.transform(doc, s[:end])
		st.notes = append(st.notes, sub.notes...)
		st.inheritDeep(sub)
		html := sub.renderInline(doc, s[:end])
		if closeEnd < 0 {
			return html, len(s)
		}
		return html, closeEnd
	}
	sub := newState(st.src, st.opts)
	sub.quiet = st.quiet
	sub.depth, sub.alds, sub.stopTag, sub.cells = st.depth+1, st.alds, name, st.cells
	doc := sub.parse(s, from)
	sub.transform(doc, s)
	st.notes = append(st.notes, sub.notes...)
	st.inheritDeep(sub)
	html := sub.render(doc, s)
	if sub.stopAt < 0 {
		return html, len(s)
	}
	return html, sub.stopEnd
}

// inheritDeep makes the error of a sub-parse that nested blocks too
// deeply, or made too many table cells, the error of st.
func (st *state) inheritDeep(sub *state) {
	if st.deepAt < 0 {
		st.deepAt = sub.deepAt
	}
	if st.largeAt < 0 {
		st.largeAt = sub.largeAt
	}
}

// isStopTag reports whether the closing tag at s[i] ends the sub-parse
// (it must sit at the top level of the sub-document). It then records
// where, and the caller turns the rest of the input into a stopBlock.
func (st *state) isStopTag(s []byte, i int, parent ast.Node) bool {
	if st.stopTag == "" || st.stopAt >= 0 || parent.Kind() != ast.KindDocument {
		return false
	}
	name, end, ok := matchEndTag(s, i)
	if !ok || !(name == st.stopTag || knownElement(st.stopTag) && bytes.EqualFold([]byte(name), []byte(st.stopTag))) {
		return false
	}
	st.stopAt = i
	st.stopEnd = skipTrailingSpace(s, end)
	return true
}

// stopBlock swallows the rest of the input of a sub-parse once the
// closing tag that ends it has been found.
type stopBlock struct{ rawBlock }
