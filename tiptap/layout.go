package tiptap

import "bytes"

// layout lays out single-line HTML as IsomerCMS stores it on disk. src is
// what Tiptap's editor.getHTML() returns: one line, attributes in Tiptap's
// render order, text escaped with &amp; &lt; &gt; and &nbsp;, void tags
// without a slash. The CMS saves that HTML in three steps, and layout
// reproduces the last two:
//
//  1. The editor produces src.
//  2. The frontend runs prettyPrint from npm html@1.0.0 with an empty
//     indent: text is wrapped at 70 columns (counted in UTF-16 code units,
//     as JavaScript counts), block tags start a new line, inline tags are
//     copied raw up to their closing tag, and the same wrap test also runs
//     between the attributes of a tag.
//  3. The backend runs DOMPurify, which parses and serialises the HTML
//     again: the attributes of every element come out in reverse order,
//     separated by single spaces (so newlines the wrap put inside a tag
//     vanish), and attribute values are trimmed. layout does not remove
//     anything DOMPurify would: it assumes src holds nothing to remove.
//
// For src in that form the result has no indentation, no blank lines
// outside the raw content of <pre>, <script> and <style>, and no trailing
// newline.
//
// One difference is deliberate. When a wrap falls right after the name of
// an <a> tag, html@1.0.0 misreads the tag name and lays the link out as a
// block: it starts it on a new line, drops the space after </a>, and may
// put newlines inside the link that show as spaces. layout always treats
// <a> as inline, so it never loses or adds a space. For the same reason it
// treats <mark> as inline, where html@1.0.0 always lays it out as a block
// (losing the space after </mark> the same way). Only line breaks differ
// from what the CMS would have saved, never the text.
//
// layout makes one pass over the bytes per step, in time linear in the
// input, and never fails. Input that is not well-formed HTML is laid out
// token by token as html@1.0.0 would, with three exceptions that keep its
// text and the way an HTML parser reads it: a quote in a tag is an
// ordinary character unless it follows "=" (html@1.0.0 starts a quoted
// string at any quote), an unfinished tag at the end of the input is kept
// as it is, and nothing is dropped where html@1.0.0 loses the end of the
// input. The sanitiser step copies unchanged whatever it cannot read as a
// tag.
func layout(src []byte) []byte {
	return layoutWith(src, false)
}

// layoutWith is [layout], with html@1.0.0's misreading of <a> and <mark>
// reproduced when compat is true. Only tests use compat: it lets them check
// the layout byte for byte against files the CMS saved with the bug.
func layoutWith(src []byte, compat bool) []byte {
	out, _ := layoutTrace(src, compat)
	return out
}

// layoutTrace is [layoutWith], and also says where the two modes part.
// Without compat, diverged reports whether html@1.0.0 would have misread
// an <a> or <mark> (so that compat mode may give other bytes); with
// compat, drops lists the offsets in src of the whitespace that
// html@1.0.0 drops right after a </a> or </mark> it laid out as a block,
// the space a visitor loses.
func layoutTrace(src []byte, compat bool) (out []byte, trace layTrace) {
	p := layPrinter{
		src:    src,
		compat: compat,
		out:    make([]byte, 0, len(src)+len(src)/32+16),
		tag:    make([]byte, 0, 256),
	}
	p.print()
	return laySanitize(make([]byte, 0, len(p.out)+16), p.out), p.trace
}

// layTrace is what [layoutTrace] reports besides the bytes.
type layTrace struct {
	diverged bool
	drops    []int
}

// layMaxChar is html@1.0.0's wrap column (its max_char default, which
// IsomerCMS keeps).
const layMaxChar = 70

// layUnformattedName reports whether html@1.0.0 copies the tag name (lower
// case) raw, up to its first closing tag, instead of laying out its
// content. Heading tags are in its list, though a heading still starts a
// new line (see [layPrinter.single]).
func layUnformattedName(name []byte) bool {
	switch string(name) {
	case "a", "span", "bdo", "em", "strong", "dfn", "code", "samp", "kbd",
		"var", "cite", "abbr", "acronym", "q", "sub", "sup", "tt", "i", "b",
		"big", "small", "u", "s", "strike", "font", "ins", "del", "pre",
		"address", "dt", "h1", "h2", "h3", "h4", "h5", "h6":
		return true
	}
	return false
}

// laySingleName reports whether html@1.0.0 treats the tag name (lower
// case) as having no content. <col> and <source> are not in its list.
func laySingleName(name []byte) bool {
	switch string(name) {
	case "br", "input", "link", "meta", "!doctype", "basefont", "base",
		"area", "hr", "wbr", "param", "img", "isindex", "embed":
		return true
	}
	return false
}

