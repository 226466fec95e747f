package tiptap

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/internal/ascii"
	"github.com/tiptapmd/tiptapmd/internal/dom"
	"github.com/tiptapmd/tiptapmd/internal/slab"
	"golang.org/x/net/html"
)

// ParseHTML reads HTML in the Isomer Tiptap dialect, or any HTML, into a
// document, the way the IsomerCMS editor loads a page body.
//
// The source is parsed as a browser parses innerHTML (HTML5 tree
// construction, golang.org/x/net/html), then read against the editor's
// schema with ProseMirror's algorithm: every element maps to a node or a
// mark, or is unwrapped (its content kept), or is dropped; nodes that
// cannot stand where they are get the wrappers the schema requires (a
// <li> outside a list gets a bullet list, text at the top gets a
// paragraph); required children are filled in (a list item without a
// paragraph gets an empty one); whitespace collapses as in HTML. As the
// editor does, ParseHTML also pulls images, iframes and tables out of
// paragraphs, moves lists nested directly in lists into the previous item,
// and ends a non-empty document with an empty paragraph when it does not
// end with a paragraph.
//
// Everything the document cannot hold is recorded in the notes, in
// document order, each with its line and column in src: dropped elements,
// text, attributes, formatting, comments and scripts, unsafe URLs and
// unwrapped elements.
//
// An empty source (or one with nothing the schema can hold) gives a doc
// with no content; the editor itself would hold one empty paragraph, but
// a page nobody edited keeps an empty body.
//
// ParseHTML returns an error only for input nested more than 510 elements
// deep (see [ErrTooDeep]) or holding more than 250,000 tags (see
// [ErrTooLarge]), which it refuses; the error is a *[ParseError].
//
// Three things the editor does on load are deliberately not reproduced:
// it runs the stored HTML through markdown-it first (which only matters
// for bodies that are not HTML, or whose lines are indented or separated
// by blank lines); it deletes a newline that directly follows an element
// (so "<b>x</b>\ny" loses its space); and it reads numeric attribute
// values such as alt="2024" as numbers. ParseHTML keeps the space and
// keeps text attributes as strings. Where the editor would lose what a
// visitor sees, ParseHTML keeps it: <ins> is underline, as browsers show
// it; an image that starts a list item (which must start with a
// paragraph) follows an empty paragraph, and one directly in a list goes
// at the end of the item before it, instead of being dropped. It also drops white space at the
// start of a line after a hard break even where ProseMirror would keep it
// (as in "<br><em> x</em>"): a browser does not show it, and dropping it
// makes every document RenderHTML writes read back as itself.
func ParseHTML(src []byte) (*Node, []tiptapmd.Note, error) {
	return parseHTML(src, false)
}

// parseHTML is [ParseHTML]. With editor set it reads the body exactly as
// the editor loads it, deleting the newline between an inline element
// and the next inline content even where a browser shows it as a space
// (see [parser.dropNewlinesAfterElements]).
func parseHTML(src []byte, editor bool) (*Node, []tiptapmd.Note, error) {
	doc, notes, _, err := parseHTMLMode(src, editor, true)
	return doc, notes, err
}

// parseHTMLMode is [parseHTML], and also reports, for a browser's reading
// (editor not set), whether the editor would read src as another
// document: whether a newline right after an inline element shows as a
// space (see [parser.dropNewlinesAfterElements]), the only thing the two
// readings do differently. When it is false, parseHTML(src, true) gives
// the same document and notes.
//
// Without positions, nodes carry none (a zero Pos), nor do most notes,
// and src is parsed as it is, without the instrumentation that carries
// them: the document is the same otherwise. Reading back a body this
// package wrote needs none.
func parseHTMLMode(src []byte, editor, positions bool) (*Node, []tiptapmd.Note, bool, error) {
	p := newParser(src, editor, positions)
	if err := p.readBody(nil); err != nil {
		return nil, nil, false, err
	}
	return p.finish(), p.notes, p.editorDiffers, nil
}

