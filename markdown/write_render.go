package markdown

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/marker"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/tiptapmd/tiptapmd/tiptap"
	"golang.org/x/net/html"
)

// newConverter returns the html-to-markdown converter of one Render
// call: its base, CommonMark and strikethrough plugins, with our
// renderers for what kramdown reads differently or what the converter's
// defaults lose. The renderers are methods of w, so the converter
// cannot outlive the call; building one costs a few maps.
func (w *writer) newConverter() *converter.Converter {
	conv := converter.NewConverter(
		converter.WithEscapeMode(converter.EscapeModeSmart),
		converter.WithPlugins(
			base.NewBasePlugin(),
			commonmark.NewCommonmarkPlugin(
				commonmark.WithBulletListMarker("-"),
				commonmark.WithEmDelimiter("*"),
				commonmark.WithStrongDelimiter("**"),
				commonmark.WithHeadingStyle(commonmark.HeadingStyleATX),
				commonmark.WithCodeBlockFence("```"),
				commonmark.WithHorizontalRule("* * *"),
				commonmark.WithListEndComment(false),
			),
			strikethrough.NewStrikethroughPlugin(strikethrough.WithDelimiter("~~")),
		),
	)
	r := &conv.Register
	r.EscapedChar('{', ':')
	r.UnEscaper(w.unescapeKramdown, converter.PriorityEarly)

	block := func(tag string, fn converter.HandleRenderFunc) {
		r.RendererFor(tag, converter.TagTypeBlock, fn, converter.PriorityEarly)
	}
	inline := func(tag string, fn converter.HandleRenderFunc) {
		r.RendererFor(tag, converter.TagTypeInline, fn, converter.PriorityEarly)
	}
	block("p", w.renderParagraph)
	for _, h := range []string{"h1", "h2", "h3", "h4", "h5", "h6"} {
		block(h, w.renderHeading)
	}
	block("blockquote", w.renderBlockquote)
	block("ul", w.renderList)
	block("ol", w.renderList)
	block("pre", w.renderCodeBlock)
	block("img", w.renderImage)
	block("table", w.renderTable)
	block(wRawBlock, w.renderRawBlock)
	inline(wRawInline, w.renderRawInline)
	inline("br", w.renderBreak)
	inline("a", w.renderLink)
	inline(wCode, w.renderCode)
	inline(wStrong, w.renderEmphasis("**"))
	inline(wEm, w.renderEmphasis("*"))
	inline(wStrike, w.renderEmphasis("~~"))
	inline("sup", w.renderHTMLMark)
	inline("sub", w.renderHTMLMark)
	return conv
}

func (w *writer) renderRawBlock(_ converter.Context, out converter.Writer, n *html.Node) converter.RenderStatus {
	s, _ := wGetAttr(n, wAttrHTML)
	out.WriteString("\n\n")
	out.WriteString(s)
	out.WriteString("\n\n")
	return converter.RenderSuccess
}

func (w *writer) renderRawInline(_ converter.Context, out converter.Writer, n *html.Node) converter.RenderStatus {
	s, _ := wGetAttr(n, wAttrHTML)
	out.WriteString(s)
	return converter.RenderSuccess
}

// wRenderTrimmed renders the children of n and returns them with the
// white space around them trimmed.
func wRenderTrimmed(ctx converter.Context, n *html.Node) []byte {
	var buf bytes.Buffer
	ctx.RenderChildNodes(ctx, &buf, n)
	return wTrim(buf.Bytes())
}

// renderParagraph writes a paragraph; an empty one as <p></p>.
func (w *writer) renderParagraph(ctx converter.Context, out converter.Writer, n *html.Node) converter.RenderStatus {
	content := wRenderTrimmed(ctx, n)
	out.WriteString("\n\n")
	if len(content) == 0 {
		out.WriteString("<p></p>")
	} else {
		out.Write(wFixLines(content))
	}
	out.WriteString("\n\n")
	return converter.RenderSuccess
}

// renderBreak writes a hard break: two spaces and a newline, or <br />
// where the build asked for it.
func (w *writer) renderBreak(_ converter.Context, out converter.Writer, n *html.Node) converter.RenderStatus {
	if _, ok := wGetAttr(n, wAttrBreak); ok {
		out.WriteString("<br />")
	} else {
		out.WriteString("  \n")
	}
	return converter.RenderSuccess
}