// isUnformatted reports whether name (lower case) is copied raw. In
// compatible mode it is html@1.0.0's list; otherwise <mark> joins it.
func (p *layPrinter) isUnformatted(name []byte) bool {
	if string(name) == "mark" && !p.compat {
		p.trace.diverged = true
		return true
	}
	return layUnformattedName(name)
}

// Token kinds, as html@1.0.0's printer distinguishes them.
const (
	layContent = iota // text between tags, possibly empty
	layStart          // a tag that starts a block
	layEnd            // a closing tag
	laySingle         // a tag with no content, or an inline tag copied raw
	layRaw            // the content of <script> or <style>
)

// layPrinter holds the state of step 2, the html@1.0.0 layout. Like
// html@1.0.0 it alternates between reading the text up to the next "<"
// and reading a tag, and it keeps one column counter across both.
type layPrinter struct {
	src    []byte
	pos    int
	out    []byte
	compat bool

	// col is html@1.0.0's line_char_count: the UTF-16 units counted since
	// the last newline, with that library's quirks (see [layPrinter.content]).
	col int
	// last is the kind of the previous token and lastEmpty whether it was
	// empty text; chunk is the offset in out where the last printed tag
	// token starts. The rule for closing tags reads all three.
	last      int
	lastEmpty bool
	chunk     int
	// tagKind is the kind of the last complete tag, or layContent before
	// the first one.
	tagKind int
	// rawEnd is "script" or "style" after such a start tag: the next text
	// is then read raw up to its closing tag.
	rawEnd string
	// tag is the scratch buffer in which a tag is assembled.
	tag []byte
	// endInline is whether the last end tag printed is </a> or </mark>.
	endInline bool
	trace     layTrace
}

func layIsSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

// layCharLen returns the byte length of the UTF-8 sequence starting at b[i]
// (1 for a byte that does not start a valid sequence) and the number of
// UTF-16 code units JavaScript would count for it.
func layCharLen(b []byte, i int) (n, units int) {
	c := b[i]
	switch {
	case c < 0xC0:
		return 1, 1
	case c < 0xE0:
		n, units = 2, 1
	case c < 0xF0:
		n, units = 3, 1
	case c < 0xF8:
		n, units = 4, 2
	default:
		return 1, 1
	}
	if i+n > len(b) {
		return 1, 1
	}
	for _, c := range b[i+1 : i+n] {
		if c&0xC0 != 0x80 {
			return 1, 1
		}
	}
	return n, units
}

func (p *layPrinter) print() {
	for p.pos < len(p.src) {
		if p.rawEnd != "" {
			p.raw()
		} else {
			p.content()
		}
		if p.pos >= len(p.src) {
			break
		}
		p.readTag()
	}
}

// newline starts a new line in the output (never at its very start) and
// resets the column.
func (p *layPrinter) newline() {
	p.col = 0
	if len(p.out) > 0 {
		p.out = append(p.out, '\n')
	}
}

// content reads and prints the text up to the next "<". Runs of whitespace
// collapse to one space, and whitespace at either end is dropped. Before
// each word that follows whitespace, the first UTF-16 unit of the word is
// counted and then, if the column has reached layMaxChar, a newline replaces
// the space and the column restarts at 0 (so that first unit is not
// counted on its new line); otherwise the space is printed and counted.
func (p *layPrinter) content() {
	start := len(p.out)
	space := false
	if p.compat && p.last == layEnd && p.endInline && p.pos < len(p.src) && layIsSpace(p.src[p.pos]) {
		p.trace.drops = append(p.trace.drops, p.pos)
	}
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c == '<' {
			break
		}
		if layIsSpace(c) {
			space = len(p.out) > start
			p.pos++
			continue
		}
		n, units := layCharLen(p.src, p.pos)
		p.col++
		if space {
			space = false
			if p.col >= layMaxChar {
				p.out = append(p.out, '\n')
				p.col = 0
			} else {
				p.out = append(p.out, ' ')
				p.col++
			}
		}
		p.col += units - 1
		end := p.runEnd(p.pos+n, false)
		p.out = append(p.out, p.src[p.pos:end]...)
		p.pos = end
	}
	p.last, p.lastEmpty = layContent, len(p.out) == start
}