// ParseFragment reads HTML that is one part of a page, such as a raw
// HTML block of a Markdown page, exactly as [ParseHTML] reads it in a
// page of its own, and returns the blocks it gives, with the notes.
// ParseHTML(src) is a doc holding these blocks, followed by an empty
// paragraph when the last is not a paragraph; ParseFragment does not add
// that paragraph, since the page goes on after the fragment. Positions
// are positions in src.
//
// links lists the fragments ("x" for href="#x") that links elsewhere
// in the page point to: an id the document cannot keep is reported as
// visible when a link of the page points to it, as ParseHTML reports it
// for links within its source.
//
// Errors are those of ParseHTML.
func ParseFragment(src []byte, links []string) ([]*Node, []tiptapmd.Note, error) {
	p := newParser(src, false, true)
	if err := p.readBody(links); err != nil {
		return nil, nil, err
	}
	return p.fragment(), p.notes, nil
}

// fragment closes everything and returns the blocks read, for
// [ParseFragment].
func (p *parser) fragment() []*Node {
	p.open = 0
	p.closeExtra()
	top := p.nodes[0]
	if len(top.content) == 0 {
		return nil
	}
	doc := p.finishCtx(top)
	fixTables(doc)
	return doc.Content
}

// newParser returns a parser for src; positions is as for
// [parseHTMLMode].
func newParser(src []byte, editor, positions bool) *parser {
	s := theSchema()
	return &parser{s: s, styles: s.styles, src: src, editor: editor, noPos: !positions, listSlab: slab.Slab[*Node]{Max: 1024}}
}

// readBody parses the source and reads its body, leaving the top
// context open: the common part of [parseHTML] and [ParseFragment].
// links are fragments that links outside the source point to.
func (p *parser) readBody(links []string) error {
	src, s := p.src, p.s
	p.lt = bytes.Count(src, []byte("<"))
	if p.lt > maxElements {
		// As many "<" as that: count the start tags (see elementsBeyond).
		if off := elementsBeyond(src, maxElements); off >= 0 {
			return &ParseError{Pos: p.toPos(off), Err: ErrTooLarge}
		}
	}
	body, err := p.parseDOM()
	if err != nil {
		return err
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		// The HTML parser drops NUL characters in text (and makes them
		// U+FFFD elsewhere), as browsers do.
		p.noteVis(i, CodeDroppedText, false, "NUL character (U+0000) dropped, %d in all: browsers do not show it", bytes.Count(src, []byte{0}))
	}
	p.prepare(body)
	for _, l := range links {
		p.targets[l] = true
	}
	p.noteSwallowed(body)
	top := p.newCtx()
	*top = pctx{typ: s.top, match: s.top.contentMatch, solid: true, pos: -1}
	// Room for the contexts of nested blocks: no growing at each level.
	p.nodes = append(make([]*pctx, 0, 16), top)
	p.addAll(body)
	return nil
}

// Whitespace options of a node context, as ProseMirror's parser has them.
const (
	wsPreserve = 1 << iota // keep spaces, turn newlines into spaces
	wsFull                 // keep newlines too
)

// parser holds the state of one ParseHTML call: ProseMirror's ParseContext.
type parser struct {
	s      *schema
	styles []styleRule
	src    []byte
	lt     int   // how many "<" src holds (a size for what the DOM holds)
	lines  []int // offsets of line starts, built on first use
	line   int   // the line (an index in lines) of the last position given

	pos     map[*html.Node]int // where elements, texts and comments start
	markers bool               // texts and comments hold position markers

	// editor: read as the editor does, not as a browser shows the page
	// (see parseHTML).
	editor bool
	// noPos: no positions are wanted (see parseHTMLMode).
	noPos bool
	// treeBuilder: every source goes through html.Parse, none the token
	// path (to test one against the other).
	treeBuilder bool
	// editorDiffers: reading as a browser, a newline was kept as a space
	// that the editor would delete (see dropNewlinesAfterElements).
	editorDiffers bool
	// utf8Valid: every string of the DOM is valid UTF-8 (it was built
	// from the tokens of a valid source), so prepare need not check.
	utf8Valid bool

	// nodeSlab and ctxSlab hand out the document's nodes and the parse
	// contexts, listSlab the content lists of finished nodes (see
	// keepNodes); freeContent holds the buffers of finished contexts.
	nodeSlab    slab.Slab[Node]
	ctxSlab     slab.Slab[pctx]
	listSlab    slab.Slab[*Node]
	freeContent [][]*Node
	// collapsed holds the texts whose white space collapsed, one after
	// another: each is a part of its string (see collapseSpace).
	collapsed strings.Builder

	nodes []*pctx // open node contexts; nodes[open] receives content
	open  int
	marks []activeMark // marks of the elements being read, outermost first
	// markSets[i] is the mark set marks[:i+1] give in a node of type
	// markSetType (see currentMarks); markOwned[i] reports that no node
	// holds markSets[i] and no other entry shares its array.
	markSets    [][]Mark
	markOwned   []bool
	markSetType *nodeType
	notes       []tiptapmd.Note
	// targets holds the fragments that links of the page point to
	// (href="#x"): the ids and names that in-page links need.
	targets map[string]bool
}

