package markdown

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// The printer writes the document as Markdown directly, the way
// go/doc/comment prints its tree: one method per node kind and mark.
//
// Text is written with an escape marker (placeholder) before every
// character that may need a backslash; whether it does depends on what
// ends up around it (the start of a line, the next character), so the
// markers are resolved once a container's lines are known: for a quote
// and a list item before their lines get their prefix, for the rest at
// the end (see unescape, the one place of the escaping rules). Code
// block newlines are written as codeNewline until the end, so that the
// blank-line rules of the layout leave code alone.

// codeNewline stands for a newline in a fenced code block while the
// Markdown is written.
const codeNewline = '\uF002'

// printDoc writes doc, which has passed the schema check, as Render
// does.
func printDoc(doc *tiptap.Node, opts RenderOptions) ([]byte, []tiptapmd.Note, error) {
	w := newWriter(opts)
	out := w.print(doc)
	if w.err != nil {
		return nil, nil, w.err
	}
	return out, w.notes, nil
}

// print is Render after the schema check.
func (w *writer) print(doc *tiptap.Node) []byte {
	blocks := doc.Content
	if n := len(blocks); n >= 2 && emptyParagraph(blocks[n-1]) && blocks[n-2].Type != tiptap.TypeParagraph {
		blocks = blocks[:n-1]
	}
	out := make([]byte, 0, max(4096, sizeHint(doc)))
	for _, c := range w.children(blocks, true) {
		out = w.printBlock(out, c)
	}
	out = bytes.TrimSpace(out)
	out = squeezeNewlines(out)
	out = dropTrailingBreaks(out)
	out = w.unescape(out)
	if nl := []byte(string(codeNewline)); bytes.Contains(out, nl) {
		out = bytes.ReplaceAll(out, nl, []byte("\n"))
	}
	out = w.unprotect(out)
	out = bytes.TrimRight(out, " \t\n")
	if len(out) > 0 {
		out = append(out, '\n')
	}
	return out
}

// sizeHint guesses the length of the Markdown of doc, so that the
// printer's buffer is made once rather than grown page by page: the
// text, eight bytes a node (markup, newlines) and the string
// attributes (URLs, alt text) of nodes and marks. Over the corpus it
// comes to 1.07 times the output (0.5 to 1.9 times on a page).
func sizeHint(n *tiptap.Node) int {
	size := len(n.Text) + 8 + stringAttrs(n.Attrs)
	for _, m := range n.Marks {
		size += stringAttrs(m.Attrs)
	}
	for _, c := range n.Content {
		size += sizeHint(c)
	}
	return size
}

// inlineHint guesses the length of the Markdown of inline nodes, for
// the buffer they are printed to: their text and sixteen bytes a node
// (markup, a link's destination), without reading attributes.
func inlineHint(nodes []*tiptap.Node) int {
	size := 0
	for _, n := range nodes {
		size += len(n.Text) + 16
	}
	return size
}

// stringAttrs returns the length of the string values of attrs.
func stringAttrs(attrs map[string]any) int {
	size := 0
	for _, v := range attrs {
		if s, ok := v.(string); ok {
			size += len(s)
		}
	}
	return size
}

// children returns the blocks to write, nil standing for the comment
// that keeps two lists of one kind apart. dropEmpty says whether empty
// paragraphs may be left out here (with DropEmptyParagraphs).
//
// Most lists of blocks need neither (the callers only read the result):
// they are returned as they are, without a copy.
func (w *writer) children(blocks []*tiptap.Node, dropEmpty bool) []*tiptap.Node {
	if !w.changesChildren(blocks, dropEmpty) {
		return blocks
	}
	out := make([]*tiptap.Node, 0, len(blocks))
	var prev *tiptap.Node
	for _, b := range blocks {
		if dropEmpty && w.opts.DropEmptyParagraphs && emptyParagraph(b) {
			continue
		}
		if prev != nil && listKind(prev) != "" && listKind(prev) == listKind(b) {
			out = append(out, nil)
		}
		out = append(out, b)
		prev = b
	}
	return out
}

