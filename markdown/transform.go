package markdown

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tiptapmd/tiptapmd/tiptap"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// The passes in this file run on the goldmark tree after parsing: they
// apply attribute lists, give headings kramdown's ids, build the table
// of contents, and record what the document will not be able to hold.

// blockAttrs maps blocks to the attribute lists applied to them.
type blockAttrs map[ast.Node]*attrList

// transform runs the passes over doc.
func (st *state) transform(doc ast.Node, src []byte) {
	st.attrs = make(blockAttrs)
	st.applyBlockIALs(doc)
	st.applySpanIALs(doc, src)
	st.headingIDs(doc, src)
	if !st.quiet {
		// Its only findings are notes, which a quiet reading leaves out.
		st.linkNotes(doc, src)
	}
	st.tableOfContents(doc)
	if st.opts.Typographer {
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering && n.Type() == ast.TypeBlock && n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeInline {
				st.typography(n, src)
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
	}
	st.footnotes = footnoteLabels(doc)
	if st.quiet {
		// What follows only makes notes.
		return
	}
	st.footnoteNotes(doc)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n.(*extast.DefinitionList); ok && entering {
			st.note(blockStart(n.FirstChild()), CodeDefinitionList, "definition list written as paragraphs, terms in bold")
		}
		return ast.WalkContinue, nil
	})
}

func (st *state) addAttrs(n ast.Node, a attrList) {
	cur := st.attrs[n]
	if cur == nil {
		cur = &attrList{}
		st.attrs[n] = cur
	}
	cur.merge(a, st.alds, 0)
}

// applyBlockIALs gives each block IAL to its block: the block before
// it (no blank line between) or the block after it. An end-of-block
// marker takes a pending list and drops it, as in kramdown.
func (st *state) applyBlockIALs(n ast.Node) {
	var last ast.Node       // the last block that is not an IAL line
	var pending []*ialBlock // lists waiting for the next block
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		ial, ok := c.(*ialBlock)
		if !ok {
			for _, p := range pending {
				st.addAttrs(c, p.attrs)
				if !st.quiet {
					st.attrNotes(c, p.attrs, p.off)
				}
			}
			pending = pending[:0]
			last = c
			if c.Type() == ast.TypeBlock {
				st.applyBlockIALs(c)
			}
			continue
		}
		switch {
		case ial.eob:
			pending = pending[:0]
		case ial.def != "":
		case ial.applied && last != nil:
			st.addAttrs(last, ial.attrs)
			if !st.quiet {
				st.attrNotes(last, ial.attrs, ial.off)
			}
		default:
			pending = append(pending, ial)
		}
	}
}

// attrNotes reports attributes the document will drop.
func (st *state) attrNotes(target ast.Node, list attrList, off int) {
	// The attributes of the definitions the list references are lost
	// with it.
	var a attrList
	a.merge(list, st.alds, 0)
	var lost []string
	anchor := ""
	visible := false
	for _, x := range a.attrs {
		switch {
		case x.name == "id":
			if _, isHeading := target.(*ast.Heading); isHeading {
				continue // reported with the heading
			}
		case x.name == "class" && (x.value == "no_toc" || x.value == "standalone"):
			continue
		case x.name == "start" || x.name == "data-tight":
			if l, isList := target.(*ast.List); isList && (x.name == "data-tight" || l.IsOrdered()) {
				continue // the list's attributes (see renderer.list)
			}
		}
		if x.name == "id" {
			anchor = x.value
		}
		lost = append(lost, x.name+"="+strconv.Quote(x.value))
		switch {
		case x.name == "id", x.name == "title", x.name == "lang", x.name == "role", x.name == "name",
			strings.HasPrefix(x.name, "data-"), strings.HasPrefix(x.name, "aria-"):
		default:
			visible = true // a class the site's CSS may style, a style, an alignment…
		}
	}
	for _, r := range list.refs {
		if r == "toc" || r == "footnotes" {
			continue
		}
		if _, ok := st.alds[r]; !ok {
			lost = append(lost, r)
			visible = true
		}
	}
	msg := "attribute list sets %s, which the document cannot hold"
	if anchor != "" {
		msg += "; links to #" + strings.ReplaceAll(anchor, "%", "%%") + " will no longer jump to this place"
	}
	switch {
	case len(lost) == 0:
	case visible:
		st.note(off, CodeAttributes, msg+"; the look they give is lost", strings.Join(lost, ", "))
	default:
		st.noteInvisible(off, CodeAttributes, msg, strings.Join(lost, ", "))
	}
}

