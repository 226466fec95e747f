package markdown

import (
	"bytes"
	"strconv"

	"github.com/tiptapmd/tiptapmd/internal/htmlesc"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// The renderer writes the goldmark tree as HTML laid out the way kramdown
// lays it out, in the shapes the HTML reader of package tiptap turns
// into document nodes. It is not a general Markdown renderer: Parse
// writes with it the blocks that hold HTML, which tiptap.ParseFragment
// reads (build.go), and the tests read whole pages written with it to
// check that building the document directly gives the same.

// renderer writes one tree. When marks is set, blocks receives the
// offset in the HTML where each block and inline node starts, with the
// source offset it came from, so that positions can be mapped back.
type renderer struct {
	st     *state
	src    []byte
	out    []byte
	marks  bool // record blocks
	blocks []blockMark
}

// blockMark ties a stretch of the HTML output to the source.
type blockMark struct {
	htmlOff int // where the block's HTML starts
	srcOff  int // where the block starts in the source
	// raw tells that the HTML is the block's source read as raw HTML, so
	// that lines inside it map one to one; srcEnd is then where the block
	// ends in the source.
	raw    bool
	srcEnd int
}

// render returns the HTML of a whole document.
func (st *state) render(doc ast.Node, src []byte) []byte {
	r := &renderer{st: st, src: src}
	r.children(doc)
	return r.out
}

// renderInline returns the HTML of a document's inline content only
// (paragraphs unwrapped), for elements whose markdown attribute asks for
// span content.
func (st *state) renderInline(doc ast.Node, src []byte) []byte {
	r := &renderer{st: st, src: src}
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if c != doc.FirstChild() {
			r.out = append(r.out, '\n')
		}
		if _, ok := c.(*ast.Paragraph); ok {
			r.inlines(c)
		} else {
			r.block(c)
		}
	}
	return r.out
}

func (r *renderer) children(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r.block(c)
	}
}

func (r *renderer) str(s string) { r.out = append(r.out, s...) }

// attr writes the attribute name="v", with a space before it, escaping v
// as kramdown escapes attribute values.
func (r *renderer) attr(name string, v []byte) {
	r.out = append(r.out, ' ')
	r.out = append(r.out, name...)
	r.out = append(r.out, '=', '"')
	r.out = htmlesc.Append(r.out, v, htmlesc.Quot|htmlesc.KeepRefs)
	r.out = append(r.out, '"')
}

// title writes the title attribute of a link or image, if it has one.
func (r *renderer) title(t []byte) {
	if t != nil {
		r.attr("title", t)
	}
}

func (r *renderer) block(n ast.Node) {
	r.mark(n)
	switch n := n.(type) {
	case *ast.Paragraph:
		r.paragraph(n)
	case *ast.TextBlock:
		r.paragraph(n)
	case *ast.Heading:
		h := "h" + strconv.Itoa(n.Level)
		r.str("<" + h + ">")
		r.inlines(n)
		r.str("</" + h + ">\n")
	case *ast.ThematicBreak:
		r.str("<hr>\n")
	case *ast.CodeBlock:
		r.str("<pre><code>")
		r.codeLines(n)
		r.str("</code></pre>\n")
	case *ast.FencedCodeBlock:
		r.str("<pre><code")
		if lang := n.Language(r.src); len(lang) > 0 {
			r.str(` class="language-`)
			r.out = htmlesc.Append(r.out, lang, htmlesc.Quot|htmlesc.KeepRefs)
			r.str(`"`)
		}
		r.str(">")
		r.codeLines(n)
		r.str("</code></pre>\n")
	case *ast.Blockquote:
		r.str("<blockquote>\n")
		r.children(n)
		r.str("</blockquote>\n")
	case *ast.List:
		r.list(n)
	case *ast.ListItem:
		r.str("<li>")
		r.children(n)
		r.str("</li>\n")
	case *htmlBlock:
		r.out = appendSpaceAfterTags(r.out, n.html)
	case *stopBlock, *ialBlock:
	case *extBlock:
		r.out = append(r.out, n.body...)
	case *tableBlock:
		r.table(n)
	case *tocBlock:
		r.toc(n)
	case *extast.FootnoteList:
		r.footnoteList(n)
	case *extast.DefinitionList:
		r.definitionList(n)
	case *abbrevBlock:
	case *mathBlock:
		r.str("<p>\\[")
		r.out = htmlesc.Append(r.out, n.body, 0)
		r.str("\\]</p>\n")
	default:
		r.children(n)
	}
}

func (r *renderer) codeLines(n ast.Node) {
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		r.out = htmlesc.Append(r.out, s.Value(r.src), 0)
	}
}

