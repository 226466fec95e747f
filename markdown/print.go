package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/internal/liquid"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// The printer writes the document as Markdown directly, the way
// go/doc/comment prints its tree: one method per node kind and mark.
//
// Text is written with an escape marker (wPlaceholder) before every
// character that may need a backslash; whether it does depends on what
// ends up around it (the start of a line, the next character), so the
// markers are resolved once a container's lines are known: for a quote
// and a list item before their lines get their prefix, for the rest at
// the end (see unescape, the one place of the escaping rules). Code
// block newlines are written as wCodeNewline until the end, so that the
// blank-line rules of the layout leave code alone.

// wCodeNewline stands for a newline in a fenced code block while the
// Markdown is written.
const wCodeNewline = '\uF002'

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
	if n := len(blocks); n >= 2 && wEmptyParagraph(blocks[n-1]) && blocks[n-2].Type != tiptap.TypeParagraph {
		blocks = blocks[:n-1]
	}
	out := make([]byte, 0, 4096)
	for _, c := range w.children(blocks, true) {
		out = w.printBlock(out, c)
	}
	out = bytes.TrimSpace(out)
	out = wSqueezeNewlines(out)
	out = wDropTrailingBreaks(out)
	out = w.unescape(out)
	if nl := []byte(string(wCodeNewline)); bytes.Contains(out, nl) {
		out = bytes.ReplaceAll(out, nl, []byte("\n"))
	}
	out = w.unprotect(out)
	out = bytes.TrimRight(out, " \t\n")
	if len(out) > 0 {
		out = append(out, '\n')
	}
	return out
}

// children returns the blocks to write, nil standing for the comment
// that keeps two lists of one kind apart. dropEmpty says whether empty
// paragraphs may be left out here (with DropEmptyParagraphs).
func (w *writer) children(blocks []*tiptap.Node, dropEmpty bool) []*tiptap.Node {
	out := make([]*tiptap.Node, 0, len(blocks))
	var prev *tiptap.Node
	for _, b := range blocks {
		if dropEmpty && w.opts.DropEmptyParagraphs && wEmptyParagraph(b) {
			continue
		}
		if prev != nil && wListKind(prev) != "" && wListKind(prev) == wListKind(b) {
			out = append(out, nil)
		}
		out = append(out, b)
		prev = b
	}
	return out
}