// runEnd returns the end of the run of characters starting at p.src[i]
// that need no decision: up to whitespace or "<" in text (tag false), up to
// whitespace, "=" or ">" in a tag (tag true). It counts the columns of the
// run.
func (p *layPrinter) runEnd(i int, tag bool) int {
	for i < len(p.src) {
		c := p.src[i]
		if c < 0x80 {
			if layIsSpace(c) || (!tag && c == '<') || (tag && (c == '=' || c == '>')) {
				return i
			}
			p.col++
			i++
			continue
		}
		n, units := layCharLen(p.src, i)
		p.col += units
		i += n
	}
	return i
}

// raw reads the content of a <script> or <style> element up to its closing
// tag and prints it on lines of its own, trimmed, without wrapping.
func (p *layPrinter) raw() {
	name := p.rawEnd
	p.rawEnd = ""
	end := layFindClose(p.src, p.pos, name)
	text := p.src[p.pos:end]
	p.pos = end
	p.last = layRaw
	if len(text) == 0 {
		return
	}
	p.out = append(p.out, '\n')
	text = layTrimJS(text, false)
	if len(text) == 0 {
		return
	}
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '\r':
			p.out = append(p.out, '\n')
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
		default:
			p.out = append(p.out, c)
		}
	}
	if end == len(p.src) {
		// No closing tag: a newline after the content would complete an
		// unfinished "</script" at the end into a tag that ends the
		// element, and take it out of the text.
		return
	}
	p.newline()
}

// readTag reads the tag at p.pos, which holds "<", and prints it. Inside
// the tag, whitespace collapses to single spaces and quoted values are
// copied verbatim; before each attribute that follows whitespace the same
// wrap test as in text may put a newline instead of the space.
//
// html@1.0.0 reads a tag as a sequence of elements: single characters,
// quoted strings, and the spaces (or wrap newlines) it puts between them.
// It drops whitespace around "=" and starts a quoted string at any quote.
// In a tag of getHTML() output, made of name="value" attributes, that is
// the same as reading it as HTML; in other tags it can change how a parser
// reads the tag (<p =x> is not <p=x>). So readTag follows the HTML
// tokenizer as far as needed to keep the meaning: "=" is special only
// right after an attribute name, and a quote only right after such an "=".
func (p *layPrinter) readTag() {
	const (
		inName  = iota // the tag name
		inAttr         // an attribute name
		inEq           // right after the "=" that follows an attribute name
		inValue        // an attribute value
	)
	start := p.pos
	t := p.tag[:0]
	state := inName
	var second byte   // first byte of the second element added to t
	elems := 0        // number of elements added to t
	space := false    // whitespace is pending
	nameEnd := -1     // where the first space or wrap newline went into t
	complete := false // whether the closing ">" was read
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if layIsSpace(c) {
			space = true
			p.pos++
			continue
		}
		p.col++ // the first UTF-16 unit of the element, before the wrap test
		elemStart := p.pos
		eq := c == '=' && state == inAttr
		quoted := (c == '"' || c == '\'') && state == inEq && second != '!'
		units := 1
		if quoted {
			p.pos = p.quoted(c, p.pos+1)
		} else {
			var n int
			n, units = layCharLen(p.src, p.pos)
			p.pos += n
		}
		if eq {
			space = false
		}
		if elems > 0 && state != inEq && c != '>' && space {
			if nameEnd < 0 {
				nameEnd = len(t)
			}
			if p.col >= layMaxChar {
				t = append(t, '\n')
				p.col = 0
			} else {
				t = append(t, ' ')
				p.col++
			}
			elems++
			if elems == 2 {
				second = t[len(t)-1]
			}
			if state != inEq {
				state = inAttr
			}
		}
		space = false
		elems++
		if elems == 2 {
			second = c
		}
		switch {
		case eq:
			state = inEq
		case quoted:
			state = inValue
			space = true // a quoted value asks for a space after it
		case state == inEq:
			state = inValue
		}
		if quoted {
			t = layAppendCRLF(t, p.src[elemStart:p.pos])
		} else {
			p.col += units - 1
			if c != '=' && c != '>' && second != '!' {
				// The characters up to the next one that matters are
				// elements too, but none of them can start a wrap.
				if elems == 1 && p.pos < len(p.src) {
					second = p.src[p.pos]
				}
				if second != '!' {
					end := p.runEnd(p.pos, true)
					elems += end - p.pos
					p.pos = end
				}
			}
			t = append(t, p.src[elemStart:p.pos]...)
		}
		if c == '>' && !quoted {
			complete = true
			break
		}
	}
	p.tag = t
	if !complete {
		// The input ends inside a tag. html@1.0.0 then prints what there
		// is the way it printed the previous tag (before any tag, it would
		// drop it; layout prints it like a start tag). layout prints the
		// rest of the input as it is, though: how an HTML parser reads an
		// unfinished tag can depend on the whitespace in it.
		t = p.src[start:]
		switch p.tagKind {
		case layEnd:
			p.end(t)
		case laySingle:
			p.single(t, nil)
		default:
			p.newline()
			p.emitTag(layStart, t)
		}
		return
	}
	p.classify(start, t, nameEnd)
}