// renderHeading writes an ATX heading; an empty one as HTML.
func (w *writer) renderHeading(ctx converter.Context, out converter.Writer, n *html.Node) converter.RenderStatus {
	content := wRenderTrimmed(ctx, n)
	out.WriteString("\n\n")
	if len(content) == 0 {
		out.WriteString("<" + n.Data + "></" + n.Data + ">")
		out.WriteString("\n\n")
		return converter.RenderSuccess
	}
	// A "#" at the end would be read as a closing sequence.
	if content[len(content)-1] == '#' {
		content = append(bytes.TrimSuffix(content[:len(content)-1], []byte{wPlaceholder}), '\\', '#')
	}
	out.WriteString(strings.Repeat("#", int(n.Data[1]-'0')))
	out.WriteByte(' ')
	out.Write(content)
	out.WriteString("\n\n")
	return converter.RenderSuccess
}

// renderBlockquote writes a quote: its blocks, each line after "> ".
func (w *writer) renderBlockquote(ctx converter.Context, out converter.Writer, n *html.Node) converter.RenderStatus {
	content := ctx.UnEscapeContent(wSqueezeBlankLines(wRenderTrimmed(ctx, n)))
	out.WriteString("\n\n")
	out.Write(wPrefixLines(content, []byte("> "), []byte("> ")))
	out.WriteString("\n\n")
	return converter.RenderSuccess
}

// wTrim trims ASCII white space: other white space is text.
func wTrim(b []byte) []byte { return bytes.Trim(b, " \t\n") }

// wSqueezeBlankLines empties lines of white space and keeps at most one
// blank line in a row (blocks are written with blank lines on both
// sides).
func wSqueezeBlankLines(b []byte) []byte {
	lines := bytes.Split(b, []byte("\n"))
	out := lines[:0]
	blank := false
	for _, line := range lines {
		if len(bytes.Trim(line, " ")) == 0 {
			if blank {
				continue
			}
			blank = true
			out = append(out, nil)
			continue
		}
		blank = false
		out = append(out, line)
	}
	return bytes.Join(out, []byte("\n"))
}

// wPrefixLines puts first before the first line of b and rest before the
// others, blank lines aside (they get rest without its trailing
// spaces). The newlines of code blocks, still markers at this stage,
// count as lines.
func wPrefixLines(b, first, rest []byte) []byte {
	nl := marker.BytesMarkerCodeBlockNewline
	var out []byte
	out = append(out, first...)
	bare := bytes.TrimRight(rest, " ")
	for i := 0; i < len(b); {
		switch {
		case b[i] == '\n':
			out = append(out, '\n')
			i++
		case bytes.HasPrefix(b[i:], nl):
			out = append(out, nl...)
			i += len(nl)
		default:
			out = append(out, b[i])
			i++
			continue
		}
		if i >= len(b) || b[i] == '\n' || bytes.HasPrefix(b[i:], nl) {
			out = append(out, bare...)
		} else {
			out = append(out, rest...)
		}
	}
	return out
}

// renderCodeBlock writes a fenced code block, its fence longer than any
// run of backticks in the code.
func (w *writer) renderCodeBlock(_ converter.Context, out converter.Writer, n *html.Node) converter.RenderStatus {
	node := w.nodes[n]
	code := node.TextContent()
	fence := strings.Repeat("`", max(3, wLongestRun(code, '`')+1))
	out.WriteString("\n\n")
	out.WriteString(fence)
	out.WriteString(node.AttrString("language"))
	out.WriteByte('\n')
	if code != "" {
		code = w.protect(code)
		out.WriteString(strings.ReplaceAll(code, "\n", string(marker.BytesMarkerCodeBlockNewline)))
		out.WriteByte('\n')
	}
	out.WriteString(fence)
	out.WriteString("\n\n")
	return converter.RenderSuccess
}

// wLongestRun returns the length of the longest run of c in s.
func wLongestRun(s string, c byte) int {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}