// printBlock appends a block, between blank lines; nil is the comment
// between lists.
func (w *writer) printBlock(out []byte, n *tiptap.Node) []byte {
	if n == nil {
		return wAppendBlock(out, []byte(wComment))
	}
	switch n.Type {
	case tiptap.TypeParagraph:
		w.block = n
		content := wTrim(w.printInline(nil, n.Content, false))
		if len(content) == 0 {
			return wAppendBlock(out, []byte("<p></p>"))
		}
		return wAppendBlock(out, wFixLines(content))
	case tiptap.TypeHeading:
		return w.printHeading(out, n)
	case tiptap.TypeBlockquote:
		var inner []byte
		for _, c := range w.children(n.Content, !wAllEmpty(n.Content)) {
			inner = w.printBlock(inner, c)
		}
		content := w.unescape(wSqueezeBlankLines(wTrim(inner)))
		return wAppendBlock(out, wPrefixLines(content, []byte("> "), []byte("> ")))
	case tiptap.TypeBulletList, tiptap.TypeOrderedList, tiptap.TypeTaskList:
		return w.printList(out, n)
	case tiptap.TypeCodeBlock:
		if !wFenceLanguage(n.AttrString("language")) {
			return w.printRaw(out, n, "a code block whose language a code fence cannot carry")
		}
		return w.printCodeBlock(out, n)
	case tiptap.TypeHorizontalRule:
		return wAppendBlock(out, []byte("* * *"))
	case tiptap.TypeImage:
		if n.AttrString("href") != "" {
			return w.printRaw(out, n, "an image with a link")
		}
		return w.printImage(out, n)
	case tiptap.TypeTable:
		if reason := wPipeTableProblem(n); reason != "" {
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

// wAppendBlock appends a block with a blank line on either side (the
// layout squeezes them to one).
func wAppendBlock(out, block []byte) []byte {
	out = append(out, "\n\n"...)
	out = append(out, block...)
	return append(out, "\n\n"...)
}

// printRaw appends a block written as the editor's HTML.
func (w *writer) printRaw(out []byte, n *tiptap.Node, what string) []byte {
	s, err := wBlockHTML(n)
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
	return wAppendBlock(out, []byte(w.protect(s)))
}

// printHeading appends an ATX heading; an empty one as HTML.
func (w *writer) printHeading(out []byte, n *tiptap.Node) []byte {
	level, _ := n.AttrInt("level")
	if level < 1 || level > 6 {
		level = 1
	}
	w.block = n
	content := wTrim(w.printInline(nil, n.Content, true))
	tag := "h" + strconv.Itoa(level)
	if len(content) == 0 {
		return wAppendBlock(out, []byte("<"+tag+"></"+tag+">"))
	}
	// A "#" at the end would be read as a closing sequence.
	if content[len(content)-1] == '#' {
		content = append(bytes.TrimSuffix(content[:len(content)-1], []byte{wPlaceholder}), '\\', '#')
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
	fence := strings.Repeat("`", max(3, wLongestRun(code, '`')+1))
	out = append(out, "\n\n"...)
	out = append(out, fence...)
	out = append(out, n.AttrString("language")...)
	out = append(out, '\n')
	if code != "" {
		out = append(out, strings.ReplaceAll(w.protect(code), "\n", string(wCodeNewline))...)
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
		switch t := w.protect(wEscapeEntities(n.AttrString("title"))); {
		case t == "" || strings.Contains(t, `"`) && strings.Contains(t, "'"):
			ial = append(ial, `title="`+wIALValue(t)+`"`)
		case strings.Contains(t, `"`):
			out = append(out, " '"+t+"'"...)
		default:
			out = append(out, ` "`+t+`"`...)
		}
	}
	out = append(out, ')')
	for _, d := range [][2]string{{"width", "100%"}, {"height", "auto"}, {"style", "width: 100%"}} {
		if v, ok := n.Attrs[d[0]]; ok && v != nil && n.AttrString(d[0]) != d[1] {
			ial = append(ial, d[0]+`="`+wIALValue(w.protect(n.AttrString(d[0])))+`"`)
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
	spans := make([][]*pspan, len(n.Content))
	c := collapser{}
	for i, row := range n.Content {
		spans[i] = make([]*pspan, len(row.Content))
		for j, cell := range row.Content {
			w.block = cell.Content[0]
			root := &pspan{kind: pMark}
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
			cells[j] = wTrim(w.printSpans(nil, spans[i][j].kids))
		}
		if i > 0 {
			out = append(out, '\n')
		}
		out = append(out, wTableRow(cells)...)
		if i == 0 {
			out = append(out, '\n')
			delims := make([][]byte, len(cells))
			for k := range delims {
				delims[k] = []byte("---")
			}
			out = append(out, wTableRow(delims)...)
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
	tight := wTight(list)
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
					part = []byte(wComment)
				}
			case tight && c != nil && wListKind(c) != "" && k == 1:
				// Right after the first paragraph, or the paragraph
				// would not be bare.
				content = append(content, '\n')
			default:
				content = append(content, '\n', '\n')
			}
			content = append(content, part...)
		}
		content = w.unescape(content)
		if marker == "- " && wDashesOnly(content) {
			// "- --" would be a rule.
			content = append([]byte{'\\'}, content...)
		}
		if !tight && len(list.Content) == 1 && len(item.Content) == 1 {
			// A loose list of one item whose only block is its
			// paragraph: kramdown makes the paragraph bare unless
			// something follows it in the item after a blank line. A
			// comment does, and shows nothing.
			content = append(content, "\n\n"+wComment...)
		}
		items = append(items, wPrefixLines(content, []byte(marker), []byte(strings.Repeat(" ", indent))))
		lastIndent = indent
	}
	var ial []string
	if start != 1 {
		ial = append(ial, `start="`+strconv.Itoa(start)+`"`)
	}
	if tight && list.Type != tiptap.TypeTaskList && wListHasP(list) {
		ial = append(ial, `data-tight="true"`)
	}
	// An attribute list right after an HTML block is lost: an
	// end-of-block marker in the item ends the block first.
	if last := items[len(items)-1]; len(ial) > 0 && wLastLineIsHTML(last) {
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
			if wFenceLanguage(c.AttrString("language")) && wTabLine(c.TextContent()) {
				if s, err := wBlockHTML(c); err == nil {
					w.note(c, CodeWrittenAsHTML, "a code block in a list item with a line that starts with a tab is written as HTML")
					return []byte(w.protect(s))
				}
			}
		}
	}
	return wSqueezeBlankLines(wTrim(w.printBlock(nil, c)))
}

// Inline content. The marks of a run nest as Markdown needs them (see
// wOpenOrder); the run is built as a small tree of spans, white space is
// collapsed over it as a browser collapses it over the editor's HTML,
// and the tree is printed.

// pspan is a piece of inline content.
type pspan struct {
	kind pKind
	// text: the text of a pText (white space collapsed), the HTML of
	// a pRaw, the code of a pCode.
	text string
	// mark is the mark of a pMark.
	mark tiptap.Mark
	// href and target are a link's destination and target.
	href, target string
	// htmlBreak asks for <br /> rather than two spaces and a newline.
	htmlBreak bool
	kids      []*pspan
}

type pKind uint8

const (
	pText pKind = iota
	pRaw        // written as it is
	pBreak
	pMark // bold, italic, strike, link, superscript, subscript
	pCode
)

// printInline appends inline content. htmlBreaks says that hard breaks
// must be <br /> (headings and table cells are one line).
func (w *writer) printInline(out []byte, nodes []*tiptap.Node, htmlBreaks bool) []byte {
	root := &pspan{kind: pMark}
	w.buildSpans(root, nodes, htmlBreaks)
	c := collapser{}
	c.walk(root)
	c.end()
	return w.printSpans(out, root.kids)
}

// buildSpans builds the spans of inline nodes under root.
func (w *writer) buildSpans(root *pspan, nodes []*tiptap.Node, htmlBreaks bool) {
	type open struct {
		mark tiptap.Mark
		s    *pspan
	}
	var stack []open
	cur := func() *pspan {
		if len(stack) == 0 {
			return root
		}
		return stack[len(stack)-1].s
	}
	openMarks := func() []tiptap.Mark {
		ms := make([]tiptap.Mark, len(stack))
		for i, o := range stack {
			ms[i] = o.mark
		}
		return ms
	}
	add := func(s *pspan) { p := cur(); p.kids = append(p.kids, s) }
	for i := 0; i < len(nodes); i++ {
		n := nodes[i]
		marks := wSortedMarks(n.Marks)
		keep := 0
		for keep < len(stack) && wContainsMark(marks, stack[keep].mark) {
			keep++
		}
		stack = stack[:keep]
		raw := false
		for _, m := range wOpenOrder(nodes, i, marks, openMarks()) {
			if m.Type == tiptap.MarkUnderline || m.Type == tiptap.MarkHighlight {
				outside := openMarks()
				need := append(outside, m)
				j := i + 1
				for j < len(nodes) && wHasMarks(nodes[j], need) {
					j++
				}
				add(&pspan{kind: pRaw, text: w.protect(w.inlineHTML(nodes[i:j], outside))})
				i = j - 1
				raw = true
				break
			}
			s := w.markSpan(m)
			add(s)
			stack = append(stack, open{m, s})
		}
		if raw {
			continue
		}
		switch n.Type {
		case tiptap.TypeText:
			if s := cur(); s.kind == pCode {
				s.text += w.protect(n.Text)
				break
			}
			w.textSpans(cur(), n.Text)
		case tiptap.TypeHardBreak:
			add(&pspan{kind: pBreak, htmlBreak: htmlBreaks || wBreakNeedsHTML(nodes, i)})
		}
	}
}

// markSpan returns the span of mark m.
func (w *writer) markSpan(m tiptap.Mark) *pspan {
	switch m.Type {
	case tiptap.MarkCode:
		return &pspan{kind: pCode}
	case tiptap.MarkLink:
		w.linkNotes(m)
		s := &pspan{kind: pMark, mark: m, href: w.destination(w.protect(m.AttrString("href")), nil)}
		if t := m.AttrString("target"); w.opts.LinkTargets && t != "" {
			s.target = w.protect(t)
		}
		return s
	}
	return &pspan{kind: pMark, mark: m}
}

// textSpans appends text as text spans and verbatim Liquid.
func (w *writer) textSpans(parent *pspan, s string) {
	for s != "" {
		i, j := liquid.Next(s)
		if i < 0 {
			parent.kids = append(parent.kids, &pspan{kind: pText, text: w.markdownText(s)})
			return
		}
		if i > 0 {
			parent.kids = append(parent.kids, &pspan{kind: pText, text: w.markdownText(s[:i])})
		}
		parent.kids = append(parent.kids, &pspan{kind: pRaw, text: w.protect(w.inertLiquid(s[i:j]))})
		s = s[j:]
	}
}

// collapser collapses white space over inline content as a browser
// does: runs of ASCII white space become one space, and a space is
// dropped at the start and end of a line (at a hard break or the end of
// the block) and after another. Verbatim HTML and code count as text
// that is not white space.
type collapser struct {
	// last is the text span that the last text went to; nil at the
	// start of a line, and for verbatim content (which ends with no
	// space).
	last  *pspan
	atom  bool // the last text was verbatim content or code
	begun bool // text was seen on this line
}

func (c *collapser) walk(s *pspan) {
	for _, k := range s.kids {
		switch k.kind {
		case pText:
			t := wCollapseSpaces(k.text)
			if (!c.begun || c.last != nil && !c.atom && strings.HasSuffix(c.last.text, " ")) && strings.HasPrefix(t, " ") {
				t = t[1:]
			}
			k.text = t
			if t == "" {
				continue
			}
			c.last, c.atom, c.begun = k, false, true
		case pRaw:
			c.last, c.atom, c.begun = nil, true, true
		case pCode:
			c.last, c.atom, c.begun = nil, true, true
			c.walk(k)
		case pBreak:
			c.end()
		case pMark:
			c.walk(k)
		}
	}
}

// end ends a line: a space at its end is dropped.
func (c *collapser) end() {
	if c.last != nil && !c.atom {
		c.last.text = strings.TrimSuffix(c.last.text, " ")
	}
	c.last, c.atom, c.begun = nil, false, false
}

// wCollapseSpaces replaces every run of spaces, tabs and line breaks by
// one space.
func wCollapseSpaces(s string) string {
	if !strings.ContainsAny(s, "\t\n\r") && !strings.Contains(s, "  ") {
		return s
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\r':
			if !space {
				b = append(b, ' ')
			}
			space = true
		default:
			b = append(b, c)
			space = false
		}
	}
	return string(b)
}

// printSpans appends spans.
func (w *writer) printSpans(out []byte, spans []*pspan) []byte {
	for _, s := range spans {
		out = w.printSpan(out, s)
	}
	return out
}

func (w *writer) printSpan(out []byte, s *pspan) []byte {
	switch s.kind {
	case pText:
		return wMarkText(out, s.text)
	case pRaw:
		return append(out, s.text...)
	case pBreak:
		if s.htmlBreak {
			return append(out, "<br />"...)
		}
		return append(out, "  \n"...)
	case pCode:
		return wAppendCode(out, s.text)
	}
	switch s.mark.Type {
	case tiptap.MarkBold:
		return wAppendEmphasis(out, w.printSpans(nil, s.kids), "**")
	case tiptap.MarkItalic:
		return wAppendEmphasis(out, w.printSpans(nil, s.kids), "*")
	case tiptap.MarkStrike:
		return wAppendEmphasis(out, w.printSpans(nil, s.kids), "~~")
	case tiptap.MarkLink:
		return w.printLink(out, s)
	case tiptap.MarkSuperscript, tiptap.MarkSubscript:
		tag := wMarkTag(s.mark.Type)
		out = append(out, "<"+tag+">"...)
		out = w.printSpans(out, s.kids)
		return append(out, "</"+tag+">"...)
	}
	return w.printSpans(out, s.kids)
}

// wMarkText appends text with "<" and ">" as references and an escape
// marker before every character that may need a backslash (a NUL
// becomes U+FFFD).
func wMarkText(out []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '<':
			out = append(out, "&lt;"...)
		case '>':
			out = append(out, "&gt;"...)
		case 0:
			out = append(out, "\uFFFD"...)
		case '\\', '*', '_', '-', '+', '.', '|', '$', '#', '=', '[', ']', '(', ')', '!', '~', '`', '"', '\'', '{', ':':
			out = append(out, wPlaceholder, c)
		default:
			out = append(out, c)
		}
	}
	return out
}

