package tiptap

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tiptapmd/tiptapmd/internal/ascii"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The token path. Most bodies are plain nested markup: every end tag
// closes the element opened last, no block stands in a paragraph, tables
// hold exactly their rows and cells. For these the HTML5 tree builder
// (html.Parse) only nests what the tokenizer gives, and tokenBody builds
// that same tree from html.Tokenizer's tokens directly, recording where
// each element, text and comment starts as it goes: no instrumentation,
// no second tokenizing. Whatever the tree builder could restructure
// (close, move, reopen or add an element, foster-parent text, drop a
// newline or a token) makes tokenBody give up, and the source goes the
// instrumented way of parseDOM. The rules are conservative: an input
// they refuse may well be one the tree builder reads as plain nesting.

// maxTokenDepth bounds the nesting tokenBody builds; deeper input goes
// the tree builder's way, which refuses it beyond 512 elements.
const maxTokenDepth = 256

// Kinds of element tokenBody accepts.
const (
	tkNone      = iota // not accepted: the source goes the tree builder's way
	tkPhrasing         // inserted where it stands ("any other start tag")
	tkFormat           // a formatting element (the adoption agency's)
	tkVoid             // an element without content or end tag
	tkRule             // <hr>: a void element that closes an open <p>
	tkBlock            // closes an open <p> in button scope: refused inside one
	tkListItem         // <li>: only directly in <ul> or <ol>
	tkDefItem          // <dd>, <dt>: only directly in <dl>
	tkHeading          // <h1>…<h6>: a block that also closes a heading
	tkPre              // <pre>: a block dropping the newline that starts it
	tkRawText          // <iframe>, <style>: raw text up to its end tag
	tkTable            // <table>
	tkTablePart        // <colgroup>, <thead>, <tbody>, <tfoot>: only in a table
	tkRow              // <tr>: only in <thead>, <tbody> or <tfoot>
	tkCell             // <td>, <th>: only in <tr>
	tkCol              // <col>: only in <colgroup>
)

// tokenKind returns the kind of an HTML element a.
func tokenKind(a atom.Atom) int {
	switch a {
	case atom.Abbr, atom.Bdi, atom.Bdo, atom.Cite, atom.Data, atom.Del, atom.Dfn, atom.Ins, atom.Kbd,
		atom.Label, atom.Mark, atom.Q, atom.Samp, atom.Span, atom.Sub, atom.Sup, atom.Time, atom.Var:
		return tkPhrasing
	case atom.A, atom.B, atom.Big, atom.Code, atom.Em, atom.Font, atom.I, atom.S, atom.Small, atom.Strike,
		atom.Strong, atom.Tt, atom.U:
		return tkFormat
	case atom.Br, atom.Img, atom.Input, atom.Wbr:
		return tkVoid
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Center, atom.Details, atom.Div,
		atom.Dl, atom.Figcaption, atom.Figure, atom.Footer, atom.Header, atom.Hgroup, atom.Main, atom.Nav,
		atom.Ol, atom.P, atom.Section, atom.Summary, atom.Ul:
		return tkBlock
	case atom.Hr:
		return tkRule
	case atom.Li:
		return tkListItem
	case atom.Dd, atom.Dt:
		return tkDefItem
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return tkHeading
	case atom.Pre:
		return tkPre
	case atom.Iframe, atom.Style:
		return tkRawText
	case atom.Table:
		return tkTable
	case atom.Colgroup, atom.Thead, atom.Tbody, atom.Tfoot:
		return tkTablePart
	case atom.Tr:
		return tkRow
	case atom.Td, atom.Th:
		return tkCell
	case atom.Col:
		return tkCol
	}
	return tkNone
}

// rawText reports whether the tokenizer reads the content of a as raw
// text, up to its end tag.
func rawText(a atom.Atom) bool { return a == atom.Iframe || a == atom.Style }

// tableText reports whether a holds only rows, cells or columns, where
// the tree builder moves text other than white space out of the table.
func tableText(a atom.Atom) bool {
	switch a {
	case atom.Table, atom.Thead, atom.Tbody, atom.Tfoot, atom.Tr, atom.Colgroup:
		return true
	}
	return false
}