// quoted scans a quoted string whose opening quote q was at i-1 and
// returns the offset just past its closing quote (or the end of src),
// counting the columns it spans; a newline in it resets the column.
func (p *layPrinter) quoted(q byte, i int) int {
	for i < len(p.src) {
		c := p.src[i]
		if c == '\n' || c == '\r' {
			p.col = 0
			i++
			continue
		}
		n, units := layCharLen(p.src, i)
		p.col += units
		i += n
		if c == q {
			break
		}
	}
	return i
}

// classify decides what kind of token the complete tag t (read from
// p.src[start:p.pos]) is, reads the raw content of an inline tag, and
// prints the token. nameEnd is where the first space or wrap newline went
// into t, or -1.
func (p *layPrinter) classify(start int, t []byte, nameEnd int) {
	// html@1.0.0 takes the name to be what lies between "<" and the first
	// space, or ">". A wrap right after the name hides that space, which
	// is the bug layout does not reproduce: outside compatible mode the
	// inserted newline ends the name too.
	end := bytes.IndexByte(t, ' ')
	if !p.compat && nameEnd >= 0 && (end < 0 || nameEnd < end) {
		end = nameEnd
		p.trace.diverged = true
	}
	if end < 0 {
		end = bytes.IndexByte(t, '>')
	}
	var lower [16]byte
	raw := t[1:end]
	name := layLowerName(lower[:0], raw)
	switch {
	case t[len(t)-2] == '/' || laySingleName(name):
		p.single(t, nil)
	case string(name) == "script" || string(name) == "style":
		p.rawEnd = string(name)
		p.newline()
		p.emitTag(layStart, t)
	case p.isUnformatted(name):
		p.inline(start, t, name)
	case len(name) > 0 && name[0] == '!':
		p.bang(t, raw)
	case len(name) > 0 && name[0] == '?':
		p.single(t, p.rawTo(t, "?>"))
	case len(name) > 0 && name[0] == '/':
		p.end(t)
	default:
		p.newline()
		p.emitTag(layStart, t)
	}
}