// wAppendCode appends a code span as kramdown reads one: it ends at the
// first run of its delimiter's length, and only a delimiter of two
// backticks or more drops one space on each side. Code that holds two
// backticks in a row is the editor's HTML: three at the start of a line
// would open a fenced code block.
func wAppendCode(out []byte, code string) []byte {
	switch run := wLongestRun(code, '`'); {
	case run == 0 && code != "" && code[0] != ' ' && code[0] != '\t':
		return append(out, "`"+code+"`"...)
	case run <= 1:
		return append(out, "`` "+code+" ``"...)
	default:
		return append(out, "<code>"+wEscapeHTML(code, false)+"</code>"...)
	}
}

// wAppendEmphasis appends bold, italic or strike text: the delimiter
// around each line of the content (a hard break ends a line), with the
// white space at either end of a line moved out, since Markdown
// emphasis can neither start nor end with a space. White space alone
// stays unmarked.
func wAppendEmphasis(out, content []byte, delim string) []byte {
	for i := 0; ; i++ {
		line := content
		next := bytes.IndexByte(content, '\n')
		if next >= 0 {
			line = content[:next]
		}
		if i > 0 {
			out = append(out, '\n')
		}
		text := bytes.TrimLeft(line, " \t")
		lead := line[:len(line)-len(text)]
		text = bytes.TrimRight(text, " \t")
		trail := line[len(lead)+len(text):]
		out = append(out, lead...)
		switch {
		case len(text) == 0:
		case delim == "*" && bytes.HasPrefix(text, []byte("**")):
			// kramdown reads "***" as bold first: when bold opens where
			// italic does, italic is the HTML tag.
			out = append(out, "<em>"...)
			out = append(out, text...)
			out = append(out, "</em>"...)
		default:
			out = append(out, delim...)
			out = append(out, text...)
			out = append(out, delim...)
		}
		out = append(out, trail...)
		if next < 0 {
			return out
		}
		content = content[next+1:]
	}
}