func (r *renderer) list(n *ast.List) {
	tag := "ul"
	if n.IsOrdered() {
		tag = "ol"
	}
	r.str("<" + tag)
	// kramdown numbers an ordered list from 1 whatever its first marker
	// says; an attribute list's start="N" (which Render writes) sets it,
	// and data-tight="true" (also Render's) marks the list tight.
	a := r.st.attrs[n]
	if v, ok := a.get("start"); ok && n.IsOrdered() {
		r.str(` start="`)
		r.out = htmlesc.Append(r.out, v, htmlesc.Quot|htmlesc.KeepRefs)
		r.str(`"`)
	}
	task := isTaskList(n)
	if task {
		r.str(` data-type="taskList"`)
	} else if v, _ := a.get("data-tight"); n.IsTight || v == "true" {
		r.str(` data-tight="true"`)
	}
	r.str(">\n")
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if task {
			checked := "false"
			if cb := taskBox(c); cb != nil && cb.IsChecked {
				checked = "true"
			}
			r.str(`<li data-type="taskItem" data-checked="` + checked + `">`)
		} else {
			r.str("<li>")
		}
		r.children(c)
		r.str("</li>\n")
	}
	r.str("</" + tag + ">\n")
}

// taskBox returns the task-list checkbox at the start of a list item.
func taskBox(item ast.Node) *extast.TaskCheckBox {
	if first := item.FirstChild(); first != nil {
		if cb, ok := first.FirstChild().(*extast.TaskCheckBox); ok {
			return cb
		}
	}
	return nil
}

// isTaskList reports whether a list is a task list. kramdown's GFM
// parser makes the whole list one as soon as an item has a checkbox.
func isTaskList(n *ast.List) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if taskBox(c) != nil {
			return true
		}
	}
	return false
}

// paragraph writes a paragraph. A link holding only an image cannot
// stay inside it: the document has no inline images, and its block
// image carries a link of its own (the editor's image with href). Such
// links split the paragraph around an Isomer linked image.
func (r *renderer) paragraph(n ast.Node) {
	start := len(r.out)
	r.str("<p>")
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		link, img := imageLink(c, r.src)
		if link == nil {
			r.inline(c)
			continue
		}
		r.closePara(start)
		r.str(`<a class="isomer-image-wrapper"`)
		r.attr("href", link.Destination)
		r.str(">")
		r.inline(img)
		r.str("</a>\n")
		start = len(r.out)
		r.str("<p>")
	}
	r.closePara(start)
}

// closePara ends the paragraph opened at start, or removes it when it
// holds only white space (what is left beside a linked image).
func (r *renderer) closePara(start int) {
	if isBlankBytes(r.out[start+len("<p>"):]) {
		r.out = r.out[:start]
		return
	}
	r.str("</p>\n")
}

// imageLink returns the link and its image when n is a link whose only
// content (white space aside) is an image.
func imageLink(n ast.Node, src []byte) (*ast.Link, *ast.Image) {
	link, ok := n.(*ast.Link)
	if !ok {
		return nil, nil
	}
	var img *ast.Image
	for c := link.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Image:
			if img != nil {
				return nil, nil
			}
			img = t
		case *ast.Text:
			if !isBlankBytes(t.Segment.Value(src)) {
				return nil, nil
			}
		default:
			return nil, nil
		}
	}
	if img == nil {
		return nil, nil
	}
	return link, img
}

// inlines writes the inline content of a block.
func (r *renderer) inlines(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r.inline(c)
	}
}

func (r *renderer) inline(n ast.Node) {
	r.markInline(n)
	switch n := n.(type) {
	case *ast.Text:
		if t, ok := r.st.typo[n]; ok {
			r.text(t)
		} else {
			r.text(n.Segment.Value(r.src))
		}
		switch {
		case n.HardLineBreak():
			r.str("<br>\n")
		case n.SoftLineBreak() && len(r.out) > 0 && r.out[len(r.out)-1] == '>':
			// A newline right after a tag would be deleted by
			// tiptap.ParseHTML (see spaces.go).
			r.str(" ")
		case n.SoftLineBreak():
			r.str("\n")
		}
	case *ast.String:
		if n.IsCode() || n.IsRaw() {
			r.out = append(r.out, n.Value...)
		} else {
			r.text(n.Value)
		}
	case *ast.CodeSpan:
		r.str("<code>")
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				r.out = htmlesc.Append(r.out, t.Segment.Value(r.src), 0)
			case *ast.String:
				r.out = htmlesc.Append(r.out, t.Value, 0)
			}
		}
		r.str("</code>")
	case *ast.Emphasis:
		tag := "em"
		if n.Level == 2 {
			tag = "strong"
		}
		r.str("<" + tag + ">")
		r.inlines(n)
		r.str("</" + tag + ">")
	case *extast.Strikethrough:
		r.str("<del>")
		r.inlines(n)
		r.str("</del>")
	case *ast.Link:
		r.str("<a")
		r.attr("href", n.Destination)
		r.title(n.Title)
		r.attrs(n)
		r.str(">")
		r.inlines(n)
		r.str("</a>")
	case *ast.Image:
		r.str("<img")
		r.attr("src", n.Destination)
		r.attr("alt", plainText(n, r.src))
		r.title(n.Title)
		r.attrs(n)
		r.str(">")
	case *ast.AutoLink:
		url := n.URL(r.src)
		href := url
		if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
			href = append([]byte("mailto:"), url...)
		}
		r.str("<a")
		r.attr("href", href)
		r.str(">")
		r.out = htmlesc.Append(r.out, bytes.TrimPrefix(n.Label(r.src), []byte("mailto:")), htmlesc.KeepRefs)
		r.str("</a>")
	case *rawInline:
		r.out = append(r.out, n.html...)
	case *liquidNode:
		r.out = htmlesc.Append(r.out, n.seg.Value(r.src), 0)
	case *literalInline:
		r.out = htmlesc.Append(r.out, n.text, 0)
	case *linkOpener:
		r.out = append(r.out, n.seg.Value(r.src)...)
	case *extast.FootnoteLink:
		r.footnoteLink(n)
	case *extast.FootnoteBacklink:
		r.footnoteBacklink(n)
	case *mathInline:
		r.str("\\(")
		r.out = htmlesc.Append(r.out, n.body, 0)
		r.str("\\)")
	case *extast.TaskCheckBox:
		// The item's data-checked attribute carries it.
	default:
		r.inlines(n)
	}
}

