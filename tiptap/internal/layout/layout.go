// Package layout is the CMS's pretty-printer: it lays out the single-line
// HTML that Tiptap's editor.getHTML() returns as IsomerCMS stores a page
// body on disk (see [Print]). It knows nothing of the dialect's nodes,
// only of HTML tags and how npm html@1.0.0 and DOMPurify treat them;
// package tiptap renders a document to one line and lays it out with it.
package layout

import (
	"bytes"
	"encoding/binary"
	"strings"

	"github.com/tiptapmd/tiptapmd/internal/ascii"
)

// Print lays out single-line HTML as IsomerCMS stores it on disk. src is
// what Tiptap's editor.getHTML() returns: one line, attributes in Tiptap's
// render order, text escaped with &amp; &lt; &gt; and &nbsp;, void tags
// without a slash. The CMS saves that HTML in three steps, and Print
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
//     vanish), and attribute values are trimmed. Print does not remove
//     anything DOMPurify would: it assumes src holds nothing to remove.
//
// For src in that form the result has no indentation, no blank lines
// outside the raw content of <pre>, <script> and <style>, and no trailing
// newline.
//
// One difference is deliberate. When a wrap falls right after the name of
// an <a> tag, html@1.0.0 misreads the tag name and lays the link out as a
// block: it starts it on a new line, drops the space after </a>, and may
// put newlines inside the link that show as spaces. Print always treats
// <a> as inline, so it never loses or adds a space. For the same reason it
// treats <mark> as inline, where html@1.0.0 always lays it out as a block
// (losing the space after </mark> the same way). Only line breaks differ
// from what the CMS would have saved, never the text.
//
// Print makes one pass over the bytes per step, in time linear in the
// input, and never fails. Input that is not well-formed HTML is laid out
// token by token as html@1.0.0 would, with three exceptions that keep its
// text and the way an HTML parser reads it: a quote in a tag is an
// ordinary character unless it follows "=" (html@1.0.0 starts a quoted
// string at any quote), an unfinished tag at the end of the input is kept
// as it is, and nothing is dropped where html@1.0.0 loses the end of the
// input. The sanitiser step copies unchanged whatever it cannot read as a
// tag.
func Print(src []byte) []byte {
	return PrintWith(src, false)
}

// PrintWith is [Print], with html@1.0.0's misreading of <a> and <mark>
// reproduced when compat is true. Compat lets tests check the layout byte
// for byte against files the CMS saved with the bug, and lets tiptap's
// Resave say what the CMS's next save gives.
func PrintWith(src []byte, compat bool) []byte {
	out, _ := PrintTrace(src, compat)
	return out
}

// PrintTrace is [PrintWith], and also says where the two modes part (see
// [Trace]).
func PrintTrace(src []byte, compat bool) (out []byte, trace Trace) {
	p := printer{
		src:    src,
		compat: compat,
		out:    make([]byte, 0, len(src)+len(src)/32+16),
		tag:    make([]byte, 0, 256),
	}
	p.print()
	return p.finish()
}

// finish returns the printed bytes through step 3, and the trace, which
// keeps src and the checkpoints for [PrintPlain] and [PrintNoBreak].
func (p *printer) finish() ([]byte, Trace) {
	tr := p.trace
	tr.src, tr.plainFrom, tr.dropFrom = p.src, p.plainFrom, p.dropFrom
	if tr.plainFrom == nil && tr.dropFrom == nil {
		// No checkpoint shares p.out, which is the printer's own: step 3
		// writes over it.
		return sanitizeInPlace(p.out), tr
	}
	return sanitize(make([]byte, 0, len(p.out)+16), p.out), tr
}

// PrintPlain returns [Print](src), where trace is what PrintTrace(src,
// true) reported: the layout of src up to the tag at which the two modes
// part, which both make alike, is taken from that run instead of being
// made again. With another trace it lays out all of src.
func PrintPlain(src []byte, trace Trace) []byte {
	if trace.plainFrom == nil || !trace.of(src) {
		return Print(src)
	}
	p := trace.plainFrom.resume(src, false)
	// The checkpoint stands at the tag, its text before it printed:
	// the loop of print goes on with the tag, not with a text (an empty
	// one, which would change how the tag is printed).
	p.readTag()
	p.print()
	out, _ := p.finish()
	return out
}