// changesChildren reports whether children leaves a block out or puts
// a comment between two.
func (w *writer) changesChildren(blocks []*tiptap.Node, dropEmpty bool) bool {
	var prev *tiptap.Node
	for _, b := range blocks {
		if dropEmpty && w.opts.DropEmptyParagraphs && emptyParagraph(b) {
			return true
		}
		if prev != nil && listKind(prev) != "" && listKind(prev) == listKind(b) {
			return true
		}
		prev = b
	}
	return false
}

// printBlock appends a block, between blank lines; nil is the comment
// between lists.
func (w *writer) printBlock(out []byte, n *tiptap.Node) []byte {
	if n == nil {
		return appendBlock(out, []byte(emptyComment))
	}
	switch n.Type {
	case tiptap.TypeParagraph:
		w.block = n
		if h := inlineHint(n.Content); cap(w.para) < h {
			w.para = make([]byte, 0, h)
		}
		buf := w.printInline(w.para[:0], n.Content, false)
		content := trimASCII(buf)
		if len(content) == 0 {
			out = appendBlock(out, []byte("<p></p>"))
		} else {
			out = appendBlock(out, fixLines(content))
		}
		w.para = buf[:0]
		return out
	case tiptap.TypeHeading:
		return w.printHeading(out, n)
	case tiptap.TypeBlockquote:
		var inner []byte
		for _, c := range w.children(n.Content, !allEmpty(n.Content)) {
			inner = w.printBlock(inner, c)
		}
		content := w.unescape(squeezeBlankLines(trimASCII(inner)))
		return appendBlock(out, prefixLines(content, []byte("> "), []byte("> ")))
	case tiptap.TypeBulletList, tiptap.TypeOrderedList, tiptap.TypeTaskList:
		return w.printList(out, n)
	case tiptap.TypeCodeBlock:
		if !fenceLanguage(n.AttrString("language")) {
			return w.printRaw(out, n, "a code block whose language a code fence cannot carry")
		}
		return w.printCodeBlock(out, n)
	case tiptap.TypeHorizontalRule:
		return appendBlock(out, []byte("* * *"))
	case tiptap.TypeImage:
		if n.AttrString("href") != "" {
			return w.printRaw(out, n, "an image with a link")
		}
		return w.printImage(out, n)
	case tiptap.TypeTable:
		if reason := pipeTableProblem(n); reason != "" {
			return w.printRaw(out, n, "a table that a pipe table cannot hold ("+reason+")")
		}
		return w.printTable(out, n)
	case tiptap.TypeIframe:
		return w.printRaw(out, n, "an iframe")
	case tiptap.TypeInstagram:
		return w.printRaw(out, n, "an Instagram embed")
	case tiptap.TypeCards:
		return w.printRaw(out, n, "a card grid")
	case tiptap.TypeDetailsGroup:
		return w.printRaw(out, n, "an accordion")
	default:
		return w.printRaw(out, n, "a "+n.Type+" node")
	}
}

// appendBlock appends a block with a blank line on either side (the
// layout squeezes them to one).
func appendBlock(out, block []byte) []byte {
	out = append(out, "\n\n"...)
	out = append(out, block...)
	return append(out, "\n\n"...)
}

// printRaw appends a block written as the editor's HTML.
func (w *writer) printRaw(out []byte, n *tiptap.Node, what string) []byte {
	s, err := blockHTML(n)
	if err != nil {
		// n passed the check with the document, so its HTML alone
		// does not fail; should it, Render returns the error.
		if w.err == nil {
			w.err = err
		}
		return out
	}
	if n.Type == tiptap.TypeImage {
		// kramdown would put a bare <a> in a paragraph, where the
		// editor drops the image: a block around it keeps it a block.
		s = "<div>\n" + s + "\n</div>"
	}
	w.note(n, CodeWrittenAsHTML, what+" is written as HTML")
	return appendBlock(out, []byte(w.protect(s)))
}