// attrs writes the attributes a kramdown attribute list set on a node.
func (r *renderer) attrs(n ast.Node) {
	for _, a := range n.Attributes() {
		v, ok := a.Value.([]byte)
		if !ok {
			continue
		}
		r.str(" ")
		r.out = append(r.out, a.Name...)
		r.str(`="`)
		r.out = htmlesc.Append(r.out, v, htmlesc.Quot|htmlesc.KeepRefs)
		r.str(`"`)
	}
}

// text writes Markdown text: backslash escapes of the characters kramdown
// escapes are resolved, entity references are kept, everything else is
// escaped.
func (r *renderer) text(s []byte) {
	for {
		k := bytes.IndexByte(s, '\\')
		if k < 0 || k+1 == len(s) {
			r.out = htmlesc.Append(r.out, s, htmlesc.KeepRefs)
			return
		}
		r.out = htmlesc.Append(r.out, s[:k], htmlesc.KeepRefs)
		if isKramdownEscapable(s[k+1]) {
			r.out = htmlesc.Append(r.out, s[k+1:k+2], 0)
			s = s[k+2:]
		} else {
			r.out = append(r.out, '\\')
			s = s[k+1:]
		}
	}
}

// isKramdownEscapable reports whether kramdown's GFM parser removes a
// backslash before c.
func isKramdownEscapable(c byte) bool {
	return bytes.IndexByte([]byte("\\.*_+`<>()[]{}#!:|\"'$=-~"), c) >= 0
}

// plainText returns the text of an inline tree, for alt attributes.
func plainText(n ast.Node, src []byte) []byte {
	var b []byte
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				b = append(b, t.Segment.Value(src)...)
				if t.SoftLineBreak() || t.HardLineBreak() {
					b = append(b, '\n')
				}
			case *ast.String:
				b = append(b, t.Value...)
			case *liquidNode:
				// Liquid in alt text stays as written, as in kramdown.
				b = append(b, t.seg.Value(src)...)
			case *literalInline:
				b = append(b, t.text...)
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return b
}

// table writes a table in the dialect's shape: rows in a tbody, the
// header rows' cells as th (kramdown's thead has no node in the
// document).
func (r *renderer) table(n *tableBlock) {
	r.str("<table>\n<tbody>\n")
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		row := c.(*tableRow)
		cell := "td"
		if row.header {
			cell = "th"
		}
		r.str("<tr>\n")
		for k := row.FirstChild(); k != nil; k = k.NextSibling() {
			r.str("<" + cell + ">")
			r.inlines(k)
			r.str("</" + cell + ">\n")
		}
		r.str("</tr>\n")
	}
	r.str("</tbody>\n</table>\n")
}

// toc writes a table of contents as kramdown lays it out: nested lists
// following the heading levels, each entry a link to the heading's id.
func (r *renderer) toc(n *tocBlock) {
	if len(n.entries) == 0 {
		return
	}
	tag := "ul"
	if n.ordered {
		tag = "ol"
	}
	var levels []int
	for i, e := range n.entries {
		lvl := e.node.Level
		switch {
		case i == 0:
			r.str("<" + tag + ">\n<li>")
			levels = append(levels, lvl)
		case lvl > levels[len(levels)-1]:
			r.str("\n<" + tag + ">\n<li>")
			levels = append(levels, lvl)
		default:
			for len(levels) > 1 && lvl < levels[len(levels)-1] && lvl <= levels[len(levels)-2] {
				r.str("</li>\n</" + tag + ">\n")
				levels = levels[:len(levels)-1]
			}
			r.str("</li>\n<li>")
		}
		r.str(`<a href="#`)
		r.out = htmlesc.Append(r.out, e.id, htmlesc.Quot|htmlesc.KeepRefs)
		r.str(`">`)
		r.inlines(e.node)
		r.str("</a>")
	}
	for range levels {
		r.str("</li>\n</" + tag + ">\n")
	}
}