// PrintNoBreak returns next, [NoBreakSpaces](src, trace.Drops), and what
// PrintTrace(next, true) returns, where trace is what PrintTrace(src,
// true) reported: next has the bytes of src up to the first drop, and
// the layout of that part is taken from the run that traced src. With
// another trace it lays out all of next.
func PrintNoBreak(src []byte, trace Trace) (next, out []byte, tr Trace) {
	next = NoBreakSpaces(src, trace.Drops)
	if trace.dropFrom == nil || !trace.of(src) {
		out, tr = PrintTrace(next, true)
		return next, out, tr
	}
	p := trace.dropFrom.resume(next, true)
	p.print()
	out, tr = p.finish()
	return next, out, tr
}

// of reports whether the trace is of src, the same bytes in memory.
func (t *Trace) of(src []byte) bool {
	return len(src) == len(t.src) && (len(src) == 0 || &src[0] == &t.src[0])
}

// resume returns a printer that goes on from the checkpoint c over src,
// which must hold the bytes c was taken over up to c.pos, in mode compat
// (c's own mode, or plain from a checkpoint taken before the modes part).
// Its output so far is a copy of c's, so that two printers may go on from
// the same run.
func (c *printer) resume(src []byte, compat bool) printer {
	p := *c
	p.src, p.compat = src, compat
	p.out = append(make([]byte, 0, len(src)+len(src)/32+16), c.out...)
	p.tag = make([]byte, 0, 256)
	p.trace = Trace{Diverged: c.trace.Diverged, Spaced: c.trace.Spaced}
	p.plainFrom, p.dropFrom = nil, nil
	return p
}

// Trace is what [PrintTrace] reports besides the bytes.
type Trace struct {
	// Diverged reports whether html@1.0.0 misreads an <a> or <mark> of
	// src, where the two modes part. Both modes read src alike up to that
	// point, so they report it alike, and when it is false they give the
	// same bytes.
	Diverged bool
	// Drops (with compat) lists the offsets in src of the whitespace that
	// html@1.0.0 drops right after a </a> or </mark> it laid out as a
	// block: the spaces a visitor loses.
	Drops []int
	// Spaced (with compat) reports whether html@1.0.0 started such a
	// block on a new line right after text that ran up to its tag: a
	// browser reads a space there that src does not have.
	Spaced bool

	// src is the input traced, and plainFrom and dropFrom (with compat)
	// the printer as it stood before the tag at which the modes part and
	// before the first drop: [PrintPlain] and [PrintNoBreak] go on from
	// there.
	src                 []byte
	plainFrom, dropFrom *printer
}

// NoBreakSpaces returns src with the run of whitespace at each offset
// in drops (ascending, as [Trace.Drops] lists them) replaced by one
// &nbsp;, which the layout keeps.
func NoBreakSpaces(src []byte, drops []int) []byte {
	out := make([]byte, 0, len(src)+6*len(drops))
	last := 0
	for _, d := range drops {
		out = append(out, src[last:d]...)
		out = append(out, nbspEntity...)
		last = d
		for last < len(src) && isSpace(src[last]) {
			last++
		}
	}
	return append(out, src[last:]...)
}

// maxChar is html@1.0.0's wrap column (its max_char default, which
// IsomerCMS keeps).
const maxChar = 70

// unformattedName reports whether html@1.0.0 copies the tag name (lower
// case) raw, up to its first closing tag, instead of laying out its
// content. Heading tags are in its list, though a heading still starts a
// new line (see [printer.single]).
func unformattedName(name []byte) bool {
	switch string(name) {
	case "a", "span", "bdo", "em", "strong", "dfn", "code", "samp", "kbd",
		"var", "cite", "abbr", "acronym", "q", "sub", "sup", "tt", "i", "b",
		"big", "small", "u", "s", "strike", "font", "ins", "del", "pre",
		"address", "dt", "h1", "h2", "h3", "h4", "h5", "h6":
		return true
	}
	return false
}

// singleName reports whether html@1.0.0 treats the tag name (lower
// case) as having no content. <col> and <source> are not in its list.
func singleName(name []byte) bool {
	switch string(name) {
	case "br", "input", "link", "meta", "!doctype", "basefont", "base",
		"area", "hr", "wbr", "param", "img", "isindex", "embed":
		return true
	}
	return false
}