// printHeading appends an ATX heading; an empty one as HTML.
func (w *writer) printHeading(out []byte, n *tiptap.Node) []byte {
	level, _ := n.AttrInt("level")
	if level < 1 || level > 6 {
		level = 1
	}
	w.block = n
	content := trimASCII(w.printInline(make([]byte, 0, inlineHint(n.Content)), n.Content, true))
	tag := "h" + strconv.Itoa(level)
	if len(content) == 0 {
		return appendBlock(out, []byte("<"+tag+"></"+tag+">"))
	}
	// A "#" at the end would be read as a closing sequence.
	if content[len(content)-1] == '#' {
		content = append(bytes.TrimSuffix(content[:len(content)-1], []byte{placeholder}), '\\', '#')
	}
	out = append(out, "\n\n"...)
	out = append(out, strings.Repeat("#", level)...)
	out = append(out, ' ')
	out = append(out, content...)
	return append(out, "\n\n"...)
}

// printCodeBlock appends a fenced code block, its fence longer than any
// run of backticks in the code.
func (w *writer) printCodeBlock(out []byte, n *tiptap.Node) []byte {
	code := n.TextContent()
	fence := strings.Repeat("`", max(3, longestRun(code, '`')+1))
	out = append(out, "\n\n"...)
	out = append(out, fence...)
	out = append(out, n.AttrString("language")...)
	out = append(out, '\n')
	if code != "" {
		out = append(out, strings.ReplaceAll(w.protect(code), "\n", string(codeNewline))...)
		out = append(out, '\n')
	}
	out = append(out, fence...)
	return append(out, "\n\n"...)
}

// printImage appends a block image: ![alt](src "title"), with an
// attribute list for a size or style other than the editor's default.
func (w *writer) printImage(out []byte, n *tiptap.Node) []byte {
	src := w.destination(w.protect(n.AttrString("src")), n)
	var ial []string
	out = append(out, "\n\n!["...)
	out = append(out, w.escapeAlt(n.AttrString("alt"))...)
	out = append(out, "]("...)
	out = append(out, src...)
	if title, ok := n.Attrs["title"]; ok && title != nil {
		switch t := w.protect(escapeEntities(n.AttrString("title"))); {
		case t == "" || strings.Contains(t, `"`) && strings.Contains(t, "'"):
			ial = append(ial, `title="`+ialValue(t)+`"`)
		case strings.Contains(t, `"`):
			out = append(out, " '"+t+"'"...)
		default:
			out = append(out, ` "`+t+`"`...)
		}
	}
	out = append(out, ')')
	for _, d := range [][2]string{{"width", "100%"}, {"height", "auto"}, {"style", "width: 100%"}} {
		if v, ok := n.Attrs[d[0]]; ok && v != nil && n.AttrString(d[0]) != d[1] {
			ial = append(ial, d[0]+`="`+ialValue(w.protect(n.AttrString(d[0])))+`"`)
		}
	}
	if len(ial) > 0 {
		out = append(out, "{: "+strings.Join(ial, " ")+"}"...)
	}
	return append(out, "\n\n"...)
}

// printTable appends a pipe table: the header row, the delimiter row,
// the other rows. Cells are one line (their hard breaks are <br />).
func (w *writer) printTable(out []byte, n *tiptap.Node) []byte {
	// White space collapses over the cells of a table as over one run
	// of text (cells are not blocks to it): a space at the end of a cell
	// drops one at the start of the next, and a line ends at hard breaks
	// and at the end of the table.
	spanMark, kidMark := w.spans.Mark(), w.kids.Mark()
	defer func() { w.spans.Release(spanMark); w.kids.Release(kidMark) }()
	spans := make([][]*pspan, len(n.Content))
	c := collapser{}
	for i, row := range n.Content {
		spans[i] = make([]*pspan, len(row.Content))
		for j, cell := range row.Content {
			w.block = cell.Content[0]
			root := w.span(pspan{kind: pMark})
			w.buildSpans(root, cell.Content[0].Content, true)
			c.walk(root)
			spans[i][j] = root
		}
	}
	c.end()
	out = append(out, "\n\n"...)
	for i, row := range n.Content {
		cells := make([][]byte, len(row.Content))
		for j := range row.Content {
			cells[j] = trimASCII(w.printSpans(nil, spans[i][j].kids))
		}
		if i > 0 {
			out = append(out, '\n')
		}
		out = append(out, pipeTableRow(cells)...)
		if i == 0 {
			out = append(out, '\n')
			delims := make([][]byte, len(cells))
			for k := range delims {
				delims[k] = []byte("---")
			}
			out = append(out, pipeTableRow(delims)...)
		}
	}
	return append(out, "\n\n"...)
}