// renderCode writes a code span as kramdown reads one: it ends at the
// first run of its delimiter's length, and only a delimiter of two
// backticks or more drops one space on each side. Code that holds two
// backticks in a row is the editor's HTML: three at the start of a line
// would open a fenced code block.
func (w *writer) renderCode(_ converter.Context, out converter.Writer, n *html.Node) converter.RenderStatus {
	code, _ := wGetAttr(n, wAttrText)
	switch run := wLongestRun(code, '`'); {
	case run == 0 && code != "" && code[0] != ' ' && code[0] != '\t':
		out.WriteString("`" + code + "`")
	case run <= 1:
		out.WriteString("`` " + code + " ``")
	default:
		out.WriteString("<code>" + wEscapeHTML(code, false) + "</code>")
	}
	return converter.RenderSuccess
}

// renderEmphasis returns the renderer of bold, italic or strike text:
// the delimiter around each line of the content (a hard break ends a
// line), with the white space at either end of a line moved out, since
// Markdown emphasis can neither start nor end with a space. White space
// alone stays unmarked.
func (w *writer) renderEmphasis(delim string) converter.HandleRenderFunc {
	return func(ctx converter.Context, out converter.Writer, n *html.Node) converter.RenderStatus {
		var buf bytes.Buffer
		ctx.RenderChildNodes(ctx, &buf, n)
		lines := bytes.Split(buf.Bytes(), []byte("\n"))
		for i, line := range lines {
			if i > 0 {
				out.WriteByte('\n')
			}
			text := bytes.TrimLeft(line, " \t")
			lead := line[:len(line)-len(text)]
			text = bytes.TrimRight(text, " \t")
			trail := line[len(lead)+len(text):]
			out.Write(lead)
			switch {
			case len(text) == 0:
			case delim == "*" && bytes.HasPrefix(text, []byte("**")):
				// kramdown reads "***" as bold first: when bold opens
				// where italic does, italic is the HTML tag.
				out.WriteString("<em>")
				out.Write(text)
				out.WriteString("</em>")
			default:
				out.WriteString(delim)
				out.Write(text)
				out.WriteString(delim)
			}
			out.Write(trail)
		}
		return converter.RenderSuccess
	}
}

// renderHTMLMark writes superscript and subscript as the editor's tags;
// kramdown reads the Markdown inside them.
func (w *writer) renderHTMLMark(ctx converter.Context, out converter.Writer, n *html.Node) converter.RenderStatus {
	out.WriteString("<" + n.Data + ">")
	ctx.RenderChildNodes(ctx, out, n)
	out.WriteString("</" + n.Data + ">")
	return converter.RenderSuccess
}

// renderLink writes [text](url), and the target as an attribute list
// with LinkTargets. The text keeps its spaces: kramdown links may start
// and end with one.
func (w *writer) renderLink(ctx converter.Context, out converter.Writer, n *html.Node) converter.RenderStatus {
	href, ok := wGetAttr(n, wAttrHref)
	if !ok {
		return converter.RenderTryNext
	}
	var buf bytes.Buffer
	ctx.RenderChildNodes(ctx, &buf, n)
	// A "]" in the text would end it (html-to-markdown does the same
	// for its own links).
	text := bytes.ReplaceAll(buf.Bytes(), []byte{wPlaceholder, ']'}, []byte(`\]`))
	// "[^" starts a footnote, and "^" takes no backslash.
	if bytes.HasPrefix(text, []byte("^")) {
		text = append([]byte("&#94;"), text[1:]...)
	}
	out.WriteByte('[')
	out.Write(text)
	out.WriteString("](")
	out.WriteString(href) // a destination already (see writer.markElement)
	out.WriteByte(')')
	if t, ok := wGetAttr(n, wAttrTarget); ok {
		out.WriteString(`{:target="` + wIALValue(t) + `"}`)
	}
	return converter.RenderSuccess
}

