package markdown

import (
	"bytes"
	"strings"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/tiptap"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Render hands html-to-markdown an HTML tree built from the document:
// the editor's elements where the converter's own renderers or ours
// handle them, and a few elements of our own (named w-…) for what is
// written verbatim. The tree is built directly, never serialised and
// parsed, so nothing of the document is lost on the way.

// Elements of our own in the tree.
const (
	// wRawBlock is a block written as it is: its HTML is in its
	// wAttrHTML attribute.
	wRawBlock = "w-raw"
	// wRawInline is inline content written as it is (Liquid, and the
	// HTML of underline and highlight runs).
	wRawInline = "w-raw-inline"
	// wAttrHTML holds the verbatim text of the two elements above.
	wAttrHTML = "w-html"
	// wAttrBreak, on a <br>, asks for <br /> rather than two spaces and
	// a newline, where a line cannot end (see writer.buildInline).
	wAttrBreak = "w-break"
	// wAttrSrc holds an image's src as a Markdown destination.
	wAttrSrc = "w-src"
)

// writer is the state of one Render call.
type writer struct {
	opts  RenderOptions
	notes []tiptapmd.Note
	// brackets helps unescapeKramdown with "[".
	brackets bracketMemo
	// nodes maps elements of the tree to the document nodes they stand
	// for, for the renderers that need the node (lists, code blocks,
	// images).
	nodes map[*html.Node]*tiptap.Node
	// protected is set when the document holds a character that
	// html-to-markdown uses as a marker (see writer.protect).
	protected bool
	// block is the block whose inline content is being built, for the
	// position of notes on inline nodes (which have none).
	block *tiptap.Node
}

func newWriter(opts RenderOptions) *writer {
	return &writer{
		opts:  opts,
		nodes: make(map[*html.Node]*tiptap.Node),
	}
}

func (w *writer) note(n *tiptap.Node, code tiptapmd.Code, msg string) {
	var pos tiptapmd.Pos
	if n != nil {
		pos = n.Pos
	}
	if !pos.IsValid() && w.block != nil {
		pos = w.block.Pos
	}
	// Markup written as HTML or a URL percent-encoded shows the same;
	// a link's target is behaviour and its class may be styled; its rel is
	// not seen.
	visible := code != CodeWrittenAsHTML && code != CodeURLEncoded &&
		(code != CodeLinkAttributes || strings.Contains(msg, "target=") || strings.Contains(msg, "class="))
	w.notes = append(w.notes, tiptapmd.Note{Pos: pos, Code: code, Severity: severity(visible), Message: msg})
}

// wElement returns an element of the tree.
func wElement(tag string, attrs ...html.Attribute) *html.Node {
	return &html.Node{Type: html.ElementNode, Data: tag, DataAtom: atom.Lookup([]byte(tag)), Attr: attrs}
}

func wAttr(key, val string) html.Attribute { return html.Attribute{Key: key, Val: val} }

func wGetAttr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// build returns the tree of doc. doc has passed the schema check.
func (w *writer) build(doc *tiptap.Node) (*html.Node, error) {
	root := &html.Node{Type: html.DocumentNode}
	blocks := doc.Content
	// The editor ends every document with an empty paragraph when its
	// last block is not one, and so does tiptap.ParseHTML: such a
	// paragraph needs no writing.
	if n := len(blocks); n >= 2 && wEmptyParagraph(blocks[n-1]) && blocks[n-2].Type != tiptap.TypeParagraph {
		blocks = blocks[:n-1]
	}
	if err := w.buildBlocks(root, blocks, true); err != nil {
		return nil, err
	}
	return root, nil
}

func wEmptyParagraph(n *tiptap.Node) bool {
	return n.Type == tiptap.TypeParagraph && len(n.Content) == 0
}

// wAllEmpty reports whether blocks are all empty paragraphs.
func wAllEmpty(blocks []*tiptap.Node) bool {
	for _, b := range blocks {
		if !wEmptyParagraph(b) {
			return false
		}
	}
	return true
}

// wListKind returns the Markdown list kind a node is written as ("-" or
// "1."), or "" when it is not a list. A task list is a "-" list.
func wListKind(n *tiptap.Node) string {
	switch n.Type {
	case tiptap.TypeBulletList, tiptap.TypeTaskList:
		return "-"
	case tiptap.TypeOrderedList:
		return "1."
	}
	return ""
}

// buildBlocks appends the blocks to parent. dropEmpty says whether empty
// paragraphs may be left out here (with DropEmptyParagraphs).
func (w *writer) buildBlocks(parent *html.Node, blocks []*tiptap.Node, dropEmpty bool) error {
	var prev *tiptap.Node // the last block written
	for _, b := range blocks {
		if dropEmpty && w.opts.DropEmptyParagraphs && wEmptyParagraph(b) {
			continue
		}
		// Two lists of one kind in a row would be read as one list: a
		// comment between them keeps them apart.
		if prev != nil && wListKind(prev) != "" && wListKind(prev) == wListKind(b) {
			parent.AppendChild(wElement(wRawBlock, wAttr(wAttrHTML, wComment)))
		}
		el, err := w.buildBlock(b)
		if err != nil {
			return err
		}
		parent.AppendChild(el)
		prev = b
	}
	return nil
}

func (w *writer) buildBlock(n *tiptap.Node) (*html.Node, error) {
	switch n.Type {
	case tiptap.TypeParagraph:
		p := wElement("p")
		w.block = n
		w.buildInline(p, n.Content, false)
		return p, nil
	case tiptap.TypeHeading:
		level, _ := n.AttrInt("level")
		if level < 1 || level > 6 {
			level = 1
		}
		h := wElement("h" + string(rune('0'+level)))
		w.block = n
		w.buildInline(h, n.Content, true)
		return h, nil
	case tiptap.TypeBlockquote:
		q := wElement("blockquote")
		// A quote keeps one empty paragraph if it has nothing else.
		if err := w.buildBlocks(q, n.Content, !wAllEmpty(n.Content)); err != nil {
			return nil, err
		}
		return q, nil
	case tiptap.TypeBulletList, tiptap.TypeOrderedList, tiptap.TypeTaskList:
		return w.buildList(n)
	case tiptap.TypeCodeBlock:
		if !wFenceLanguage(n.AttrString("language")) {
			return w.rawBlock(n, "a code block whose language a code fence cannot carry")
		}
		pre := wElement("pre")
		w.nodes[pre] = n
		return pre, nil
	case tiptap.TypeHorizontalRule:
		return wElement("hr"), nil
	case tiptap.TypeImage:
		if n.AttrString("href") != "" {
			return w.rawBlock(n, "an image with a link")
		}
		img := wElement("img", wAttr(wAttrSrc, w.destination(w.protect(n.AttrString("src")), n)))
		w.nodes[img] = n
		return img, nil
	case tiptap.TypeTable:
		if reason := wPipeTableProblem(n); reason != "" {
			return w.rawBlock(n, "a table that a pipe table cannot hold ("+reason+")")
		}
		return w.buildTable(n), nil
	case tiptap.TypeIframe:
		return w.rawBlock(n, "an iframe")
	case tiptap.TypeInstagram:
		return w.rawBlock(n, "an Instagram embed")
	case tiptap.TypeCards:
		return w.rawBlock(n, "a card grid")
	case tiptap.TypeDetailsGroup:
		return w.rawBlock(n, "an accordion")
	default:
		// Anything else that the schema allows at block level has no
		// Markdown form either.
		return w.rawBlock(n, "a "+n.Type+" node")
	}
}

// buildList builds a list: ul or ol, each item an li holding its blocks.
func (w *writer) buildList(n *tiptap.Node) (*html.Node, error) {
	tag := "ul"
	if n.Type == tiptap.TypeOrderedList {
		tag = "ol"
	}
	list := wElement(tag)
	w.nodes[list] = n
	for _, item := range n.Content {
		li := wElement("li")
		if err := w.buildBlocks(li, item.Content, false); err != nil {
			return nil, err
		}
		list.AppendChild(li)
	}
	return list, nil
}

// rawBlock returns a block written as the editor's HTML.
func (w *writer) rawBlock(n *tiptap.Node, what string) (*html.Node, error) {
	s, err := wBlockHTML(n)
	if err != nil {
		return nil, err
	}
	if n.Type == tiptap.TypeImage {
		// kramdown would put a bare <a> in a paragraph, where the
		// editor drops the image: a block around it keeps it a block.
		s = "<div>\n" + s + "\n</div>"
	}
	w.note(n, CodeWrittenAsHTML, what+" is written as HTML")
	return wElement(wRawBlock, wAttr(wAttrHTML, w.protect(s))), nil
}

// cmsReferrerPolicy is the referrerpolicy the CMS writes on every iframe
// (since 2026), which is also the browsers' default.
const cmsReferrerPolicy = "strict-origin-when-cross-origin"

// wBlockHTML returns the editor's HTML for one block, laid out as the CMS
// lays it out (one block tag a line, never indented), with no blank
// line in it.
func wBlockHTML(n *tiptap.Node) (string, error) {
	if n.Type == tiptap.TypeIframe && n.AttrString("referrerpolicy") == cmsReferrerPolicy {
		// The policy the CMS writes on every iframe is the browsers'
		// default: a Markdown page does not need it.
		cp := *n
		cp.Attrs = make(map[string]any, len(n.Attrs))
		for k, v := range n.Attrs {
			cp.Attrs[k] = v
		}
		cp.Attrs["referrerpolicy"] = nil
		n = &cp
	}
	out, err := tiptap.RenderHTML(&tiptap.Node{Type: tiptap.TypeDoc, Content: []*tiptap.Node{n}})
	if err != nil {
		return "", err
	}
	// RenderHTML ends a document whose last block is not a paragraph
	// with an empty one, on a line of its own.
	if n.Type != tiptap.TypeParagraph {
		out = bytes.TrimSuffix(out, []byte("\n<p></p>"))
		out = bytes.TrimSuffix(out, []byte("<p></p>"))
	}
	return wNoBlankLines(string(out)), nil
}

// wNoBlankLines joins every line that is blank (empty or white space
// only, as in code inside a <pre>) to the line before it with a
// character reference for the line break: a blank line would end the
// HTML block for CommonMark readers, and the reference reads back as the
// same newline.
func wNoBlankLines(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	lines := strings.Split(s, "\n")
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i, line := range lines {
		if i > 0 {
			if strings.Trim(line, " \t") == "" && i < len(lines)-1 {
				b.WriteString("&#10;")
			} else {
				b.WriteByte('\n')
			}
		}
		b.WriteString(line)
	}
	return b.String()
}

// wFenceLanguage reports whether a code fence can carry the language: a
// fence's info string is one word to kramdown (which also stops at "?"),
// and CommonMark readers refuse a backtick in it.
func wFenceLanguage(lang string) bool {
	return !strings.ContainsAny(lang, " \t\n\r\f\v?`{}") && !strings.ContainsRune(lang, 0)
}

// buildTable builds a table that a pipe table holds: rows of cells, each
// holding its paragraph's inline content directly.
func (w *writer) buildTable(n *tiptap.Node) *html.Node {
	table := wElement("table")
	for _, row := range n.Content {
		tr := wElement("tr")
		for _, cell := range row.Content {
			tag := "td"
			if cell.Type == tiptap.TypeTableHeader {
				tag = "th"
			}
			td := wElement(tag)
			if len(cell.Content) == 1 {
				w.block = cell.Content[0]
				w.buildInline(td, cell.Content[0].Content, true)
			}
			tr.AppendChild(td)
		}
		table.AppendChild(tr)
	}
	return table
}

// wPipeTableProblem returns why a pipe table cannot hold the table, or
// "" when it can: the first row must be all header cells and the others
// all data cells, every cell one paragraph spanning one cell with no set
// width, every row as wide as the first, and there must be a row below
// the header (kramdown wants one under the delimiter row).
func wPipeTableProblem(t *tiptap.Node) string {
	if len(t.Content) == 0 || len(t.Content[0].Content) == 0 {
		return "no cells"
	}
	for i, row := range t.Content {
		for _, cell := range row.Content {
			switch {
			case i == 0 && cell.Type != tiptap.TypeTableHeader:
				return "no header row"
			case i > 0 && cell.Type != tiptap.TypeTableCell:
				return "header cells below the first row"
			}
		}
	}
	width := len(t.Content[0].Content)
	for _, row := range t.Content {
		for _, cell := range row.Content {
			if span, ok := cell.AttrInt("colspan"); ok && span != 1 {
				return "merged cells"
			}
			if span, ok := cell.AttrInt("rowspan"); ok && span != 1 {
				return "merged cells"
			}
			if v, ok := cell.Attrs["colwidth"]; ok && v != nil {
				return "set column widths"
			}
			if len(cell.Content) != 1 || cell.Content[0].Type != tiptap.TypeParagraph {
				return "cells holding more than one paragraph"
			}
		}
		if len(row.Content) != width {
			return "rows of different widths"
		}
	}
	if len(t.Content) == 1 {
		return "only a header row"
	}
	return ""
}