// printList appends a list. Items start with "-", "- [ ]"/"- [x]" or
// their number, their other lines indented to the item's content.
//
// kramdown decides tightness item by item: an item's first paragraph is
// bare text unless a blank line follows it (or it is the last item and
// the others are not bare). So a tight list is written with no blank
// line after any first paragraph (a nested list follows it directly),
// and a loose one with blank lines between all items; in a loose list
// of one item, a comment follows the paragraph (see below). When a tight
// list's items hold more than a paragraph and lists, kramdown's HTML
// holds paragraphs, which make the list loose for the editor: the
// attribute list {: data-tight="true"} then keeps it tight, as the
// editor's own HTML does. Other attribute lists set the start of an
// ordered list.
func (w *writer) printList(out []byte, list *tiptap.Node) []byte {
	tight := listTight(list)
	start := 1
	if list.Type == tiptap.TypeOrderedList {
		if s, ok := list.AttrInt("start"); ok {
			start = s
		}
	}
	number := start
	if number < 0 || number > 999_999_999-len(list.Content) {
		number = 1
	}
	items := make([][]byte, 0, len(list.Content))
	lastIndent := 0
	for _, item := range list.Content {
		var marker string
		switch {
		case list.Type == tiptap.TypeOrderedList:
			marker = strconv.Itoa(number) + ". "
			number++
		case list.Type == tiptap.TypeTaskList && item.AttrBool("checked"):
			marker = "- [x] "
		case list.Type == tiptap.TypeTaskList:
			marker = "- [ ] "
		default:
			marker = "- "
		}
		indent := len(marker)
		if list.Type == tiptap.TypeTaskList {
			indent = 2
		}
		var content []byte
		kids := w.children(item.Content, false)
		for k, c := range kids {
			part := w.printItemBlock(c)
			switch {
			case k == 0:
				if string(part) == "<p></p>" && (list.Type == tiptap.TypeTaskList || tight && k == len(kids)-1) {
					// kramdown needs content after the marker: an empty
					// paragraph alone in an item of a tight list (or a
					// task list, where the marker is followed by text)
					// is a comment, which leaves no paragraph for the
					// editor to see. Elsewhere it stays <p></p>: the
					// editor would take what follows a comment for the
					// item's first paragraph.
					part = []byte(emptyComment)
				}
			case tight && c != nil && listKind(c) != "" && k == 1:
				// Right after the first paragraph, or the paragraph
				// would not be bare.
				content = append(content, '\n')
			default:
				content = append(content, '\n', '\n')
			}
			content = append(content, part...)
		}
		content = w.unescape(content)
		if marker == "- " && dashesOnly(content) {
			// "- --" would be a rule.
			content = append([]byte{'\\'}, content...)
		}
		if !tight && len(list.Content) == 1 && len(item.Content) == 1 {
			// A loose list of one item whose only block is its
			// paragraph: kramdown makes the paragraph bare unless
			// something follows it in the item after a blank line. A
			// comment does, and shows nothing.
			content = append(content, "\n\n"+emptyComment...)
		}
		items = append(items, prefixLines(content, []byte(marker), []byte(strings.Repeat(" ", indent))))
		lastIndent = indent
	}
	var ial []string
	if start != 1 {
		ial = append(ial, `start="`+strconv.Itoa(start)+`"`)
	}
	if tight && list.Type != tiptap.TypeTaskList && listHasP(list) {
		ial = append(ial, `data-tight="true"`)
	}
	// An attribute list right after an HTML block is lost: an
	// end-of-block marker in the item ends the block first.
	if last := items[len(items)-1]; len(ial) > 0 && lastLineIsHTML(last) {
		items[len(items)-1] = append(last, "\n"+strings.Repeat(" ", lastIndent)+"^"...)
	}
	out = append(out, "\n\n"...)
	for i, item := range items {
		if i > 0 {
			if tight {
				out = append(out, '\n')
			} else {
				out = append(out, "\n\n"...)
			}
		}
		out = append(out, bytes.TrimRight(item, " ")...)
	}
	if len(ial) > 0 {
		out = append(out, "\n{: "+strings.Join(ial, " ")+"}"...)
	}
	return append(out, "\n\n"...)
}