// destination returns a URL as a link destination. kramdown takes the
// URL between the parentheses as it is (no escapes or entities), up to a
// closing parenthesis that balances or white space before a quote, or
// between < and >; CommonMark readers take the second form with spaces
// too. A URL that neither form holds is percent-encoded where it must
// be, and reported as of node n.
func (w *writer) destination(u string, n *tiptap.Node) string {
	u = wEscapeEntities(u)
	if !strings.ContainsAny(u, " \t\n\r\f\v<>()") {
		return u
	}
	if !strings.ContainsAny(u, "<>\n\r") && !strings.HasSuffix(u, "\\") {
		if !strings.ContainsAny(u, " \t\f\v") && wBalanced(u) {
			return u
		}
		return "<" + u + ">"
	}
	if !strings.ContainsAny(u, "\n\r") && wBalanced(u) && !strings.HasPrefix(u, "<") &&
		!wSpaceBeforeQuote(u) && strings.TrimSpace(u) == u {
		return u
	}
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		switch c := u[i]; c {
		case ' ', '\t', '\n', '\r', '\f', '\v', '<', '>', '(', ')':
			b.WriteString("%" + strings.ToUpper(strconv.FormatUint(uint64(c)>>4, 16)+strconv.FormatUint(uint64(c)&15, 16)))
		default:
			b.WriteByte(c)
		}
	}
	w.note(n, CodeURLEncoded, "URL "+strconv.Quote(u)+" is written as "+strconv.Quote(b.String()))
	return b.String()
}

// wSpaceBeforeQuote reports whether white space comes before a quote in
// s, where kramdown would take the rest for a title.
func wSpaceBeforeQuote(s string) bool {
	for i := 1; i < len(s); i++ {
		if (s[i] == '"' || s[i] == '\'') && strings.ContainsRune(" \t\f\v", rune(s[i-1])) {
			return true
		}
	}
	return false
}

// wBalanced reports whether every ")" in s closes a "(" before it and
// every "(" is closed.
func wBalanced(s string) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