// printLink appends [text](url), and the target as an attribute list
// with LinkTargets. The text keeps its spaces: kramdown links may start
// and end with one.
func (w *writer) printLink(out []byte, s *pspan) []byte {
	// A "]" in the text would end it.
	text := bytes.ReplaceAll(w.printSpans(nil, s.kids), []byte{wPlaceholder, ']'}, []byte(`\]`))
	// "[^" starts a footnote, and "^" takes no backslash.
	if bytes.HasPrefix(text, []byte("^")) {
		text = append([]byte("&#94;"), text[1:]...)
	}
	out = append(out, '[')
	out = append(out, text...)
	out = append(out, "]("...)
	out = append(out, s.href...)
	out = append(out, ')')
	if s.target != "" {
		out = append(out, `{:target="`+wIALValue(s.target)+`"}`...)
	}
	return out
}

// Layout of the whole output.

// wSqueezeNewlines keeps at most two newlines in a row, with the spaces
// between them dropped beyond the second.
func wSqueezeNewlines(b []byte) []byte {
	out := make([]byte, 0, len(b))
	newlines, spaces := 0, 0
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '\n':
			newlines++
			if newlines <= 2 {
				out = append(out, b[i-spaces:i+1]...)
			}
			spaces = 0
		case ' ':
			spaces++
		default:
			newlines = 0
			out = append(out, b[i-spaces:i+1]...)
			spaces = 0
		}
	}
	return append(out, b[len(b)-spaces:]...)
}