// applySpanIALs applies span IALs to the element before them, or turns
// them into text when there is none.
func (st *state) applySpanIALs(n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		if ial, ok := c.(*spanIAL); ok {
			prev := c.PreviousSibling()
			if isElement(prev) {
				var merged attrList
				merged.merge(ial.attrs, st.alds, 0)
				// The attributes go into the HTML; the HTML reader reports
				// those the document cannot hold.
				for _, a := range merged.attrs {
					_, link := prev.(*ast.Link)
					_, image := prev.(*ast.Image)
					if link && a.name == "href" || image && a.name == "src" {
						// kramdown lets the list replace the URL; the
						// document keeps the one in the parentheses.
						code := CodeAttributes
						if tiptap.UnsafeURL(a.value) {
							code = tiptap.CodeUnsafeURL
						}
						st.note(ial.seg.Start, code, "attribute list sets %s=%s, which is not kept: the URL in the parentheses is", a.name, strconv.Quote(a.value))
						continue
					}
					prev.SetAttributeString(a.name, []byte(a.value))
				}
				n.RemoveChild(n, c)
			} else {
				// kramdown: "span IAL after text", shown as written.
				n.ReplaceChild(n, c, &literalInline{text: ial.seg.Value(src)})
			}
		} else if c.HasChildren() {
			st.applySpanIALs(c, src)
		}
		c = next
	}
}

// isElement reports whether an inline node is an element in kramdown's
// sense (not text), which a span IAL may follow.
func isElement(n ast.Node) bool {
	switch t := n.(type) {
	case nil, *ast.Text, *liquidNode, *literalInline:
		return false
	case *ast.String:
		return t.IsCode()
	}
	return n.Type() == ast.TypeInline
}

// headingIDs gives every heading its kramdown id: the explicit one, or
// one made from its text the way kramdown's GFM parser makes them.
func (st *state) headingIDs(doc ast.Node, src []byte) {
	if !st.madeHeading {
		return // no heading to find
	}
	counts := map[string]int{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		var id string
		if a := st.attrs[h]; a != nil {
			id, _ = a.get("id")
		}
		if id == "" {
			if v, ok := h.AttributeString("id"); ok {
				id = string(v.([]byte))
			}
		}
		explicit := id != ""
		if !explicit {
			id = gfmID(headingText(h, src))
			counts[id]++
			if c := counts[id]; c > 1 {
				id += "-" + strconv.Itoa(c-1)
			}
		}
		h.SetAttributeString("id", []byte(id))
		st.headings = append(st.headings, headingInfo{node: h, id: id, explicit: explicit, off: blockStart(h)})
		return ast.WalkSkipChildren, nil
	})
}

type headingInfo struct {
	node     *ast.Heading
	id       string
	explicit bool
	off      int
}

// blockStart returns the source offset where a block starts: where
// goldmark opened it, else where its text starts.
func blockStart(n ast.Node) int {
	if n.Pos() >= 0 {
		return n.Pos()
	}
	if l := n.Lines(); l != nil && l.Len() > 0 {
		return l.At(0).Start
	}
	return -1
}

// gfmID makes kramdown's GFM header id: lower case, characters other
// than word characters, hyphens and spaces removed, spaces turned into
// hyphens.
func gfmID(s string) string {
	// ASCII text, the usual heading, a byte at a time; other text rune by
	// rune (gfmIDRunes).
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return gfmIDRunes(s)
		case c == ' ' || c == '\t':
			b = append(b, '-')
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		case c == '-' || c == '_' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			b = append(b, c)
		}
	}
	return string(b)
}