// A pctx is a node being built: ProseMirror's NodeContext.
type pctx struct {
	typ     *nodeType
	attrs   map[string]any
	pos     int // offset of the source element, -1 if unknown
	match   *contentMatch
	content []*Node
	solid   bool // entered for an element (not a wrapper the parser added)
	ws      int
}

type activeMark struct {
	mark  Mark
	typ   *markType
	el    *html.Node
	noted bool // a note about this mark has been recorded
}

func (p *parser) top() *pctx { return p.nodes[p.open] }

// ---- Positions

func (p *parser) toPos(off int) tiptapmd.Pos {
	if off < 0 || off > len(p.src) {
		return tiptapmd.Pos{}
	}
	if p.lines == nil {
		p.lines = ascii.LineStarts(p.src)
	}
	// Offsets come mostly in source order: the line of the last one, or
	// the next, is most often the one.
	line := p.line
	if !p.onLine(line, off) {
		if p.onLine(line+1, off) {
			line++
		} else {
			line = sort.Search(len(p.lines), func(i int) bool { return p.lines[i] > off }) - 1
		}
	}
	p.line = line
	return tiptapmd.Pos{Line: line + 1, Column: off - p.lines[line] + 1}
}

// onLine reports whether offset off is on line i (0-based) of the source.
func (p *parser) onLine(i, off int) bool {
	return i < len(p.lines) && p.lines[i] <= off && (i+1 == len(p.lines) || off < p.lines[i+1])
}

func (p *parser) offset(n *html.Node) int {
	if len(p.pos) == 0 {
		return -1 // no positions recorded (as when none are wanted)
	}
	for ; n != nil; n = n.Parent {
		if off, ok := p.pos[n]; ok {
			return off
		}
	}
	return -1
}

func (p *parser) note(n *html.Node, code tiptapmd.Code, format string, args ...any) {
	p.noteAt(p.offset(n), code, format, args...)
}

func (p *parser) noteAt(off int, code tiptapmd.Code, format string, args ...any) {
	p.noteVis(off, code, defaultVisible(code), format, args...)
}