// tokenReadable reports whether src can go the token path at all: no NUL
// (dropped or replaced by the tree builder), no carriage return (the
// tokenizer turns CR LF into LF, so offsets and the <pre> rule need care),
// valid UTF-8 (a browser replaces bad bytes), no position markers of
// the instrumented path, whose reading differs when the source holds
// them (as it does for an attribute named as its position attribute:
// see [tokenArena.attrs]).
func tokenReadable(src []byte) bool {
	return bytes.IndexByte(src, 0) < 0 && bytes.IndexByte(src, '\r') < 0 && utf8.Valid(src) &&
		!hasMarkerChars(src)
}

// tagAtom returns the element of the tag token raw: its name, as the
// tokenizer delimits and lowers it, looked up without allocating. It is
// 0 for names that are not HTML's.
func tagAtom(raw []byte) atom.Atom {
	var buf [16]byte // longer than any name atom knows
	name, ok := ascii.TagName(raw, buf[:])
	if !ok {
		return 0
	}
	return atom.Lookup(name)
}

// tokenBody builds the body tree html.Parse would build for
// "<body>"+src, under a document, <html> and <head> as there, or returns
// nil when src has anything the tree builder would not simply nest (see
// the rules above). With positions it records in p.pos where each
// element, text and comment starts, as the instrumented path does.
func (p *parser) tokenBody(src []byte, positions bool) *html.Node {
	if !tokenReadable(src) {
		return nil
	}
	ar := newTokenArena(src, p.lt)
	body := ar.element(atom.Body)
	stack := make([]*html.Node, 1, 32)
	stack[0] = body
	ar.src.Reset(src)
	z := html.NewTokenizer(&ar.src)
	off := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		start := off
		off += len(raw)
		top := stack[len(stack)-1]
		switch tt {
		case html.TextToken:
			// Text decodes in place, over the raw bytes: what the
			// position needs is read first.
			first, raw0 := -1, raw[0]
			if positions {
				first = firstNonSpace(raw)
			}
			data := z.Text()
			if rawText(top.DataAtom) {
				// Raw text: the tokenizer ends it only at the element's
				// end tag.
			} else if tableText(top.DataAtom) {
				if hasNonHTMLSpace(data) {
					return nil
				}
			} else if top.DataAtom == atom.Pre && top.FirstChild == nil && len(data) > 0 {
				// The tree builder drops a newline that starts a <pre>.
				// One written as an entity (or a carriage return, which
				// only an entity gives here) goes only when the source
				// is not instrumented, which puts a marker before it.
				if data[0] == '\r' || data[0] == '\n' && raw0 != '\n' {
					return nil
				}
				if data[0] == '\n' {
					data = data[1:]
				}
			}
			if len(data) == 0 {
				continue
			}
			t := top.LastChild
			if t != nil && t.Type == html.TextNode {
				// Adjacent texts merge, as the tree builder merges them;
				// the text starts where its first part gave it a start.
				if !ar.extend(&t.Data, data) {
					return nil
				}
				if positions && first >= 0 {
					if _, ok := p.pos[t]; !ok {
						p.pos[t] = start + first
					}
				}
			} else {
				t = ar.node()
				t.Type = html.TextNode
				ar.keep(&t.Data, data)
				top.AppendChild(t)
				if positions && first >= 0 {
					p.pos[t] = start + first
				}
			}
		case html.CommentToken:
			if rawText(top.DataAtom) {
				return nil
			}
			n := len(raw)
			if n < 7 || !bytes.HasPrefix(raw, []byte("<!--")) || !bytes.HasSuffix(raw, []byte("-->")) {
				return nil
			}
			// Only a comment whose text is what stands between "<!--"
			// and "-->" reads the same with the marker the instrumented
			// path puts after "<!--".
			inner := string(raw[4 : n-3])
			if data := z.Text(); string(data) != inner || inner != "" && (inner[0] == '-' || inner[0] == '>') {
				return nil
			}
			c := ar.node()
			c.Type, c.Data = html.CommentNode, inner
			top.AppendChild(c)
			if positions {
				p.pos[c] = start
			}
		case html.EndTagToken:
			a := tagAtom(raw)
			if a == atom.Table && len(stack) > 2 && stack[len(stack)-2].DataAtom == atom.Table &&
				(top.DataAtom == atom.Tbody || top.DataAtom == atom.Thead || top.DataAtom == atom.Tfoot) {
				// </table> closes the table's row group (a <tbody> the
				// tree builder opened, or one left open) with it.
				stack = stack[:len(stack)-2]
				continue
			}
			if a == 0 || a != top.DataAtom || top == body {
				return nil
			}
			stack = stack[:len(stack)-1]
		case html.StartTagToken, html.SelfClosingTagToken:
			a := tagAtom(raw)
			hasPos := positions && tagHasPos(tt, raw)
			kind := tokenKind(a)
			void := kind == tkVoid || kind == tkRule || kind == tkCol
			if !tokenFits(kind, a, stack) || tt == html.SelfClosingTagToken && !void {
				return nil
			}
			el := ar.element(a)
			if !ar.attrs(z, el, kind == tkFormat) {
				return nil
			}
			if a == atom.Tr && top.DataAtom == atom.Table {
				tbody := ar.element(atom.Tbody)
				top.AppendChild(tbody)
				stack = append(stack, tbody)
				top = tbody
			}
			top.AppendChild(el)
			if hasPos {
				p.pos[el] = start
			}
			if !void {
				if len(stack) >= maxTokenDepth {
					return nil
				}
				stack = append(stack, el)
			}
		default: // a doctype
			return nil
		}
	}
	if off != len(src) || rawText(stack[len(stack)-1].DataAtom) {
		// A tag cut off by the end, or raw text never ended.
		return nil
	}
	doc := ar.node()
	doc.Type = html.DocumentNode
	root := ar.element(atom.Html)
	doc.AppendChild(root)
	root.AppendChild(ar.element(atom.Head))
	root.AppendChild(body)
	return body
}