// layLowerName appends the ASCII lower case of name to dst. A name longer
// than cap(dst) is cut to its first byte followed by a NUL: the caller can
// still test that first byte, and the result matches none of the names the
// printer compares (all shorter than any dst it passes).
func layLowerName(dst, name []byte) []byte {
	long := len(name) > cap(dst)
	if long {
		name = name[:1]
	}
	for _, c := range name {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	if long {
		dst = append(dst, 0)
	}
	return dst
}

// bang handles tags starting with "<!" (raw is the name as html@1.0.0
// sees it): conditional comments open and close like block tags, CDATA
// sections and comments are copied raw.
func (p *layPrinter) bang(t, raw []byte) {
	switch {
	case layIndexFold(raw, 0, "[if") >= 0:
		p.newline()
		p.emitTag(layStart, t)
	case layIndexFold(raw, 0, "[endif") >= 0:
		p.end(t)
	case layIndexFold(raw, 0, "[cdata[") >= 0:
		p.single(t, p.rawTo(t, "]]>"))
	default:
		p.single(t, p.rawTo(t, "-->"))
	}
}

// rawTo reads raw text up to and including the first delim (matched
// without regard to ASCII case), counting its columns; a newline resets the
// column. It reads nothing when the tag t itself already holds delim.
func (p *layPrinter) rawTo(t []byte, delim string) []byte {
	if layIndexFold(t, 0, delim) >= 0 {
		return nil
	}
	end := len(p.src)
	if i := layIndexFold(p.src, p.pos, delim); i >= 0 {
		end = i + len(delim)
	}
	s := p.src[p.pos:end]
	p.pos = end
	for i := 0; i < len(s); {
		if s[i] == '\n' || s[i] == '\r' {
			p.col = 0
			i++
			continue
		}
		n, units := layCharLen(s, i)
		p.col += units
		i += n
	}
	return s
}

// inline handles a tag html@1.0.0 copies raw: the tag, everything up to its
// first closing tag, and the whitespace character just before and just
// after, if any, make one token.
func (p *layPrinter) inline(start int, t, name []byte) {
	var delim [16]byte
	d := append(append(append(delim[:0], "</"...), name...), '>')
	body := p.rawTo(t, string(d))
	mark := len(p.out)
	if !p.inlineNoBreak(t) {
		p.newline()
		mark = len(p.out)
	}
	if start > 0 && layIsSpace(p.src[start-1]) {
		p.out = append(p.out, p.src[start-1])
	}
	p.out = append(p.out, t...)
	p.out = layAppendCRLF(p.out, body)
	if p.pos < len(p.src) && layIsSpace(p.src[p.pos]) {
		p.out = append(p.out, p.src[p.pos])
	}
	p.chunk, p.last, p.tagKind = mark, laySingle, laySingle
}

// inlineNoBreak reports whether an inline token starting with tag t stays
// on the current line: html@1.0.0 tests the leading letters of the tag
// name, as written, against its list, so <h2> ("h") and <STRONG> break.
func (p *layPrinter) inlineNoBreak(t []byte) bool {
	i := 1
	for i < len(t) && ('a' <= t[i]|0x20 && t[i]|0x20 <= 'z') {
		i++
	}
	return i > 1 && p.isUnformatted(t[1:i])
}

// layAppendCRLF appends raw text, turning each carriage return into a newline
// as html@1.0.0 does when it copies raw text.
func layAppendCRLF(dst, s []byte) []byte {
	for {
		i := bytes.IndexByte(s, '\r')
		if i < 0 {
			return append(dst, s...)
		}
		dst = append(append(dst, s[:i]...), '\n')
		s = s[i+1:]
	}
}

// single prints a tag with no content (or a raw comment), on a new line
// unless the tag is an inline one.
func (p *layPrinter) single(t, body []byte) {
	if !p.inlineNoBreak(t) {
		p.newline()
	}
	mark := len(p.out)
	p.out = append(p.out, t...)
	p.out = layAppendCRLF(p.out, body)
	p.chunk, p.last, p.tagKind = mark, laySingle, laySingle
}

// end prints a closing tag. It goes on a new line only when no text came
// since the previous tag and that tag is not the opening tag of the same
// name, so <p></p> stays on one line but "</strong>" and "</p>" do not.
func (p *layPrinter) end(t []byte) {
	if p.last == layContent && p.lastEmpty {
		name := layFirstWord(t)
		open := layOpenName(p.out[p.chunk:])
		if open == nil || !bytes.Equal(open, name) {
			p.newline()
		}
	}
	w := layFirstWord(t)
	p.endInline = layEqualFold(w, "a") || layEqualFold(w, "mark")
	p.emitTag(layEnd, t)
}

func (p *layPrinter) emitTag(kind int, t []byte) {
	p.chunk = len(p.out)
	p.out = append(p.out, t...)
	p.last, p.tagKind = kind, kind
}

func layIsWord(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'z'
}

// layFirstWord returns the first run of word characters ([A-Za-z0-9_]) in t.
func layFirstWord(t []byte) []byte {
	i := 0
	for i < len(t) && !layIsWord(t[i]) {
		i++
	}
	j := i
	for j < len(t) && layIsWord(t[j]) {
		j++
	}
	return t[i:j]
}

// layOpenName returns the name of the first "<" in s followed by optional
// whitespace and word characters, or nil.
func layOpenName(s []byte) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		j := i + 1
		for j < len(s) && layIsJSSpace(s[j]) {
			j++
		}
		k := j
		for k < len(s) && layIsWord(s[k]) {
			k++
		}
		if k > j {
			return s[j:k]
		}
	}
	return nil
}

func layIsJSSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// layIndexFold returns the index of the first occurrence of the ASCII string
// pat in s at or after from, ignoring ASCII case, or -1.
func layIndexFold(s []byte, from int, pat string) int {
	if len(pat) == 0 {
		return from
	}
	first := pat[0] | 0x20
	for i := from; i+len(pat) <= len(s); i++ {
		if s[i]|0x20 != first {
			continue
		}
		if layEqualFold(s[i:i+len(pat)], pat) {
			return i
		}
	}
	return -1
}