// noteVis records a note whose visibility the caller decides: a change
// a visitor sees (text, links, images, layout, sizes, colours, spacing,
// alignment, styling or behaviour) is of severity Review, a change of
// markup that renders the same (an id, a comment, a class known to be
// unstyled, a wrapper that browsers draw as nothing) of severity Info. A
// dropped class counts as visible unless it is known to be unstyled: the
// site's CSS is not seen.
func (p *parser) noteVis(off int, code tiptapmd.Code, visible bool, format string, args ...any) {
	sev := tiptapmd.Info
	if visible {
		sev = tiptapmd.Review
	}
	p.notes = append(p.notes, tiptapmd.Note{Pos: p.toPos(off), Code: code, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

// noteMsg records a note as [parser.noteVis] does, with its message
// already built (the frequent notes build theirs without fmt).
func (p *parser) noteMsg(off int, code tiptapmd.Code, visible bool, msg string) {
	sev := tiptapmd.Info
	if visible {
		sev = tiptapmd.Review
	}
	p.notes = append(p.notes, tiptapmd.Note{Pos: p.toPos(off), Code: code, Severity: sev, Message: msg})
}

// defaultVisible reports whether a note of code c is visible unless its
// caller says otherwise: dropped content and formatting are; comments,
// and the attributes and wrappers that the notes of readnotes.go weigh
// one by one, are not.
func defaultVisible(c tiptapmd.Code) bool {
	switch c {
	case CodeDroppedComment, CodeDroppedAttr, CodeUnwrapped:
		return false
	}
	return true
}

// ---- Building the DOM

// parseDOM parses the source as a browser parses
// DOMParser.parseFromString("<body>"+src): in quirks mode, everything in
// the body. A source the tree builder reads as plain nesting is built
// from its tokens (see [parser.tokenBody]); any other is first
// instrumented with positions and handed to html.Parse.
func (p *parser) parseDOM() (*html.Node, error) {
	if p.noPos {
		p.pos = map[*html.Node]int{}
	} else {
		// About one position for each start tag and each text: as many
		// as "<" starts tags, start and end.
		p.pos = make(map[*html.Node]int, p.lt)
	}
	if !p.treeBuilder {
		if body := p.tokenBody(p.src, !p.noPos); body != nil {
			// The token path reads only valid UTF-8 (see
			// [tokenReadable]), and decoding gives only valid UTF-8.
			p.utf8Valid = true
			return body, nil
		}
		clear(p.pos)
	}
	if p.noPos {
		// Parsed as it is, as below when the instrumentation leaks.
	} else if body, err := parseBody(instrument(p.src)); err == nil && !leaked(body, p.src) {
		p.markers = !hasMarkerChars(p.src)
		return body, nil
	}
	body, err := parseBody(p.src)
	if err != nil {
		return nil, &ParseError{Pos: p.toPos(failOffset(p.src)), Err: ErrTooDeep}
	}
	return body, nil
}

func parseBody(src []byte) (*html.Node, error) {
	doc, err := html.Parse(bytes.NewReader(append([]byte("<body>"), src...)))
	if err != nil {
		return nil, err
	}
	for n := doc.FirstChild; n != nil; n = n.NextSibling {
		if isElement(n, "html") {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if isElement(c, "body") {
					return c, nil
				}
			}
		}
	}
	return nil, fmt.Errorf("no body")
}

// failOffset returns the offset of the token at which parsing src fails:
// the start of the shortest prefix, cut at a token boundary, that the HTML
// parser refuses.
func failOffset(src []byte) int {
	var starts []int
	z := html.NewTokenizer(bytes.NewReader(src))
	off := 0
	for z.Next() != html.ErrorToken {
		starts = append(starts, off)
		off += len(z.Raw())
	}
	ends := func(i int) int {
		if i+1 < len(starts) {
			return starts[i+1]
		}
		return len(src)
	}
	i := sort.Search(len(starts), func(i int) bool {
		_, err := parseBody(src[:ends(i)])
		return err != nil
	})
	if i < len(starts) {
		return starts[i]
	}
	return -1
}

// walkDOM calls f for every node below root in document order, without
// recursion and without allocating: it climbs back through the parents.
// f may change the data and attributes of the nodes, not the tree.
func walkDOM(root *html.Node, f func(*html.Node)) {
	n := root.FirstChild
	for n != nil {
		f(n)
		if n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		for n != root && n.NextSibling == nil {
			n = n.Parent
		}
		if n == root {
			return
		}
		n = n.NextSibling
	}
}

// prepare reads and removes the instrumentation and then changes the DOM
// as the editor's Markdown extension does before ProseMirror reads it.
func (p *parser) prepare(body *html.Node) {
	p.prepareDOM(body)
	p.normalizeBlocks(body)
}

// prepareDOM is prepare up to normalizeBlocks: in one walk it takes
// out the instrumentation, trims attribute values, marks task lists (see
// taskItemUpdates) and finds the texts that start with a newline right
// after an element (see dropNewlinesAfterElements); it also gathers in
// p.targets the fragments that the links point to within the page
// (href="#x"), as the source gives them. Only when there are
// task items, whose checkbox goes and may leave a text after another
// element or none, are those texts found again after that.
func (p *parser) prepareDOM(body *html.Node) {
	var items []*html.Node
	var buf [16]*html.Node // most bodies have fewer such texts
	texts := buf[:0]
	p.targets = map[string]bool{}
	walkDOM(body, func(n *html.Node) {
		if !p.utf8Valid {
			n.Data = validUTF8(n.Data)
		}
		switch n.Type {
		case html.ElementNode:
			kept := n.Attr[:0]
			off := -1
			link := n.Namespace == "" && n.Data == "a"
			for _, a := range n.Attr {
				if a.Namespace == "" && a.Key == posAttr {
					if v, err := strconv.Atoi(a.Val); err == nil {
						off = v
					}
					continue
				}
				if link && a.Namespace == "" && a.Key == "href" {
					// The link's first href, as the source gives it.
					link = false
					if h := strings.TrimSpace(a.Val); len(h) > 1 && h[0] == '#' {
						p.targets[h[1:]] = true
					}
				}
				if !p.utf8Valid {
					a.Key, a.Val = validUTF8(a.Key), validUTF8(a.Val)
				}
				if a.Key != "value" {
					// The CMS's sanitiser trims attribute values on every
					// read and save.
					a.Val = jsTrim(a.Val)
				}
				kept = append(kept, a)
			}
			n.Attr = kept
			if off >= 0 {
				p.pos[n] = off
			}
			if hasClass(n, "contains-task-list") {
				dom.SetAttr(n, "data-type", "taskList")
			}
			if hasClass(n, "task-list-item") {
				items = append(items, n)
			}
		case html.TextNode, html.CommentNode:
			if p.markers {
				data, off := stripMarkers(n.Data)
				n.Data = data
				if off >= 0 {
					p.pos[n] = off
				}
			}
			if n.Type == html.TextNode && newlineAfterElement(n) {
				texts = append(texts, n)
			}
		}
	})
	if len(items) > 0 {
		taskItemUpdates(items)
		texts = newlineTexts(body)
	}
	p.dropNewlinesAfterElements(texts)
}

// newlineAfterElement reports whether text t starts with a newline right
// after an element, outside <pre> (see dropNewlinesAfterElements).
func newlineAfterElement(t *html.Node) bool {
	prev := t.PrevSibling
	return prev != nil && prev.Type == html.ElementNode && strings.HasPrefix(t.Data, "\n") &&
		closest(prev, func(a *html.Node) bool { return isElement(a, "pre") }) == nil
}

// newlineTexts returns the texts below body that start with a newline
// right after an element, outside <pre>.
func newlineTexts(body *html.Node) []*html.Node {
	var texts []*html.Node
	walkDOM(body, func(n *html.Node) {
		if n.Type == html.TextNode && newlineAfterElement(n) {
			texts = append(texts, n)
		}
	})
	return texts
}

// dropNewlinesAfterElements deletes the newline that starts a text right
// after an element (outside <pre>), as tiptap-markdown does on load to undo
// the newlines markdown-it adds. The CMS's layout writes such newlines
// before block tags and before links it misreads as blocks
// ("<a …>Down</a>\n<a …>load</a>"), so deleting them gives back the
// document that was saved. Where the newline was the only whitespace
// between an inline element and more inline content, though, a browser
// shows it as a space, and so does every visitor of the page: ParseHTML
// keeps a space there, so that normalizing a page never changes its
// text; only the editor's reading (parseHTML with editor set) deletes it.
//
// A newline followed by a word ("<b>x</b>\ny") is kept: the layout never
// writes one, so it comes from hand-written HTML, where it separates two
// words that the editor would join.
//
// texts are the texts that start with such a newline (see
// newlineTexts); what it does to one does not depend on the others.
func (p *parser) dropNewlinesAfterElements(texts []*html.Node) {
	for _, t := range texts {
		rest := t.Data[1:]
		if rest != "" && !ascii.IsSpace(rest[0]) {
			continue
		}
		if rest == "" && !p.editor && isInlineLayoutTag(t.PrevSibling) && newlineShows(t) {
			rest = " "
			p.editorDiffers = true
		}
		t.Data = rest
	}
}

// newlineShows reports whether a text that is a single newline shows as a
// space: whether inline content follows it in the same block.
func newlineShows(t *html.Node) bool {
	for n := t; n != nil; n = n.Parent {
		next := n.NextSibling
		for next != nil && next.Type == html.CommentNode {
			next = next.NextSibling
		}
		if next != nil {
			if next.Type == html.TextNode {
				return hasNonSpace(next.Data)
			}
			return isInlineLayoutTag(next) && hasText(next)
		}
		if parent := n.Parent; parent == nil || !isInlineLayoutTag(parent) {
			return false
		}
	}
	return false
}

// hasText reports whether el holds text other than whitespace.
func hasText(el *html.Node) bool {
	found := false
	walkDOM(el, func(n *html.Node) {
		found = found || n.Type == html.TextNode && hasNonSpace(n.Data)
	})
	return found
}

// validUTF8 replaces each run of bytes that are not UTF-8 with U+FFFD, as
// a browser decoding the page would.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// jsTrim trims what JavaScript's String.prototype.trim trims.
func jsTrim(s string) string {
	if s == "" || isPlainASCII(s[0]) && isPlainASCII(s[len(s)-1]) {
		return s // the common case: nothing to trim at either end
	}
	return strings.TrimFunc(s, func(r rune) bool {
		return r == '\uFEFF' || r != '\u0085' && unicode.IsSpace(r)
	})
}

// isPlainASCII reports whether c is a printable ASCII character other
// than the space: a byte that starts or ends no white space.
func isPlainASCII(c byte) bool { return ' ' < c && c < 0x7f }

// taskItemUpdates applies the DOM changes of tiptap-markdown's task list
// extensions to the task items (class task-list-item, in document order;
// prepareDOM gives their lists data-type="taskList"): markdown-it task
// lists become Tiptap task lists, each item's checkbox its data-checked
// attribute. (Its code block extension removes the newline that ends a
// code block; the parser does that when it finishes the block.)
func taskItemUpdates(items []*html.Node) {
	for _, item := range items {
		dom.SetAttr(item, "data-type", "taskItem")
		var input *html.Node
		walkDOM(item, func(n *html.Node) {
			if input == nil && isElement(n, "input") {
				input = n
			}
		})
		if input != nil {
			_, checked := dom.LookupAttr(input, "checked")
			dom.SetAttr(item, "data-checked", strconv.FormatBool(checked))
			input.Parent.RemoveChild(input)
		}
	}
}

// normalizeBlocks pulls every element that a block node's rule matches out
// of a <p> that directly holds it, splitting the paragraph, as
// tiptap-markdown does before parsing (an image in a paragraph becomes a
// block between two paragraphs).
//
// Only an image or iframe (which may first leave the inline elements
// around it) or an element whose parent is a <p> or a heading can move:
// the others are not matched against the rules. (Moving elements out
// never changes what kind of element another one's parent is: a split
// parent's copy has the same tag.)
func (p *parser) normalizeBlocks(body *html.Node) {
	var found []*html.Node
	walkDOM(body, func(n *html.Node) {
		if n.Type == html.ElementNode && mayLift(n) && isBlockRuleElement(p.s, n) {
			found = append(found, n)
		}
	})
	for _, el := range found {
		el = p.liftFromInline(el)
		if parent := el.Parent; (isElement(parent, "p") || isHeadingElement(parent)) && parent.Parent != nil {
			if before := extractElement(el); before != nil {
				if off, ok := p.pos[parent]; ok {
					p.pos[before] = off
				}
			}
		}
	}
}

// mayLift reports whether normalizeBlocks can move element n, if a block
// rule matches it.
func mayLift(n *html.Node) bool {
	return isElement(n, "img") || isElement(n, "iframe") || isElement(n.Parent, "p") || isHeadingElement(n.Parent)
}

// liftFromInline moves an image or iframe out of the inline elements around
// it (<a>, <strong>, <span>…), splitting them, so that it can then leave
// its paragraph or heading instead of being dropped there: the editor's
// schema has no place for a block inside inline content, and a visitor
// sees the image. An image lifted out of a link keeps the link as an
// Isomer linked image (a.isomer-image-wrapper). It returns the element
// that now stands for el (el itself, or the wrapper made for it).
//
// This goes beyond the editor, which drops such images (its markdown
// clean-up only pulls blocks that are direct children of a <p>).
func (p *parser) liftFromInline(el *html.Node) *html.Node {
	if !isElement(el, "img") && !isElement(el, "iframe") {
		// Other blocks (a <p> inside <b>, as Google Docs pastes) take the
		// marks of the inline elements around them; leave them there.
		return el
	}
	for el.Parent != nil && el.Parent.Parent != nil && isInlineElement(el.Parent) {
		parent := el.Parent
		if isElement(parent, "a") && isElement(el, "img") {
			if href, ok := dom.LookupAttr(parent, "href"); ok && href != "" {
				w := &html.Node{Type: html.ElementNode, Data: "a", DataAtom: parent.DataAtom,
					Attr: []html.Attribute{{Key: "class", Val: "isomer-image-wrapper"}, {Key: "href", Val: href}}}
				if off, ok := p.pos[parent]; ok {
					p.pos[w] = off
				}
				parent.InsertBefore(w, el)
				parent.RemoveChild(el)
				w.AppendChild(el)
				el = w
			}
		}
		if before := extractElement(el); before != nil {
			if off, ok := p.pos[parent]; ok {
				p.pos[before] = off
			}
		}
	}
	return el
}

// isInlineElement reports whether el is an HTML phrasing element that may
// wrap a block the parser must lift out.
func isInlineElement(el *html.Node) bool {
	if el == nil || el.Type != html.ElementNode || el.Namespace != "" {
		return false
	}
	switch el.Data {
	case "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "del", "dfn", "em", "font", "i", "ins",
		"kbd", "label", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
		"tt", "u", "var":
		return !hasClass(el, "isomer-image-wrapper") && !hasClass(el, "isomer-card")
	}
	return false
}

func isHeadingElement(el *html.Node) bool {
	if el == nil || el.Type != html.ElementNode || el.Namespace != "" || len(el.Data) != 2 || el.Data[0] != 'h' {
		return false
	}
	return el.Data[1] >= '1' && el.Data[1] <= '6'
}

func isBlockRuleElement(s *schema, el *html.Node) bool {
	for _, r := range s.rulesFor(el) {
		if r.node != nil && !r.node.isInline() && r.match(el) {
			return true
		}
	}
	return false
}

// extractElement moves el out of its parent: the siblings before it go
// into a copy of the parent placed before, el follows, and the parent keeps
// what came after (and is removed when nothing did). It returns the copy,
// or nil when nothing came before el.
func extractElement(el *html.Node) *html.Node {
	parent := el.Parent
	grand := parent.Parent
	before := &html.Node{Type: parent.Type, DataAtom: parent.DataAtom, Data: parent.Data, Namespace: parent.Namespace, Attr: slices.Clone(parent.Attr)}
	for parent.FirstChild != nil && parent.FirstChild != el {
		c := parent.FirstChild
		parent.RemoveChild(c)
		before.AppendChild(c)
	}
	if before.FirstChild != nil {
		grand.InsertBefore(before, parent)
	} else {
		before = nil
	}
	parent.RemoveChild(el)
	grand.InsertBefore(el, parent)
	if parent.FirstChild == nil {
		grand.RemoveChild(parent)
	}
	return before
}

// maxElements bounds the number of start tags ParseHTML reads; see
// ErrTooLarge.
const maxElements = 250_000

// elementsBeyond returns the offset of start tag number max+1 of src (a
// "<" followed by a letter, which counts a little more than the HTML
// parser makes elements of), or -1 when there are no more than max.
func elementsBeyond(src []byte, max int) int {
	if bytes.Count(src, []byte("<")) <= max {
		return -1 // fewer "<" than that, as most sources have: one quick count
	}
	n := 0
	for i := 0; ; i++ {
		j := bytes.IndexByte(src[i:], '<')
		if j < 0 {
			return -1
		}
		if i += j; i+1 >= len(src) {
			return -1
		}
		if c := src[i+1] | 0x20; c >= 'a' && c <= 'z' {
			n++
			if n > max {
				return i
			}
		}
	}
}