// tokenFits reports whether an element a of the given kind, opened in the
// innermost element of stack, is one the tree builder inserts there as it
// is, without closing, moving or adding any element.
func tokenFits(kind int, a atom.Atom, stack []*html.Node) bool {
	top := stack[len(stack)-1].DataAtom
	if rawText(top) || tableText(top) && kind != tkTablePart && kind != tkRow && kind != tkCell && kind != tkCol {
		return false
	}
	switch kind {
	case tkPhrasing, tkVoid:
		return true
	case tkFormat:
		if a == atom.A {
			for _, n := range stack {
				if n.DataAtom == atom.A {
					return false // <a> in <a> closes the outer one
				}
			}
		}
		return true
	case tkBlock, tkPre, tkRule:
		return !pInButtonScope(stack)
	case tkListItem:
		return (top == atom.Ul || top == atom.Ol) && !pInButtonScope(stack)
	case tkDefItem:
		return top == atom.Dl && !pInButtonScope(stack)
	case tkHeading:
		switch top {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			return false // a heading closes the heading it opens in
		}
		return !pInButtonScope(stack)
	case tkRawText:
		return true
	case tkTable:
		return !pInButtonScope(stack)
	case tkTablePart:
		return top == atom.Table
	case tkRow:
		// In a table, the tree builder opens a <tbody> for the row.
		return top == atom.Thead || top == atom.Tbody || top == atom.Tfoot || top == atom.Table
	case tkCell:
		return top == atom.Tr
	case tkCol:
		return top == atom.Colgroup
	}
	return false
}

// pInButtonScope reports whether a <p> is open in button scope, where a
// block start tag would close it.
func pInButtonScope(stack []*html.Node) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].DataAtom {
		case atom.P:
			return true
		case atom.Table, atom.Td, atom.Th:
			return false
		}
	}
	return false
}

// tagHasPos reports whether the instrumented path gives the start tag
// raw a position (see [instrument]).
func tagHasPos(tt html.TokenType, raw []byte) bool {
	cut := len(raw) - 1
	if tt == html.SelfClosingTagToken && len(raw) >= 2 && raw[len(raw)-2] == '/' {
		cut--
	}
	return cut >= 1 && raw[len(raw)-1] == '>' && !endsWithEquals(raw[:cut])
}

// firstNonSpace returns the index of the first byte of raw that is not
// ASCII white space, or -1: where the instrumented path puts a text's
// position marker.
func firstNonSpace(raw []byte) int {
	for i, c := range raw {
		if !ascii.IsSpace(c) {
			return i
		}
	}
	return -1
}

// hasNonHTMLSpace reports whether text holds anything but HTML white
// space.
func hasNonHTMLSpace(text []byte) bool {
	for _, c := range text {
		switch c {
		case ' ', '\t', '\n', '\f', '\r':
		default:
			return true
		}
	}
	return false
}