// wDropTrailingBreaks drops the two spaces of a hard break before a
// blank line, where they break nothing.
func wDropTrailingBreaks(b []byte) []byte {
	for _, old := range [][]byte{[]byte("  \n\n"), []byte("  \n  \n"), []byte("  \n \n")} {
		if bytes.Contains(b, old) {
			b = bytes.ReplaceAll(b, old, []byte("\n\n"))
		}
	}
	return b
}

// unescape resolves the escape markers of b: each becomes a backslash
// where the character after it would otherwise mean something to
// kramdown or to CommonMark readers, and nothing elsewhere. These are
// the escaping rules, all in one place:
//
//   - always: "\", "|", "{", "`";
//   - "*" and "_": kramdown's rules (see unescapeKramdown), and before a
//     character that is not white space (it could open emphasis);
//   - at the start of a line (after spaces): ">" (a quote), "#" up to six
//     and a space (a heading), "-", "*" or "+" and a space (a list item),
//     three or more of one of "-", "_", "*" and spaces only (a rule: the
//     first is escaped), "```" or "~~~" (a fence: the first is escaped),
//     digits and "." or ")" and a space (an ordered list);
//   - "=" or "-" on the line after text (a Setext underline);
//   - "[" with a "]" after it on its line, "!" before "[";
//   - "~" before a character that is not white space (strikethrough);
//   - the kramdown specials of unescapeKramdown.
func (w *writer) unescape(b []byte) []byte {
	if bytes.IndexByte(b, wPlaceholder) < 0 {
		return b
	}
	w.brackets = bracketMemo{}
	escape := make([]bool, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] != wPlaceholder {
			continue
		}
		if i+1 >= len(b) {
			break
		}
		if skip := w.escapeRule(b, i+1); skip > 0 {
			escape[i] = true
			i += skip - 1
		}
	}
	out := make([]byte, 0, len(b)+8)
	for i, c := range b {
		switch {
		case c != wPlaceholder:
			out = append(out, c)
		case escape[i]:
			out = append(out, '\\')
		}
	}
	return out
}