// gfmIDRunes is gfmID for any text.
func gfmIDRunes(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == ' ' || r == '\t':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || unicode.Is(unicode.Pc, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// headingText returns the text of a heading as kramdown's id generator
// sees it: the text of its content, code included, markup removed.
func headingText(h ast.Node, src []byte) string {
	var b []byte
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				b = appendUnescaped(b, t.Segment.Value(src))
				if t.SoftLineBreak() {
					b = append(b, '\n')
				}
			case *ast.String:
				b = append(b, t.Value...)
			case *ast.CodeSpan:
				for k := t.FirstChild(); k != nil; k = k.NextSibling() {
					if tx, ok := k.(*ast.Text); ok {
						b = append(b, tx.Segment.Value(src)...)
					}
				}
			case *liquidNode:
				b = append(b, t.seg.Value(src)...)
			case *literalInline:
				b = append(b, t.text...)
			case *rawInline:
			default:
				walk(c)
			}
		}
	}
	walk(h)
	return string(b)
}

// appendUnescaped appends Markdown text with kramdown's backslash escapes
// resolved and entities decoded.
func appendUnescaped(dst, s []byte) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && isKramdownEscapable(s[i+1]) {
			i++
		}
		dst = append(dst, s[i])
	}
	return dst
}

// linkNotes reports headings whose ids are lost: explicit ones, and
// automatic ones that an in-page link of the page targets.
func (st *state) linkNotes(doc ast.Node, src []byte) {
	if len(st.headings) == 0 {
		return // the links matter only to headings
	}
	targets := map[string]bool{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest []byte
		switch l := n.(type) {
		case *ast.Link:
			dest = l.Destination
		case *htmlBlock:
			for _, h := range hrefFragments(l.html) {
				targets[h] = true
			}
		case *rawInline:
			for _, h := range hrefFragments(l.html) {
				targets[h] = true
			}
		}
		if len(dest) > 1 && dest[0] == '#' {
			targets[string(dest[1:])] = true
		}
		return ast.WalkContinue, nil
	})
	for _, h := range st.headings {
		switch {
		case h.explicit:
			st.note(h.off, CodeHeadingID, "heading id %q cannot be kept in the document", h.id)
		case targets[h.id]:
			st.note(h.off, CodeHeadingID, "heading id %q, which a link of the page targets, cannot be kept in the document", h.id)
		}
	}
}

// hrefFragments returns the fragments of href="#…" attributes in HTML.
func hrefFragments(html []byte) []string {
	var out []string
	for i := 0; ; {
		j := bytes.Index(html[i:], []byte(`href="#`))
		if j < 0 {
			return out
		}
		i += j + len(`href="#`)
		k := bytes.IndexByte(html[i:], '"')
		if k < 0 {
			return out
		}
		out = append(out, string(html[i:i+k]))
		i += k
	}
}

// tableOfContents replaces a list marked {:toc} with kramdown's table of
// contents: nested lists of links to the headings that follow it (all
// headings of the page, minus those of class no_toc).
func (st *state) tableOfContents(doc ast.Node) {
	// Only a list given an attribute list with the toc reference is one:
	// without such a list, there is nothing to find.
	tocRef := false
	for _, a := range st.attrs {
		if a.hasRef("toc") {
			tocRef = true
			break
		}
	}
	if !tocRef {
		return
	}
	var toc ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && toc == nil {
			if _, ok := n.(*ast.List); ok {
				if a := st.attrs[n]; a != nil && a.hasRef("toc") {
					toc = n
					return ast.WalkStop, nil
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if toc == nil {
		return
	}
	t := &tocBlock{ordered: toc.(*ast.List).IsOrdered()}
	for _, h := range st.headings {
		if a := st.attrs[h.node]; a != nil && a.hasClass("no_toc") {
			continue
		}
		t.entries = append(t.entries, h)
	}
	toc.Parent().ReplaceChild(toc.Parent(), toc, t)
	st.note(max(blockStart(toc), 0), CodeTOC, "table of contents made of links to heading ids, which the document cannot hold")
}

// tocBlock is a generated table of contents.
type tocBlock struct {
	rawBlock
	ordered bool
	entries []headingInfo
}

// sortNotes orders notes by position.
func sortNotes(ns []note) {
	sort.SliceStable(ns, func(i, j int) bool { return ns[i].off < ns[j].off })
}