// wEscapeEntities writes &amp; for an "&" that starts what a reader
// would take for a character reference.
func wEscapeEntities(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '&' && wEntityAt(s, i) {
			b.WriteString("&amp;")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// wIALValue escapes a value for a kramdown attribute list in double
// quotes: a backslash before " and }, and line breaks (an attribute list
// is one line) as character references, which kramdown keeps.
func wIALValue(s string) string {
	return strings.NewReplacer(`"`, `\"`, `}`, `\}`, "\n", "&#10;", "\r", "&#13;").Replace(s)
}

// renderImage writes a block image: ![alt](src "title"), with an
// attribute list for a size or style other than the editor's default.
func (w *writer) renderImage(_ converter.Context, out converter.Writer, n *html.Node) converter.RenderStatus {
	node := w.nodes[n]
	var ial []string
	out.WriteString("\n\n![")
	out.WriteString(w.escapeAlt(node.AttrString("alt")))
	out.WriteString("](")
	src, _ := wGetAttr(n, wAttrSrc)
	out.WriteString(src)
	if title, ok := node.Attrs["title"]; ok && title != nil {
		switch t := w.protect(wEscapeEntities(node.AttrString("title"))); {
		case t == "" || strings.Contains(t, `"`) && strings.Contains(t, "'"):
			ial = append(ial, `title="`+wIALValue(t)+`"`)
		case strings.Contains(t, `"`):
			out.WriteString(" '" + t + "'")
		default:
			out.WriteString(` "` + t + `"`)
		}
	}
	out.WriteByte(')')
	defaults := [][2]string{{"width", "100%"}, {"height", "auto"}, {"style", "width: 100%"}}
	for _, d := range defaults {
		if v, ok := node.Attrs[d[0]]; ok && v != nil && node.AttrString(d[0]) != d[1] {
			ial = append(ial, d[0]+`="`+wIALValue(w.protect(node.AttrString(d[0])))+`"`)
		}
	}
	if len(ial) > 0 {
		out.WriteString("{: " + strings.Join(ial, " ") + "}")
	}
	out.WriteString("\n\n")
	return converter.RenderSuccess
}

// escapeAlt escapes an image's alt text. kramdown takes it as written
// but for backslash escapes and brackets, which must balance; CommonMark
// readers read it as inline Markdown and keep its text. Character
// references read the same in both, so what either could read is one:
// brackets, backslashes, "*", "_" at a word's edge, "`", "<", "~~", a
// "^" first ("![^" is no image to kramdown) and line breaks.
func (w *writer) escapeAlt(s string) string {
	s = wEscapeEntities(w.protect(s))
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '[' || c == ']' || c == '\\' || c == '*' || c == '`' || c == '\n' || c == '^' && i == 0:
			b.WriteString("&#" + strconv.Itoa(int(c)) + ";")
		case c == '_' && !(i > 0 && wAlnum(s[i-1]) && i+1 < len(s) && wAlnum(s[i+1])):
			b.WriteString("&#95;")
		case c == '~' && (i > 0 && s[i-1] == '~' || i+1 < len(s) && s[i+1] == '~'):
			b.WriteString("&#126;")
		case c == '<':
			b.WriteString("&lt;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func wAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// renderTable writes a pipe table: the header row, the delimiter row,
// the other rows. Cells are one line (their hard breaks are <br />).
func (w *writer) renderTable(ctx converter.Context, out converter.Writer, n *html.Node) converter.RenderStatus {
	out.WriteString("\n\n")
	first := true
	for tr := n.FirstChild; tr != nil; tr = tr.NextSibling {
		var cells [][]byte
		for td := tr.FirstChild; td != nil; td = td.NextSibling {
			var buf bytes.Buffer
			ctx.RenderChildNodes(ctx, &buf, td)
			cells = append(cells, wTrim(buf.Bytes()))
		}
		if !first {
			out.WriteByte('\n')
		}
		out.Write(wTableRow(cells))
		if first {
			out.WriteByte('\n')
			delims := make([][]byte, len(cells))
			for i := range delims {
				delims[i] = []byte("---")
			}
			out.Write(wTableRow(delims))
			first = false
		}
	}
	out.WriteString("\n\n")
	return converter.RenderSuccess
}

// wTableRow joins cells into "| a | b |". A row of nothing but the
// characters of kramdown's separator lines would be read as one: its
// "-" and "=" get a backslash.
func wTableRow(cells [][]byte) []byte {
	row := []byte("|")
	for _, c := range cells {
		row = append(row, ' ')
		row = append(row, c...)
		row = append(row, ' ', '|')
	}
	if bytes.Equal(cells[0], []byte("---")) {
		return row
	}
	plain := bytes.ReplaceAll(row, []byte{wPlaceholder}, nil)
	if len(bytes.Trim(plain, "+|: \t-=")) == 0 && bytes.ContainsAny(plain, "-=") {
		var b []byte
		for _, c := range plain {
			if c == '-' || c == '=' {
				b = append(b, '\\')
			}
			b = append(b, c)
		}
		return b
	}
	return row
}

// renderList writes a list. Items start with "-", "- [ ]"/"- [x]" or
// their number, their other lines indented to the item's content.
//
// kramdown decides tightness item by item: an item's first paragraph is
// bare text unless a blank line follows it (or it is the last item and
// the others are not bare). So a tight list is written with no blank
// line after any first paragraph (a nested list follows it directly),
// and a loose one with blank lines between all items; in a loose list
// of one item, a comment follows the paragraph (see below). When a tight
// list's items hold more than a paragraph and
// lists, kramdown's HTML holds paragraphs, which make the list loose for
// the editor: the attribute list {: data-tight="true"} then keeps it
// tight, as the editor's own HTML does. Other attribute lists set the
// start of an ordered list.
func (w *writer) renderList(ctx converter.Context, out converter.Writer, n *html.Node) converter.RenderStatus {
	list := w.nodes[n]
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
	var items [][]byte
	lastIndent := 0
	k := 0
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		item := list.Content[k]
		k++
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
		var prev *html.Node
		for c := li.FirstChild; c != nil; c = c.NextSibling {
			part := w.renderItemBlock(ctx, c)
			switch {
			case prev == nil:
				if string(part) == "<p></p>" && (list.Type == tiptap.TypeTaskList || tight && c.NextSibling == nil) {
					// kramdown needs content after the marker: an empty
					// paragraph alone in an item of a tight list (or a
					// task list, where the marker is followed by text)
					// is a comment, which leaves no paragraph for the
					// editor to see. Elsewhere it stays <p></p>: the
					// editor would take what follows a comment for the
					// item's first paragraph.
					part = []byte(wComment)
				}
			case tight && (c.Data == "ul" || c.Data == "ol") && prev == li.FirstChild:
				// Right after the first paragraph, or the paragraph
				// would not be bare.
				content = append(content, '\n')
			default:
				content = append(content, '\n', '\n')
			}
			content = append(content, part...)
			prev = c
		}
		content = ctx.UnEscapeContent(content)
		if marker == "- " && wDashesOnly(content) {
			// "- --" would be a rule.
			content = append([]byte{'\\'}, content...)
		}
		if !tight && len(list.Content) == 1 && len(item.Content) == 1 {
			// A loose list of one item whose only block is its paragraph:
			// kramdown makes the paragraph bare unless something follows
			// it in the item after a blank line. A comment does, and
			// shows nothing.
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
	out.WriteString("\n\n")
	for i, item := range items {
		if i > 0 {
			if tight {
				out.WriteString("\n")
			} else {
				out.WriteString("\n\n")
			}
		}
		out.Write(bytes.TrimRight(item, " "))
	}
	if len(ial) > 0 {
		out.WriteString("\n{: " + strings.Join(ial, " ") + "}")
	}
	out.WriteString("\n\n")
	return converter.RenderSuccess
}

// wComment is an HTML comment, which kramdown and the editor show as
// nothing: it ends a list or a block where Markdown has no other way.
const wComment = "<!-- -->"

// wDashesOnly reports whether the first line of b is dashes and spaces,
// with at least two dashes (with a "- " marker, a rule).
func wDashesOnly(b []byte) bool {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return len(bytes.Trim(b, "- \t")) == 0 && bytes.Count(b, []byte("-")) >= 2
}

// wLastLineIsHTML reports whether the last line of b starts with a tag
// (a comment aside).
func wLastLineIsHTML(b []byte) bool {
	if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
		b = b[i+1:]
	}
	b = bytes.TrimLeft(b, " ")
	return bytes.HasPrefix(b, []byte("<")) && !bytes.HasPrefix(b, []byte("<!--"))
}

// renderItemBlock returns the Markdown of a block of a list item. Two
// blocks read differently in a list item: a rule after a blank line
// ends the list for kramdown (so it is written <hr />), and a tab at the
// start of a line becomes spaces (so code with one is written as HTML).
func (w *writer) renderItemBlock(ctx converter.Context, c *html.Node) []byte {
	switch c.Data {
	case "hr":
		return []byte("<hr />")
	case "pre":
		if node := w.nodes[c]; node != nil && wTabLine(node.TextContent()) {
			if s, err := wBlockHTML(node); err == nil {
				w.note(node, CodeWrittenAsHTML, "a code block in a list item with a line that starts with a tab is written as HTML")
				return []byte(w.protect(s))
			}
		}
	}
	var buf bytes.Buffer
	ctx.RenderNodes(ctx, &buf, c)
	return wSqueezeBlankLines(wTrim(buf.Bytes()))
}

// wTabLine reports whether a line of s starts with a tab.
func wTabLine(s string) bool {
	return strings.HasPrefix(s, "\t") || strings.Contains(s, "\n\t")
}

// wTight reports whether a list is tight; a task list always is.
func wTight(list *tiptap.Node) bool {
	if list.Type == tiptap.TypeTaskList {
		return true
	}
	v, ok := list.Attrs["tight"]
	return !ok || v != nil && list.AttrBool("tight")
}

// wListHasP reports whether kramdown's HTML for the list holds a
// paragraph: in a loose list, or when an item holds a block other than
// its first paragraph and nested lists, or starts with an empty
// paragraph and holds more, or a nested list does.
func wListHasP(list *tiptap.Node) bool {
	if !wTight(list) {
		return true
	}
	for _, item := range list.Content {
		if len(item.Content) > 1 && wEmptyParagraph(item.Content[0]) {
			return true // written <p></p>
		}
		for i, c := range item.Content {
			if i == 0 {
				continue
			}
			if wListKind(c) == "" || wListHasP(c) {
				return true
			}
		}
	}
	return false
}