// isUnformatted reports whether name (lower case) is copied raw. In
// compatible mode it is html@1.0.0's list; otherwise <mark> joins it.
func (p *printer) isUnformatted(name []byte) bool {
	if string(name) == "mark" {
		p.diverge()
		return !p.compat
	}
	return unformattedName(name)
}

// Token kinds, as html@1.0.0's printer distinguishes them.
const (
	kindContent = iota // text between tags, possibly empty
	kindStart          // a tag that starts a block
	kindEnd            // a closing tag
	kindSingle         // a tag with no content, or an inline tag copied raw
	kindRaw            // the content of <script> or <style>
)

// printer holds the state of step 2, the html@1.0.0 layout. Like
// html@1.0.0 it alternates between reading the text up to the next "<"
// and reading a tag, and it keeps one column counter across both.
type printer struct {
	src    []byte
	pos    int
	out    []byte
	compat bool

	// col is html@1.0.0's line_char_count: the UTF-16 units counted since
	// the last newline, with that library's quirks (see [printer.content]).
	col int
	// last is the kind of the previous token and lastEmpty whether it was
	// empty text; chunk is the offset in out where the last printed tag
	// token starts. The rule for closing tags reads all three.
	last      int
	lastEmpty bool
	chunk     int
	// tagKind is the kind of the last complete tag, or kindContent before
	// the first one.
	tagKind int
	// rawEnd is "script" or "style" after such a start tag: the next text
	// is then read raw up to its closing tag.
	rawEnd string
	// tag is the scratch buffer in which a tag is assembled.
	tag []byte
	// endInline is whether the last end tag printed is </a> or </mark>.
	endInline bool
	trace     Trace
	// tagStart and tagCol are pos and col where the tag being read
	// starts.
	tagStart, tagCol int
	// plainFrom (with compat) is the printer as it stood before the tag
	// at which the modes part, and dropFrom before the first drop (see
	// [Trace]).
	plainFrom, dropFrom *printer
}