// escapeRule returns how many bytes from chars[i] on a backslash before
// chars[i] settles (the markers in them need none), or 0 when it needs
// none.
func (w *writer) escapeRule(chars []byte, i int) int {
	if k := w.unescapeKramdown(chars, i); k != -1 {
		return k
	}
	c := chars[i]
	switch c {
	case '\\', '`':
		if c == '`' {
			if k := wFenceRun(chars, i); k > 0 {
				return k
			}
		}
		return 1
	case '*', '_':
		if r := wNextRune(chars, i); r != 0 && !unicode.IsSpace(r) {
			return 1
		}
	case '>':
		if wAtLineStart(chars, i) {
			return 1
		}
	case '#':
		if k := wATXRun(chars, i); k > 0 {
			return k
		}
	case '!':
		if i+1 < len(chars) && chars[i+1] == '[' {
			return 1
		}
	case '~':
		if k := wFenceRun(chars, i); k > 0 {
			return k
		}
		if r := wNextRune(chars, i); r != 0 && !unicode.IsSpace(r) {
			return 1 // it could open strikethrough
		}
		return 0
	}
	if c == '=' || c == '-' {
		if wSetextLine(chars, i) {
			return 1
		}
	}
	if c == '-' || c == '_' || c == '*' {
		if k := wRuleRun(chars, i); k > 0 {
			return k
		}
	}
	if (c == '.' || c == ')') && wOrderedMarker(chars, i) {
		return 1
	}
	if (c == '-' || c == '*' || c == '+') && wAtLineStart(chars, i) && wSpaceOrEnd(wNext(chars, i)) {
		return 1
	}
	return 0
}

