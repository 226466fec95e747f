package markdown

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/tiptapmd/tiptapmd"
	"github.com/tiptapmd/tiptapmd/internal/slab"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// The rules of the printer that are not one node's: what a pipe table
// holds, how a list is laid out and whether kramdown makes it loose,
// destinations, attribute lists, alt text and the layout of lines.

// writer is the state of one Render call.
type writer struct {
	opts  RenderOptions
	notes []tiptapmd.Note
	// brackets helps unescapeKramdown with "[".
	brackets bracketMemo
	// protected is set when the document holds a character that the
	// printer uses as a marker (see writer.protect).
	protected bool
	// err is the first error of the editor's HTML of a block.
	err error
	// block is the block whose inline content is being built, for the
	// position of notes on inline nodes (which have none).
	block *tiptap.Node
	// spans and kids hand out spans and their first kids (see span
	// and addKid), and take them back once a block's inline content is
	// printed (see slab.Arena); para and
	// nested are scratch buffers for a paragraph's content and for the
	// content of marks at each nesting level (depth).
	spans  slab.Arena[pspan]
	kids   slab.Arena[*pspan]
	para   []byte
	nested [][]byte
	depth  int
	// rootKids is the list of kids of the root span of printInline,
	// kept from one call to the next (the calls do not nest).
	rootKids []*pspan
	// escapes is unescape's scratch list of the markers that become a
	// backslash.
	escapes []int
}