// diverge records that the modes part at the tag being read. Nothing of
// the printer but pos and col has changed since the tag started (the
// callers make sure of it), so that, with compat, the printer as it
// stood before the tag is taken from it for [PrintPlain].
func (p *printer) diverge() {
	if p.trace.Diverged {
		return
	}
	p.trace.Diverged = true
	if p.compat {
		c := *p
		c.pos, c.col = p.tagStart, p.tagCol
		p.plainFrom = &c
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

// charLen returns the byte length of the UTF-8 sequence starting at b[i]
// (1 for a byte that does not start a valid sequence) and the number of
// UTF-16 code units JavaScript would count for it.
func charLen(b []byte, i int) (n, units int) {
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

func (p *printer) print() {
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
func (p *printer) newline() {
	p.col = 0
	if len(p.out) > 0 {
		p.out = append(p.out, '\n')
	}
}

// content reads and prints the text up to the next "<". Runs of whitespace
// collapse to one space, and whitespace at either end is dropped. Before
// each word that follows whitespace, the first UTF-16 unit of the word is
// counted and then, if the column has reached maxChar, a newline replaces
// the space and the column restarts at 0 (so that first unit is not
// counted on its new line); otherwise the space is printed and counted.
//
// Words separated by a single space come out as they are in src, so the
// text is copied a stretch at a time: src[from:i] is what is still to be
// copied, and a wrap, or whitespace that is not a single space, ends the
// stretch.
func (p *printer) content() {
	src := p.src
	i := p.pos
	if p.compat && p.last == kindEnd && p.endInline && i < len(src) && isSpace(src[i]) {
		if len(p.trace.Drops) == 0 {
			// The printer as it stands depends on src[:i] alone (the
			// end tag before it ends at i), which NoBreakSpaces keeps.
			c := *p
			p.dropFrom = &c
		}
		p.trace.Drops = append(p.trace.Drops, i)
	}
	for i < len(src) && isSpace(src[i]) {
		i++
	}
	if i >= len(src) || src[i] == '<' {
		p.pos = i
		p.last, p.lastEmpty = kindContent, true
		return
	}
	from := i
	i = p.runEnd(i, false)
	for i < len(src) && src[i] != '<' {
		// src[i] is whitespace.
		if src[i] == ' ' && p.col < maxChar-1 {
			// No wrap can come before column maxChar-1: the plain text
			// up to there is counted and copied as it is.
			if k := plainEnd(src, i, i+maxChar-1-p.col); k > i {
				p.col += k - i
				i = k
				if i < len(src) && !isSpace(src[i]) && src[i] != '<' {
					i = p.runEnd(i, false)
				}
				continue
			}
		}
		j := i + 1
		for j < len(src) && isSpace(src[j]) {
			j++
		}
		if j >= len(src) || src[j] == '<' {
			p.out = append(p.out, src[from:i]...)
			from, i = j, j
			break
		}
		p.col++ // the first unit of the word
		switch {
		case p.col >= maxChar:
			p.out = append(append(p.out, src[from:i]...), '\n')
			p.col, from = 0, j
		case j == i+1 && src[i] == ' ':
			p.col++
		default:
			p.out = append(append(p.out, src[from:i]...), ' ')
			p.col++
			from = j
		}
		p.col-- // runEnd counts the first unit again
		i = p.runEnd(j, false)
	}
	p.out = append(p.out, src[from:i]...)
	p.pos = i
	p.last, p.lastEmpty = kindContent, false
}

// plainEnd returns the end of the plain text starting at src[i]: ASCII
// characters other than whitespace and "<", and single spaces each
// followed by one of them, with every space before offset limit. Each of
// its bytes is one column, and no wrap can fall in it.
//
// Eight bytes at a time are taken whole while they are printable ASCII
// other than "<", none of them a space followed by a space, all before
// limit (seven when the eighth is a space, which the next step decides);
// the rest goes byte by byte, and the next eight are tried after each
// step.
func plainEnd(src []byte, i, limit int) int {
	const ones, lows, highs = 0x0101010101010101, 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	for i < len(src) {
		if i+8 <= len(src) && i+8 <= limit {
			x := binary.LittleEndian.Uint64(src[i:])
			y := x ^ ones*'<'                   // a zero byte for each "<"
			z := x ^ ones*' '                   // a zero byte for each space
			sp := ^((z&lows + lows) | z | lows) // the high bit of each space
			// No byte that is not ASCII, no control byte, no "<", no
			// two spaces in a row.
			if x&highs == 0 && (x-ones*' ')&^x&highs == 0 && (y-ones)&^y&highs == 0 && sp&(sp>>8) == 0 {
				if sp>>63 == 0 {
					i += 8
				} else {
					i += 7
				}
				continue
			}
		}
		c := src[i]
		if !textStop[c] {
			i++
			continue
		}
		if c != ' ' || i >= limit || i+1 >= len(src) || textStop[src[i+1]] {
			return i
		}
		i += 2
	}
	return i
}

// textStop and tagStop mark the bytes at which [printer.runEnd] stops or
// must look closer: whitespace, "<" in text, "=" and ">" in a tag, and
// every byte of a multi-byte character.
var textStop, tagStop = stopTable("<"), stopTable("=>")

func stopTable(special string) ascii.Set {
	stops := " \n\r\t" + special
	return ascii.SetWhere(func(c byte) bool { return c >= 0x80 || strings.IndexByte(stops, c) >= 0 })
}

// runEnd returns the end of the run of characters starting at p.src[i]
// that need no decision: up to whitespace or "<" in text (tag false), up to
// whitespace, "=" or ">" in a tag (tag true). It counts the columns of the
// run.
func (p *printer) runEnd(i int, tag bool) int {
	stop := &textStop
	if tag {
		stop = &tagStop
	}
	src := p.src
	for {
		j := i
		for j < len(src) && !stop[src[j]] {
			j++
		}
		p.col += j - i
		if j >= len(src) || src[j] < 0x80 {
			return j
		}
		n, units := charLen(src, j)
		p.col += units
		i = j + n
	}
}

// raw reads the content of a <script> or <style> element up to its closing
// tag and prints it on lines of its own, trimmed, without wrapping.
func (p *printer) raw() {
	name := p.rawEnd
	p.rawEnd = ""
	end := findClose(p.src, p.pos, name)
	text := p.src[p.pos:end]
	p.pos = end
	p.last = kindRaw
	if len(text) == 0 {
		return
	}
	p.out = append(p.out, '\n')
	text = trimJS(text, false)
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
func (p *printer) readTag() {
	const (
		inName  = iota // the tag name
		inAttr         // an attribute name
		inEq           // right after the "=" that follows an attribute name
		inValue        // an attribute value
	)
	start := p.pos
	p.tagStart, p.tagCol = start, p.col
	t := p.tag[:0]
	state := inName
	var second byte   // first byte of the second element added to t
	elems := 0        // number of elements added to t
	space := false    // whitespace is pending
	nameEnd := -1     // where the first space or wrap newline went into t
	complete := false // whether the closing ">" was read
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if isSpace(c) {
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
		} else if c < 0x80 {
			p.pos++
		} else {
			var n int
			n, units = charLen(p.src, p.pos)
			p.pos += n
		}
		if eq {
			space = false
		}
		if elems > 0 && state != inEq && c != '>' && space {
			if nameEnd < 0 {
				nameEnd = len(t)
			}
			if p.col >= maxChar {
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
			t = appendCRLF(t, p.src[elemStart:p.pos])
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
		case kindEnd:
			p.end(t)
		case kindSingle:
			p.single(t, nil)
		default:
			p.newline()
			p.emitTag(kindStart, t)
		}
		return
	}
	p.classify(start, t, nameEnd)
}

// quoted scans a quoted string whose opening quote q was at i-1 and
// returns the offset just past its closing quote (or the end of src),
// counting the columns it spans; a newline in it resets the column.
func (p *printer) quoted(q byte, i int) int {
	end := len(p.src)
	if k := bytes.IndexByte(p.src[i:], q); k >= 0 {
		end = i + k + 1
	}
	p.advance(p.src[i:end])
	return end
}

// advance counts the columns of s: its UTF-16 units, from the start of
// the line after its last newline if it has one. A newline or carriage
// return is one byte that no multi-byte sequence can hold, so the
// characters after it are those of the text that follows it.
func (p *printer) advance(s []byte) {
	if bytes.IndexByte(s, '\n') < 0 && bytes.IndexByte(s, '\r') < 0 {
		p.col += unitsOf(s)
		return
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c == '\n' || c == '\r' {
			p.col = 0
			i++
			continue
		}
		n, u := charLen(s, i)
		p.col += u
		i += n
	}
}

// unitsOf returns the number of UTF-16 units JavaScript counts in s, as
// [charLen] counts them. Eight ASCII bytes at a time are eight units.
func unitsOf(s []byte) int {
	units := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) && binary.LittleEndian.Uint64(s[i:])&0x8080808080808080 == 0 {
			units += 8
			i += 8
			continue
		}
		if s[i] < 0x80 {
			units++
			i++
			continue
		}
		n, u := charLen(s, i)
		units += u
		i += n
	}
	return units
}

// classify decides what kind of token the complete tag t (read from
// p.src[start:p.pos]) is, reads the raw content of an inline tag, and
// prints the token. nameEnd is where the first space or wrap newline went
// into t, or -1.
func (p *printer) classify(start int, t []byte, nameEnd int) {
	// html@1.0.0 takes the name to be what lies between "<" and the first
	// space, or ">". A wrap right after the name hides that space, which
	// is the bug layout does not reproduce: outside compatible mode the
	// inserted newline ends the name too.
	end := bytes.IndexByte(t, ' ')
	misread := nameEnd >= 0 && (end < 0 || nameEnd < end)
	if misread {
		p.diverge()
		if !p.compat {
			end = nameEnd
		}
	}
	if end < 0 {
		end = bytes.IndexByte(t, '>')
	}
	var lower [16]byte
	raw := t[1:end]
	name := lowerName(lower[:0], raw)
	switch {
	case t[len(t)-2] == '/' || singleName(name):
		p.single(t, nil)
	case string(name) == "script" || string(name) == "style":
		p.rawEnd = string(name)
		p.newline()
		p.emitTag(kindStart, t)
	case p.isUnformatted(name):
		p.inline(start, t, name)
	case len(name) > 0 && name[0] == '!':
		p.bang(t, raw)
	case len(name) > 0 && name[0] == '?':
		p.single(t, p.rawTo(t, "?>"))
	case len(name) > 0 && name[0] == '/':
		p.end(t)
	default:
		if p.compat && (misread || string(name) == "mark") &&
			p.last == kindContent && !p.lastEmpty && !isSpace(p.src[start-1]) {
			// The text ends with a character at the tag, and the
			// newline goes between them.
			p.trace.Spaced = true
		}
		p.newline()
		p.emitTag(kindStart, t)
	}
}

// lowerName appends the ASCII lower case of name to dst. A name longer
// than cap(dst) is cut to its first byte followed by a NUL: the caller can
// still test that first byte, and the result matches none of the names the
// printer compares (all shorter than any dst it passes).
func lowerName(dst, name []byte) []byte {
	long := len(name) > cap(dst)
	if long {
		name = name[:1]
	}
	dst = ascii.AppendLower(dst, name)
	if long {
		dst = append(dst, 0)
	}
	return dst
}

// bang handles tags starting with "<!" (raw is the name as html@1.0.0
// sees it): conditional comments open and close like block tags, CDATA
// sections and comments are copied raw.
func (p *printer) bang(t, raw []byte) {
	switch {
	case indexFold(raw, 0, "[if") >= 0:
		p.newline()
		p.emitTag(kindStart, t)
	case indexFold(raw, 0, "[endif") >= 0:
		p.end(t)
	case indexFold(raw, 0, "[cdata[") >= 0:
		p.single(t, p.rawTo(t, "]]>"))
	default:
		p.single(t, p.rawTo(t, "-->"))
	}
}

// rawTo reads raw text up to and including the first delim (matched
// without regard to ASCII case), counting its columns; a newline resets the
// column. It reads nothing when the tag t itself already holds delim.
func (p *printer) rawTo(t []byte, delim string) []byte {
	if indexFold(t, 0, delim) >= 0 {
		return nil
	}
	end := len(p.src)
	if i := indexFold(p.src, p.pos, delim); i >= 0 {
		end = i + len(delim)
	}
	s := p.src[p.pos:end]
	p.pos = end
	p.advance(s)
	return s
}

// inline handles a tag html@1.0.0 copies raw: the tag, everything up to its
// first closing tag, and the whitespace character just before and just
// after, if any, make one token.
func (p *printer) inline(start int, t, name []byte) {
	var delim [16]byte
	d := append(append(append(delim[:0], "</"...), name...), '>')
	body := p.rawTo(t, string(d))
	mark := len(p.out)
	if !p.inlineNoBreak(t) {
		p.newline()
		mark = len(p.out)
	}
	if start > 0 && isSpace(p.src[start-1]) {
		p.out = append(p.out, p.src[start-1])
	}
	p.out = append(p.out, t...)
	p.out = appendCRLF(p.out, body)
	if p.pos < len(p.src) && isSpace(p.src[p.pos]) {
		p.out = append(p.out, p.src[p.pos])
	}
	p.chunk, p.last, p.tagKind = mark, kindSingle, kindSingle
}

// inlineNoBreak reports whether an inline token starting with tag t stays
// on the current line: html@1.0.0 tests the leading letters of the tag
// name, as written, against its list, so <h2> ("h") and <STRONG> break.
func (p *printer) inlineNoBreak(t []byte) bool {
	i := 1
	for i < len(t) && ('a' <= t[i]|0x20 && t[i]|0x20 <= 'z') {
		i++
	}
	return i > 1 && p.isUnformatted(t[1:i])
}

// appendCRLF appends raw text, turning each carriage return into a newline
// as html@1.0.0 does when it copies raw text.
func appendCRLF(dst, s []byte) []byte {
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
func (p *printer) single(t, body []byte) {
	if !p.inlineNoBreak(t) {
		p.newline()
	}
	mark := len(p.out)
	p.out = append(p.out, t...)
	p.out = appendCRLF(p.out, body)
	p.chunk, p.last, p.tagKind = mark, kindSingle, kindSingle
}

// end prints a closing tag. It goes on a new line only when no text came
// since the previous tag and that tag is not the opening tag of the same
// name, so <p></p> stays on one line but "</strong>" and "</p>" do not.
func (p *printer) end(t []byte) {
	if p.last == kindContent && p.lastEmpty {
		name := firstWord(t)
		open := openName(p.out[p.chunk:])
		if open == nil || !bytes.Equal(open, name) {
			p.newline()
		}
	}
	w := firstWord(t)
	p.endInline = equalFold(w, "a") || equalFold(w, "mark")
	p.emitTag(kindEnd, t)
}

func (p *printer) emitTag(kind int, t []byte) {
	p.chunk = len(p.out)
	p.out = append(p.out, t...)
	p.last, p.tagKind = kind, kind
}
