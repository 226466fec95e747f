package markdown

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tiptapmd/tiptapmd/internal/ascii"
	"github.com/tiptapmd/tiptapmd/internal/htmlesc"
	"github.com/tiptapmd/tiptapmd/internal/liquid"
	"github.com/tiptapmd/tiptapmd/tiptap"
)

// Inline content: marks, text, Liquid and the HTML of underline and
// highlight runs (see printInline).

// openOrder appends to dst[:0] the marks of nodes[i] that are not open
// yet, in the order to open them: the one that runs over the most nodes
// first (it stays open longest), the schema's order between equals.
// The caller passes a small buffer of its own, so that a node with
// marks costs no allocation.
func openOrder(dst []tiptap.Mark, nodes []*tiptap.Node, i int, marks, open []tiptap.Mark) []tiptap.Mark {
	todo := dst[:0]
	var runBuf [4]int
	runs := runBuf[:0]
	for _, m := range marks {
		if containsMark(open, m) {
			continue
		}
		j := i + 1
		for j < len(nodes) && containsMark(nodes[j].Marks, m) {
			j++
		}
		todo = append(todo, m)
		runs = append(runs, j-i)
	}
	// A stable insertion sort, longest run first: a node has few marks.
	for k := 1; k < len(todo); k++ {
		for j := k; j > 0 && runs[j] > runs[j-1]; j-- {
			todo[j], todo[j-1] = todo[j-1], todo[j]
			runs[j], runs[j-1] = runs[j-1], runs[j]
		}
	}
	return todo
}

// breakNeedsHTML reports whether the hard break nodes[i] must be written
// as <br />: two spaces and a newline make a break only between text on
// both lines (at the start or end of a paragraph, or next to another
// break, the line would be blank or trimmed).
func breakNeedsHTML(nodes []*tiptap.Node, i int) bool {
	if i == 0 || i == len(nodes)-1 {
		return true
	}
	return nodes[i-1].Type == tiptap.TypeHardBreak || nodes[i+1].Type == tiptap.TypeHardBreak
}

// inertLiquid returns the Liquid l as it is, unless the HTML or the link
// that Jekyll would output from it is live. A tiptap page holds Liquid
// as HTML text, so {{ "&lt;script&gt;" }} outputs text there; written as
// it reads, {{ "<script>" }}, it would output a live element into the
// Markdown. Such Liquid keeps the < of its tags as &lt; (and a link to a
// script URL its parenthesis as &#40;), which Jekyll outputs as they are
// and kramdown shows as text, as the tiptap page did; it is reported.
func (w *writer) inertLiquid(l string) string {
	out := l
	var how []string
	if liquidTag(out) {
		out = strings.ReplaceAll(out, "<", "&lt;")
		how = append(how, "< as &lt;")
	}
	if liquidScriptLink(out) {
		out = strings.ReplaceAll(out, "](", "]&#40;")
		how = append(how, "]( as ]&#40;")
	}
	if len(how) > 0 {
		w.note(nil, CodeLiquid, "Liquid "+truncateText(l, 60)+" would output live HTML or a script link where the tiptap page showed text; it is written with "+strings.Join(how, " and ")+" so that it stays text")
	}
	return out
}

// liquidTag reports whether s holds the start of an HTML tag, a comment
// or a processing instruction: a < before a letter, "/", "!" or "?".
func liquidTag(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		c := s[i+1]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '/' || c == '!' || c == '?' {
			return true
		}
	}
	return false
}

// liquidScriptLink reports whether s holds Markdown link syntax to a
// javascript:, vbscript: or data: URL: "](" before such a URL.
func liquidScriptLink(s string) bool {
	for rest := s; ; {
		k := strings.Index(rest, "](")
		if k < 0 {
			return false
		}
		rest = rest[k+2:]
		if tiptap.UnsafeURL(strings.TrimLeft(rest, " <")) {
			return true
		}
	}
}

// truncateText returns s cut to about n bytes on a character boundary,
// quoted.
func truncateText(s string, n int) string {
	if len(s) > n {
		cut := n
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "…"
	}
	return strconv.Quote(s)
}