// wSpaceOrEnd reports whether c is white space (of one byte, or the
// first byte of U+0085 or U+00A0) or the end.
func wSpaceOrEnd(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\v', '\f', '\r', ' ', 0x85, 0xA0:
		return true
	}
	return false
}

// wNextRune returns the character after chars[i], markers skipped, or 0
// at the end.
func wNextRune(chars []byte, i int) rune {
	for k := i + 1; k < len(chars); k++ {
		if chars[k] != wPlaceholder {
			r, _ := utf8.DecodeRune(chars[k:])
			return r
		}
	}
	return 0
}

// wFenceRun returns the length of a run of three or more "`" and "~"
// (markers aside) that starts a line at chars[i], or 0.
func wFenceRun(chars []byte, i int) int {
	if !wAtLineStart(chars, i) {
		return 0
	}
	count, k := 1, i+1
	for ; k < len(chars); k++ {
		switch chars[k] {
		case wPlaceholder:
		case '`', '~':
			count++
		default:
			goto done
		}
	}
done:
	if count < 3 {
		return 0
	}
	return k - i
}

// wATXRun returns, for a "#" that starts a line at chars[i], the length
// of the run of up to six "#" and the space after it (a heading's
// marker), or 0.
func wATXRun(chars []byte, i int) int {
	if !wAtLineStart(chars, i) {
		return 0
	}
	count := 1
	for k := i + 1; k < len(chars); k++ {
		switch chars[k] {
		case '#':
			count++
			if count > 6 {
				return 0
			}
		case wPlaceholder:
		case ' ', '\t', '\n', '\r':
			return k - i
		default:
			return 0
		}
	}
	return 1
}

// wSetextLine reports whether chars[i] stands, after spaces, on the
// line right after a line of text (a Setext heading's underline).
func wSetextLine(chars []byte, i int) bool {
	newlines := 0
	for k := i - 1; k >= 0; k-- {
		switch chars[k] {
		case wPlaceholder, ' ':
		case '\n':
			newlines++
		default:
			return newlines == 1
		}
	}
	return false
}

// wRuleRun returns, for a "-", "_" or "*" that starts a line at
// chars[i] followed by two or more of it and spaces only, the length up
// to the end of the line; 0 otherwise.
func wRuleRun(chars []byte, i int) int {
	if !wAtLineStart(chars, i) {
		return 0
	}
	count, end := 1, len(chars)
	for k := i + 1; k < len(chars); k++ {
		switch chars[k] {
		case wPlaceholder, ' ':
			continue
		case chars[i]:
			count++
			continue
		case '\n':
			end = k
		default:
			return 0
		}
		break
	}
	if count < 3 {
		return 0
	}
	return end - i
}

// wOrderedMarker reports whether the "." or ")" at chars[i] ends an
// ordered list marker: digits (and spaces) from the start of the line,
// a digit right before it and white space or the end after it.
func wOrderedMarker(chars []byte, i int) bool {
	prev := rune(0)
	for k := i - 1; k >= 0; k-- {
		if chars[k] != wPlaceholder {
			prev, _ = utf8.DecodeLastRune(chars[:k+1])
			break
		}
	}
	if !unicode.IsDigit(prev) {
		return false
	}
	for k := i - 1; k >= 0 && chars[k] != '\n'; k-- {
		if c := chars[k]; c != ' ' && c != wPlaceholder && (c < '0' || c > '9') {
			return false
		}
	}
	return wSpaceOrEnd(wNext(chars, i))
}