// printItemBlock returns the Markdown of a block of a list item (nil:
// the comment between lists). Two blocks read differently in a list
// item: a rule after a blank line ends the list for kramdown (so it is
// written <hr />), and a tab at the start of a line becomes spaces (so
// code with one is written as HTML).
func (w *writer) printItemBlock(c *tiptap.Node) []byte {
	if c != nil {
		switch c.Type {
		case tiptap.TypeHorizontalRule:
			return []byte("<hr />")
		case tiptap.TypeCodeBlock:
			if fenceLanguage(c.AttrString("language")) && tabLine(c.TextContent()) {
				if s, err := blockHTML(c); err == nil {
					w.note(c, CodeWrittenAsHTML, "a code block in a list item with a line that starts with a tab is written as HTML")
					return []byte(w.protect(s))
				}
			}
		}
	}
	return squeezeBlankLines(trimASCII(w.printBlock(nil, c)))
}

// Layout of the whole output.

// squeezeNewlines keeps at most two newlines in a row, with the spaces
// between them dropped beyond the second. It works in place, copying
// runs: a line of nothing but spaces that ends a third newline (or
// later) in a row is left out, and what follows is moved down over it;
// the result is a prefix of b (b itself when there is nothing to leave
// out). The printer's output is its own, and squeezing it in place
// saves a copy of the whole page.
func squeezeNewlines(b []byte) []byte {
	n := -1 // the end of the result so far, once something is left out
	newlines, from, start := 0, 0, 0
	for {
		k := bytes.IndexByte(b[start:], '\n')
		if k < 0 {
			break
		}
		p := start + k
		if start > 0 && allSpaces(b[start:p]) {
			newlines++
		} else {
			newlines = 1
		}
		if newlines > 2 {
			if n < 0 {
				n = start // b[:start] is in place already
			} else {
				n += copy(b[n:], b[from:start])
			}
			from = p + 1
		}
		start = p + 1
	}
	if n < 0 {
		return b
	}
	n += copy(b[n:], b[from:])
	return b[:n]
}

// allSpaces reports whether b holds nothing but spaces.
func allSpaces(b []byte) bool {
	for _, c := range b {
		if c != ' ' {
			return false
		}
	}
	return true
}

// hasTrailingBreak reports whether b holds one of the three texts
// dropTrailingBreaks replaces ("  \n\n", "  \n  \n", "  \n \n"), looking
// once for the "  \n" they all start with.
func hasTrailingBreak(b []byte) bool {
	for {
		k := bytes.Index(b, []byte("  \n"))
		if k < 0 {
			return false
		}
		rest := b[k+3:]
		if bytes.HasPrefix(rest, []byte("\n")) || bytes.HasPrefix(rest, []byte("  \n")) || bytes.HasPrefix(rest, []byte(" \n")) {
			return true
		}
		b = b[k+1:]
	}
}

// dropTrailingBreaks drops the two spaces of a hard break before a
// blank line, where they break nothing.
func dropTrailingBreaks(b []byte) []byte {
	if !hasTrailingBreak(b) {
		return b
	}
	for _, old := range [][]byte{[]byte("  \n\n"), []byte("  \n  \n"), []byte("  \n \n")} {
		if bytes.Contains(b, old) {
			b = bytes.ReplaceAll(b, old, []byte("\n\n"))
		}
	}
	return b
}