// markdownText prepares text for the printer, which marks the Markdown
// specials for escaping itself (see markText): what a backslash does
// not handle becomes a character reference. An "&" that would start one
// is written &amp;; a non-breaking space &nbsp;, and other white space
// than ASCII's as a number (they are invisible in the source, and a
// trim would take them for white space); a "`" &#96;; a "~" next to another "~"
// &#126; (kramdown's strikethrough takes no escape), and so is one at
// the edge of the text, where a strikethrough delimiter may come to
// stand next to it.
func (w *writer) markdownText(s string) string {
	s = w.protect(s)
	if !needsMarkdownText(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == '\u00a0':
				b.WriteString("&nbsp;")
			case unicode.IsSpace(r):
				b.WriteString("&#x" + strconv.FormatInt(int64(r), 16) + ";")
			default:
				b.WriteString(s[i : i+size])
			}
			i += size - 1
			continue
		}
		switch {
		case c == '&' && entityAt(s, i):
			b.WriteString("&amp;")
		case c == '`':
			// kramdown looks for tables (and splits their rows) before
			// it reads escapes, and would take an escaped backtick for
			// the start of a code span that may hold a "|".
			b.WriteString("&#96;")
		case c == '~' && (i > 0 && s[i-1] == '~' || i+1 < len(s) && s[i+1] == '~' || atEdge(s, i)):
			b.WriteString("&#126;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// atEdge reports whether only spaces stand between s[i] and one end of
// s (where an emphasis delimiter may come to stand next to it).
func atEdge(s string, i int) bool {
	return strings.Trim(s[:i], " \t") == "" || strings.Trim(s[i+1:], " \t") == ""
}

// markdownTextBytes holds the bytes needsMarkdownText stops at: "&",
// "~", "`" and those that start a multi-byte character.
var markdownTextBytes = ascii.SetWhere(func(c byte) bool {
	return c == '&' || c == '~' || c == '`' || c >= utf8.RuneSelf
})

// needsMarkdownText reports whether markdownText changes s (once
// protected): it holds "&", "~", "`" or a Unicode space.
func needsMarkdownText(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !markdownTextBytes[c] {
			continue
		}
		if c < utf8.RuneSelf {
			return true
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return true
		}
		i += n - 1
	}
	return false
}

// entityAt reports whether s[i] == '&' starts what a reader could take
// for a character reference: "&" then a name or number then ";".
func entityAt(s string, i int) bool {
	j := i + 1
	if j < len(s) && s[j] == '#' {
		j++
		if j < len(s) && (s[j] == 'x' || s[j] == 'X') {
			j++
		}
	}
	k := j
	for k < len(s) && (s[k] >= 'a' && s[k] <= 'z' || s[k] >= 'A' && s[k] <= 'Z' || s[k] >= '0' && s[k] <= '9' || s[k] == '_' || s[k] == '-' || s[k] == '.' || s[k] == ':') {
		k++
	}
	return k > j && k < len(s) && s[k] == ';'
}

// sortedMarks returns the marks in the schema's nesting order: marks
// itself when they are in that order already (the caller must not
// change the result), a new slice otherwise.
func sortedMarks(marks []tiptap.Mark) []tiptap.Mark {
	if len(marks) < 2 {
		return marks
	}
	order := markRank()
	rank := func(m tiptap.Mark) int {
		if i, ok := order[m.Type]; ok {
			return i
		}
		return len(order)
	}
	cmpRank := func(a, b tiptap.Mark) int { return cmp.Compare(rank(a), rank(b)) }
	if slices.IsSortedFunc(marks, cmpRank) {
		return marks
	}
	return slices.SortedStableFunc(slices.Values(marks), cmpRank)
}

// marksEqual reports whether two marks are the same, attributes
// included.
func marksEqual(a, b tiptap.Mark) bool {
	if a.Type != b.Type || len(a.Attrs) != len(b.Attrs) {
		return false
	}
	for k, v := range a.Attrs {
		bv, ok := b.Attrs[k]
		if !ok || (v == nil) != (bv == nil) || a.AttrString(k) != b.AttrString(k) {
			return false
		}
	}
	return true
}

func containsMark(marks []tiptap.Mark, m tiptap.Mark) bool {
	for _, x := range marks {
		if marksEqual(x, m) {
			return true
		}
	}
	return false
}

// hasMarks reports whether n carries every one of marks.
func hasMarks(n *tiptap.Node, marks []tiptap.Mark) bool {
	for _, m := range marks {
		if !containsMark(n.Marks, m) {
			return false
		}
	}
	return true
}

// inlineHTML returns the HTML of a run of inline nodes, leaving out the
// marks in outside (written around it as Markdown). kramdown passes the
// content of <u> and <mark> through unread, so everything in them is
// written as the editor writes it. Liquid stays verbatim.
func (w *writer) inlineHTML(nodes []*tiptap.Node, outside []tiptap.Mark) string {
	var b strings.Builder
	var active []tiptap.Mark
	closeTo := func(n int) {
		for len(active) > n {
			b.WriteString("</" + markTag(active[len(active)-1].Type) + ">")
			active = active[:len(active)-1]
		}
	}
	for _, n := range nodes {
		var marks []tiptap.Mark
		for _, m := range sortedMarks(n.Marks) {
			if !containsMark(outside, m) {
				marks = append(marks, m)
			}
		}
		keep := 0
		for keep < len(active) && keep < len(marks) && marksEqual(active[keep], marks[keep]) {
			keep++
		}
		closeTo(keep)
		for _, m := range marks[keep:] {
			b.WriteString("<" + markTag(m.Type))
			if m.Type == tiptap.MarkLink {
				w.linkNotes(m)
				b.WriteString(` href="` + escapeHTML(m.AttrString("href"), true) + `"`)
				if t := m.AttrString("target"); w.opts.LinkTargets && t != "" {
					b.WriteString(` target="` + escapeHTML(t, true) + `"`)
				}
			}
			b.WriteString(">")
			active = append(active, m)
		}
		switch n.Type {
		case tiptap.TypeText:
			if n.HasMark(tiptap.MarkCode) {
				b.WriteString(escapeHTML(n.Text, false))
				break
			}
			s := n.Text
			for s != "" {
				i, j := liquid.Next(s)
				if i < 0 {
					b.WriteString(escapeHTML(s, false))
					break
				}
				b.WriteString(escapeHTML(s[:i], false))
				b.WriteString(w.inertLiquid(s[i:j]))
				s = s[j:]
			}
		case tiptap.TypeHardBreak:
			b.WriteString("<br />")
		}
	}
	closeTo(0)
	return b.String()
}

// markTag returns the tag of a mark in verbatim HTML: the editor's, but
// <del> for strike (kramdown takes a line that starts with <s>, which it
// does not know for an inline element, for the start of an HTML block).
func markTag(t string) string {
	switch t {
	case tiptap.MarkBold:
		return "strong"
	case tiptap.MarkItalic:
		return "em"
	case tiptap.MarkStrike:
		return "del"
	case tiptap.MarkCode:
		return "code"
	case tiptap.MarkHighlight:
		return "mark"
	case tiptap.MarkLink:
		return "a"
	case tiptap.MarkUnderline:
		return "u"
	case tiptap.MarkSuperscript:
		return "sup"
	case tiptap.MarkSubscript:
		return "sub"
	}
	return "span"
}

// escapeHTML escapes text for HTML in Markdown: &, < and >, " in
// attribute values, the non-breaking space as &nbsp;, and what kramdown
// would read in HTML in a paragraph, which it matches over the source
// before it parses the HTML: "|" (a table row; kramdown splits a row
// before it reads the cells, so a "`" could pair with one of a code
// span too), brackets (they would end a link's text or make a link
// definition) and runs of "~" and "$" (strikethrough and math).
func escapeHTML(s string, attr bool) string {
	if !strings.ContainsAny(s, "&<>\"\u00a0|~$`[]") {
		return s
	}
	m := htmlesc.NBSP
	if attr {
		m |= htmlesc.Quot
	}
	var b []byte
	last := 0
	for i, r := range s {
		var ref string
		switch {
		case r == '|':
			ref = "&#124;"
		case r == '`':
			ref = "&#96;"
		case r == '[':
			ref = "&#91;"
		case r == ']':
			ref = "&#93;"
		case (r == '~' || r == '$') && (i > 0 && rune(s[i-1]) == r || i+1 < len(s) && rune(s[i+1]) == r):
			ref = "&#" + strconv.Itoa(int(r)) + ";"
		case r == utf8.RuneError:
			ref = string(utf8.RuneError) // an invalid byte becomes U+FFFD
		default:
			continue
		}
		b = htmlesc.Append(b, s[last:i], m)
		b = append(b, ref...)
		_, n := utf8.DecodeRuneInString(s[i:])
		last = i + n
	}
	return string(htmlesc.Append(b, s[last:], m))
}

// linkNotes reports what of link m the Markdown leaves out.
func (w *writer) linkNotes(m tiptap.Mark) {
	var lost []string
	if rel, ok := m.Attrs["rel"]; ok && rel != nil && m.AttrString("rel") != "noopener noreferrer nofollow" {
		lost = append(lost, `rel="`+m.AttrString("rel")+`"`)
	}
	if class := m.AttrString("class"); class != "" {
		lost = append(lost, `class="`+class+`"`)
	}
	if t := m.AttrString("target"); !w.opts.LinkTargets && t != "" && t != "_blank" {
		lost = append(lost, `target="`+t+`"`)
	}
	if len(lost) > 0 {
		w.note(nil, CodeLinkAttributes, "link to "+m.AttrString("href")+": "+strings.Join(lost, ", ")+" not written")
	}
}