// layEqualFold reports whether s equals the lower-case ASCII string pat,
// ignoring ASCII case in s.
func layEqualFold(s []byte, pat string) bool {
	if len(s) != len(pat) {
		return false
	}
	for j := range len(pat) {
		c := s[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != pat[j] {
			return false
		}
	}
	return true
}

// layFindClose returns the offset in s, at or after from, of the first
// closing tag "</name" followed by optional whitespace and ">" (what
// html@1.0.0 looks for to end a <script> or <style>), or len(s).
func layFindClose(s []byte, from int, name string) int {
	for i := from; ; {
		j := layIndexFold(s, i, "</"+name)
		if j < 0 {
			return len(s)
		}
		k := j + 2 + len(name)
		for k < len(s) && layIsJSSpace(s[k]) {
			k++
		}
		if k < len(s) && s[k] == '>' {
			return j
		}
		i = j + 1
	}
}

// layTrimJS trims what JavaScript's String.prototype.trim trims: ASCII
// whitespace, U+00A0, the Unicode space separators, U+2028, U+2029 and
// U+FEFF. With nbsp set, the entity "&nbsp;" counts as U+00A0, as it does
// in an escaped attribute value.
func layTrimJS(s []byte, nbsp bool) []byte {
	for len(s) > 0 {
		n := layJSSpacePrefix(s, nbsp)
		if n == 0 {
			break
		}
		s = s[n:]
	}
	for len(s) > 0 {
		n := layJSSpaceSuffix(s, nbsp)
		if n == 0 {
			break
		}
		s = s[:len(s)-n]
	}
	return s
}

const layNbsp = "&nbsp;"

// layJSSpacePrefix returns the length of the whitespace character (or, with
// nbsp, the &nbsp; entity) at the start of s, or 0.
func layJSSpacePrefix(s []byte, nbsp bool) int {
	c := s[0]
	switch {
	case layIsJSSpace(c):
		return 1
	case nbsp && c == '&' && bytes.HasPrefix(s, []byte(layNbsp)):
		return len(layNbsp)
	case c < 0x80:
		return 0
	}
	if n, _ := layCharLen(s, 0); n > 1 && layIsJSSpaceRune(s[:n]) {
		return n
	}
	return 0
}

// layJSSpaceSuffix is [layJSSpacePrefix] for the end of s.
func layJSSpaceSuffix(s []byte, nbsp bool) int {
	c := s[len(s)-1]
	switch {
	case layIsJSSpace(c):
		return 1
	case nbsp && c == ';' && bytes.HasSuffix(s, []byte(layNbsp)):
		return len(layNbsp)
	case c < 0x80:
		return 0
	}
	for n := 2; n <= 3 && n <= len(s); n++ {
		if layIsJSSpaceRune(s[len(s)-n:]) {
			return n
		}
	}
	return 0
}

// layIsJSSpaceRune reports whether the UTF-8 sequence s is exactly one of the
// non-ASCII characters JavaScript counts as whitespace.
func layIsJSSpaceRune(s []byte) bool {
	switch len(s) {
	case 2:
		return s[0] == 0xC2 && s[1] == 0xA0 // U+00A0
	case 3:
		switch {
		case s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80: // U+1680
			return true
		case s[0] == 0xE2 && s[1] == 0x80:
			return s[2] >= 0x80 && s[2] <= 0x8A || // U+2000–U+200A
				s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF // U+2028, U+2029, U+202F
		case s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F: // U+205F
			return true
		case s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80: // U+3000
			return true
		case s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF: // U+FEFF
			return true
		}
	}
	return false
}

// laySanitize appends to dst the HTML s with every start tag written again as
// DOMPurify's serialiser writes it (step 3 of [layout]): tag and attribute
// names in ASCII lower case, attributes in reverse order separated by one
// space, each as name="value" with the value trimmed, later duplicates of
// a name dropped, and no self-closing slash. Closing tags keep only their
// name. Text, comments, doctypes and the content of raw-text elements such
// as <script> and <textarea> are copied unchanged, and so is anything that
// does not read as a complete tag. It does not build a tree, so it neither
// moves nor removes anything.
func laySanitize(dst, s []byte) []byte {
	var buf [32]layAttr
	attrs := buf[:0]
	i := 0
	for {
		j := bytes.IndexByte(s[i:], '<')
		if j < 0 {
			return append(dst, s[i:]...)
		}
		dst = append(dst, s[i:i+j]...)
		i += j
		next := i + 1 // where copying resumes if nothing below applies
		switch {
		case i+1 < len(s) && layIsAlpha(s[i+1]):
			var t layTag
			if t, attrs = layReadTag(s, i, attrs[:0]); t.end > 0 {
				dst = t.appendTo(dst, s, attrs)
				next = layRawTextEnd(s, t.end, s[t.name:t.nameEnd])
				dst = append(dst, s[t.end:next]...)
			} else {
				next = len(s) // unterminated: copy the rest as it is
				dst = append(dst, s[i:]...)
			}
		case i+2 < len(s) && s[i+1] == '/' && layIsAlpha(s[i+2]):
			k := i + 2
			for k < len(s) && !layIsHTMLSpace(s[k]) && s[k] != '/' && s[k] != '>' {
				k++
			}
			if end, _ := layReadAttrs(s, k, nil); end > 0 {
				dst = append(dst, "</"...)
				dst = layAppendLower(dst, s[i+2:k])
				dst = append(dst, '>')
				next = end
			} else {
				next = len(s)
				dst = append(dst, s[i:]...)
			}
		case bytes.HasPrefix(s[i:], []byte("<!--")):
			next = layPastOrEnd(s, i+4, "-->")
			dst = append(dst, s[i:next]...)
		case bytes.HasPrefix(s[i:], []byte("<![CDATA[")):
			next = layPastOrEnd(s, i+9, "]]>")
			dst = append(dst, s[i:next]...)
		case i+1 < len(s) && (s[i+1] == '!' || s[i+1] == '?' || s[i+1] == '/'):
			next = layPastOrEnd(s, i+2, ">")
			dst = append(dst, s[i:next]...)
		default:
			dst = append(dst, '<')
		}
		i = next
	}
}

// layPastOrEnd returns the offset just past the first delim in s at or after
// from, or len(s).
func layPastOrEnd(s []byte, from int, delim string) int {
	if j := bytes.Index(s[from:], []byte(delim)); j >= 0 {
		return from + j + len(delim)
	}
	return len(s)
}

func layIsAlpha(c byte) bool     { return 'a' <= c|0x20 && c|0x20 <= 'z' }
func layIsHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

func layAppendLower(dst, s []byte) []byte {
	for _, c := range s {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// A layAttr locates one attribute of a start tag in the source: its name
// is s[name:nameEnd] and its value s[val:valEnd], written between quotes
// of kind quote (0 when unquoted or missing).
type layAttr struct {
	name, nameEnd int
	val, valEnd   int
	quote         byte
}

// A layTag locates a start tag in the source: its name is
// s[name:nameEnd], and it ends just before s[end].
type layTag struct {
	name, nameEnd, end int
}

// layReadTag reads the start tag at s[i] ("<" and a letter) as the HTML
// tokenizer does, appending its attributes to attrs. The returned end is 0
// when the input ends inside the tag.
func layReadTag(s []byte, i int, attrs []layAttr) (layTag, []layAttr) {
	t := layTag{name: i + 1}
	k := i + 1
	for k < len(s) && !layIsHTMLSpace(s[k]) && s[k] != '/' && s[k] != '>' {
		k++
	}
	t.nameEnd = k
	t.end, attrs = layReadAttrs(s, k, attrs)
	return t, attrs
}

// layReadAttrs reads the attributes of a tag from s[k] on, up to and
// including the ">" that ends the tag, as the HTML tokenizer does. It
// appends them to attrs (unless attrs is nil, for a closing tag, whose
// attributes are dropped) and returns the offset after the ">", or 0 when
// the input ends first.
func layReadAttrs(s []byte, k int, attrs []layAttr) (int, []layAttr) {
	keep := attrs != nil
	for k < len(s) {
		c := s[k]
		switch {
		case layIsHTMLSpace(c) || c == '/':
			k++
			continue
		case c == '>':
			return k + 1, attrs
		}
		// An attribute name runs to whitespace, "/", ">" or "=", though
		// its first character may be "=".
		a := layAttr{name: k}
		k++
		for k < len(s) && !layIsHTMLSpace(s[k]) && s[k] != '/' && s[k] != '>' && s[k] != '=' {
			k++
		}
		a.nameEnd = k
		for k < len(s) && layIsHTMLSpace(s[k]) {
			k++
		}
		a.val, a.valEnd = k, k
		if k < len(s) && s[k] == '=' {
			k++
			for k < len(s) && layIsHTMLSpace(s[k]) {
				k++
			}
			if k >= len(s) {
				return 0, attrs
			}
			switch q := s[k]; q {
			case '"', '\'':
				e := bytes.IndexByte(s[k+1:], q)
				if e < 0 {
					return 0, attrs
				}
				a.quote, a.val, a.valEnd = q, k+1, k+1+e
				k = a.valEnd + 1
			case '>':
				a.val, a.valEnd = k, k
			default:
				a.val = k
				for k < len(s) && !layIsHTMLSpace(s[k]) && s[k] != '>' {
					k++
				}
				a.valEnd = k
			}
		}
		if keep {
			attrs = append(attrs, a)
		}
	}
	return 0, attrs
}

// appendTo appends the tag as DOMPurify serialises it.
func (t layTag) appendTo(dst, s []byte, attrs []layAttr) []byte {
	dst = append(dst, '<')
	dst = layAppendLower(dst, s[t.name:t.nameEnd])
	// The HTML parser keeps the first of duplicate attributes. A tag with
	// many attributes gets a map, so that finding them stays linear.
	var first map[string]int
	if len(attrs) > 16 {
		first = make(map[string]int, len(attrs))
		for k := len(attrs) - 1; k >= 0; k-- {
			first[string(layAppendLower(nil, s[attrs[k].name:attrs[k].nameEnd]))] = k
		}
	}
	for k := len(attrs) - 1; k >= 0; k-- {
		a := attrs[k]
		name := s[a.name:a.nameEnd]
		if first != nil && first[string(layAppendLower(dst[len(dst):], name))] != k ||
			first == nil && laySeenAttr(s, attrs[:k], name) {
			continue
		}
		dst = append(dst, ' ')
		dst = layAppendLower(dst, name)
		dst = append(dst, '=', '"')
		v := s[a.val:a.valEnd]
		if !layEqualFoldString(name, "value") {
			v = layTrimJS(v, true)
		}
		if a.quote == '"' {
			dst = append(dst, v...)
		} else {
			for _, c := range v {
				if c == '"' {
					dst = append(dst, "&quot;"...)
				} else {
					dst = append(dst, c)
				}
			}
		}
		dst = append(dst, '"')
	}
	return append(dst, '>')
}

// laySeenAttr reports whether one of attrs has the name name, ignoring ASCII
// case.
func laySeenAttr(s []byte, attrs []layAttr, name []byte) bool {
	for _, a := range attrs {
		if n := s[a.name:a.nameEnd]; len(n) == len(name) && layEqualFoldBytes(n, name) {
			return true
		}
	}
	return false
}

func layEqualFoldBytes(a, b []byte) bool {
	for i := range a {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

func layEqualFoldString(s []byte, lower string) bool {
	return len(s) == len(lower) && layEqualFold(s, lower)
}

// layRawTextEnd returns where the content of the element name, whose start
// tag ends at s[i], ends: for raw-text and RCDATA elements, at their
// closing tag (or the end of s); for others, at i.
func layRawTextEnd(s []byte, i int, name []byte) int {
	var buf [16]byte
	switch string(layLowerName(buf[:0], name)) {
	case "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title":
		return layCloseTag(s, i, string(layLowerName(buf[:0], name)))
	case "script":
		return layScriptEnd(s, i)
	case "plaintext":
		return len(s)
	}
	return i
}

// layCloseTag returns the offset of the first "</name" at or after i that
// is followed by whitespace, "/" or ">", or len(s).
func layCloseTag(s []byte, i int, name string) int {
	for {
		j := layIndexFold(s, i, "</"+name)
		if j < 0 {
			return len(s)
		}
		if k := j + 2 + len(name); k < len(s) && (layIsHTMLSpace(s[k]) || s[k] == '/' || s[k] == '>') {
			return j
		}
		i = j + 1
	}
}

// layScriptEnd returns where the script data starting at s[i] ends, following
// the HTML tokenizer's escaped states: inside "<!--", a "<script" opens a
// nested escape in which "</script" does not end the element.
func layScriptEnd(s []byte, i int) int {
	const (
		data = iota
		escaped
		double
	)
	state := data
	isEnd := func(k int) bool { // s[k] follows a tag name
		return k < len(s) && (layIsHTMLSpace(s[k]) || s[k] == '/' || s[k] == '>')
	}
	for k := i; k < len(s); k++ {
		switch {
		case state != data && bytes.HasPrefix(s[k:], []byte("-->")):
			state = data
			k += 2
		case s[k] != '<':
		case state == data && bytes.HasPrefix(s[k:], []byte("<!--")):
			state = escaped
			k += 3
		case layHasFoldAt(s, k, "</script") && isEnd(k+8):
			if state == double {
				state = escaped
				k += 7
			} else {
				return k
			}
		case state == escaped && layHasFoldAt(s, k, "<script") && isEnd(k+7):
			state = double
			k += 6
		}
	}
	return len(s)
}

// layHasFoldAt reports whether the ASCII string pat (lower case) occurs in
// s at k, ignoring ASCII case.
func layHasFoldAt(s []byte, k int, pat string) bool {
	return k+len(pat) <= len(s) && layEqualFold(s[k:k+len(pat)], pat)
}