func newWriter(opts RenderOptions) *writer {
	return &writer{opts: opts}
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

func emptyParagraph(n *tiptap.Node) bool {
	return n.Type == tiptap.TypeParagraph && len(n.Content) == 0
}

// allEmpty reports whether blocks are all empty paragraphs.
func allEmpty(blocks []*tiptap.Node) bool {
	for _, b := range blocks {
		if !emptyParagraph(b) {
			return false
		}
	}
	return true
}

// listKind returns the Markdown list kind a node is written as ("-" or
// "1."), or "" when it is not a list. A task list is a "-" list.
func listKind(n *tiptap.Node) string {
	switch n.Type {
	case tiptap.TypeBulletList, tiptap.TypeTaskList:
		return "-"
	case tiptap.TypeOrderedList:
		return "1."
	}
	return ""
}

// cmsReferrerPolicy is the referrerpolicy the CMS writes on every iframe
// (since 2026), which is also the browsers' default.
const cmsReferrerPolicy = "strict-origin-when-cross-origin"

// blockHTML returns the editor's HTML for one block, laid out as the CMS
// lays it out (one block tag a line, never indented), with no blank
// line in it.
func blockHTML(n *tiptap.Node) (string, error) {
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
	return noBlankLines(string(out)), nil
}

// noBlankLines joins every line that is blank (empty or white space
// only, as in code inside a <pre>) to the line before it with a
// character reference for the line break: a blank line would end the
// HTML block for CommonMark readers, and the reference reads back as the
// same newline.
func noBlankLines(s string) string {
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

// fenceLanguage reports whether a code fence can carry the language: a
// fence's info string is one word to kramdown (which also stops at "?"),
// and CommonMark readers refuse a backtick in it.
func fenceLanguage(lang string) bool {
	return !strings.ContainsAny(lang, " \t\n\r\f\v?`{}") && !strings.ContainsRune(lang, 0)
}

// pipeTableProblem returns why a pipe table cannot hold the table, or
// "" when it can: the first row must be all header cells and the others
// all data cells, every cell one paragraph spanning one cell with no set
// width, every row as wide as the first, and there must be a row below
// the header (kramdown wants one under the delimiter row).
func pipeTableProblem(t *tiptap.Node) string {
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

// trimASCII trims ASCII white space: other white space is text.
func trimASCII(b []byte) []byte { return bytes.Trim(b, " \t\n") }

// squeezeBlankLines empties lines of white space and keeps at most one
// blank line in a row (blocks are written with blank lines on both
// sides). It works in place (b is the printer's own), moving the lines
// it keeps down over those it drops: what it writes never passes what
// it has read. Empty, the result is nil.
func squeezeBlankLines(b []byte) []byte {
	j := 0 // b[:j] is the result so far
	blank := false
	for start := 0; start <= len(b); {
		end := bytes.IndexByte(b[start:], '\n')
		if end < 0 {
			end = len(b)
		} else {
			end += start
		}
		line := b[start:end]
		first := start == 0
		start = end + 1
		if len(bytes.Trim(line, " ")) == 0 {
			if blank {
				continue
			}
			blank = true
			line = nil
		} else {
			blank = false
		}
		if !first {
			b[j] = '\n'
			j++
		}
		j += copy(b[j:], line)
	}
	if j == 0 {
		return nil
	}
	return b[:j]
}

// prefixLines puts first before the first line of b and rest before the
// others, blank lines aside (they get rest without its trailing
// spaces). The newlines of code blocks, still markers at this stage,
// count as lines.
func prefixLines(b, first, rest []byte) []byte {
	nl := []byte(string(codeNewline))
	out := make([]byte, 0, len(first)+len(b)+len(b)/16)
	out = append(out, first...)
	bare := bytes.TrimRight(rest, " ")
	// next is the offset of the next code newline at or after i (-1:
	// none), searched again only once i passes it.
	next := bytes.Index(b, nl)
	for i := 0; i < len(b); {
		// Copy up to the next line end.
		if next >= 0 && next < i {
			if next = bytes.Index(b[i:], nl); next >= 0 {
				next += i
			}
		}
		k := bytes.IndexByte(b[i:], '\n')
		if next >= 0 && (k < 0 || next-i < k) {
			k = next - i
		}
		if k < 0 {
			out = append(out, b[i:]...)
			break
		}
		out = append(out, b[i:i+k]...)
		i += k
		if b[i] == '\n' {
			out = append(out, '\n')
			i++
		} else {
			out = append(out, nl...)
			i += len(nl)
		}
		if i >= len(b) || b[i] == '\n' || bytes.HasPrefix(b[i:], nl) {
			out = append(out, bare...)
		} else {
			out = append(out, rest...)
		}
	}
	return out
}

// longestRun returns the length of the longest run of c in s.
func longestRun(s string, c byte) int {
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

// destination returns a URL as a link destination. kramdown takes the
// URL between the parentheses as it is (no escapes or entities), up to a
// closing parenthesis that balances or white space before a quote, or
// between < and >; CommonMark readers take the second form with spaces
// too. A URL that neither form holds is percent-encoded where it must
// be, and reported as of node n.
func (w *writer) destination(u string, n *tiptap.Node) string {
	u = escapeEntities(u)
	if !strings.ContainsAny(u, " \t\n\r\f\v<>()") {
		return u
	}
	if !strings.ContainsAny(u, "<>\n\r") && !strings.HasSuffix(u, "\\") {
		if !strings.ContainsAny(u, " \t\f\v") && parensBalanced(u) {
			return u
		}
		return "<" + u + ">"
	}
	if !strings.ContainsAny(u, "\n\r") && parensBalanced(u) && !strings.HasPrefix(u, "<") &&
		!spaceBeforeQuote(u) && strings.TrimSpace(u) == u {
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

// spaceBeforeQuote reports whether white space comes before a quote in
// s, where kramdown would take the rest for a title.
func spaceBeforeQuote(s string) bool {
	for i := 1; i < len(s); i++ {
		if (s[i] == '"' || s[i] == '\'') && strings.ContainsRune(" \t\f\v", rune(s[i-1])) {
			return true
		}
	}
	return false
}

// parensBalanced reports whether every ")" in s closes a "(" before it and
// every "(" is closed.
func parensBalanced(s string) bool {
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

// escapeEntities writes &amp; for an "&" that starts what a reader
// would take for a character reference.
func escapeEntities(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '&' && entityAt(s, i) {
			b.WriteString("&amp;")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// ialValue escapes a value for a kramdown attribute list in double
// quotes: a backslash before " and }, and line breaks (an attribute list
// is one line) as character references, which kramdown keeps.
func ialValue(s string) string {
	return ialEscaper.Replace(s)
}

// ialEscaper is ialValue's replacer, built once: a strings.Replacer
// builds its tables on first use, and is safe for concurrent use.
var ialEscaper = strings.NewReplacer(`"`, `\"`, `}`, `\}`, "\n", "&#10;", "\r", "&#13;")

// escapeAlt escapes an image's alt text. kramdown takes it as written
// but for backslash escapes and brackets, which must balance; CommonMark
// readers read it as inline Markdown and keep its text. Character
// references read the same in both, so what either could read is one:
// brackets, backslashes, "*", "_" at a word's edge, "`", "<", "~~", a
// "^" first ("![^" is no image to kramdown) and line breaks.
func (w *writer) escapeAlt(s string) string {
	s = escapeEntities(w.protect(s))
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '[' || c == ']' || c == '\\' || c == '*' || c == '`' || c == '\n' || c == '^' && i == 0:
			b.WriteString("&#" + strconv.Itoa(int(c)) + ";")
		case c == '_' && !(i > 0 && alnum(s[i-1]) && i+1 < len(s) && alnum(s[i+1])):
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

func alnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// pipeTableRow joins cells into "| a | b |". A row of nothing but the
// characters of kramdown's separator lines would be read as one: its
// "-" and "=" get a backslash.
func pipeTableRow(cells [][]byte) []byte {
	row := []byte("|")
	for _, c := range cells {
		row = append(row, ' ')
		row = append(row, c...)
		row = append(row, ' ', '|')
	}
	if bytes.Equal(cells[0], []byte("---")) {
		return row
	}
	plain := bytes.ReplaceAll(row, []byte{placeholder}, nil)
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

// emptyComment is an HTML comment, which kramdown and the editor show as
// nothing: it ends a list or a block where Markdown has no other way.
const emptyComment = "<!-- -->"

// dashesOnly reports whether the first line of b is dashes and spaces,
// with at least two dashes (with a "- " marker, a rule).
func dashesOnly(b []byte) bool {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return len(bytes.Trim(b, "- \t")) == 0 && bytes.Count(b, []byte("-")) >= 2
}

// lastLineIsHTML reports whether the last line of b starts with a tag
// (a comment aside).
func lastLineIsHTML(b []byte) bool {
	if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
		b = b[i+1:]
	}
	b = bytes.TrimLeft(b, " ")
	return bytes.HasPrefix(b, []byte("<")) && !bytes.HasPrefix(b, []byte("<!--"))
}

// tabLine reports whether a line of s starts with a tab.
func tabLine(s string) bool {
	return strings.HasPrefix(s, "\t") || strings.Contains(s, "\n\t")
}

// listTight reports whether a list is tight; a task list always is.
func listTight(list *tiptap.Node) bool {
	if list.Type == tiptap.TypeTaskList {
		return true
	}
	v, ok := list.Attrs["tight"]
	return !ok || v != nil && list.AttrBool("tight")
}

// listHasP reports whether kramdown's HTML for the list holds a
// paragraph: in a loose list, or when an item holds a block other than
// its first paragraph and nested lists, or starts with an empty
// paragraph and holds more, or a nested list does.
func listHasP(list *tiptap.Node) bool {
	if !listTight(list) {
		return true
	}
	for _, item := range list.Content {
		if len(item.Content) > 1 && emptyParagraph(item.Content[0]) {
			return true // written <p></p>
		}
		for i, c := range item.Content {
			if i == 0 {
				continue
			}
			if listKind(c) == "" || listHasP(c) {
				return true
			}
		}
	}
	return false
}