// A tokenArena allocates the nodes, attributes and strings of one
// tokenBody in blocks: the nodes and attributes from slices, the texts
// and attribute values (decoded by the tokenizer) one after another in
// one strings.Builder, each string a part of what it holds. The builder
// only appends (a copy when it grows), so a part once taken never
// changes: there is no buffer to clear first and no copy at the end.
type tokenArena struct {
	nodes []html.Node      // free nodes
	chunk int              // how many nodes to add when none are free
	attrl []html.Attribute // free attributes
	attrc int              // how many attributes to add when too few are free
	text  strings.Builder  // texts and attribute values so far
	// last is the string kept last by keep, from lastStart to the end of
	// text, or nil when anything was written to text after it.
	last      *string
	lastStart int
	// scratch holds the attributes of the tag being read.
	scratch []pendingAttr
	// src reads the source to the tokenizer (one allocation less).
	src bytes.Reader
}

type pendingAttr struct {
	key        string
	start, end int // the value in text
}

// newTokenArena returns an arena sized for src: one and a half nodes for
// each of the lt "<" of src (about half of them start tags, and a text
// follows most tags: the corpus's bodies make 1.46 nodes of each "<"),
// a third more at a time when they run out; an attribute for each "="
// (most attributes have a value); room for src in the text (decoding
// rarely makes it longer).
func newTokenArena(src []byte, lt int) *tokenArena {
	n := lt + lt/2 + 8
	ar := &tokenArena{nodes: make([]html.Node, n), chunk: n/3 + 16, attrc: bytes.Count(src, []byte("=")) + 4}
	ar.text.Grow(len(src))
	return ar
}

// node returns a new zero node.
func (ar *tokenArena) node() *html.Node {
	if len(ar.nodes) == 0 {
		ar.nodes = make([]html.Node, ar.chunk)
	}
	n := &ar.nodes[0]
	ar.nodes = ar.nodes[1:]
	return n
}

// element returns a new element a.
func (ar *tokenArena) element(a atom.Atom) *html.Node {
	n := ar.node()
	n.Type, n.DataAtom, n.Data = html.ElementNode, a, a.String()
	return n
}

// keep sets *s to a copy of b.
func (ar *tokenArena) keep(s *string, b []byte) {
	start := ar.text.Len()
	ar.text.Write(b)
	*s = ar.text.String()[start:]
	ar.last, ar.lastStart = s, start
}

// extend adds b to the string s kept last, reporting false when s is
// not that one or anything was kept after it.
func (ar *tokenArena) extend(s *string, b []byte) bool {
	if ar.last != s || ar.lastStart+len(*s) != ar.text.Len() {
		return false
	}
	ar.text.Write(b)
	*s = ar.text.String()[ar.lastStart:]
	return true
}

// attrs reads the attributes of the current tag of z into el, in the
// tokenizer's order or, with sorted, in the order the tree builder
// sorts a formatting element's attributes in (by key, then value). It
// returns false, reading nothing, for a tag holding the instrumented
// path's position attribute (posAttr), which that path reads otherwise.
func (ar *tokenArena) attrs(z *html.Tokenizer, el *html.Node, sorted bool) bool {
	pending := ar.scratch[:0]
	for {
		k, v, more := z.TagAttr()
		if k == nil {
			break
		}
		if string(k) == posAttr {
			return false
		}
		start := ar.text.Len()
		ar.text.Write(v)
		pending = append(pending, pendingAttr{atom.String(k), start, ar.text.Len()})
		if !more {
			break
		}
	}
	ar.scratch = pending
	if len(pending) == 0 {
		return true
	}
	ar.last = nil
	text := ar.text.String()
	if sorted {
		slices.SortFunc(pending, func(a, b pendingAttr) int {
			return cmp.Or(cmp.Compare(a.key, b.key), strings.Compare(text[a.start:a.end], text[b.start:b.end]))
		})
	}
	if len(ar.attrl) < len(pending) {
		ar.attrl = make([]html.Attribute, max(ar.attrc, len(pending)))
	}
	// A full slice expression: appending to el.Attr later copies it
	// instead of writing over the next element's attributes.
	el.Attr = ar.attrl[:len(pending):len(pending)]
	ar.attrl = ar.attrl[len(pending):]
	for i, pa := range pending {
		el.Attr[i].Key, el.Attr[i].Val = pa.key, text[pa.start:pa.end]
	}
	return true
}
